import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adjustSeatBody,
  appointSeatBody,
  endSeatBody,
  endTermBody,
  idParams,
  openTermBody,
  termListSchema,
  termSchema,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import type { TermsService } from './terms.service';

const tags = ['terms'];

/** Terms (届次) of an org's committees and their seats: open, appoint, end, adjust (届中调整), end a term. */
export function termsRoutes(terms: TermsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/orgs/:id/terms', {
      config: { access: { permission: 'roster:read' } },
      schema: { tags, params: idParams, response: { 200: termListSchema } },
      handler: async (req) => ({ items: await terms.listTerms(callerOf(req), req.params.id) }),
    });

    app.post('/api/orgs/:id/terms', {
      config: { access: { permission: 'roster:write' } },
      schema: { tags, params: idParams, body: openTermBody, response: { 201: termSchema } },
      handler: async (req, reply) =>
        reply.status(201).send(await terms.openTerm(callerOf(req), req.params.id, req.body)),
    });

    app.post('/api/terms/:id/seats', {
      config: { access: { permission: 'roster:write' } },
      schema: { tags, params: idParams, body: appointSeatBody, response: { 200: termSchema } },
      handler: async (req) => terms.appoint(callerOf(req), req.params.id, req.body),
    });

    app.post('/api/terms/:id/end', {
      config: { access: { permission: 'roster:write' } },
      schema: { tags, params: idParams, body: endTermBody, response: { 200: termSchema } },
      handler: async (req) => terms.endTerm(callerOf(req), req.params.id, req.body.endDate),
    });

    app.post('/api/seats/:id/end', {
      config: { access: { permission: 'roster:write' } },
      schema: { tags, params: idParams, body: endSeatBody, response: { 200: termSchema } },
      handler: async (req) => terms.endSeat(callerOf(req), req.params.id, req.body),
    });

    app.post('/api/seats/:id/adjust', {
      config: { access: { permission: 'roster:write' } },
      schema: { tags, params: idParams, body: adjustSeatBody, response: { 200: termSchema } },
      handler: async (req) => terms.adjustSeat(callerOf(req), req.params.id, req.body),
    });
  };
}
