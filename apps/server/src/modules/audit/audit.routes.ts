import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditPageSchema,
  auditVerificationSchema,
  exportAuditQuery,
  idParams,
  savedSearchBody,
  savedSearchListSchema,
  savedSearchSchema,
  searchAuditQuery,
} from '@xinhuo/shared';
import { actorOf } from '../../platform/http/request-context';
import { XLSX_TYPE, fileStamp, sendDownload } from '../../platform/http/download';
import type { AuditService } from './audit.service';
import { pageOf } from '../../platform/http/schemas';

/**
 * The audit administrator's view of the trail: search, verify, export, each itself audited; saved searches
 * are the auditor's own. No route changes a row of the trail.
 */
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

    // The filtered trail as .xlsx (at most 100,000 rows; more answers 413 with the reason).
    app.get('/api/audit/export', {
      config: { access: { permission: 'audit:read' } },
      schema: { tags: ['audit'], querystring: exportAuditQuery },
      handler: async (req, reply) => {
        const { bytes } = await trail.exportTrail(actorOf(req), req.query, req.lang === 'en' ? 'en' : 'zh');
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes,
          type: XLSX_TYPE,
          asciiName: `audit-${stamp}.xlsx`,
          name: `审计日志-${stamp}.xlsx`,
        });
      },
    });

    app.get('/api/audit/searches', {
      config: { access: { permission: 'audit:read' } },
      schema: { tags: ['audit'], response: { 200: savedSearchListSchema } },
      handler: async (req) => trail.listSavedSearches(actorOf(req)),
    });

    app.post('/api/audit/searches', {
      config: { access: { permission: 'audit:read' } },
      schema: { tags: ['audit'], body: savedSearchBody, response: { 201: savedSearchSchema } },
      handler: async (req, reply) => reply.status(201).send(await trail.saveSearch(actorOf(req), req.body)),
    });

    app.delete('/api/audit/searches/:id', {
      config: { access: { permission: 'audit:read' } },
      schema: { tags: ['audit'], params: idParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await trail.deleteSavedSearch(actorOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    });
  };
}
