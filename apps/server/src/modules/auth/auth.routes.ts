import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '@xinhuo/shared';
import { actorOf, userOf } from '../../platform/http/request-context';
import { SESSION_COOKIE } from '../../platform/http/access';
import { callerOf } from '../../platform/caller';
import { idParams, pageOf, pageQuery, safeText } from '../../platform/http/schemas';
import { orgSchema, type OrgService } from '../org';
import type { AuthService } from './auth.service';

const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.string()),
  scopeOrgs: z.array(orgSchema),
  mustChangePassword: z.boolean(),
});

export function authRoutes(
  auth: AuthService,
  orgs: OrgService,
  opts: { secureCookie: boolean },
): FastifyPluginAsyncZod {
  return async (app) => {
    const me = async (req: Parameters<typeof callerOf>[0]) => {
      const u = userOf(req);
      const scopeOrgs = u.permissions.includes('org:read') ? await orgs.listChildren(callerOf(req)) : [];
      return {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        roles: u.roles,
        permissions: u.permissions,
        scopeOrgs,
        mustChangePassword: u.mustChangePassword,
      };
    };

    app.post('/api/auth/login', {
      config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ user: meSchema }) },
      },
      handler: async (req, reply) => {
        const { token } = await auth.login(req.body.username, req.body.password, {
          ip: req.ip,
          requestId: req.id,
        });
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          secure: opts.secureCookie,
        });
        req.user = await auth.resolveSession(token, { ip: req.ip, requestId: req.id });
        return { user: await me(req) };
      },
    });

    app.post('/api/auth/logout', {
      config: { access: { authenticated: true } },
      schema: { tags: ['auth'] },
      handler: async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await auth.logout(token, actorOf(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.header('Clear-Site-Data', '"cache", "cookies", "storage"');
        return reply.status(204).send();
      },
    });

    app.get('/api/auth/me', {
      config: { access: { authenticated: true } },
      schema: { tags: ['auth'], response: { 200: meSchema } },
      handler: async (req) => me(req),
    });

    app.post('/api/auth/password', {
      config: { access: { authenticated: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: z.strictObject({
          currentPassword: z.string().min(1).max(256),
          newPassword: z.string().min(1).max(256),
          logoutOthers: z.boolean().default(false),
        }),
      },
      handler: async (req, reply) => {
        await auth.changePassword(
          userOf(req),
          actorOf(req),
          req.body.currentPassword,
          req.body.newPassword,
          req.body.logoutOthers,
        );
        return reply.status(204).send();
      },
    });

    // System administrator: accounts. Security administrator: unlocks and sessions. Neither reads the roster or the audit trail.
    app.get('/api/admin/users', {
      config: { access: { permission: 'users:manage' } },
      schema: {
        tags: ['admin'],
        querystring: z.strictObject(pageQuery),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                username: z.string(),
                displayName: z.string(),
                isActive: z.boolean(),
                isLocked: z.boolean(),
                lastLoginAt: z.string().nullable(),
                roles: z.array(z.string()),
              }),
            ),
          }),
        },
      },
      handler: async (req) => auth.listUsers(pageOf(req.query)),
    });

    app.post('/api/admin/users', {
      config: { access: { permission: 'users:manage' } },
      schema: {
        tags: ['admin'],
        body: z.strictObject({
          username: z.string().min(3).max(40),
          displayName: safeText(40),
          password: z.string().min(1).max(256),
          roles: z.array(z.enum(ROLES)).min(1).max(3),
          orgIds: z.array(z.string().uuid()).max(20),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
      handler: async (req, reply) => {
        const id = await auth.createUser(actorOf(req), { ...req.body, mustChangePassword: true });
        return reply.status(201).send({ id });
      },
    });

    app.post('/api/admin/users/:id/disable', {
      config: { access: { permission: 'users:manage' } },
      schema: { tags: ['admin'], params: idParams },
      handler: async (req, reply) => {
        await auth.setActive(actorOf(req), req.params.id, false);
        return reply.status(204).send();
      },
    });

    app.post('/api/admin/users/:id/unlock', {
      config: { access: { permission: 'security:manage' } },
      schema: { tags: ['admin'], params: idParams },
      handler: async (req, reply) => {
        await auth.unlock(actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    });

    app.post('/api/admin/users/:id/kill-sessions', {
      config: { access: { permission: 'security:manage' } },
      schema: { tags: ['admin'], params: idParams },
      handler: async (req, reply) => {
        await auth.killSessions(actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    });
  };
}
