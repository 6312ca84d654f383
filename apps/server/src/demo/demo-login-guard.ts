import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../platform/audit/audit';
import { AppError } from '../platform/errors';
import { DEMO_PASSWORD } from './demo-city';

const LOGIN_ROUTE = '/api/auth/login';

/**
 * Defence in depth outside demo mode: a login with the README's public demo password is refused
 * like a wrong password (same answer, audited), whatever account it names and however the account
 * got that password (a demo built by an older version, a copied database).
 */
export function refusePublicDemoPassword(app: FastifyInstance, audit: AuditTrail): void {
  app.addHook('preHandler', async (req) => {
    if (req.method !== 'POST' || req.routeOptions.url !== LOGIN_ROUTE) return;
    const body = req.body as { username?: unknown; password?: unknown } | undefined;
    if (body?.password !== DEMO_PASSWORD) return;
    await audit.recordAlone(
      {
        userId: null,
        username: typeof body.username === 'string' ? body.username.toLowerCase().slice(0, 40) : null,
        role: null,
        ip: req.ip,
        requestId: req.id,
        sessionHash: null,
      },
      { action: 'login_failed', outcome: 'denied', details: { reason: 'public_demo_password' } },
    );
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  });
}
