import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, personCareerSchema } from '@xinhuo/shared';
import { callerOf } from '../../../platform/caller';
import type { CareerService } from './career.service';

/** The person page's career line: read by those who read the pipeline or the training records. */
export function careerRoutes(career: CareerService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/people/:id/career', {
      config: { access: { anyPermission: ['pipeline:read', 'training:read'] } },
      schema: { tags: ['pipeline'], params: idParams, response: { 200: personCareerSchema } },
      handler: async (req) => career.personCareer(callerOf(req), req.params.id),
    });
  };
}
