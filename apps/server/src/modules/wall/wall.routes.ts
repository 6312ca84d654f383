import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { wallSchema } from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import type { WallService } from './wall.service';

/** The wall screen's one data route: a display token's only door (`wall:view`). */
export function wallRoutes(wall: WallService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/wall', {
      config: { access: { permission: 'wall:view' } },
      schema: { tags: ['statistics'], response: { 200: wallSchema } },
      handler: async (req) => wall.wall(callerOf(req)),
    });
  };
}
