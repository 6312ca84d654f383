import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  digestPrefBody,
  digestPrefSchema,
  globalSearchQuery,
  globalSearchSchema,
  listPrefBody,
  listPrefParams,
  listPrefSchema,
  tablePrefBody,
  tablePrefParams,
  tablePrefSchema,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import type { WorkspaceService } from './workspace.service';

export function workspaceRoutes(ws: WorkspaceService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/me/list-prefs/:key', {
      config: { access: { authenticated: true } },
      schema: { tags: ['workspace'], params: listPrefParams, response: { 200: listPrefSchema } },
      handler: async (req) => ({ query: await ws.getListPref(callerOf(req), req.params.key) }),
    });

    app.put('/api/me/list-prefs/:key', {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['workspace'],
        params: listPrefParams,
        body: listPrefBody,
        response: { 200: listPrefSchema },
      },
      handler: async (req) => {
        await ws.setListPref(callerOf(req), req.params.key, req.body.query);
        return { query: req.body.query };
      },
    });

    app.get('/api/me/table-prefs/:key', {
      config: { access: { authenticated: true } },
      schema: { tags: ['workspace'], params: tablePrefParams, response: { 200: tablePrefSchema } },
      handler: async (req) => ({ pref: await ws.getTablePref(callerOf(req), req.params.key) }),
    });

    app.put('/api/me/table-prefs/:key', {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['workspace'],
        params: tablePrefParams,
        body: tablePrefBody,
        response: { 200: tablePrefSchema },
      },
      handler: async (req) => {
        await ws.setTablePref(callerOf(req), req.params.key, req.body);
        return { pref: req.body };
      },
    });

    app.get('/api/me/digest', {
      config: { access: { authenticated: true } },
      schema: { tags: ['workspace'], response: { 200: digestPrefSchema } },
      handler: async (req) => ({ enabled: await ws.getDigestPref(callerOf(req)) }),
    });

    app.put('/api/me/digest', {
      config: { access: { authenticated: true } },
      schema: { tags: ['workspace'], body: digestPrefBody, response: { 200: digestPrefSchema } },
      handler: async (req) => {
        await ws.setDigestPref(callerOf(req), req.body.enabled);
        return { enabled: req.body.enabled };
      },
    });

    app.get('/api/search', {
      config: { access: { authenticated: true } },
      schema: { tags: ['workspace'], querystring: globalSearchQuery, response: { 200: globalSearchSchema } },
      handler: async (req) => ws.search(callerOf(req), req.query.q),
    });
  };
}
