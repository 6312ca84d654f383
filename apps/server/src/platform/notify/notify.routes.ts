import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParams,
  listNotificationsQuery,
  markReadBody,
  markedSchema,
  notificationPageSchema,
  notificationSummarySchema,
  setWebhookBody,
  unreadCountSchema,
  webhookSchema,
  type Permission,
} from '@xinhuo/shared';
import { actorOf, userOf } from '../http/request-context';
import { pageOf } from '../http/schemas';
import type { Audience, Notifier, Viewer } from './notifier';

const tags = ['notifications'];

/** The audiences a user's permissions put them in (a leader is one who reads statistics but does not dispatch). */
function audiencesOf(permissions: readonly Permission[]): Audience[] {
  const a: Audience[] = [];
  if (permissions.includes('matters:handle')) a.push('handler');
  if (permissions.includes('matters:dispatch') || permissions.includes('matters:verify'))
    a.push('dispatcher');
  if (permissions.includes('matters:rate')) a.push('raiser');
  if (permissions.includes('matters:stats') && !permissions.includes('matters:dispatch')) a.push('leader');
  if (
    ['pipeline:manage', 'pipeline:nominate', 'training:write'].some((p) =>
      permissions.includes(p as Permission),
    )
  )
    a.push('talent');
  return a;
}

function viewerOf(req: FastifyRequest): Viewer {
  const u = userOf(req);
  return {
    userId: u.id,
    orgIds: u.scopePaths.map((p) => p.split('/').filter(Boolean).pop()!).filter(Boolean),
    audiences: audiencesOf(u.permissions),
  };
}

/** In-app notifications of the signed-in user, and the per-org webhook configuration. */
export function notifyRoutes(
  notify: Notifier,
  opts: { assertOrgInScope: (req: FastifyRequest, orgId: string) => Promise<void> },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/notifications', {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        querystring: listNotificationsQuery,
        response: { 200: notificationPageSchema },
      },
      handler: async (req) => {
        const v = viewerOf(req);
        const { read, unread, kind } = req.query;
        const rows = await notify.listMine(v, {
          read: unread === 'true' ? false : read === undefined ? undefined : read === 'true',
          kind,
          ...pageOf(req.query),
        });
        const lang = req.lang === 'en' ? 'en' : 'zh';
        return {
          items: rows.map(({ params: { text, ...params }, ...r }) => ({
            ...r,
            text: text?.[lang] ?? r.kind,
            params,
          })),
          unread: await notify.unreadCount(v),
          page: req.query.page,
          pageSize: req.query.pageSize,
        };
      },
    });

    app.get('/api/notifications/unread-count', {
      config: { access: { authenticated: true } },
      schema: { tags, response: { 200: unreadCountSchema } },
      handler: async (req) => ({ unread: await notify.unreadCount(viewerOf(req)) }),
    });

    app.get('/api/notifications/summary', {
      config: { access: { authenticated: true } },
      schema: { tags, response: { 200: notificationSummarySchema } },
      handler: async (req) => {
        const byKind = await notify.unreadByKind(viewerOf(req));
        return { unread: byKind.reduce((n, k) => n + k.unread, 0), byKind };
      },
    });

    app.post('/api/notifications/read', {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        body: markReadBody,
        response: { 200: markedSchema },
      },
      handler: async (req) => ({
        marked:
          'all' in req.body
            ? await notify.markRead(viewerOf(req), 'all', req.body.kind)
            : await notify.markRead(viewerOf(req), req.body.ids),
      }),
    });

    app.get('/api/orgs/:id/webhook', {
      config: { access: { permission: 'notify:manage' } },
      schema: {
        tags,
        params: idParams,
        response: { 200: webhookSchema },
      },
      handler: async (req) => {
        await opts.assertOrgInScope(req, req.params.id);
        const h = await notify.getWebhook(req.params.id);
        return h ?? { orgId: req.params.id, url: null, isActive: false, updatedAt: null };
      },
    });

    app.put('/api/orgs/:id/webhook', {
      config: { access: { permission: 'notify:manage' } },
      schema: {
        tags,
        params: idParams,
        body: setWebhookBody,
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await opts.assertOrgInScope(req, req.params.id);
        // setWebhook refuses non-http(s) URLs, credentials, and hosts that are local, private or reserved.
        await notify.setWebhook(actorOf(req), req.params.id, req.body.url);
        return reply.status(204).send(null);
      },
    });
  };
}
