import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createOrgBody,
  deactivateOrgBody,
  idParams,
  listOrgChildrenQuery,
  lineageResultSchema,
  listOrgsQuery,
  mergeOrgsBody,
  moveOrgBody,
  orgChildrenSchema,
  orgDetailSchema,
  orgPageSchema,
  orgSchema,
  splitOrgBody,
  updateOrgBody,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { pageOf } from '../../platform/http/schemas';
import type { LineageService } from './lineage.service';
import type { OrgService } from './org.service';

const tags = ['organizations'];

export function orgRoutes(orgs: OrgService, lineage: LineageService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/orgs/children', {
      config: { access: { permission: 'org:read' } },
      schema: {
        tags,
        querystring: listOrgChildrenQuery,
        response: { 200: orgChildrenSchema },
      },
      handler: async (req) => ({ items: await orgs.listChildren(callerOf(req), req.query.parentId) }),
    });

    app.get('/api/orgs', {
      config: { access: { permission: 'org:read' } },
      schema: {
        tags,
        querystring: listOrgsQuery,
        response: { 200: orgPageSchema },
      },
      handler: async (req) => {
        const { items, total } = await orgs.listOrgs(callerOf(req), req.query, pageOf(req.query));
        return { items, total, page: req.query.page, pageSize: req.query.pageSize };
      },
    });

    app.get('/api/orgs/:id', {
      config: { access: { permission: 'org:read' } },
      schema: { tags, params: idParams, response: { 200: orgDetailSchema } },
      handler: async (req) => orgs.getOrg(callerOf(req), req.params.id),
    });

    app.post('/api/orgs', {
      config: { access: { permission: 'org:write' } },
      schema: {
        tags,
        body: createOrgBody,
        response: { 201: orgSchema },
      },
      handler: async (req, reply) => reply.status(201).send(await orgs.createOrg(callerOf(req), req.body)),
    });

    app.patch('/api/orgs/:id', {
      config: { access: { permission: 'org:write' } },
      schema: {
        tags,
        params: idParams,
        body: updateOrgBody,
        response: { 200: orgSchema },
      },
      handler: async (req) => orgs.updateOrg(callerOf(req), req.params.id, req.body),
    });

    app.post('/api/orgs/:id/move', {
      config: { access: { permission: 'org:write' } },
      schema: {
        tags,
        params: idParams,
        body: moveOrgBody,
        response: { 200: orgSchema },
      },
      handler: async (req) => orgs.moveOrg(callerOf(req), req.params.id, req.body),
    });

    app.post('/api/orgs/:id/deactivate', {
      config: { access: { permission: 'org:write' } },
      schema: {
        tags,
        params: idParams,
        body: deactivateOrgBody,
        response: { 200: orgSchema },
      },
      handler: async (req) => orgs.deactivateOrg(callerOf(req), req.params.id, req.body),
    });

    app.post('/api/orgs/merge', {
      config: { access: { permission: 'org:write' } },
      schema: { tags, body: mergeOrgsBody, response: { 200: lineageResultSchema } },
      handler: async (req) => lineage.mergeVillages(callerOf(req), req.body),
    });

    app.post('/api/orgs/:id/split', {
      config: { access: { permission: 'org:write' } },
      schema: { tags, params: idParams, body: splitOrgBody, response: { 200: lineageResultSchema } },
      handler: async (req) => lineage.splitVillage(callerOf(req), req.params.id, req.body),
    });
  };
}
