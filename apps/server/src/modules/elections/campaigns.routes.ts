import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addCandidateBody,
  campaignCandidateParams,
  campaignDetailSchema,
  campaignObjectionParams,
  campaignOrgDetailSchema,
  campaignOrgPageSchema,
  campaignOrgParams,
  campaignPageSchema,
  campaignParams,
  campaignTransitionBody,
  createCampaignBody,
  errorMessage,
  finalizeCampaignOrgBody,
  listCampaignOrgsQuery,
  listCampaignsQuery,
  pendingCityReviewSchema,
  recordObjectionBody,
  recordResultsBody,
  recordVettingBody,
  resolveObjectionBody,
  updateTimetableBody,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { pageOf } from '../../platform/http/schemas';
import type { CampaignsService } from './campaigns.service';

const tags = ['elections'];
const read = { permission: 'election:read' } as const;
const write = { permission: 'election:write' } as const;

/** The term election campaign (换届): campaigns, each org's part, and its steps. Writes answer the part. */
export function campaignRoutes(campaigns: CampaignsService): FastifyPluginAsyncZod {
  return async (app) => {
    const part = '/api/elections/:id/orgs/:orgId';

    app.get('/api/elections', {
      config: { access: read },
      schema: { tags, querystring: listCampaignsQuery, response: { 200: campaignPageSchema } },
      handler: async (req) => {
        const { items, total } = await campaigns.listCampaigns(callerOf(req), pageOf(req.query));
        return { items, total, page: req.query.page, pageSize: req.query.pageSize };
      },
    });

    app.post('/api/elections', {
      config: { access: write },
      schema: { tags, body: createCampaignBody, response: { 201: campaignDetailSchema } },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const id = await campaigns.createCampaign(caller, req.body);
        return reply.status(201).send(await campaigns.getCampaign(caller, id));
      },
    });

    app.get('/api/elections/:id', {
      config: { access: read },
      schema: { tags, params: campaignParams, response: { 200: campaignDetailSchema } },
      handler: async (req) => campaigns.getCampaign(callerOf(req), req.params.id),
    });

    app.get('/api/elections/:id/orgs', {
      config: { access: read },
      schema: {
        tags,
        params: campaignParams,
        querystring: listCampaignOrgsQuery,
        response: { 200: campaignOrgPageSchema },
      },
      handler: async (req) => {
        const { page: _p, pageSize: _s, ...f } = req.query;
        const { items, total } = await campaigns.listCampaignOrgs(
          callerOf(req),
          req.params.id,
          f,
          pageOf(req.query),
        );
        return { items, total, page: req.query.page, pageSize: req.query.pageSize };
      },
    });

    app.get(part, {
      config: { access: read },
      schema: { tags, params: campaignOrgParams, response: { 200: campaignOrgDetailSchema } },
      handler: async (req) => campaigns.getCampaignOrg(callerOf(req), req.params.id, req.params.orgId),
    });

    app.put(`${part}/timetable`, {
      config: { access: write },
      schema: {
        tags,
        params: campaignOrgParams,
        body: updateTimetableBody,
        response: { 200: campaignOrgDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await campaigns.updateTimetable(caller, req.params.id, req.params.orgId, req.body);
        return campaigns.getCampaignOrg(caller, req.params.id, req.params.orgId);
      },
    });

    app.post(`${part}/candidates`, {
      config: { access: write },
      schema: {
        tags,
        params: campaignOrgParams,
        body: addCandidateBody,
        response: { 201: campaignOrgDetailSchema, 202: pendingCityReviewSchema },
      },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const added = await campaigns.addCandidate(caller, req.params.id, req.params.orgId, req.body);
        if (added.status === 'pending_city_review')
          return reply.status(202).send({ ...added, message: errorMessage('PERSON_CITY_REVIEW', req.lang) });
        return reply
          .status(201)
          .send(await campaigns.getCampaignOrg(caller, req.params.id, req.params.orgId));
      },
    });

    app.delete(`${part}/candidates/:candidateId`, {
      config: { access: write },
      schema: { tags, params: campaignCandidateParams, response: { 200: campaignOrgDetailSchema } },
      handler: async (req) => {
        const caller = callerOf(req);
        const { id, orgId, candidateId } = req.params;
        await campaigns.removeCandidate(caller, id, orgId, candidateId);
        return campaigns.getCampaignOrg(caller, id, orgId);
      },
    });

    app.put(`${part}/candidates/:candidateId/vetting`, {
      config: { access: write },
      schema: {
        tags,
        params: campaignCandidateParams,
        body: recordVettingBody,
        response: { 200: campaignOrgDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        const { id, orgId, candidateId } = req.params;
        await campaigns.recordVetting(caller, id, orgId, candidateId, req.body.checks);
        return campaigns.getCampaignOrg(caller, id, orgId);
      },
    });

    app.post(`${part}/transition`, {
      config: { access: write },
      schema: {
        tags,
        params: campaignOrgParams,
        body: campaignTransitionBody,
        response: { 200: campaignOrgDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await campaigns.transition(caller, req.params.id, req.params.orgId, req.body);
        return campaigns.getCampaignOrg(caller, req.params.id, req.params.orgId);
      },
    });

    app.post(`${part}/objections`, {
      config: { access: write },
      schema: {
        tags,
        params: campaignOrgParams,
        body: recordObjectionBody,
        response: { 201: campaignOrgDetailSchema },
      },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        await campaigns.recordObjection(caller, req.params.id, req.params.orgId, req.body);
        return reply
          .status(201)
          .send(await campaigns.getCampaignOrg(caller, req.params.id, req.params.orgId));
      },
    });

    app.post(`${part}/objections/:objectionId/resolve`, {
      config: { access: write },
      schema: {
        tags,
        params: campaignObjectionParams,
        body: resolveObjectionBody,
        response: { 200: campaignOrgDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        const { id, orgId, objectionId } = req.params;
        await campaigns.resolveObjection(caller, id, orgId, objectionId, req.body.resolution);
        return campaigns.getCampaignOrg(caller, id, orgId);
      },
    });

    app.put(`${part}/results`, {
      config: { access: write },
      schema: {
        tags,
        params: campaignOrgParams,
        body: recordResultsBody,
        response: { 200: campaignOrgDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await campaigns.recordResults(caller, req.params.id, req.params.orgId, req.body);
        return campaigns.getCampaignOrg(caller, req.params.id, req.params.orgId);
      },
    });

    app.post(`${part}/finalize`, {
      config: { access: write },
      schema: {
        tags,
        params: campaignOrgParams,
        body: finalizeCampaignOrgBody,
        response: { 200: campaignOrgDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await campaigns.finalizeOrg(caller, req.params.id, req.params.orgId, req.body.version);
        return campaigns.getCampaignOrg(caller, req.params.id, req.params.orgId);
      },
    });
  };
}
