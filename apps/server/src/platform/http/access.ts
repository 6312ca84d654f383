import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { AuditTrail } from '../audit/audit';
import type { Permission } from '@xinhuo/shared';
import { actorOf, langOf, type AccessRule, type RequestUser, type RouteAccess } from './request-context';

export const SESSION_COOKIE = 'xh_sid';

export interface AccessDeps {
  resolveSession(token: string, req: FastifyRequest): Promise<RequestUser | null>;
  audit: AuditTrail;
}

/** The permissions a rule asks for (any one suffices); none for public and authenticated-only rules. */
function permissionsOfRule(rule: AccessRule): readonly Permission[] {
  if ('permission' in rule) return [rule.permission];
  if ('anyPermission' in rule) return rule.anyPermission;
  return [];
}

/** Route inventory gate, session loading and the per-route access rule (deny by default). */
export function installAccess(app: FastifyInstance, deps: AccessDeps): void {
  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'zh-CN');
  app.decorate('routeInventory', [] as RouteAccess[]);
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || (Array.isArray(route.method) && route.method.every((m) => m === 'HEAD')))
      return;
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat())
      if (method !== 'HEAD') {
        const schema = route.schema ?? {};
        app.routeInventory.push({
          method,
          url: route.url,
          access,
          schema: {
            params: schema.params !== undefined,
            querystring: schema.querystring !== undefined,
            body: schema.body !== undefined,
            responses: Object.keys((schema.response ?? {}) as object),
          },
        });
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
    // Before anything else: a bootstrap account reaches only the routes that opted in to the change.
    if (req.user.mustChangePassword && !('duringPasswordChange' in rule && rule.duringPasswordChange))
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (
      req.user.mustEnrollTotp &&
      !('duringPasswordChange' in rule && rule.duringPasswordChange) &&
      !('duringTotpEnrolment' in rule && rule.duringTotpEnrolment)
    )
      throw new AppError('TOTP_REQUIRED');
    if ('authenticated' in rule) return;
    const needed = permissionsOfRule(rule);
    if (!needed.some((p) => req.user!.permissions.includes(p))) {
      await deps.audit.recordAlone(actorOf(req), {
        action: 'access_denied',
        objectType: 'route',
        objectId: `${req.method} ${req.routeOptions.url}`,
        outcome: 'denied',
        details: { permission: needed.join('|') },
      });
      throw new AppError('FORBIDDEN');
    }
  });
}
