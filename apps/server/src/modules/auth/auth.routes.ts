import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activateAccountBody,
  adminOrgListSchema,
  adminOrgsQuery,
  enableUserSchema,
  listSessionsQuery,
  sessionListSchema,
  sessionParams,
  approvedGrantSchema,
  batchParams,
  bulkAccountsBody,
  bulkAccountsSchema,
  committeeMembersSchema,
  handoverSheetSchema,
  linkPersonBody,
  linkedPersonSchema,
  personCandidateListSchema,
  personCandidatesQuery,
  changePasswordBody,
  createUserBody,
  createdUserSchema,
  disableUserSchema,
  grantListSchema,
  idParams,
  listGrantsQuery,
  listUsersQuery,
  loginBody,
  loginSchema,
  loginTotpBody,
  meSchema,
  totpCodeBody,
  totpEnrolledSchema,
  totpSetupSchema,
  totpStatusSchema,
  rejectGrantBody,
  requestGrantBody,
  requestedGrantSchema,
  userListSchema,
} from '@xinhuo/shared';
import { actorOf, userOf } from '../../platform/http/request-context';
import { SESSION_COOKIE } from '../../platform/http/access';
import { callerOf } from '../../platform/caller';
import { pageOf } from '../../platform/http/schemas';
import type { OrgService } from '../org';
import type { AuthService } from './auth.service';
import type { Party } from './account-grants.service';

/** The signed-in party of an account request or decision. */
function partyOf(req: FastifyRequest): Party {
  const u = userOf(req);
  return { id: u.id, permissions: u.permissions, scopePaths: u.scopePaths, actor: actorOf(req) };
}

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
        mustEnrollTotp: u.mustEnrollTotp,
      };
    };

    /** The session cookie of a completed login, and the signed-in user as /me answers it. */
    const signIn = async (req: FastifyRequest, reply: FastifyReply, token: string) => {
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: opts.secureCookie,
      });
      req.user = await auth.resolveSession(token, { ip: req.ip, requestId: req.id });
      return { user: await me(req) };
    };

    app.post('/api/auth/login', {
      config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: loginBody,
        response: { 200: loginSchema },
      },
      handler: async (req, reply) => {
        const r = await auth.login(req.body.username, req.body.password, { ip: req.ip, requestId: req.id });
        if ('challenge' in r) return { totpRequired: true as const, challenge: r.challenge };
        return signIn(req, reply, r.token);
      },
    });

    // The login's second step: no cookie until the code (or a recovery code) is right.
    app.post('/api/auth/login/totp', {
      config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: loginTotpBody, response: { 200: loginSchema } },
      handler: async (req, reply) => {
        const { token } = await auth.loginTotp(req.body.challenge, req.body.code, {
          ip: req.ip,
          requestId: req.id,
        });
        return signIn(req, reply, token);
      },
    });

    // Enrolment of the signed-in user's own second factor (reachable before it is enrolled).
    app.get('/api/auth/totp', {
      config: { access: { authenticated: true, duringTotpEnrolment: true } },
      schema: { tags: ['auth'], response: { 200: totpStatusSchema } },
      handler: async (req) => auth.secondFactor.status(userOf(req)),
    });

    app.post('/api/auth/totp/setup', {
      config: {
        access: { authenticated: true, duringTotpEnrolment: true },
        rateLimit: { max: 10, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], response: { 200: totpSetupSchema } },
      handler: async (req) => auth.secondFactor.setup(userOf(req), actorOf(req)),
    });

    app.post('/api/auth/totp/confirm', {
      config: {
        access: { authenticated: true, duringTotpEnrolment: true },
        rateLimit: { max: 10, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], body: totpCodeBody, response: { 200: totpEnrolledSchema } },
      handler: async (req) => auth.secondFactor.confirm(userOf(req), actorOf(req), req.body.code),
    });

    app.post('/api/auth/logout', {
      config: { access: { authenticated: true, duringPasswordChange: true } },
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
      config: { access: { authenticated: true, duringPasswordChange: true } },
      schema: { tags: ['auth'], response: { 200: meSchema } },
      handler: async (req) => me(req),
    });

    app.post('/api/auth/password', {
      config: {
        access: { authenticated: true, duringPasswordChange: true },
        rateLimit: { max: 10, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        body: changePasswordBody,
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

    // Public: the holder of a newly approved account sets its first password with the one-time code.
    app.post('/api/auth/activate', {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: activateAccountBody,
      },
      handler: async (req, reply) => {
        await auth.grants.activate(req.body, { ip: req.ip, requestId: req.id });
        return reply.status(204).send();
      },
    });

    // 三员分立: the system administrator keeps accounts but grants nothing alone; the security administrator
    // approves its requests; the organization department requests business accounts that the system
    // administrator executes. None of them reads the roster or the audit trail through these routes.
    // The security administrator reads the list too (to find a locked account); names and roles only.
    app.get('/api/admin/users', {
      config: { access: { anyPermission: ['users:manage', 'security:manage'] } },
      schema: {
        tags: ['admin'],
        querystring: listUsersQuery,
        response: { 200: userListSchema },
      },
      handler: async (req) =>
        auth.listUsers(
          { q: req.query.q || undefined, role: req.query.role, state: req.query.state },
          pageOf(req.query),
        ),
    });

    app.post('/api/admin/users', {
      config: { access: { anyPermission: ['users:manage', 'accounts:request'] } },
      schema: {
        tags: ['admin'],
        body: createUserBody,
        response: { 201: createdUserSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await auth.grants.requestNewAccount(partyOf(req), req.body)),
    });

    app.post('/api/admin/users/:id/grants', {
      config: { access: { anyPermission: ['users:manage', 'accounts:request'] } },
      schema: {
        tags: ['admin'],
        params: idParams,
        body: requestGrantBody,
        response: { 201: requestedGrantSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await auth.grants.requestChange(partyOf(req), req.params.id, req.body)),
    });

    app.post('/api/admin/users/:id/disable', {
      config: { access: { permission: 'users:manage' } },
      schema: {
        tags: ['admin'],
        params: idParams,
        response: { 202: disableUserSchema, 204: z.null() },
      },
      handler: async (req, reply) => {
        const { grantId } = await auth.grants.disable(partyOf(req), req.params.id);
        if (grantId) return reply.status(202).send({ grantId });
        return reply.status(204).send(null);
      },
    });

    app.post('/api/admin/users/:id/enable', {
      config: { access: { permission: 'users:manage' } },
      schema: {
        tags: ['admin'],
        params: idParams,
        response: { 202: enableUserSchema, 204: z.null() },
      },
      handler: async (req, reply) => {
        const { grantId } = await auth.grants.enable(partyOf(req), req.params.id);
        if (grantId) return reply.status(202).send({ grantId });
        return reply.status(204).send(null);
      },
    });

    // Reset = a new one-time activation code for the holder, handed to the second party; never a password.
    app.post('/api/admin/users/:id/reset-password', {
      config: { access: { anyPermission: ['users:manage', 'accounts:request'] } },
      schema: {
        tags: ['admin'],
        params: idParams,
        response: { 201: requestedGrantSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await auth.grants.requestReset(partyOf(req), req.params.id)),
    });

    // Org names (no roster data) for choosing an account's scope.
    app.get('/api/admin/orgs', {
      config: { access: { anyPermission: ['users:manage', 'security:manage'] } },
      schema: {
        tags: ['admin'],
        querystring: adminOrgsQuery,
        response: { 200: adminOrgListSchema },
      },
      handler: async (req) => {
        const all = { ...callerOf(req), scopePaths: ['/'] };
        const { items } = await orgs.listOrgs(
          all,
          { q: req.query.q || undefined, kind: req.query.kind },
          { offset: 0, limit: 2000 },
        );
        return { items: items.map((o) => ({ id: o.id, name: o.name, kind: o.kind, parentId: o.parentId })) };
      },
    });

    app.get('/api/admin/sessions', {
      config: { access: { permission: 'security:manage' } },
      schema: {
        tags: ['admin'],
        querystring: listSessionsQuery,
        response: { 200: sessionListSchema },
      },
      handler: async (req) => auth.listSessions({ userId: req.query.userId }, pageOf(req.query)),
    });

    app.post('/api/admin/sessions/:id/end', {
      config: { access: { permission: 'security:manage' } },
      schema: { tags: ['admin'], params: sessionParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await auth.endSession(actorOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/admin/grants', {
      config: { access: { anyPermission: ['users:manage', 'security:manage', 'accounts:request'] } },
      schema: {
        tags: ['admin'],
        querystring: listGrantsQuery,
        response: { 200: grantListSchema },
      },
      handler: async (req) => ({
        items: await auth.grants.list(partyOf(req), { status: req.query.status, ...pageOf(req.query) }),
      }),
    });

    app.post('/api/admin/grants/:id/approve', {
      config: { access: { anyPermission: ['users:manage', 'security:manage'] } },
      schema: {
        tags: ['admin'],
        params: idParams,
        response: { 200: approvedGrantSchema },
      },
      handler: async (req) => auth.grants.approve(partyOf(req), req.params.id),
    });

    app.post('/api/admin/grants/:id/reject', {
      config: { access: { anyPermission: ['users:manage', 'security:manage'] } },
      schema: { tags: ['admin'], params: idParams, body: rejectGrantBody },
      handler: async (req, reply) => {
        await auth.grants.reject(partyOf(req), req.params.id, req.body.reason);
        return reply.status(204).send();
      },
    });

    // The account's person in the roster (system administrator): found by name or ID number within the
    // account's scope; the console sees name, org and seats only, never the roster's personal data.
    app.get('/api/admin/users/:id/person-candidates', {
      config: { access: { permission: 'users:manage' } },
      schema: {
        tags: ['admin'],
        params: idParams,
        querystring: personCandidatesQuery,
        response: { 200: personCandidateListSchema },
      },
      handler: async (req) => auth.personLinks.searchCandidates(req.params.id, req.query.q),
    });

    app.put('/api/admin/users/:id/person', {
      config: { access: { permission: 'users:manage' } },
      schema: {
        tags: ['admin'],
        params: idParams,
        body: linkPersonBody,
        response: { 200: linkedPersonSchema },
      },
      handler: async (req) => auth.personLinks.link(actorOf(req), req.params.id, req.body.personId),
    });

    app.delete('/api/admin/users/:id/person', {
      config: { access: { permission: 'users:manage' } },
      schema: { tags: ['admin'], params: idParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await auth.personLinks.unlink(actorOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    });

    // A town's committee members (两委成员) and their accounts in bulk: requested, granted only when the
    // security administrator approves the batch (and receives the hand-over sheet of activation codes).
    app.get('/api/admin/towns/:id/committee-members', {
      config: { access: { permission: 'users:manage' } },
      schema: { tags: ['admin'], params: idParams, response: { 200: committeeMembersSchema } },
      handler: async (req) => auth.personLinks.committeeMembers(req.params.id),
    });

    app.post('/api/admin/towns/:id/committee-accounts', {
      config: { access: { permission: 'users:manage' } },
      schema: {
        tags: ['admin'],
        params: idParams,
        body: bulkAccountsBody,
        response: { 201: bulkAccountsSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await auth.personLinks.bulkCreate(partyOf(req), req.params.id, req.body)),
    });

    app.post('/api/admin/grant-batches/:batchId/approve', {
      config: { access: { permission: 'security:manage' } },
      schema: { tags: ['admin'], params: batchParams, response: { 200: handoverSheetSchema } },
      handler: async (req) => auth.grants.approveBatch(partyOf(req), req.params.batchId),
    });

    app.post('/api/admin/users/:id/unlock', {
      config: { access: { permission: 'security:manage' } },
      schema: { tags: ['admin'], params: idParams },
      handler: async (req, reply) => {
        await auth.unlock(actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    });

    // A lost device: the security administrator removes the second factor (audited); the holder's sessions
    // end and the account enrols again at its next login.
    app.post('/api/admin/users/:id/totp-reset', {
      config: { access: { permission: 'security:manage' } },
      schema: { tags: ['admin'], params: idParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await auth.secondFactor.reset(actorOf(req), req.params.id);
        return reply.status(204).send(null);
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
