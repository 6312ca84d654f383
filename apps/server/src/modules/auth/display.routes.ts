import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createDisplayTokenBody,
  createdDisplayTokenSchema,
  displayTokenListSchema,
  displayTokenParams,
  displayTokenSchema,
  revokeDisplayTokenBody,
} from '@xinhuo/shared';
import { actorOf } from '../../platform/http/request-context';
import type { AuthService } from './auth.service';

/** The system administrator's display tokens for the wall screen (大屏令牌). */
export function displayTokenRoutes(auth: AuthService): FastifyPluginAsyncZod {
  return async (app) => {
    const access = { permission: 'users:manage' } as const;
    app.get('/api/admin/display-tokens', {
      config: { access },
      schema: { tags: ['admin'], response: { 200: displayTokenListSchema } },
      handler: async () => ({ items: await auth.displayTokens.list() }),
    });
    app.post('/api/admin/display-tokens', {
      config: { access },
      schema: { tags: ['admin'], body: createDisplayTokenBody, response: { 201: createdDisplayTokenSchema } },
      handler: async (req, reply) =>
        reply.status(201).send(await auth.displayTokens.create(actorOf(req), req.body)),
    });
    app.post('/api/admin/display-tokens/:id/revoke', {
      config: { access },
      schema: {
        tags: ['admin'],
        params: displayTokenParams,
        body: revokeDisplayTokenBody,
        response: { 200: displayTokenSchema },
      },
      handler: async (req) => auth.displayTokens.revoke(actorOf(req), req.params.id),
    });
  };
}
