import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { AuditTrail } from '../audit/audit';
import type { Permission } from '@xinhuo/shared';
import { actorOf, langOf, type AccessRule, type RequestUser, type RouteAccess } from './request-context';

export const SESSION_COOKIE = 'xh_sid';

declare module 'fastify' {
  interface FastifyRequest {
    /** An `Authorization: Bearer` display token was sent and is unknown or revoked. */
    displayTokenRefused: boolean;
  }
}

export interface AccessDeps {
  resolveSession(token: string, req: FastifyRequest): Promise<RequestUser | null>;
  /** The principal behind a wall-screen display token (`Authorization: Bearer xhd_…`), or null. */
  resolveDisplayToken(token: string): Promise<RequestUser | null>;
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
  app.decorateRequest('displayTokenRefused', false);
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
          rawUpload: route.config?.rawUpload === true,
        });
      }
  });
  app.addHook('onRequest', async (req) => {
    req.lang = langOf(req);
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.user = await deps.resolveSession(token, req);
    // A display token is read only when no session is: a signed-in browser stays who it is.
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!req.user && bearer) {
      req.user = await deps.resolveDisplayToken(bearer);
      req.displayTokenRefused = !req.user;
    }
  });
  app.addHook('preValidation', async (req) => {
    const rule = req.routeOptions.config?.access;
    if (!rule) throw new AppError('FORBIDDEN');
    if ('public' in rule) return;
    if (!req.user) throw new AppError(req.displayTokenRefused ? 'DISPLAY_TOKEN_INVALID' : 'AUTH_REQUIRED');
    // Before anything else: a bootstrap account reaches only the routes that opted in to the change.
    if (req.user.mustChangePassword && !('duringPasswordChange' in rule && rule.duringPasswordChange))
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (
      req.user.mustEnrollTotp &&
      !('duringPasswordChange' in rule && rule.duringPasswordChange) &&
      !('duringTotpEnrolment' in rule && rule.duringTotpEnrolment)
    )
      throw new AppError('TOTP_REQUIRED');
    // A display token reaches only routes that name a permission it holds (`wall:view`): never `me`,
    // logout or the other routes open to any signed-in account.
    if ('authenticated' in rule && !req.user.display) return;
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
