import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../platform/caller';
import { safeText, uuid } from '../../platform/http/schemas';
import type { PolicyService } from './policy/policy.service';
import { code } from './matter.schemas';

const tags = ['matters'];

/** Policy tables of the loop: thresholds, categories and priority tiers (city administrators). */
export function policyRoutes(policy: PolicyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/matters/settings', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags,
        response: {
          200: z.object({
            items: z.array(z.object({ key: z.string(), value: z.string(), note: z.string() })),
          }),
        },
      },
      handler: async () => ({ items: await policy.listSettings() }),
    });

    app.put('/api/matters/settings/:key', {
      config: { access: { permission: 'matters:configure' } },
      schema: {
        tags,
        params: z.strictObject({ key: code }),
        body: z.strictObject({ value: safeText(10) }),
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
        params: z.strictObject({ code }),
        body: z.strictObject({
          nameZh: safeText(30),
          nameEn: safeText(60),
          defaultUnitId: uuid.nullable().optional(),
          sortOrder: z.number().int().min(0).max(999).optional(),
          isActive: z.boolean(),
        }),
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
        params: z.strictObject({ code }),
        body: z.strictObject({
          nameZh: safeText(30),
          nameEn: safeText(60),
          handleWorkdays: z.number().int().min(1).max(120),
          sortOrder: z.number().int().min(0).max(999).optional(),
          isActive: z.boolean(),
        }),
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await policy.putPriority(callerOf(req), req.params.code, req.body);
        return reply.status(204).send(null);
      },
    });
  };
}
