import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ATTACHMENT_LIMITS,
  INLINE_EXTENSIONS,
  attachmentDownloadQuerySchema,
  attachmentFileParamsSchema as fileParams,
  attachmentItemSchema,
  attachmentListSchema,
  attachmentOwnerParamsSchema as ownerParams,
  attachmentUploadHeadersSchema,
  type AttachmentOwnerType,
  type Permission,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { AppError } from '../../platform/errors';
import { contentDisposition } from '../../platform/http/download';
import type { AttachmentService } from './attachments.service';

const tags = ['attachments'];

/** Uploads one user may make in a minute (a rush of photos fits; a script filling the disk does not). */
export const UPLOADS_PER_MINUTE = 60;

/** Where each owner's files live in the API, and the permission that reads the owner. */
const OWNERS: readonly { type: AttachmentOwnerType; base: string; permission: Permission }[] = [
  { type: 'matter', base: '/api/matters/:id/attachments', permission: 'matters:read' },
  { type: 'meeting', base: '/api/meetings/:id/attachments', permission: 'meetings:read' },
];

/**
 * Files of matters and meetings. Uploads are the raw bytes (application/octet-stream) with the file
 * name URL-encoded in X-File-Name; only the upload routes accept that body, every other route stays
 * JSON-only. Downloads carry a sandboxing CSP and are attachments unless an image is asked inline.
 */
export function attachmentRoutes(attachments: AttachmentService): FastifyPluginAsyncZod {
  return async (app) => {
    for (const owner of OWNERS) {
      const access = { permission: owner.permission };

      app.get(owner.base, {
        config: { access },
        schema: {
          tags,
          params: ownerParams,
          response: { 200: attachmentListSchema },
        },
        handler: async (req) => attachments.list(callerOf(req), owner.type, req.params.id),
      });

      app.get(`${owner.base}/:attachmentId`, {
        config: { access },
        schema: {
          tags,
          params: fileParams,
          querystring: attachmentDownloadQuerySchema,
        },
        handler: async (req, reply) => {
          const f = await attachments.open(callerOf(req), owner.type, req.params.id, req.params.attachmentId);
          const inline = req.query.disposition === 'inline' && INLINE_EXTENSIONS.includes(f.extension);
          return reply
            .header('Content-Type', f.mime)
            .header(
              'Content-Disposition',
              contentDisposition(inline ? 'inline' : 'attachment', `attachment.${f.extension}`, f.name),
            )
            .header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox")
            .header('Cross-Origin-Resource-Policy', 'same-origin')
            .header('Digest', `sha-256=${Buffer.from(f.sha256, 'hex').toString('base64')}`)
            .send(f.bytes);
        },
      });

      app.get(`${owner.base}/:attachmentId/thumbnail`, {
        config: { access },
        schema: { tags, params: fileParams },
        handler: async (req, reply) => {
          const bytes = await attachments.thumbnail(
            callerOf(req),
            owner.type,
            req.params.id,
            req.params.attachmentId,
          );
          // A file's thumbnail never changes; the browser keeps it for the user (not shared caches).
          return reply
            .header('Content-Type', 'image/webp')
            .header('Cache-Control', 'private, max-age=86400')
            .header('Content-Security-Policy', "default-src 'none'; sandbox")
            .header('Cross-Origin-Resource-Policy', 'same-origin')
            .send(bytes);
        },
      });

      app.delete(`${owner.base}/:attachmentId`, {
        config: { access },
        schema: { tags, params: fileParams },
        handler: async (req, reply) => {
          await attachments.remove(callerOf(req), owner.type, req.params.id, req.params.attachmentId);
          return reply.status(204).send();
        },
      });
    }

    // The upload routes live in a child context: the octet-stream parser exists only there, and JSON does not.
    await app.register(async (instance) => {
      const uploads = instance.withTypeProvider<ZodTypeProvider>();
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser(
        'application/octet-stream',
        { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMITS.maxBytes },
        (_req, body, done) => done(null, body),
      );
      for (const owner of OWNERS) {
        uploads.post(owner.base, {
          config: {
            access: { permission: owner.permission },
            rawUpload: true,
            // Per user, not per address: one office behind one NAT shares an IP.
            rateLimit: {
              max: UPLOADS_PER_MINUTE,
              timeWindow: '1 minute',
              keyGenerator: (req) => `upload:${req.user?.id ?? req.ip}`,
            },
          },
          bodyLimit: ATTACHMENT_LIMITS.maxBytes,
          schema: {
            tags,
            params: ownerParams,
            headers: attachmentUploadHeadersSchema,
            response: { 201: attachmentItemSchema },
          },
          // Before the body is read: no anonymous uploads, and an oversized file is refused by its declared length.
          preParsing: async (req) => {
            if (!req.user) throw new AppError('AUTH_REQUIRED');
            const declared = Number(req.headers['content-length'] ?? 0);
            if (declared > ATTACHMENT_LIMITS.maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE');
          },
          handler: async (req, reply) => {
            if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
            let name: string;
            try {
              name = decodeURIComponent(req.headers['x-file-name']);
            } catch {
              throw new AppError('ATTACHMENT_NAME_INVALID');
            }
            const item = await attachments.upload(callerOf(req), owner.type, req.params.id, {
              name,
              bytes: req.body,
            });
            return reply.status(201).send(item);
          },
        });
      }
    });
  };
}
