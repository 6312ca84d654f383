import { z } from 'zod';
import { hasIdOrPhoneLikeRun } from '../mask';
import { PERSON_PHOTO_MAX_BYTES, PERSON_RECORD_LIMITS, isDivisionCode } from '../person-record';
import { POSITION_ROLES } from '../org';
import { CADRE_RANKS } from '../cadre-rank';
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
export const listPeopleQuery = z.strictObject({
  ...rosterFilters,
  ...pageQuery,
  /** The next page after a page's `next` (keyset: read in index order from there, no offset). */
  after: z.string().max(1000).optional(),
});
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
export const personPageSchema = pageSchema(personListItemSchema).extend({
  /** Send as `after` for the page that follows this one (same filters and order); null on the last page. */
  next: z.string().nullable(),
});

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

// ---- the cadre record (干部档案: what the 任免审批表 and LRMX carry beyond the roster's columns) ----

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A year and month, `YYYY-MM`: the precision the 简历 and education periods are written in. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'MONTH_FORMAT' });

/** 全日制 or 在职 education. */
export const educationKindSchema = z.enum(['full_time', 'in_service']);
export type EducationKind = z.infer<typeof educationKindSchema>;

/**
 * The cadre record's shape, with the rule for its free texts: the request checks and normalizes them
 * (safeText); the answer only describes them, since an answer is encoded and a normalizing transform
 * cannot run backwards.
 */
function recordSchemaWith(text: (max: number) => z.ZodType<string, string>) {
  /** A place (籍贯, 出生地): its GB/T 2260 division code when known, and the text as written (江苏盐城). */
  const place = z.strictObject({
    code: z.string().refine(isDivisionCode, { message: 'REGION_CODE_UNKNOWN' }).nullable(),
    text: text(60),
  });
  const photo = z.strictObject({
    type: z.enum(['image/jpeg', 'image/png']),
    data: z
      .string()
      .max(Math.ceil(PERSON_PHOTO_MAX_BYTES / 3) * 4, { message: 'PHOTO_TOO_LARGE' })
      .regex(BASE64, { message: 'PHOTO_TYPE' }),
  });
  const education = z.strictObject({
    kind: educationKindSchema,
    education: code(2).nullable(),
    school: text(80),
    major: text(60).nullable(),
    degree: code(1).nullable(),
    from: yearMonth,
    to: yearMonth.nullable(),
  });
  /** One period of the 简历; only the last may be open (`to` null). */
  const workPeriod = z.strictObject({ from: yearMonth, to: yearMonth.nullable(), text: text(200) });
  /** A family member or an important social relation (家庭主要成员及重要社会关系). */
  const relative = z.strictObject({
    relation: text(10),
    name: text(50),
    birthMonth: yearMonth.nullable(),
    politicalStatus: code(2).nullable(),
    workUnit: text(120).nullable(),
  });
  return z.strictObject({
    nativePlace: place.nullable(),
    birthPlace: place.nullable(),
    photo: photo.nullable(),
    education: z.array(education).max(PERSON_RECORD_LIMITS.education),
    workHistory: z.array(workPeriod).max(PERSON_RECORD_LIMITS.workHistory),
    family: z.array(relative).max(PERSON_RECORD_LIMITS.family),
    rewardsPunishments: text(2000).nullable(),
  });
}

/**
 * The cadre record a person keeps beyond the roster's columns, as sent. The server keeps it sealed (it
 * holds the personal data of relatives) and never filters on it.
 */
export const personRecordSchema = recordSchemaWith((max) => safeText(max));
/** The same record as answered. */
export const personRecordView = recordSchemaWith((max) => z.string().max(max));
export type PersonRecord = z.infer<typeof personRecordSchema>;
export type PersonRecordInput = z.input<typeof personRecordSchema>;

/** The record of a person who has none yet. */
export const EMPTY_PERSON_RECORD: PersonRecord = {
  nativePlace: null,
  birthPlace: null,
  photo: null,
  education: [],
  workHistory: [],
  family: [],
  rewardsPunishments: null,
};

export const personSchema = personListItemSchema.extend({
  fullTimeEducation: z.string().nullable(),
  inServiceEducation: z.string().nullable(),
  degree: z.string().nullable(),
  major: z.string().nullable(),
  partyJoinDate: z.string().nullable(),
  workStartDate: z.string().nullable(),
  /** 职级 of an organ cadre (the pipeline's rank rule reads it); null for others. */
  cadreRank: z.enum(CADRE_RANKS).nullable(),
  version: z.number(),
  positionHistory: z.array(positionHistorySchema),
  record: personRecordView,
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
  cadreRank: z.enum(CADRE_RANKS).nullable().optional(),
  // Sent in parts: a key left out keeps what is stored (on create: empty).
  record: personRecordSchema.partial().optional(),
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
