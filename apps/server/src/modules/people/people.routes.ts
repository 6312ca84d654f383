import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { POSITION_ROLES, errorMessage, hasIdOrPhoneLikeRun } from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { XLSX_TYPE, fileStamp, sendDownload } from '../../platform/http/download';
import { idParams, isoDate, pageOf, pageQuery, safeText, uuid, version } from '../../platform/http/schemas';
import type { PeopleService } from './people.service';
import type { StatsService } from './stats.service';
import { writeRosterXlsx } from './roster-export';

const code = (max: number) =>
  z
    .string()
    .regex(/^[0-9A-Za-z]{1,6}$/, { message: 'CODE_UNKNOWN' })
    .max(max);

const listFilters = {
  orgId: uuid.optional(),
  role: z.enum(POSITION_ROLES).optional(),
  committee: z.enum(['party', 'villagers', 'any']).optional(),
  college: z.enum(['yes', 'no']).optional(),
  ageMin: z.coerce.number().int().min(0).max(120).optional(),
  ageMax: z.coerce.number().int().min(0).max(120).optional(),
  gender: z.enum(['1', '2']).optional(),
  politicalStatus: code(2).optional(),
  q: safeText(40).optional(),
  refDate: isoDate.optional(),
  sort: z.enum(['name', 'birthDate', 'org']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
};

const positionRef = z.object({ role: z.enum(POSITION_ROLES), orgId: z.string(), orgName: z.string() });

const personListItem = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['1', '2']),
  birthDate: z.string(),
  age: z.number(),
  ethnicity: z.string(),
  education: z.string().nullable(),
  isCollegeOrAbove: z.boolean(),
  politicalStatus: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  townName: z.string().nullable(),
  positions: z.array(positionRef),
  isSecretaryDirector: z.boolean(),
});

const personDetail = personListItem.extend({
  fullTimeEducation: z.string().nullable(),
  inServiceEducation: z.string().nullable(),
  degree: z.string().nullable(),
  major: z.string().nullable(),
  partyJoinDate: z.string().nullable(),
  workStartDate: z.string().nullable(),
  version: z.number(),
  positionHistory: z.array(
    z.object({
      id: z.string(),
      termId: z.string().nullable(),
      termName: z.string().nullable(),
      orgId: z.string(),
      orgName: z.string(),
      role: z.enum(POSITION_ROLES),
      startDate: z.string(),
      endDate: z.string().nullable(),
    }),
  ),
});

// ID numbers must be strings: a JSON number would already have lost its digits (and its X).
const personFields = {
  name: safeText(50),
  idNumber: z.string().min(1).max(30),
  gender: z.enum(['1', '2']).optional(),
  birthDate: isoDate.optional(),
  ethnicity: code(2),
  phone: z.string().max(20).nullable().optional(),
  fullTimeEducation: code(2).nullable().optional(),
  inServiceEducation: code(2).nullable().optional(),
  degree: code(1).nullable().optional(),
  major: safeText(60).nullable().optional(),
  politicalStatus: code(2),
  partyJoinDate: isoDate.nullable().optional(),
  workStartDate: isoDate.nullable().optional(),
};

// An ID number held outside the caller's scope: the same answer whoever holds it, and a request for the city.
const pendingCityReview = z.object({
  status: z.literal('pending_city_review'),
  requestId: z.string(),
  message: z.string(),
});

const dedupeRequest = z.object({
  id: z.string(),
  kind: z.enum(['create', 'update']),
  status: z.literal('open'),
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  subjectPersonId: z.string().nullable(),
  holder: z.object({ id: z.string(), name: z.string(), orgName: z.string(), idNumberMasked: z.string() }),
});

const statsBlock = {
  organizations: z.number(),
  members: z.number(),
  averageAge: z.number().nullable(),
  collegeShare: z.number().nullable(),
  secretaryDirectorRate: z.number().nullable(),
};

const tags = ['people'];
export const EXPORT_ROW_CAP = 5000;

export function peopleRoutes(people: PeopleService, stats: StatsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/people', {
      config: { access: { permission: 'roster:read' } },
      schema: {
        tags,
        querystring: z.strictObject({ ...listFilters, ...pageQuery }),
        response: {
          200: z.object({
            items: z.array(personListItem),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
      handler: async (req) => {
        const { items, total } = await people.listPeople(callerOf(req), req.query, pageOf(req.query));
        return { items, total, page: req.query.page, pageSize: req.query.pageSize };
      },
    });

    app.get('/api/people/export', {
      config: { access: { permission: 'roster:export' } },
      schema: { tags, querystring: z.strictObject(listFilters) },
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
      schema: { tags, response: { 200: z.object({ items: z.array(dedupeRequest) }) } },
      handler: async (req) => ({ items: await people.listDedupeRequests(callerOf(req)) }),
    });

    app.get('/api/people/:id', {
      config: { access: { permission: 'roster:read' } },
      schema: { tags, params: idParams, response: { 200: personDetail } },
      handler: async (req) => people.getPerson(callerOf(req), req.params.id),
    });

    app.post('/api/people', {
      config: { access: { permission: 'roster:write' } },
      schema: {
        tags,
        body: z.strictObject({ ...personFields, orgId: uuid }),
        response: { 201: personDetail, 202: pendingCityReview },
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
        body: z.strictObject({
          version,
          ...Object.fromEntries(Object.entries(personFields).map(([k, v]) => [k, v.optional()])),
        }) as unknown as z.ZodObject<
          { version: typeof version } & {
            [K in keyof typeof personFields]: z.ZodOptional<(typeof personFields)[K]>;
          }
        >,
        response: { 200: personDetail, 202: pendingCityReview },
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
        body: z.strictObject({
          field: z.enum(['idNumber', 'phone']),
          // The reason goes into the audit trail: it may not carry the very numbers being revealed.
          reason: safeText(200, 4).refine((s) => !hasIdOrPhoneLikeRun(s), { message: 'REASON_HAS_NUMBER' }),
        }),
        response: { 200: z.object({ value: z.string().nullable() }) },
      },
      handler: async (req) => ({
        value: await people.revealSensitive(callerOf(req), req.params.id, req.body.field, req.body.reason),
      }),
    });

    app.get('/api/stats/roster', {
      config: { access: { permission: 'stats:read' } },
      schema: {
        tags: ['statistics'],
        querystring: z.strictObject({ orgId: uuid.optional(), refDate: isoDate.optional() }),
        response: {
          200: z.object({
            orgId: z.string(),
            orgName: z.string(),
            orgKind: z.string(),
            refDate: z.string(),
            organizations: z.number(),
            members: z.number(),
            averageAge: z.number().nullable(),
            ageBands: z.array(z.object({ band: z.string(), count: z.number() })),
            education: z.array(z.object({ level: z.string(), count: z.number() })),
            collegeOrAbove: z.object({ count: z.number(), share: z.number().nullable() }),
            gender: z.object({ male: z.number(), female: z.number() }),
            bornAfter1985: z.object({ count: z.number(), share: z.number().nullable() }),
            bornAfter1990: z.object({ count: z.number(), share: z.number().nullable() }),
            secretaryDirector: z.object({
              count: z.number(),
              orgsWithSecretary: z.number(),
              rate: z.number().nullable(),
            }),
            partyMembers: z.number(),
            byChild: z.array(
              z.object({ orgId: z.string(), name: z.string(), kind: z.string(), ...statsBlock }),
            ),
          }),
        },
      },
      handler: async (req) => stats.rosterStats(callerOf(req), req.query.orgId, req.query.refDate),
    });
  };
}
