import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { AuditTrail } from '../audit/audit';
import { actorOf, langOf, type RequestUser } from './request-context';

export const SESSION_COOKIE = 'xh_sid';

export interface AccessDeps {
  resolveSession(token: string, req: FastifyRequest): Promise<RequestUser | null>;
  audit: AuditTrail;
}

/** Route inventory gate, session loading and the per-route access rule (deny by default). */
export function installAccess(app: FastifyInstance, deps: AccessDeps): void {
  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'zh-CN');
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || (Array.isArray(route.method) && route.method.every((m) => m === 'HEAD')))
      return;
    if (!route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
  });
  app.addHook('onRequest', async (req) => {
    req.lang = langOf(req);
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.user = await deps.resolveSession(token, req);
  });
  app.addHook('preValidation', async (req) => {
    const rule = req.routeOptions.config?.access;
    if (!rule) throw new AppError('FORBIDDEN');
    if ('public' in rule) return;
    if (!req.user) throw new AppError('AUTH_REQUIRED');
    if ('authenticated' in rule) return;
    if (req.user.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (!req.user.permissions.includes(rule.permission)) {
      await deps.audit.recordAlone(actorOf(req), {
        action: 'access_denied',
        objectType: 'route',
        objectId: `${req.method} ${req.routeOptions.url}`,
        outcome: 'denied',
        details: { permission: rule.permission },
      });
      throw new AppError('FORBIDDEN');
    }
  });
}
