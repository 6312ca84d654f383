import { z } from 'zod';
import { hasIdOrPhoneLikeRun } from '../mask';
import { POSITION_ROLES } from '../org';
import { isoDate, pageQuery, pageSchema, safeText, uuid, version, type QueryValues } from './common';

/** A code of one of the national code tables (ethnicity, education, …): short and alphanumeric. */
const code = (max: number) =>
  z
    .string()
    .regex(/^[0-9A-Za-z]{1,6}$/, { message: 'CODE_UNKNOWN' })
    .max(max);

/** A person's gender as the roster stores it (GB/T 2261.1: 1 male, 2 female). */
export const genderSchema = z.enum(['1', '2']);
export type Gender = z.infer<typeof genderSchema>;

/** The two committees of a village that hold terms: the Party committee and the villagers' committee. */
export const committeeSchema = z.enum(['party', 'villagers']);
export type Committee = z.infer<typeof committeeSchema>;

/** The roster filters, shared by the list and the export. */
export const rosterFilters = {
  orgId: uuid.optional(),
  role: z.enum(POSITION_ROLES).optional(),
  committee: z.enum([...committeeSchema.options, 'any']).optional(),
  college: z.enum(['yes', 'no']).optional(),
  ageMin: z.coerce.number().int().min(0).max(120).optional(),
  ageMax: z.coerce.number().int().min(0).max(120).optional(),
  gender: genderSchema.optional(),
  politicalStatus: code(2).optional(),
  q: safeText(40).optional(),
  refDate: isoDate.optional(),
  sort: z.enum(['name', 'birthDate', 'org']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
};
export const exportRosterQuery = z.strictObject(rosterFilters);
export type RosterFilters = QueryValues<typeof exportRosterQuery>;
export const listPeopleQuery = z.strictObject({ ...rosterFilters, ...pageQuery });
export type ListPeopleQuery = QueryValues<typeof listPeopleQuery>;

/** A current post, as listed with a person. */
export const positionRefSchema = z.object({
  role: z.enum(POSITION_ROLES),
  orgId: z.string(),
  orgName: z.string(),
});
export type PositionRef = z.infer<typeof positionRefSchema>;

export const personListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: genderSchema,
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
  positions: z.array(positionRefSchema),
  isSecretaryDirector: z.boolean(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;
export const personPageSchema = pageSchema(personListItemSchema);

/** One post held, current or past, with its term. */
export const positionHistorySchema = z.object({
  id: z.string(),
  termId: z.string().nullable(),
  termName: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.enum(POSITION_ROLES),
  startDate: z.string(),
  endDate: z.string().nullable(),
});
export type PositionHistory = z.infer<typeof positionHistorySchema>;

export const personSchema = personListItemSchema.extend({
  fullTimeEducation: z.string().nullable(),
  inServiceEducation: z.string().nullable(),
  degree: z.string().nullable(),
  major: z.string().nullable(),
  partyJoinDate: z.string().nullable(),
  workStartDate: z.string().nullable(),
  version: z.number(),
  positionHistory: z.array(positionHistorySchema),
});
export type Person = z.infer<typeof personSchema>;

// ID numbers must be strings: a JSON number would already have lost its digits (and its X).
const personFields = {
  name: safeText(50),
  idNumber: z.string().min(1).max(30),
  gender: genderSchema.optional(),
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

export const createPersonBody = z.strictObject({ ...personFields, orgId: uuid });
export type CreatePersonBody = z.input<typeof createPersonBody>;

/** Any of the person's fields, with the version read. */
export const updatePersonBody = z.strictObject({ version, ...z.object(personFields).partial().shape });
export type UpdatePersonBody = z.input<typeof updatePersonBody>;

// An ID number held outside the caller's scope: the same answer whoever holds it, and a request for the city.
export const pendingCityReviewSchema = z.object({
  status: z.literal('pending_city_review'),
  requestId: z.string(),
  message: z.string(),
});
export type PendingCityReview = z.infer<typeof pendingCityReviewSchema>;

/** What the submission referred to the city would have done: create a person, or change one. */
export const dedupeRequestKindSchema = z.enum(['create', 'update']);
export type DedupeRequestKind = z.infer<typeof dedupeRequestKindSchema>;
/** A dedupe request waits for the city: 'open' is the only state a request has so far. */
export const dedupeRequestStatusSchema = z.literal('open');
export type DedupeRequestStatus = z.infer<typeof dedupeRequestStatusSchema>;

export const dedupeRequestSchema = z.object({
  id: z.string(),
  kind: dedupeRequestKindSchema,
  status: dedupeRequestStatusSchema,
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  subjectPersonId: z.string().nullable(),
  holder: z.object({ id: z.string(), name: z.string(), orgName: z.string(), idNumberMasked: z.string() }),
});
export type DedupeRequest = z.infer<typeof dedupeRequestSchema>;
export const dedupeRequestListSchema = z.object({ items: z.array(dedupeRequestSchema) });

export const revealBody = z.strictObject({
  field: z.enum(['idNumber', 'phone']),
  // The reason goes into the audit trail: it may not carry the very numbers being revealed.
  reason: safeText(200, 4).refine((s) => !hasIdOrPhoneLikeRun(s), { message: 'REASON_HAS_NUMBER' }),
});
export type RevealBody = z.input<typeof revealBody>;
export const revealedSchema = z.object({ value: z.string().nullable() });
export type Revealed = z.infer<typeof revealedSchema>;
