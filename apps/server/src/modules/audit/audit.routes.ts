import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/request-context';
import type { AuditService } from './audit.service';
import { isoDate, pageOf, pageQuery, safeText } from '../../platform/http/schemas';

/** The audit administrator's view of the trail: search and verify, each itself audited. No route changes a row. */
export function auditRoutes(trail: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        querystring: z.strictObject({
          actor: safeText(40).optional(),
          action: z
            .string()
            .regex(/^[a-z_]{2,40}$/)
            .optional(),
          objectType: z
            .string()
            .regex(/^[a-z_]{2,20}$/)
            .optional(),
          outcome: z.enum(['success', 'denied', 'error']).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            items: z.array(
              z.object({
                seq: z.number(),
                ts: z.string(),
                actorName: z.string().nullable(),
                actorRole: z.string().nullable(),
                action: z.string(),
                objectType: z.string().nullable(),
                objectId: z.string().nullable(),
                outcome: z.string(),
                ip: z.string().nullable(),
                details: z.unknown(),
              }),
            ),
          }),
        },
      },
      handler: async (req) => {
        const { page, pageSize, ...filters } = req.query;
        const r = await trail.searchTrail(actorOf(req), filters, pageOf(req.query));
        return { ...r, page, pageSize };
      },
    });

    app.get('/api/audit/verify', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBrokenSeq: z.number().nullable(),
            truncatedAfterSeq: z.number().nullable(),
            headSeq: z.number().nullable(),
            anchorSeq: z.number().nullable(),
            finding: z.string().nullable(),
            message: z.object({ zh: z.string(), en: z.string() }).nullable(),
          }),
        },
      },
      handler: async (req) => trail.verifyTrail(actorOf(req)),
    });
  };
}
