import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addRuleSetBody,
  cancelPolicyVersionBody,
  tierVersionParams,
  candidateDetailSchema,
  candidatePageSchema,
  candidateStepBody,
  cohortListSchema,
  createCohortBody,
  createProgramBody,
  createTierBody,
  exportCandidatesQuery,
  idParams,
  listCandidatesQuery,
  nominateBody,
  noticeSheetSchema,
  overrideEligibilityBody,
  pipelineObjectionParams,
  programListSchema,
  raiseObjectionBody,
  resolvePipelineObjectionBody,
  uuid,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { XLSX_TYPE, fileStamp, sendDownload } from '../../platform/http/download';
import { pageOf } from '../../platform/http/schemas';
import { writeCandidatesXlsx } from './pipeline-export';
import type { PipelineService } from './pipeline.service';

const tags = ['pipeline'];
const read = { permission: 'pipeline:read' } as const;
const manage = { permission: 'pipeline:manage' } as const;
const nominate = { anyPermission: ['pipeline:nominate', 'pipeline:manage'] } as const;
const created = z.object({ id: z.string() });
const EXPORT_CAP = 5000;

/** 薪火计划: programs, tiers, rules, cohorts and the candidate workflow. Writes answer the record. */
export function pipelineRoutes(pipeline: PipelineService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/pipeline/programs', {
      config: { access: read },
      schema: { tags, response: { 200: programListSchema } },
      handler: async (req) => ({ items: await pipeline.listPrograms(callerOf(req)) }),
    });
    app.post('/api/pipeline/programs', {
      config: { access: manage },
      schema: { tags, body: createProgramBody, response: { 201: created } },
      handler: async (req, reply) =>
        reply.status(201).send({ id: await pipeline.createProgram(callerOf(req), req.body) }),
    });
    app.post('/api/pipeline/programs/:id/tiers', {
      config: { access: manage },
      schema: { tags, params: idParams, body: createTierBody, response: { 201: created } },
      handler: async (req, reply) =>
        reply.status(201).send({ id: await pipeline.addTier(callerOf(req), req.params.id, req.body) }),
    });
    app.post('/api/pipeline/tiers/:id/rules', {
      config: { access: manage },
      schema: { tags, params: idParams, body: addRuleSetBody, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await pipeline.addRuleSet(callerOf(req), req.params.id, req.body);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/pipeline/tiers/:id/versions/:version/cancel', {
      config: { access: manage },
      schema: {
        tags,
        params: tierVersionParams,
        body: cancelPolicyVersionBody,
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await pipeline.cancelTierVersion(callerOf(req), req.params.id, req.params.version, req.body.reason);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/pipeline/cohorts', {
      config: { access: read },
      schema: {
        tags,
        querystring: z.strictObject({ tierId: uuid.optional() }),
        response: { 200: cohortListSchema },
      },
      handler: async (req) => ({ items: await pipeline.listCohorts(callerOf(req), req.query.tierId) }),
    });
    app.post('/api/pipeline/cohorts', {
      config: { access: manage },
      schema: { tags, body: createCohortBody, response: { 201: created } },
      handler: async (req, reply) =>
        reply.status(201).send({ id: await pipeline.createCohort(callerOf(req), req.body) }),
    });

    app.get('/api/pipeline/candidates', {
      config: { access: read },
      schema: { tags, querystring: listCandidatesQuery, response: { 200: candidatePageSchema } },
      handler: async (req) => {
        const { page: _p, pageSize: _s, ...f } = req.query;
        const { items, total } = await pipeline.listCandidates(callerOf(req), f, pageOf(req.query));
        return { items, total, page: req.query.page, pageSize: req.query.pageSize };
      },
    });
    app.get('/api/pipeline/candidates/export', {
      config: { access: read },
      schema: { tags, querystring: exportCandidatesQuery },
      handler: async (req, reply) => {
        const rows = await pipeline.exportCandidates(callerOf(req), req.query, EXPORT_CAP);
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes: await writeCandidatesXlsx(rows, req.lang),
          type: XLSX_TYPE,
          asciiName: `pipeline-candidates-${stamp}.xlsx`,
          name: `薪火计划候选人-${stamp}.xlsx`,
        });
      },
    });
    app.post('/api/pipeline/candidates', {
      config: { access: nominate },
      schema: { tags, body: nominateBody, response: { 201: candidateDetailSchema } },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const id = await pipeline.nominate(caller, req.body);
        return reply.status(201).send(await pipeline.getCandidate(caller, id));
      },
    });
    app.get('/api/pipeline/candidates/:id', {
      config: { access: read },
      schema: { tags, params: idParams, response: { 200: candidateDetailSchema } },
      handler: async (req) => pipeline.getCandidate(callerOf(req), req.params.id),
    });
    app.post('/api/pipeline/candidates/:id/steps', {
      config: { access: nominate },
      schema: { tags, params: idParams, body: candidateStepBody, response: { 200: candidateDetailSchema } },
      handler: async (req) => {
        const caller = callerOf(req);
        await pipeline.step(caller, req.params.id, req.body);
        return pipeline.getCandidate(caller, req.params.id);
      },
    });
    app.post('/api/pipeline/candidates/:id/override', {
      config: { access: { permission: 'pipeline:override' } },
      schema: {
        tags,
        params: idParams,
        body: overrideEligibilityBody,
        response: { 200: candidateDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await pipeline.overrideEligibility(caller, req.params.id, req.body);
        return pipeline.getCandidate(caller, req.params.id);
      },
    });
    app.post('/api/pipeline/candidates/:id/objections', {
      config: { access: manage },
      schema: { tags, params: idParams, body: raiseObjectionBody, response: { 200: candidateDetailSchema } },
      handler: async (req) => {
        const caller = callerOf(req);
        await pipeline.raiseObjection(caller, req.params.id, req.body);
        return pipeline.getCandidate(caller, req.params.id);
      },
    });
    app.post('/api/pipeline/candidates/:id/objections/:objectionId/resolve', {
      config: { access: manage },
      schema: {
        tags,
        params: pipelineObjectionParams,
        body: resolvePipelineObjectionBody,
        response: { 200: candidateDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await pipeline.resolveObjection(caller, req.params.id, req.params.objectionId, req.body);
        return pipeline.getCandidate(caller, req.params.id);
      },
    });
    app.get('/api/pipeline/candidates/:id/notice', {
      config: { access: read },
      schema: { tags, params: idParams, response: { 200: noticeSheetSchema } },
      handler: async (req) => pipeline.noticeSheet(callerOf(req), req.params.id),
    });

    // The trainee's own record: no id in the path, nothing else reachable with pipeline:self.
    app.get('/api/pipeline/me', {
      config: { access: { permission: 'pipeline:self' } },
      schema: { tags, response: { 200: candidateDetailSchema } },
      handler: async (req) => pipeline.getMine(callerOf(req)),
    });
  };
}
