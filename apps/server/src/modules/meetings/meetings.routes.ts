import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MEETING_CADENCES, MEETING_HOST_LEVELS, PARTICIPANT_ROLES } from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { idParams, isoDate, pageOf, pageQuery, safeText, uuid, version } from '../../platform/http/schemas';
import { matterListItem, raiseBody } from '../matters';
import type { MeetingService } from './meetings.service';
import type { ReviewService } from './review.service';

const tags = ['meetings'];

const participantBody = z.strictObject({
  personId: uuid.nullable().optional(),
  orgId: uuid.nullable().optional(),
  name: safeText(50),
  role: z.enum(PARTICIPANT_ROLES),
  attended: z.boolean(),
  spoke: z.boolean(),
  speechTopic: safeText(200).nullable().optional(),
});

const meetingBody = {
  seriesId: uuid.nullable().optional(),
  title: safeText(120, 2),
  meetingDate: isoDate,
  hostLevel: z.enum(MEETING_HOST_LEVELS),
  hostOrgId: uuid,
  venueOrgId: uuid.nullable().optional(),
  venueText: safeText(120).nullable().optional(),
  topic: safeText(500).nullable().optional(),
  minutes: safeText(20_000).nullable().optional(),
  participants: z.array(participantBody).max(500).optional(),
};

const meetingItem = z.object({
  id: z.string(),
  seriesId: z.string().nullable(),
  seriesName: z.string().nullable(),
  title: z.string(),
  meetingDate: z.string(),
  hostLevel: z.enum(MEETING_HOST_LEVELS),
  hostOrgId: z.string(),
  hostOrgName: z.string(),
  venueOrgId: z.string().nullable(),
  venueName: z.string().nullable(),
  topic: z.string().nullable(),
  isPublished: z.boolean(),
  publishedAt: z.string().nullable(),
  minutes: z.string().nullable(),
  participantCount: z.number(),
  speakerCount: z.number(),
  version: z.number(),
});

const meetingDetail = meetingItem.extend({
  canEdit: z.boolean(),
  participants: z.array(
    z.object({
      id: z.string(),
      personId: z.string().nullable(),
      orgId: z.string().nullable(),
      name: z.string(),
      role: z.enum(PARTICIPANT_ROLES),
      attended: z.boolean(),
      spoke: z.boolean(),
      speechTopic: z.string().nullable(),
    }),
  ),
  matters: z.array(matterListItem),
});

const reviewSchema = z.object({
  previousMeeting: z.object({ id: z.string(), title: z.string(), meetingDate: z.string() }).nullable(),
  items: z.array(matterListItem.extend({ meetingTitle: z.string(), meetingDate: z.string() })),
  summary: z
    .object({
      total: z.number(),
      closed: z.number(),
      open: z.number(),
      overdue: z.number(),
      satisfied: z.number(),
      dissatisfied: z.number(),
    })
    .nullable(),
});

export function meetingRoutes(meetings: MeetingService, reviews: ReviewService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/meeting-series', {
      config: { access: { permission: 'meetings:read' } },
      schema: {
        tags,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                hostLevel: z.enum(MEETING_HOST_LEVELS),
                hostOrgId: z.string(),
                hostOrgName: z.string(),
                cadence: z.enum(MEETING_CADENCES),
                description: z.string().nullable(),
              }),
            ),
          }),
        },
      },
      handler: async (req) => ({ items: await meetings.listSeries(callerOf(req)) }),
    });

    app.post('/api/meeting-series', {
      config: { access: { permission: 'meetings:write' } },
      schema: {
        tags,
        body: z.strictObject({
          name: safeText(60, 2),
          hostLevel: z.enum(MEETING_HOST_LEVELS),
          hostOrgId: uuid,
          cadence: z.enum(MEETING_CADENCES),
          description: safeText(500).nullable().optional(),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
      handler: async (req, reply) =>
        reply.status(201).send({ id: await meetings.createSeries(callerOf(req), req.body) }),
    });

    app.get('/api/meetings', {
      config: { access: { permission: 'meetings:read' } },
      schema: {
        tags,
        querystring: z.strictObject({
          from: isoDate.optional(),
          to: isoDate.optional(),
          seriesId: uuid.optional(),
          hostLevel: z.enum(MEETING_HOST_LEVELS).optional(),
          orgId: uuid.optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({
            items: z.array(meetingItem),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
      handler: async (req) => {
        const { page: _p, pageSize: _s, ...f } = req.query;
        const { items, total } = await meetings.listMeetings(callerOf(req), f, pageOf(req.query));
        return { items, total, page: req.query.page, pageSize: req.query.pageSize };
      },
    });

    app.get('/api/meetings/:id', {
      config: { access: { permission: 'meetings:read' } },
      schema: { tags, params: idParams, response: { 200: meetingDetail } },
      handler: async (req) => meetings.getMeeting(callerOf(req), req.params.id),
    });

    app.get('/api/meetings/:id/review', {
      config: { access: { permission: 'meetings:read' } },
      schema: { tags, params: idParams, response: { 200: reviewSchema } },
      handler: async (req) => reviews.review(callerOf(req), req.params.id),
    });

    app.post('/api/meetings', {
      config: { access: { permission: 'meetings:write' } },
      schema: { tags, body: z.strictObject(meetingBody), response: { 201: meetingDetail } },
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
        body: z.strictObject({ version, ...meetingBody }),
        response: { 200: meetingDetail },
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
        body: z.strictObject({ version, published: z.boolean() }),
        response: { 200: meetingDetail },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await meetings.setPublished(caller, req.params.id, req.body.version, req.body.published);
        return meetings.getMeeting(caller, req.params.id);
      },
    });

    app.post('/api/meetings/:id/matters', {
      config: { access: { permission: 'matters:raise' } },
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({ items: z.array(raiseBody).min(1).max(50) }),
        response: { 201: z.object({ ids: z.array(z.string()) }) },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send({ ids: await meetings.raiseAtMeeting(callerOf(req), req.params.id, req.body.items) }),
    });
  };
}
