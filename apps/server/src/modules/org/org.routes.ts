import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORG_KINDS, ORG_SUB_KINDS, PARTY_ORG_TYPES } from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { idParams, pageOf, pageQuery, safeText, uuid, version } from '../../platform/http/schemas';
import type { OrgService } from './org.service';

export const orgSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  subKind: z.enum(ORG_SUB_KINDS),
  partyOrgType: z.enum(PARTY_ORG_TYPES).nullable(),
  code: z.string().nullable(),
  path: z.string(),
  depth: z.number(),
  isActive: z.boolean(),
  childCount: z.number(),
  version: z.number(),
});

const orgDetailSchema = orgSchema.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
  history: z.array(
    z.object({ at: z.string(), action: z.string(), actorName: z.string().nullable(), details: z.unknown() }),
  ),
});

const tags = ['organizations'];

export function orgRoutes(orgs: OrgService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/orgs/children', {
      config: { access: { permission: 'org:read' } },
      schema: {
        tags,
        querystring: z.strictObject({ parentId: uuid.optional() }),
        response: { 200: z.object({ items: z.array(orgSchema) }) },
      },
      handler: async (req) => ({ items: await orgs.listChildren(callerOf(req), req.query.parentId) }),
    });

    app.get('/api/orgs', {
      config: { access: { permission: 'org:read' } },
      schema: {
        tags,
        querystring: z.strictObject({
          q: safeText(50).optional(),
          kind: z.enum(ORG_KINDS).optional(),
          underId: uuid.optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({
            items: z.array(orgSchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
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
        body: z.strictObject({
          parentId: uuid,
          name: safeText(60),
          kind: z.enum(['town', 'village', 'organ', 'department']),
          subKind: z.enum(ORG_SUB_KINDS),
          partyOrgType: z.enum(PARTY_ORG_TYPES).nullable().optional(),
          code: safeText(30).nullable().optional(),
        }),
        response: { 201: orgSchema },
      },
      handler: async (req, reply) => reply.status(201).send(await orgs.createOrg(callerOf(req), req.body)),
    });

    app.patch('/api/orgs/:id', {
      config: { access: { permission: 'org:write' } },
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({
          version,
          name: safeText(60).optional(),
          partyOrgType: z.enum(PARTY_ORG_TYPES).nullable().optional(),
          code: safeText(30).nullable().optional(),
        }),
        response: { 200: orgSchema },
      },
      handler: async (req) => orgs.updateOrg(callerOf(req), req.params.id, req.body),
    });

    app.post('/api/orgs/:id/move', {
      config: { access: { permission: 'org:write' } },
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({ version, newParentId: uuid }),
        response: { 200: orgSchema },
      },
      handler: async (req) => orgs.moveOrg(callerOf(req), req.params.id, req.body),
    });

    app.post('/api/orgs/:id/deactivate', {
      config: { access: { permission: 'org:write' } },
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({ version, reason: safeText(200, 2) }),
        response: { 200: orgSchema },
      },
      handler: async (req) => orgs.deactivateOrg(callerOf(req), req.params.id, req.body),
    });
  };
}
