import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addBenchBody,
  idParams,
  pipelineDashboardSchema,
  seatDetailSchema,
  seatListQuery,
  seatListSchema,
  seatQuery,
  successionOverviewSchema,
  successionQuery,
  successionRecordBody,
  successionSettingsBody,
} from '@xinhuo/shared';
import { callerOf } from '../../../platform/caller';
import type { SuccessionService } from './succession.service';

const tags = ['pipeline'];
const read = { permission: 'pipeline:read' } as const;
const nominate = { anyPermission: ['pipeline:nominate', 'pipeline:manage'] } as const;

/** Succession (seats, bench, recommendations and decisions, heat map) and the dashboard over time. */
export function successionRoutes(succession: SuccessionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/pipeline/succession', {
      config: { access: read },
      schema: { tags, querystring: successionQuery, response: { 200: successionOverviewSchema } },
      handler: async (req) => succession.overview(callerOf(req), req.query),
    });
    app.get('/api/pipeline/succession/seats', {
      config: { access: read },
      schema: { tags, querystring: seatListQuery, response: { 200: seatListSchema } },
      handler: async (req) => succession.seatList(callerOf(req), req.query),
    });
    app.get('/api/pipeline/succession/seats/:id', {
      config: { access: read },
      schema: { tags, params: idParams, querystring: seatQuery, response: { 200: seatDetailSchema } },
      handler: async (req) => succession.seat(callerOf(req), req.params.id, req.query),
    });
    app.post('/api/pipeline/succession/seats/:id/bench', {
      config: { access: nominate },
      schema: { tags, params: idParams, body: addBenchBody, response: { 201: seatDetailSchema } },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        await succession.addBench(caller, req.params.id, req.body);
        return reply.status(201).send(await succession.seat(caller, req.params.id, {}));
      },
    });
    // A recommendation needs nominate (town or city); a decision needs pipeline:manage (the city).
    app.post('/api/pipeline/succession/seats/:id/records', {
      config: { access: nominate },
      schema: { tags, params: idParams, body: successionRecordBody, response: { 201: seatDetailSchema } },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        await succession.record(caller, req.params.id, req.body);
        return reply.status(201).send(await succession.seat(caller, req.params.id, {}));
      },
    });
    app.put('/api/pipeline/programs/:id/succession', {
      config: { access: { permission: 'pipeline:manage' } },
      schema: { tags, params: idParams, body: successionSettingsBody, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await succession.setAgeThreshold(callerOf(req), req.params.id, req.body.ageThreshold);
        return reply.status(204).send(null);
      },
    });
    app.get('/api/pipeline/dashboard', {
      config: { access: read },
      schema: { tags, querystring: successionQuery, response: { 200: pipelineDashboardSchema } },
      handler: async (req) => succession.dashboard(callerOf(req), req.query),
    });
  };
}
