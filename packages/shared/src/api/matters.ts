import { z } from 'zod';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  MATTER_ACTIONS,
  MATTER_OUTCOMES,
  MATTER_PARTIES,
  MATTER_SOURCES,
  MATTER_STATES,
  RATING_VALUES,
  RETURN_RULINGS,
  SATISFACTION_VALUES,
  SIDE_EXIT_OUTCOMES,
  SUPERVISION_KINDS,
} from '../matters';
import { idParams, isoDate, pageSchema, pageQuery, safeText, uuid, version } from './common';
import { matterTierOutSchema } from './policy';

/*
 * The contract of the matter routes (/api/matters…, /api/supervisions…): request and response schemas,
 * used by the server to validate and serialize, by the web for its types, and for the OpenAPI document.
 */

/** A catalogue or setting code: category, priority, setting key. */
export const matterCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'invalid_format' });
const code = matterCodeSchema;
const text = (max: number, min = 1) => safeText(max, min);
const n = z.number();
const sn = z.string().nullable();

export const matterIdParamsSchema = idParams;

// ——— Raising and acting ———

export const raiseMatterBodySchema = z.strictObject({
  title: text(120, 2),
  description: text(4000, 2),
  categoryCode: code,
  priorityCode: code.optional(),
  villageId: uuid,
  raiserPersonId: uuid.optional(),
  raiserName: text(50).optional(),
});
export type RaiseMatterBody = z.input<typeof raiseMatterBodySchema>;

const action = <T extends string, S extends z.ZodRawShape>(name: T, shape: S) =>
  z.strictObject({ action: z.literal(name), version, ...shape });
const reason = text(2000);

/** One body per workflow action; `version` is the matter's, for optimistic concurrency. */
export const matterTransitionBodySchema = z.discriminatedUnion('action', [
  action('dispatch', {
    leadUnitId: uuid,
    coUnits: z
      .array(z.strictObject({ unitId: uuid, dueDate: isoDate.optional() }))
      .max(10)
      .optional(),
    priorityCode: code.optional(),
    deadline: isoDate.optional(),
    note: text(2000).optional(),
  }),
  action('sign', { assignmentId: uuid.optional() }),
  action('return', { assignmentId: uuid.optional(), reason }),
  action('uphold_return', { newLeadUnitId: uuid, reason }),
  action('overrule_return', { reason }),
  action('rule_co_return', { assignmentId: uuid, decision: z.enum(['uphold', 'overrule']), reason }),
  action('progress', { assignmentId: uuid.optional(), note: text(2000) }),
  action('co_reply', { assignmentId: uuid.optional(), reply: text(4000), signOffName: text(50).optional() }),
  action('request_extension', { requestedDue: isoDate, reason }),
  action('decide_extension', {
    approve: z.boolean(),
    reason: reason.optional(),
    deadline: isoDate.optional(),
  }),
  action('submit', { resolution: text(4000), signOffName: text(50) }),
  action('accept', { note: text(2000).optional() }),
  action('reject', { reason }),
  action('rate', { rating: z.enum(RATING_VALUES), comment: text(2000).optional() }),
  action('reopen', { reason, deadline: isoDate.optional() }),
  action('close_dissatisfied', { reason }),
  action('close_side', { outcome: z.enum(SIDE_EXIT_OUTCOMES), reason, duplicateOfId: uuid.optional() }),
]);
export type MatterTransitionBody = z.input<typeof matterTransitionBodySchema>;

// ——— The board ———

const states = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(MATTER_STATES)).min(1).max(MATTER_STATES.length));

const filters = {
  orgId: uuid.optional(),
  /** Comma-separated states. */
  state: states.optional(),
  category: code.optional(),
  priority: code.optional(),
  source: z.enum(MATTER_SOURCES).optional(),
  outcome: z.enum(MATTER_OUTCOMES).optional(),
  satisfaction: z.enum(SATISFACTION_VALUES).optional(),
  meetingId: uuid.optional(),
  unitId: uuid.optional(),
  raisedFrom: isoDate.optional(),
  raisedTo: isoDate.optional(),
  q: text(50).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  // Typed as the number the web sends; on the wire it is the query string's text, coerced.
  minEscalation: z.coerce.number<number>().int().min(1).max(3).optional(),
  /** The highest supervision step reached, exactly: 1 催办, 2 督办, 3 通报 (the board's filter). */
  escalation: z.coerce.number<number>().int().min(1).max(3).optional(),
  sort: z.enum(['raisedAt', 'deadline', 'updatedAt']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
};

/** The board's filters: the query of /api/matters/counts and /api/matters/export. */
export const matterFiltersSchema = z.strictObject(filters);
export type MatterFilters = z.input<typeof matterFiltersSchema>;
/**
 * The query of /api/matters: the filters and a page. `exactTotal=true` counts exactly where the total would
 * otherwise be estimated (a scope of more than MATTER_TOTAL_ESTIMATED_BEYOND matters, on PostgreSQL).
 */
export const matterListQuerySchema = z.strictObject({
  ...filters,
  ...pageQuery,
  exactTotal: z.enum(['true', 'false']).optional(),
});
/** Beyond this many matters (the database planner's estimate) the board's total is an estimate unless asked exactly. */
export const MATTER_TOTAL_ESTIMATED_BEYOND = 100_000;

export const matterListItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  category: z.string(),
  categoryName: z.string(),
  priority: z.string(),
  state: z.enum(MATTER_STATES),
  outcome: z.enum(MATTER_OUTCOMES).nullable(),
  satisfaction: z.enum(SATISFACTION_VALUES).nullable(),
  source: z.enum(MATTER_SOURCES),
  meetingId: sn,
  villageId: z.string(),
  villageName: z.string(),
  raiserName: z.string(),
  raisedAt: z.string(),
  dispatchNo: sn,
  dispatchedAt: sn,
  deadline: sn,
  isOverdue: z.boolean(),
  overdueWorkdays: n,
  escalationLevel: n,
  leadUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  closedAt: sn,
  version: n,
});
export type MatterListItem = z.infer<typeof matterListItemSchema>;

/** `totalEstimated`: the total is the database planner's estimate ("about N"), not a count. */
export const matterPageSchema = pageSchema(matterListItemSchema).extend({ totalEstimated: z.boolean() });
export type MatterPage = z.infer<typeof matterPageSchema>;

export const matterCountsSchema = z.object({
  byState: z.array(z.object({ state: z.enum(MATTER_STATES), count: z.number() })),
});
export type MatterCounts = z.infer<typeof matterCountsSchema>;

export const matterCatalogSchema = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      defaultUnitId: z.string().nullable(),
      isActive: z.boolean(),
    }),
  ),
  /** The priority tiers of the loop's policy in force today. */
  priorities: z.array(matterTierOutSchema),
  /** Units the caller may assign to (empty for those who do not dispatch). */
  units: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.enum(['department', 'organ', 'town']) }),
  ),
});
export type MatterCatalog = z.infer<typeof matterCatalogSchema>;

// ——— One matter ———

export const matterAssignmentSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  role: z.enum(ASSIGNMENT_ROLES),
  status: z.enum(ASSIGNMENT_STATUSES),
  assignedAt: z.string(),
  signDue: z.string(),
  dueDate: z.string(),
  signedAt: sn,
  returnedAt: sn,
  returnReason: sn,
  returnRuling: z.enum(RETURN_RULINGS).nullable(),
  reply: sn,
  replySignOff: sn,
  submittedAt: sn,
  completedOn: sn,
  isOnTime: z.boolean().nullable(),
  isOverdue: z.boolean(),
  urgeCount: n,
  superviseCount: n,
  circulateCount: n,
});
export type MatterAssignment = z.infer<typeof matterAssignmentSchema>;

export const matterEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string(),
  party: z.enum(MATTER_PARTIES),
  action: z.string(),
  fromState: z.string(),
  toState: z.string(),
  reason: sn,
  details: z.record(z.string(), z.unknown()),
});
export type MatterEvent = z.infer<typeof matterEventSchema>;

export const matterSupervisionSchema = z.object({
  id: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  level: n,
  unitId: z.string(),
  unitName: z.string(),
  dueDate: z.string(),
  triggeredOn: z.string(),
  docNo: sn,
  createdAt: z.string(),
});
export type MatterSupervision = z.infer<typeof matterSupervisionSchema>;

export const matterDetailSchema = matterListItemSchema.extend({
  description: z.string(),
  raiserPersonId: sn,
  townName: sn,
  originalDeadline: sn,
  extension: z.object({ requestedDue: z.string(), reason: z.string() }).nullable(),
  extensionCount: n,
  resolution: sn,
  signOffName: sn,
  submittedAt: sn,
  acceptedAt: sn,
  resolvedOn: sn,
  handlingWorkdays: n.nullable(),
  isOnTime: z.boolean().nullable(),
  feedbackDue: sn,
  satisfactionComment: sn,
  ratedAt: sn,
  returnCount: n,
  rehandleCount: n,
  reopenCount: n,
  duplicateOfId: sn,
  assignments: z.array(matterAssignmentSchema),
  events: z.array(matterEventSchema),
  supervisions: z.array(matterSupervisionSchema),
  /** Exactly the actions this user may take now, decided by the server. */
  availableActions: z.array(z.enum(MATTER_ACTIONS)),
  myAssignmentIds: z.array(z.string()),
  /** The version of the loop's policy the matter was raised under (its deadlines follow it). */
  policy: z.object({ version: n, effectiveFrom: z.string() }),
  /** The category's name when the matter was raised, if it has been renamed since (categoryName is today's). */
  categoryNameRaised: sn,
});
export type MatterDetail = z.infer<typeof matterDetailSchema>;

// ——— Documents: 交办单 and 督办单 ———

/** The kinds of numbered document the loop issues: 交办单 (assignment) and 督办单 (supervision). */
export const ISSUED_DOCUMENT_KINDS = ['assign', 'supervise'] as const;
export type IssuedDocumentKind = (typeof ISSUED_DOCUMENT_KINDS)[number];

/** 公文: the documents issued, one kind at a time, newest first, scoped like the matters they concern. */
export const issuedDocumentsQuery = z.strictObject({
  kind: z.enum(ISSUED_DOCUMENT_KINDS).default('assign'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Part of the document number or of the matter's title or code. */
  q: z.string().trim().max(60).optional(),
  ...pageQuery,
});

export const issuedDocumentSchema = z.object({
  kind: z.enum(ISSUED_DOCUMENT_KINDS),
  /** The matter for a 交办单, the supervision step for a 督办单: what the document's page is keyed by. */
  id: z.string(),
  docNo: z.string(),
  issuedOn: z.string(),
  matterId: z.string(),
  matterCode: z.string(),
  matterTitle: z.string(),
  villageName: z.string(),
  /** The unit it is addressed to: the lead unit of a 交办单, the overdue unit of a 督办单. */
  unitName: z.string().nullable(),
  matterState: z.enum(MATTER_STATES),
});
export type IssuedDocument = z.infer<typeof issuedDocumentSchema>;

export const issuedDocumentsPageSchema = pageSchema(issuedDocumentSchema);
export type IssuedDocumentsPage = z.infer<typeof issuedDocumentsPageSchema>;

/** A document's PDF in a language other than the request's (a link opened by the browser sends its own). */
export const documentPdfQuerySchema = z.object({ lang: z.enum(['zh-CN', 'en']).optional() });

/** A 交办单's data; the category and the source are named in the request's language. */
export const assignOrderSchema = z.object({
  docNo: z.string(),
  issuedOn: z.string(),
  issuer: z.string(),
  matter: z.object({
    code: z.string(),
    title: z.string(),
    description: z.string(),
    category: z.string(),
    priority: z.string(),
    villageName: z.string(),
    townName: z.string(),
    raiserName: z.string(),
    raisedOn: z.string(),
    source: z.string(),
  }),
  deadline: z.string(),
  units: z.array(
    z.object({
      name: z.string(),
      role: z.enum(['lead', 'co']),
      signDue: z.string(),
      dueDate: z.string(),
    }),
  ),
});
export type AssignOrder = z.infer<typeof assignOrderSchema>;

export const supervisionOrderSchema = z.object({
  docNo: z.string(),
  issuedOn: z.string(),
  unitName: z.string(),
  dueDate: z.string(),
  overdueWorkdays: z.number(),
  matter: z.object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    dispatchNo: z.string().nullable(),
    raiserName: z.string(),
    raisedOn: z.string(),
  }),
});
export type SupervisionOrder = z.infer<typeof supervisionOrderSchema>;

// ——— Statistics ———

/** The period of /api/matters/stats and /scorecards (and their exports). */
export const matterPeriodQuerySchema = z.strictObject({
  orgId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type MatterPeriod = z.input<typeof matterPeriodQuerySchema>;

const totals = {
  raised: n,
  open: n,
  overdueNow: n,
  closed: n,
  closedSolved: n,
  sideExits: z.object({ notResponsible: n, duplicate: n, explained: n }),
  closedLoopRate: n.nullable(),
  resolved: n,
  onTime: n,
  onTimeRate: n.nullable(),
  avgHandlingWorkdays: n.nullable(),
  satisfaction: z.object({ satisfied: n, basic: n, dissatisfied: n, noResponse: n }),
  satisfactionRate: n.nullable(),
  rehandled: n,
  raisedAtMeetings: n,
};
export const loopTotalsSchema = z.object(totals);
export type LoopTotals = z.infer<typeof loopTotalsSchema>;

export const matterStatsSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  today: z.string(),
  calendarCoverage: z.object({ fromYear: n, toYear: n }),
  meetings: z.object({ held: n, speakers: n, attended: n }),
  matters: loopTotalsSchema,
  byCategory: z.array(z.object({ category: z.string(), ...totals })),
  byChild: z.array(z.object({ orgId: z.string(), name: z.string(), kind: z.string(), ...totals })),
});
export type MatterStats = z.infer<typeof matterStatsSchema>;

export const unitScorecardSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitKind: z.string(),
  assigned: n,
  led: n,
  completed: n,
  overdueOpen: n,
  returns: n,
  returnsUpheld: n,
  signOnTimeRate: n.nullable(),
  onTimeRate: n.nullable(),
  returnRate: n.nullable(),
  rehandleRate: n.nullable(),
  satisfactionRate: n.nullable(),
  urgeCount: n,
  superviseCount: n,
  circulateCount: n,
  score: n,
  rank: n,
});
export type UnitScorecard = z.infer<typeof unitScorecardSchema>;

export const scorecardsSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(unitScorecardSchema),
});
export type Scorecards = z.infer<typeof scorecardsSchema>;

/** The query of /api/matters/raisers: a subtree, a period and a page. */
export const raiserStatsQuerySchema = z.strictObject({
  orgId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});
export type RaiserStatsQuery = z.input<typeof raiserStatsQuerySchema>;

/** One secretary (a raiser on the roster): matters raised in the period and how the closed ones were rated. */
export const raiserStatsItemSchema = z.object({
  personId: z.string(),
  name: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  raised: n,
  fromMeetings: n,
  closed: n,
  satisfied: n,
  basic: n,
  dissatisfied: n,
  satisfactionRate: n.nullable(),
});
export type RaiserStatsItem = z.infer<typeof raiserStatsItemSchema>;
export const raiserStatsPageSchema = pageSchema(raiserStatsItemSchema).extend({
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
});
export type RaiserStatsPage = z.infer<typeof raiserStatsPageSchema>;

/** The query of /api/matters/overdue/export (the list adds a page). */
export const overdueFiltersSchema = z.strictObject({ orgId: uuid.optional(), unitId: uuid.optional() });
export type OverdueFilters = z.input<typeof overdueFiltersSchema>;
export const overdueQuerySchema = z.strictObject({
  orgId: uuid.optional(),
  unitId: uuid.optional(),
  ...pageQuery,
});

export const overdueItemSchema = z.object({
  assignmentId: z.string(),
  matterId: z.string(),
  code: z.string(),
  title: z.string(),
  state: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  dispatchNo: sn,
  unitId: z.string(),
  unitName: z.string(),
  role: z.enum(ASSIGNMENT_ROLES),
  status: z.string(),
  dueDate: z.string(),
  overdueWorkdays: n,
  escalationLevel: n,
  urgeCount: n,
  superviseCount: n,
  circulateCount: n,
});
export type OverdueItem = z.infer<typeof overdueItemSchema>;

export const overdueListSchema = z.object({ total: n, today: z.string(), items: z.array(overdueItemSchema) });
export type OverdueList = z.infer<typeof overdueListSchema>;

/** The answer of POST /api/matters/sweep: what one run of the deadline sweep created and closed. */
export const sweepReportSchema = z.object({
  today: z.string(),
  created: z.object({
    due_soon: z.number(),
    sign_overdue: z.number(),
    urge: z.number(),
    supervise: z.number(),
    circulate: z.number(),
  }),
  closedNoResponse: z.number(),
  ms: z.number(),
});

// ——— Policy: thresholds, categories, priority tiers ———

export const matterSettingsSchema = z.object({
  items: z.array(z.object({ key: z.string(), value: z.string(), note: z.string() })),
});
export type MatterSettings = z.infer<typeof matterSettingsSchema>;

export const matterSettingParamsSchema = z.strictObject({ key: code });
export const matterSettingBodySchema = z.strictObject({ value: safeText(10) });
export type MatterSettingBody = z.input<typeof matterSettingBodySchema>;

export const matterCodeParamsSchema = z.strictObject({ code });

export const matterCategoryBodySchema = z.strictObject({
  nameZh: safeText(30),
  nameEn: safeText(60),
  defaultUnitId: uuid.nullable().optional(),
  sortOrder: z.number().int().min(0).max(999).optional(),
  isActive: z.boolean(),
});
export type MatterCategoryBody = z.input<typeof matterCategoryBodySchema>;

export const matterPriorityBodySchema = z.strictObject({
  nameZh: safeText(30),
  nameEn: safeText(60),
  handleWorkdays: z.number().int().min(1).max(120),
  sortOrder: z.number().int().min(0).max(999).optional(),
  isActive: z.boolean(),
});
export type MatterPriorityBody = z.input<typeof matterPriorityBodySchema>;
