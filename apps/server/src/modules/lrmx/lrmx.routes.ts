import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { applyLrmxBody, exportRosterQuery, idParams, lrmxSessionSchema } from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { fileStamp, sendDownload } from '../../platform/http/download';
import { registerFileUpload } from '../../platform/http/octet-upload';
import { LRMX_ZIP_LIMITS } from '../../platform/lrmx/lrmx-zip';
import type { LrmxService } from './lrmx.service';

const tags = ['lrmx'];
const importAccess = { permission: 'roster:import' } as const;
const exportAccess = { permission: 'roster:export' } as const;
/**
 * An .lrmx carries the full ID number (the key a file is matched by on import): its exports need the right
 * to see ID numbers, not only to export the (masked) roster — a leader may export Excel but not these.
 */
const fullRecordAccess = { permission: 'pii:reveal' } as const;

/** Uploads one user may make in a minute, as for the Excel import. */
export const LRMX_UPLOADS_PER_MINUTE = 10;

const LRMX_TYPE = 'application/xml';
const ZIP_TYPE = 'application/zip';

/**
 * LRMX exchange: the upload (raw .lrmx or .zip, as the Excel import's) making a session, the session,
 * its apply; one person's .lrmx and 任免审批表 PDF; the filtered roster as a .zip of .lrmx.
 */
export function lrmxRoutes(lrmx: LrmxService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/lrmx/sessions/:id', {
      config: { access: importAccess },
      schema: { tags, params: idParams, response: { 200: lrmxSessionSchema } },
      handler: async (req) => lrmx.get(callerOf(req), req.params.id, req.lang),
    });

    app.post('/api/lrmx/sessions/:id/apply', {
      config: { access: importAccess },
      schema: { tags, params: idParams, body: applyLrmxBody, response: { 200: lrmxSessionSchema } },
      handler: async (req) => lrmx.apply(callerOf(req), req.params.id, req.body, req.lang),
    });

    app.get('/api/people/:id/lrmx', {
      config: { access: fullRecordAccess },
      schema: { tags, params: idParams },
      handler: async (req, reply) => {
        const file = await lrmx.exportPerson(callerOf(req), req.params.id);
        return sendDownload(reply, {
          bytes: file.bytes,
          type: LRMX_TYPE,
          asciiName: 'cadre-record.lrmx',
          name: `${file.name}.lrmx`,
        });
      },
    });

    app.get('/api/people/:id/cadre-form.pdf', {
      config: { access: exportAccess },
      schema: { tags, params: idParams },
      handler: async (req, reply) => {
        const file = await lrmx.cadreFormPdf(callerOf(req), req.params.id);
        return sendDownload(reply, {
          bytes: file.bytes,
          type: 'application/pdf',
          asciiName: 'cadre-form.pdf',
          name: `干部任免审批表-${file.name}.pdf`,
        });
      },
    });

    app.get('/api/people/lrmx-export', {
      config: { access: fullRecordAccess },
      schema: { tags, querystring: exportRosterQuery },
      handler: async (req, reply) => {
        const bytes = await lrmx.exportRoster(callerOf(req), req.query);
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes,
          type: ZIP_TYPE,
          asciiName: `cadre-records-${stamp}.zip`,
          name: `任免审批表-${stamp}.zip`,
        });
      },
    });

    await registerFileUpload(app, {
      url: '/api/lrmx/sessions',
      maxBytes: LRMX_ZIP_LIMITS.maxArchiveBytes,
      tooLarge: 'LRMX_ZIP_TOO_LARGE',
      config: {
        access: importAccess,
        rateLimit: {
          max: LRMX_UPLOADS_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: (req) => `lrmx:${req.user?.id ?? req.ip}`,
        },
      },
      schema: { tags, response: { 201: lrmxSessionSchema } },
      handle: async (req, file, reply) =>
        reply.status(201).send(await lrmx.upload(callerOf(req), file, req.lang)),
    });
  };
}
