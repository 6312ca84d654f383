import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cancelPolicyVersionBody,
  createPolicyVersionBody,
  matterCategoryBodySchema,
  matterCodeParamsSchema,
  matterPriorityBodySchema,
  matterSettingBodySchema,
  matterSettingParamsSchema,
  matterSettingsSchema,
  policyKindParams,
  policyVersionListSchema,
  policyVersionParams,
  policyVersionSchema,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import type { PolicyService } from './policy/policy.service';

const tags = ['matters'];

/** Policy tables of the loop: thresholds, categories and priority tiers (city administrators). */
export function policyRoutes(policy: PolicyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/policy/:kind/versions', {
      config: { access: { permission: 'policy:manage' } },
      schema: { tags: ['policy'], params: policyKindParams, response: { 200: policyVersionListSchema } },
      handler: async (req) => policy.listVersions(req.params.kind),
    });

    app.post('/api/policy/:kind/versions', {
      config: { access: { permission: 'policy:manage' } },
      schema: {
        tags: ['policy'],
        params: policyKindParams,
        body: createPolicyVersionBody,
        response: { 201: policyVersionSchema },
      },
      handler: async (req, reply) => {
        const v = await policy.createVersion(
          callerOf(req),
          req.params.kind,
          req.body.effectiveFrom,
          req.body.body,
        );
        return reply.status(201).send(v);
      },
    });

    app.post('/api/policy/:kind/versions/:version/cancel', {
      config: { access: { permission: 'policy:manage' } },
      schema: {
        tags: ['policy'],
        params: policyVersionParams,
        body: cancelPolicyVersionBody,
        response: { 200: policyVersionSchema },
      },
      handler: async (req) =>
        policy.cancelVersion(callerOf(req), req.params.kind, req.params.version, req.body.reason),
    });

    app.get('/api/matters/settings', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags,
        response: { 200: matterSettingsSchema },
      },
      handler: async () => ({ items: await policy.listSettings() }),
    });

    app.put('/api/matters/settings/:key', {
      config: { access: { permission: 'matters:configure' } },
      schema: {
        tags,
        params: matterSettingParamsSchema,
        body: matterSettingBodySchema,
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await policy.setSetting(callerOf(req), req.params.key, req.body.value);
        return reply.status(204).send(null);
      },
    });

    app.put('/api/matters/categories/:code', {
      config: { access: { permission: 'matters:configure' } },
      schema: {
        tags,
        params: matterCodeParamsSchema,
        body: matterCategoryBodySchema,
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await policy.putCategory(callerOf(req), req.params.code, req.body);
        return reply.status(204).send(null);
      },
    });

    app.put('/api/matters/priorities/:code', {
      config: { access: { permission: 'matters:configure' } },
      schema: {
        tags,
        params: matterCodeParamsSchema,
        body: matterPriorityBodySchema,
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await policy.putPriority(callerOf(req), req.params.code, req.body);
        return reply.status(204).send(null);
      },
    });
  };
}
