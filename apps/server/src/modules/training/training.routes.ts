import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createdIdSchema,
  personTrainingSchema,
  trainingEnrollBodySchema,
  trainingEnrollResultSchema,
  trainingFeedbackBodySchema,
  trainingHoursExportQuerySchema,
  trainingHoursQuerySchema,
  trainingHoursReportSchema,
  trainingIdParamsSchema as idParams,
  trainingLecturerStatsSchema,
  trainingProgramBodySchema,
  trainingProgramListQuerySchema,
  trainingProgramListSchema,
  trainingRequirementBodySchema,
  trainingSessionBodySchema,
  trainingSessionDetailSchema,
  trainingSessionListQuerySchema,
  trainingSessionListSchema,
  trainingSignInBodySchema,
  trainingSignInResultSchema,
  trainingYearQuerySchema,
  univClassSchema,
  univCohortBodySchema,
  univCohortDetailSchema,
  univStudentBodySchema,
} from '@xinhuo/shared';
import { z } from 'zod';
import { callerOf } from '../../platform/caller';
import { DEFAULT_WORKBOOK_LIMITS } from '../../platform/excel/workbook-guard';
import { XLSX_TYPE, fileStamp, sendDownload } from '../../platform/http/download';
import { registerFileUpload } from '../../platform/http/octet-upload';
import { pageOf } from '../../platform/http/schemas';
import { writeClassXlsx, writeHoursXlsx } from './training-export';
import type { TrainingService } from './training.service';

const tags = ['training'];
const read = { permission: 'training:read' } as const;
const write = { permission: 'training:write' } as const;

export function trainingRoutes(training: TrainingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/training/programs', {
      config: { access: read },
      schema: {
        tags,
        querystring: trainingProgramListQuerySchema,
        response: { 200: trainingProgramListSchema },
      },
      handler: async (req) => ({ items: await training.listPrograms(callerOf(req), req.query.year) }),
    });

    app.post('/api/training/programs', {
      config: { access: write },
      schema: { tags, body: trainingProgramBodySchema, response: { 201: createdIdSchema } },
      handler: async (req, reply) =>
        reply.status(201).send({ id: await training.createProgram(callerOf(req), req.body) }),
    });

    app.get('/api/training/sessions', {
      config: { access: read },
      schema: {
        tags,
        querystring: trainingSessionListQuerySchema,
        response: { 200: trainingSessionListSchema },
      },
      handler: async (req) => ({ items: await training.listSessions(callerOf(req), req.query) }),
    });

    app.post('/api/training/sessions', {
      config: { access: write },
      schema: { tags, body: trainingSessionBodySchema, response: { 201: createdIdSchema } },
      handler: async (req, reply) =>
        reply.status(201).send({ id: await training.createSession(callerOf(req), req.body) }),
    });

    app.get('/api/training/sessions/:id', {
      config: { access: read },
      schema: { tags, params: idParams, response: { 200: trainingSessionDetailSchema } },
      handler: async (req) => training.getSession(callerOf(req), req.params.id),
    });

    app.post('/api/training/sessions/:id/enroll', {
      config: { access: write },
      schema: {
        tags,
        params: idParams,
        body: trainingEnrollBodySchema,
        response: { 200: trainingEnrollResultSchema },
      },
      handler: async (req) => training.enroll(callerOf(req), req.params.id, req.body),
    });

    app.post('/api/training/sessions/:id/sign-in', {
      config: { access: write },
      schema: {
        tags,
        params: idParams,
        body: trainingSignInBodySchema,
        response: { 200: trainingSignInResultSchema },
      },
      handler: async (req) => training.signIn(callerOf(req), req.params.id, req.body.personIds),
    });

    app.post('/api/training/sessions/:id/feedback', {
      config: { access: write },
      schema: { tags, params: idParams, body: trainingFeedbackBodySchema, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await training.giveFeedback(callerOf(req), req.params.id, req.body);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/training/hours', {
      config: { access: read },
      schema: { tags, querystring: trainingHoursQuerySchema, response: { 200: trainingHoursReportSchema } },
      handler: async (req) => {
        const { page, pageSize, shortfallOnly, ...q } = req.query;
        const r = await training.hoursReport(
          callerOf(req),
          { ...q, shortfallOnly: shortfallOnly === 'true' },
          pageOf(req.query),
        );
        return { ...r, page, pageSize };
      },
    });

    app.get('/api/training/hours/export', {
      config: { access: read },
      schema: { tags, querystring: trainingHoursExportQuerySchema },
      handler: async (req, reply) => {
        const { shortfallOnly, ...q } = req.query;
        const r = await training.exportHours(callerOf(req), {
          ...q,
          shortfallOnly: shortfallOnly === 'true',
        });
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes: await writeHoursXlsx(r, req.lang),
          type: XLSX_TYPE,
          asciiName: `training-hours-${q.year}-${stamp}.xlsx`,
          name: `培训学时-${q.year}-${stamp}.xlsx`,
        });
      },
    });

    app.put('/api/training/requirements', {
      config: { access: write },
      schema: { tags, body: trainingRequirementBodySchema, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await training.setRequirement(callerOf(req), req.body.year, req.body.hours);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/training/lecturers', {
      config: { access: read },
      schema: { tags, querystring: trainingYearQuerySchema, response: { 200: trainingLecturerStatsSchema } },
      handler: async (req) => training.lecturerStats(callerOf(req), req.query.year),
    });

    app.get('/api/training/people/:id', {
      config: { access: read },
      schema: { tags, params: idParams, response: { 200: personTrainingSchema } },
      handler: async (req) => training.personTraining(callerOf(req), req.params.id),
    });

    app.get('/api/training/class', {
      config: { access: read },
      schema: { tags, response: { 200: univClassSchema } },
      handler: async (req) => training.classOverview(callerOf(req)),
    });

    app.get('/api/training/class/export', {
      config: { access: read },
      schema: { tags },
      handler: async (req, reply) => {
        const rows = await training.exportClass(callerOf(req));
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes: await writeClassXlsx(rows, req.lang),
          type: XLSX_TYPE,
          asciiName: `village-cadre-class-${stamp}.xlsx`,
          name: `定制村干班-${stamp}.xlsx`,
        });
      },
    });

    app.post('/api/training/class/cohorts', {
      config: { access: write },
      schema: { tags, body: univCohortBodySchema, response: { 201: createdIdSchema } },
      handler: async (req, reply) =>
        reply.status(201).send({ id: await training.createCohort(callerOf(req), req.body) }),
    });

    app.get('/api/training/class/cohorts/:id', {
      config: { access: read },
      schema: { tags, params: idParams, response: { 200: univCohortDetailSchema } },
      handler: async (req) => training.getCohort(callerOf(req), req.params.id),
    });

    app.post('/api/training/class/cohorts/:id/students', {
      config: { access: write },
      schema: { tags, params: idParams, body: univStudentBodySchema, response: { 201: createdIdSchema } },
      handler: async (req, reply) => {
        const { personId, ...rest } = req.body;
        const id = await training.addStudent(callerOf(req), req.params.id, {
          ...rest,
          person: { id: personId },
        });
        return reply.status(201).send({ id });
      },
    });

    // The sign-in sheet lives in a child context: the octet-stream parser exists only there.
    await registerFileUpload(app, {
      url: '/api/training/sessions/:id/sign-in/import',
      maxBytes: DEFAULT_WORKBOOK_LIMITS.maxBytes,
      tooLarge: 'EXCEL_TOO_LARGE',
      config: { access: write },
      schema: { tags, params: idParams, response: { 200: trainingSignInResultSchema } },
      handle: async (req, file) =>
        training.importSignIn(callerOf(req), (req.params as { id: string }).id, file.bytes),
    });
  };
}
