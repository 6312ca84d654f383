import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  commitImportBody,
  importIssuesPageSchema,
  importIssuesQuerySchema,
  importJobParamsSchema as params,
  importJobSchema,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { DEFAULT_WORKBOOK_LIMITS } from '../../platform/excel/workbook-guard';
import { XLSX_TYPE, fileStamp, sendDownload } from '../../platform/http/download';
import { registerFileUpload } from '../../platform/http/octet-upload';
import type { ImportsService } from './imports.service';

const tags = ['imports'];
const access = { permission: 'roster:import' } as const;

/** Largest import upload: the workbook limit of the Excel engine. */
export const IMPORT_MAX_BYTES = DEFAULT_WORKBOOK_LIMITS.maxBytes;

/** Uploads one user may make in a minute: a few corrected files, not a script. */
export const IMPORT_UPLOADS_PER_MINUTE = 10;

/**
 * The roster import. The upload is the raw workbook (application/octet-stream) with its file name
 * URL-encoded in X-File-Name; only that route accepts such a body.
 */
export function importRoutes(imports: ImportsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/imports/template', {
      config: { access },
      schema: { tags },
      handler: async (req, reply) =>
        sendDownload(reply, {
          bytes: await imports.template(req.lang),
          type: XLSX_TYPE,
          asciiName: 'roster-import-template.xlsx',
          name: req.lang === 'en' ? 'roster-import-template.xlsx' : '花名册导入模板.xlsx',
        }),
    });

    app.get('/api/imports/:id', {
      config: { access },
      schema: { tags, params, response: { 200: importJobSchema } },
      handler: async (req) => imports.getJob(callerOf(req), req.params.id, req.lang),
    });

    app.get('/api/imports/:id/issues', {
      config: { access },
      schema: {
        tags,
        params,
        querystring: importIssuesQuerySchema,
        response: { 200: importIssuesPageSchema },
      },
      handler: async (req) => imports.listIssues(callerOf(req), req.params.id, req.query),
    });

    app.get('/api/imports/:id/annotated', {
      config: { access },
      schema: { tags, params },
      handler: async (req, reply) => {
        const bytes = await imports.annotatedCopy(callerOf(req), req.params.id, req.lang);
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes,
          type: XLSX_TYPE,
          asciiName: `import-report-${stamp}.xlsx`,
          name: req.lang === 'en' ? `import-report-${stamp}.xlsx` : `导入预检报告-${stamp}.xlsx`,
        });
      },
    });

    app.post('/api/imports/:id/commit', {
      config: { access },
      schema: { tags, params, body: commitImportBody, response: { 200: importJobSchema } },
      handler: async (req) => imports.commit(callerOf(req), req.params.id, req.body.existingMode, req.lang),
    });

    // The upload lives in a child context: the octet-stream parser exists only there.
    await registerFileUpload(app, {
      url: '/api/imports',
      maxBytes: IMPORT_MAX_BYTES,
      tooLarge: 'IMPORT_TOO_LARGE',
      config: {
        access,
        rateLimit: {
          max: IMPORT_UPLOADS_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: (req) => `import:${req.user?.id ?? req.ip}`,
        },
      },
      schema: { tags, response: { 201: importJobSchema } },
      handle: async (req, file, reply) =>
        reply.status(201).send(await imports.upload(callerOf(req), file, req.lang)),
    });
  };
}
