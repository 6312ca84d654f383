import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, errorMessage, fieldMessage, type ErrorCode } from '@xinhuo/shared';
import { AppError, type FieldError } from '../errors';
import { langOf } from './request-context';

export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, fields?: FieldError[]) {
  const lang = req.lang ?? langOf(req);
  return reply.status(ERRORS[code].status).send({
    error: {
      code,
      message: errorMessage(code, lang),
      requestId: req.id,
      ...(fields
        ? {
            fields: fields.map((f) => ({
              path: f.path,
              message: fieldMessage(f.reason, lang),
              reason: f.reason,
            })),
          }
        : {}),
    },
  });
}

export interface ZodLikeIssue {
  path?: (string | number)[];
  code?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[]; code?: string }; keys?: string[] };
  instancePath?: string;
  keyword?: string;
}

/**
 * The fields of one validation issue, each named by its path. An issue about the whole object gets a
 * name too: unknown keys are named one by one, anything else by the part of the request (`body`,
 * `querystring`, `params`, `headers`) — a client always learns which key to fix.
 */
export function issueToFields(i: ZodLikeIssue, context: string | undefined): FieldError[] {
  const inner = i.params?.issue;
  const p = inner?.path ?? i.path ?? (i.instancePath ? i.instancePath.split('/').filter(Boolean) : []);
  let reason = inner?.code ?? i.code ?? i.keyword ?? 'invalid_value';
  // Custom refinements carry our reason code as their message.
  if (reason === 'custom' && i.message) reason = i.message;
  if (i.message && /^[A-Z_]+$/.test(i.message)) reason = i.message;
  const keys = i.params?.keys;
  if (reason === 'unrecognized_keys' && keys && keys.length > 0)
    return keys.map((k) => ({ path: [...p, k].join('.'), reason }));
  return [{ path: p.length > 0 ? p.join('.') : (context ?? 'body'), reason }];
}

/** One error handler: AppError by its code, validation with field paths, everything else a generic 500. */
export function installErrorHandler(
  app: FastifyInstance,
  hooks: { onRateLimited?: (req: FastifyRequest) => Promise<void> } = {},
): void {
  app.setErrorHandler(async (err: FastifyError & { validation?: ZodLikeIssue[] }, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return sendError(req, reply, err.code, err.fields);
    }
    if (err.validation)
      return sendError(
        req,
        reply,
        'VALIDATION_FAILED',
        err.validation.flatMap((i) => issueToFields(i, err.validationContext)),
      );
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(req, reply, 'PAYLOAD_TOO_LARGE');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(req, reply, 'BAD_REQUEST');
    }
    if (err.statusCode === 429) {
      // Awaited, so the trace of the refusal exists before the client sees it.
      await hooks.onRateLimited?.(req);
      return sendError(req, reply, 'RATE_LIMITED');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      if (err.statusCode === 415) return sendError(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
      if (err.statusCode === 413) return sendError(req, reply, 'PAYLOAD_TOO_LARGE');
      if (err.statusCode === 405) return sendError(req, reply, 'METHOD_NOT_ALLOWED');
      return sendError(req, reply, 'BAD_REQUEST');
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'INTERNAL');
  });
}
