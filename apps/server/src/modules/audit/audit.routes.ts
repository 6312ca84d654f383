import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { actorOf } from '../../platform/http/request-context';
import type { AuditTrail } from '../../platform/audit/audit';
import { isoDate, pageOf, pageQuery, safeText } from '../../platform/http/schemas';

/** The audit administrator's view of the trail: search and verify, each itself audited. No route changes a row. */
export function auditRoutes(db: Kysely<any>, audit: AuditTrail): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        querystring: z.strictObject({
          actor: safeText(40).optional(),
          action: z.string().regex(/^[a-z_]{2,40}$/).optional(),
          objectType: z.string().regex(/^[a-z_]{2,20}$/).optional(),
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
        const f = req.query;
        let q = db.selectFrom('audit_log');
        if (f.actor) q = q.where('actor_name', '=', f.actor.toLowerCase());
        if (f.action) q = q.where('action', '=', f.action);
        if (f.objectType) q = q.where('object_type', '=', f.objectType);
        if (f.outcome) q = q.where('outcome', '=', f.outcome);
        // Stored in UTC, searched by Shanghai business dates.
        if (f.from) q = q.where('ts', '>=', new Date(`${f.from}T00:00:00+08:00`).toISOString());
        if (f.to) q = q.where('ts', '<', new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString());
        const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
        const rows = await q.selectAll().orderBy('seq', 'desc').offset(pageOf(f).offset).limit(f.pageSize).execute();
        await audit.recordAlone(actorOf(req), { action: 'audit_search', objectType: 'audit', details: { filters: { ...f } } });
        return {
          total: Number(n),
          page: f.page,
          pageSize: f.pageSize,
          items: rows.map((r) => ({
            seq: Number(r.seq),
            ts: r.ts,
            actorName: r.actor_name,
            actorRole: r.actor_role,
            action: r.action,
            objectType: r.object_type,
            objectId: r.object_id,
            outcome: r.outcome,
            ip: r.ip,
            details: JSON.parse(r.details),
          })),
        };
      },
    });

    app.get('/api/audit/verify', {
      config: { access: { permission: 'audit:read' } },
      schema: { tags: ['audit'], response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBrokenSeq: z.number().nullable() }) } },
      handler: async (req) => {
        const result = await audit.verify();
        await audit.recordAlone(actorOf(req), { action: 'audit_verify', objectType: 'audit', outcome: result.ok ? 'success' : 'error', details: result });
        return result;
      },
    });
  };
}
