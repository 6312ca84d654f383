import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createdIdSchema,
  meetingBodySchema,
  meetingDetailSchema,
  meetingIdParamsSchema as idParams,
  meetingListQuerySchema,
  meetingPageSchema,
  meetingPublishBodySchema,
  meetingRaiseBodySchema,
  meetingReviewSchema,
  meetingSeriesBodySchema,
  meetingSeriesListSchema,
  meetingSignInSheetSchema,
  meetingUpdateBodySchema,
  raisedIdsSchema,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { DEFAULT_WORKBOOK_LIMITS } from '../../platform/excel/workbook-guard';
import { XLSX_TYPE, sendDownload } from '../../platform/http/download';
import { registerFileUpload } from '../../platform/http/octet-upload';
import { pageOf } from '../../platform/http/schemas';
import type { MeetingService } from './meetings.service';
import type { ReviewService } from './review.service';

const tags = ['meetings'];

export function meetingRoutes(meetings: MeetingService, reviews: ReviewService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/meeting-series', {
      config: { access: { permission: 'meetings:read' } },
      schema: {
        tags,
        response: { 200: meetingSeriesListSchema },
      },
      handler: async (req) => ({ items: await meetings.listSeries(callerOf(req)) }),
    });

    app.post('/api/meeting-series', {
      config: { access: { permission: 'meetings:write' } },
      schema: {
        tags,
        body: meetingSeriesBodySchema,
        response: { 201: createdIdSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send({ id: await meetings.createSeries(callerOf(req), req.body) }),
    });

    app.get('/api/meetings', {
      config: { access: { permission: 'meetings:read' } },
      schema: {
        tags,
        querystring: meetingListQuerySchema,
        response: { 200: meetingPageSchema },
      },
      handler: async (req) => {
        const { page: _p, pageSize: _s, ...f } = req.query;
        const { items, total } = await meetings.listMeetings(callerOf(req), f, pageOf(req.query));
        return { items, total, page: req.query.page, pageSize: req.query.pageSize };
      },
    });

    app.get('/api/meetings/:id', {
      config: { access: { permission: 'meetings:read' } },
      schema: { tags, params: idParams, response: { 200: meetingDetailSchema } },
      handler: async (req) => meetings.getMeeting(callerOf(req), req.params.id),
    });

    app.get('/api/meetings/:id/review', {
      config: { access: { permission: 'meetings:read' } },
      schema: { tags, params: idParams, response: { 200: meetingReviewSchema } },
      handler: async (req) => reviews.review(callerOf(req), req.params.id),
    });

    app.post('/api/meetings', {
      config: { access: { permission: 'meetings:write' } },
      schema: { tags, body: meetingBodySchema, response: { 201: meetingDetailSchema } },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const id = await meetings.createMeeting(caller, req.body);
        return reply.status(201).send(await meetings.getMeeting(caller, id));
      },
    });

    app.put('/api/meetings/:id', {
      config: { access: { permission: 'meetings:write' } },
      schema: {
        tags,
        params: idParams,
        body: meetingUpdateBodySchema,
        response: { 200: meetingDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        const { version: v, ...input } = req.body;
        await meetings.updateMeeting(caller, req.params.id, v, input);
        return meetings.getMeeting(caller, req.params.id);
      },
    });

    app.post('/api/meetings/:id/publish', {
      config: { access: { permission: 'meetings:write' } },
      schema: {
        tags,
        params: idParams,
        body: meetingPublishBodySchema,
        response: { 200: meetingDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await meetings.setPublished(caller, req.params.id, req.body.version, req.body.published);
        return meetings.getMeeting(caller, req.params.id);
      },
    });

    app.get('/api/meetings/sign-in-sheet/template', {
      config: { access: { permission: 'meetings:write' } },
      schema: { tags },
      handler: async (req, reply) =>
        sendDownload(reply, {
          bytes: await meetings.signInTemplate(req.lang),
          type: XLSX_TYPE,
          asciiName: 'meeting-sign-in-sheet.xlsx',
          name: req.lang === 'en' ? 'meeting-sign-in-sheet.xlsx' : '见面会签到表.xlsx',
        }),
    });

    // The sheet is read, not stored: the form adds the participants it names.
    await registerFileUpload(app, {
      url: '/api/meetings/sign-in-sheet',
      maxBytes: DEFAULT_WORKBOOK_LIMITS.maxBytes,
      tooLarge: 'EXCEL_TOO_LARGE',
      config: { access: { permission: 'meetings:write' } },
      schema: { tags, response: { 200: meetingSignInSheetSchema } },
      handle: async (req, file) => meetings.readSignInSheet(callerOf(req), file.bytes),
    });

    app.post('/api/meetings/:id/matters', {
      config: { access: { permission: 'matters:raise' } },
      schema: {
        tags,
        params: idParams,
        body: meetingRaiseBodySchema,
        response: { 201: raisedIdsSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send({ ids: await meetings.raiseAtMeeting(callerOf(req), req.params.id, req.body.items) }),
    });
  };
}
