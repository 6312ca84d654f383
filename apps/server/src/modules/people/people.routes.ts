import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createPersonBody,
  dedupeRequestListSchema,
  errorMessage,
  exportRosterQuery,
  idParams,
  listPeopleQuery,
  pendingCityReviewSchema,
  personPageSchema,
  personSchema,
  revealBody,
  revealedSchema,
  rosterStatsQuery,
  rosterStatsSchema,
  updatePersonBody,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { XLSX_TYPE, fileStamp, sendDownload } from '../../platform/http/download';
import { pageOf } from '../../platform/http/schemas';
import { keptWrapper } from '../../platform/http/kept-answers';
import type { PeopleService } from './people.service';
import type { StatsService } from './stats.service';
import { writeRosterXlsx } from './roster-export';

const tags = ['people'];
export const EXPORT_ROW_CAP = 5000;

export function peopleRoutes(people: PeopleService, stats: StatsService): FastifyPluginAsyncZod {
  return async (app) => {
    const answerOf = keptWrapper();
    app.get('/api/people', {
      config: { access: { permission: 'roster:read' } },
      schema: {
        tags,
        querystring: listPeopleQuery,
        response: { 200: personPageSchema },
      },
      handler: async (req) => {
        const kept = await people.listPeople(callerOf(req), req.query, pageOf(req.query));
        // A kept page (its key holds the page and its size) answers with the same object: written out once.
        return answerOf(kept, () => ({
          items: kept.items,
          total: kept.total,
          page: req.query.page,
          pageSize: req.query.pageSize,
          next: kept.next,
        }));
      },
    });

    app.get('/api/people/export', {
      config: { access: { permission: 'roster:export' } },
      schema: { tags, querystring: exportRosterQuery },
      handler: async (req, reply) => {
        const rows = await people.exportRows(callerOf(req), req.query, EXPORT_ROW_CAP);
        const buf = await writeRosterXlsx(rows, req.lang);
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes: buf,
          type: XLSX_TYPE,
          asciiName: `roster-${stamp}.xlsx`,
          name: `花名册-${stamp}.xlsx`,
        });
      },
    });

    app.get('/api/people/dedupe-requests', {
      config: { access: { permission: 'roster:write' } },
      schema: { tags, response: { 200: dedupeRequestListSchema } },
      handler: async (req) => ({ items: await people.listDedupeRequests(callerOf(req)) }),
    });

    app.get('/api/people/:id', {
      config: { access: { permission: 'roster:read' } },
      schema: { tags, params: idParams, response: { 200: personSchema } },
      handler: async (req) => people.getPerson(callerOf(req), req.params.id),
    });

    app.post('/api/people', {
      config: { access: { permission: 'roster:write' } },
      schema: {
        tags,
        body: createPersonBody,
        response: { 201: personSchema, 202: pendingCityReviewSchema },
      },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const placed = await people.submitPerson(caller, req.body);
        if (placed.status === 'pending_city_review')
          return reply.status(202).send({ ...placed, message: errorMessage('PERSON_CITY_REVIEW', req.lang) });
        return reply.status(201).send(await people.getPerson(caller, placed.id));
      },
    });

    app.patch('/api/people/:id', {
      config: { access: { permission: 'roster:write' } },
      schema: {
        tags,
        params: idParams,
        body: updatePersonBody,
        response: { 200: personSchema, 202: pendingCityReviewSchema },
      },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const { version: v, ...patch } = req.body;
        const pending = await people.updatePerson(caller, req.params.id, v, patch as never);
        if (pending)
          return reply
            .status(202)
            .send({ ...pending, message: errorMessage('PERSON_CITY_REVIEW', req.lang) });
        return reply.status(200).send(await people.getPerson(caller, req.params.id));
      },
    });

    app.post('/api/people/:id/reveal', {
      // The daily limit is counted per user by the service, after access and scope (not per address here).
      config: { access: { permission: 'pii:reveal' } },
      schema: {
        tags,
        params: idParams,
        body: revealBody,
        response: { 200: revealedSchema },
      },
      handler: async (req) => ({
        value: await people.revealSensitive(callerOf(req), req.params.id, req.body.field, req.body.reason),
      }),
    });

    app.get('/api/stats/roster', {
      config: { access: { permission: 'stats:read' } },
      schema: {
        tags: ['statistics'],
        querystring: rosterStatsQuery,
        response: { 200: rosterStatsSchema },
      },
      handler: async (req) => stats.rosterStats(callerOf(req), req.query.orgId, req.query.refDate),
    });
  };
}
