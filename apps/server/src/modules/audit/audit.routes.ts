import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, auditVerificationSchema, searchAuditQuery } from '@xinhuo/shared';
import { actorOf } from '../../platform/http/request-context';
import type { AuditService } from './audit.service';
import { pageOf } from '../../platform/http/schemas';

/** The audit administrator's view of the trail: search and verify, each itself audited. No route changes a row. */
export function auditRoutes(trail: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        querystring: searchAuditQuery,
        response: { 200: auditPageSchema },
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
        response: { 200: auditVerificationSchema },
      },
      handler: async (req) => trail.verifyTrail(actorOf(req)),
    });
  };
}
