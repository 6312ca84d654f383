/**
 * 薪火计划 succession and placement (issue 11 items 5 and 6): village party-secretary seats with their
 * risk flags and bench, the transparent successor score, recommendations and decisions, the heat map
 * of seats without a ready successor, and the pipeline dashboard over time.
 */
import { z } from 'zod';
import { BENCH_READINESS, SEAT_RISK_FLAGS, SUCCESSION_RECORD_KINDS } from '../pipeline-succession';
import { isoDate, pageQuery, pageSchema, safeText, uuid, type QueryValues } from './common';

export const benchReadinessSchema = z.enum(BENCH_READINESS);
export const seatRiskFlagSchema = z.enum(SEAT_RISK_FLAGS);
export const successionRecordKindSchema = z.enum(SUCCESSION_RECORD_KINDS);

/** `?date=` (the reference date; today when left out) and `?orgId=` (drill down into a subtree). */
export const successionQuery = z.strictObject({
  date: isoDate.optional(),
  orgId: uuid.optional(),
  /** `none`: the heat map and totals without the seat list (a page reads the seats paged). */
  seats: z.enum(['all', 'none']).optional(),
});
export type SuccessionQuery = z.input<typeof successionQuery>;

/** The orders of the paged seat list: the org tree's (town, village), fewest on the bench, oldest incumbent, earliest term end. */
export const SEAT_LIST_SORTS = ['tree', 'bench', 'age', 'term_end'] as const;
export type SeatListSort = (typeof SEAT_LIST_SORTS)[number];

/**
 * The paged seat list of a focus (or the whole scope) on a date: filtered by town, by risk flag (`any`:
 * at risk at all; `none`: not at risk) and by whether a ready-now successor is on the bench.
 */
export const seatListQuery = z.strictObject({
  date: isoDate.optional(),
  orgId: uuid.optional(),
  townId: uuid.optional(),
  flag: z.enum([...SEAT_RISK_FLAGS, 'any', 'none']).optional(),
  ready: z.enum(['yes', 'no']).optional(),
  sort: z.enum(SEAT_LIST_SORTS).default('tree'),
  ...pageQuery,
});
export type SeatListQuery = QueryValues<typeof seatListQuery>;
export const seatQuery = z.strictObject({ date: isoDate.optional() });

export const heatCellSchema = z.object({
  orgId: z.string(),
  name: z.string(),
  kind: z.string(),
  seats: z.number(),
  atRisk: z.number(),
  /** Seats with no ready-now successor on the bench. */
  noReadySuccessor: z.number(),
  /** At-risk (or vacant) seats with no ready-now successor: the red of the map. */
  atRiskNoReady: z.number(),
});
export type HeatCell = z.infer<typeof heatCellSchema>;

export const seatItemSchema = z.object({
  orgId: z.string(),
  villageName: z.string(),
  townId: z.string().nullable(),
  townName: z.string().nullable(),
  incumbent: z
    .object({ personId: z.string(), name: z.string(), birthDate: z.string(), age: z.number() })
    .nullable(),
  termEnd: z.string().nullable(),
  flags: z.array(seatRiskFlagSchema),
  bench: z.number(),
  readyNow: z.number(),
});
export type SeatItem = z.infer<typeof seatItemSchema>;
export const seatListSchema = pageSchema(seatItemSchema);
export type SeatList = z.infer<typeof seatListSchema>;

export const successionOverviewSchema = z.object({
  date: z.string(),
  ageThreshold: z.number(),
  focus: z.object({ orgId: z.string(), name: z.string(), kind: z.string() }).nullable(),
  /** Ancestors of the focus within the caller's scope, for the breadcrumb. */
  trail: z.array(z.object({ orgId: z.string(), name: z.string() })),
  heat: z.array(heatCellSchema),
  seats: z.array(seatItemSchema),
  totals: z.object({ seats: z.number(), atRisk: z.number(), noReadySuccessor: z.number() }),
});
export type SuccessionOverview = z.infer<typeof successionOverviewSchema>;

export const scoreComponentSchema = z.object({
  key: z.enum(['hours', 'assessments', 'time', 'town']),
  points: z.number(),
  max: z.number(),
  /** What the points were computed from, in zh and en. */
  basis: z.object({ zh: z.string(), en: z.string() }),
});
export type ScoreComponentDto = z.infer<typeof scoreComponentSchema>;

export const benchEntrySchema = z.object({
  id: z.string(),
  candidateId: z.string(),
  personName: z.string(),
  orgName: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  state: z.string(),
  forSeat: z.boolean(),
  readiness: benchReadinessSchema,
  rank: z.number(),
  nominatedOn: z.string(),
});
export const rankedCandidateSchema = z.object({
  candidateId: z.string(),
  personName: z.string(),
  orgName: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  state: z.string(),
  total: z.number(),
  components: z.array(scoreComponentSchema),
});
export type RankedCandidate = z.infer<typeof rankedCandidateSchema>;
export const successionRecordSchema = z.object({
  id: z.string(),
  kind: successionRecordKindSchema,
  candidateId: z.string(),
  personName: z.string(),
  date: z.string(),
  note: z.string(),
  actorName: z.string(),
  at: z.string(),
});
export const seatDetailSchema = seatItemSchema.extend({
  date: z.string(),
  ageThreshold: z.number(),
  entries: z.array(benchEntrySchema),
  /** Only for an open or at-risk seat: the trained candidates ranked by the score. */
  ranking: z.array(rankedCandidateSchema),
  records: z.array(successionRecordSchema),
});
export type SeatDetail = z.infer<typeof seatDetailSchema>;

export const addBenchBody = z.strictObject({
  candidateId: uuid,
  /** For this seat (true) or for any seat of its town (false). */
  forSeat: z.boolean(),
  readiness: benchReadinessSchema,
  rank: z.number().int().min(1).max(99),
  date: isoDate,
});
export type AddBenchBody = z.input<typeof addBenchBody>;
export const successionRecordBody = z.strictObject({
  kind: successionRecordKindSchema,
  candidateId: uuid,
  date: isoDate,
  note: safeText(1000),
});
export type SuccessionRecordBody = z.input<typeof successionRecordBody>;
export const successionSettingsBody = z.strictObject({ ageThreshold: z.number().int().min(40).max(70) });

export const dashboardTierSeriesSchema = z.object({
  tierId: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  target: z.number(),
  /** Filled (selected, in training or placed and not exited) on each point of `points`. */
  filled: z.array(z.number()),
  filledOnDate: z.number(),
  averageAge: z.number().nullable(),
});
export const cohortFunnelSchema = z.object({
  cohortId: z.string(),
  name: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  selectionDate: z.string(),
  nominated: z.number(),
  selected: z.number(),
  placed: z.number(),
  /** selected / nominated and placed / selected, in percent; null when the base is 0. */
  selectionRate: z.number().nullable(),
  placementRate: z.number().nullable(),
});
export const pipelineDashboardSchema = z.object({
  date: z.string(),
  programId: z.string().nullable(),
  /** The series' dates: each year's end from the program's start, and the reference date. */
  points: z.array(z.string()),
  tiers: z.array(dashboardTierSeriesSchema),
  cohorts: z.array(cohortFunnelSchema),
  /** The heat map and totals of the succession page, without its seat list (a province has 20,000). */
  succession: successionOverviewSchema.omit({ seats: true }),
});
export type PipelineDashboard = z.infer<typeof pipelineDashboardSchema>;
