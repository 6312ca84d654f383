import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { myWorkCountsSchema, myWorkPageSchema, myWorkQuery } from '@xinhuo/shared';
import { callerOf } from '../../../platform/caller';
import { pageOf } from '../../../platform/http/schemas';
import type { MyWorkService } from './my-work.service';

const tags = ['matters'];

/** My work (我的待办): the items waiting for the signed-in user or their unit, and their counts per kind. */
export function myWorkRoutes(myWork: MyWorkService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/my-work', {
      config: { access: { permission: 'matters:read' } },
      schema: { tags, querystring: myWorkQuery, response: { 200: myWorkPageSchema } },
      handler: async (req) => ({
        ...(await myWork.list(callerOf(req), req.query.kind, pageOf(req.query))),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    });

    app.get('/api/my-work/counts', {
      config: { access: { permission: 'matters:read' } },
      schema: { tags, response: { 200: myWorkCountsSchema } },
      handler: async (req) => myWork.counts(callerOf(req)),
    });
  };
}
