import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { importUploadHeadersSchema, type ErrorCode } from '@xinhuo/shared';
import { AppError } from '../errors';

/**
 * A route taking a file as its raw body (application/octet-stream, the name URL-encoded in X-File-Name),
 * registered in a child context so that only it accepts such a body. A declared length over `maxBytes`
 * is refused with `tooLarge` before a byte is read; the body limit stops a lying one.
 */
export async function registerFileUpload(
  app: FastifyInstance,
  route: {
    url: string;
    maxBytes: number;
    tooLarge: ErrorCode;
    config: RouteOptions['config'];
    schema: Record<string, unknown>;
    handle: (
      req: FastifyRequest,
      file: { name: string; bytes: Buffer },
      reply: FastifyReply,
    ) => Promise<unknown>;
  },
): Promise<void> {
  await app.register(async (instance) => {
    const uploads = instance.withTypeProvider<ZodTypeProvider>();
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: route.maxBytes },
      (_req, body, done) => done(null, body),
    );
    uploads.post(route.url, {
      config: { ...route.config, rawUpload: true },
      bodyLimit: route.maxBytes,
      schema: { ...route.schema, headers: importUploadHeadersSchema },
      preParsing: async (req) => {
        if (!req.user) throw new AppError('AUTH_REQUIRED');
        if (Number(req.headers['content-length'] ?? 0) > route.maxBytes) throw new AppError(route.tooLarge);
      },
      handler: async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        let name: string;
        try {
          name = decodeURIComponent(req.headers['x-file-name']);
        } catch {
          throw new AppError('ATTACHMENT_NAME_INVALID');
        }
        return route.handle(req, { name, bytes: req.body }, reply);
      },
    });
  });
}
