import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Strict headers on every response, JSON-only bodies, and an Origin check on every state-changing request. */
export async function installSecurity(app: FastifyInstance, opts: { publicOrigin?: string }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // antd writes its CSS-in-JS as style elements; scripts stay strictly 'self'.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
      },
    },
    // Behind TLS (the public origin is https) browsers must never fall back to http; over plain
    // http the header would be ignored, and it would pin a host that has no TLS at all.
    hsts: (opts.publicOrigin ?? '').startsWith('https:')
      ? { maxAge: 31_536_000, includeSubDomains: true, preload: false }
      : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Robots-Tag', 'noindex, nofollow');
    // API answers are never stored, unless a route says otherwise on purpose (a file's thumbnail).
    if (req.url.startsWith('/api/') && !reply.hasHeader('Cache-Control'))
      reply.header('Cache-Control', 'no-store');
    return payload;
  });
  // Only JSON bodies: urlencoded, multipart and text/plain forms from other sites are refused with 415.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method)) return;
    const origin = req.headers.origin;
    const expected = opts.publicOrigin ?? `${req.protocol}://${req.headers.host ?? ''}`;
    if (origin !== expected) throw new AppError('CSRF_ORIGIN_MISMATCH');
  });
  app.addHook('onRequest', async (req) => {
    if (req.headers['x-http-method-override']) delete req.headers['x-http-method-override'];
  });
}
