/**
 * 薪火计划 (the talent pipeline): programs and tiers with targets, eligibility rule sets versioned by
 * effective date, cohorts, and candidates moving through nomination → eligibility → vetting (考察) →
 * 任前公示 → selection → training → placement, every step dated, attributed and with its reason.
 */
import { z } from 'zod';
import { ORG_KINDS } from '../org';
import {
  ASSESSMENT_LEVELS,
  CADRE_RANKS,
  CANDIDATE_ACTIONS,
  CANDIDATE_STATES,
  PIPELINE_NOTICE_WORKDAYS,
} from '../pipeline';
import { isoDate, pageQuery, pageSchema, safeText, uuid, version } from './common';
import { POLICY_VERSION_STATUSES } from './policy';

export const candidateStateSchema = z.enum(CANDIDATE_STATES);
export const candidateActionSchema = z.enum(CANDIDATE_ACTIONS);
export const cadreRankSchema = z.enum(CADRE_RANKS);

export const CANDIDATE_STATE_LABELS: Record<(typeof CANDIDATE_STATES)[number], { zh: string; en: string }> = {
  nominated: { zh: '已提名', en: 'Nominated' },
  eligibility_checked: { zh: '资格已审查', en: 'Eligibility checked' },
  vetted: { zh: '已考察', en: 'Vetted' },
  notice: { zh: '任前公示', en: 'Public notice' },
  selected: { zh: '已选定', en: 'Selected' },
  in_training: { zh: '培养中', en: 'In training' },
  placed: { zh: '已任用', en: 'Placed' },
  exited: { zh: '已退出', en: 'Exited' },
};

const educationCode = z.string().regex(/^\d{2}$/, { message: 'invalid_format' });
const politicalCode = z.string().regex(/^\d{2}$/, { message: 'invalid_format' });

/** One eligibility rule as data (see EligibilityRule in pipeline.ts). */
export const eligibilityRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('max_age'), years: z.number().int().min(16).max(70) }),
  z.strictObject({ kind: z.literal('source_org_kind'), kinds: z.array(z.enum(ORG_KINDS)).min(1).max(5) }),
  z.strictObject({ kind: z.literal('rank'), ranks: z.array(cadreRankSchema).min(1).max(3) }),
  z.strictObject({ kind: z.literal('min_education'), code: educationCode }),
  z.strictObject({ kind: z.literal('political_status'), codes: z.array(politicalCode).min(1).max(13) }),
  z.strictObject({ kind: z.literal('min_years_in_post'), years: z.number().int().min(0).max(40) }),
  z.strictObject({ kind: z.literal('min_training_hours'), hours: z.number().int().min(0).max(2000) }),
  z.strictObject({ kind: z.literal('no_incompetent'), years: z.number().int().min(1).max(10) }),
]);

/** A tier's terms: its target, training hours required a year and training length. */
const tierTerms = {
  target: z.number().int().min(0).max(100_000),
  hoursPerYear: z.number().int().min(0).max(2000),
  monthsMin: z.number().int().min(0).max(120),
  monthsMax: z.number().int().min(0).max(120),
};

/** One dated, immutable version of a tier: its rules and its terms, with its status today. */
export const ruleSetSchema = z.object({
  version: z.number(),
  effectiveFrom: z.string(),
  status: z.enum(POLICY_VERSION_STATUSES),
  rules: z.array(eligibilityRuleSchema),
  target: z.number(),
  hoursPerYear: z.number(),
  monthsMin: z.number(),
  monthsMax: z.number(),
  createdAt: z.string(),
  cancellation: z
    .object({ reason: z.string(), cancelledBy: z.string().nullable(), cancelledAt: z.string() })
    .nullable(),
});
export type TierVersion = z.infer<typeof ruleSetSchema>;
/**
 * A new version of a tier, effective today or later (EFFECTIVE_DATE_PAST otherwise): its rules and, when
 * given, new terms (those not given are kept from the version in force on that date).
 */
export const addRuleSetBody = z.strictObject({
  effectiveFrom: isoDate,
  rules: z.array(eligibilityRuleSchema).min(1).max(20),
  target: tierTerms.target.optional(),
  hoursPerYear: tierTerms.hoursPerYear.optional(),
  monthsMin: tierTerms.monthsMin.optional(),
  monthsMax: tierTerms.monthsMax.optional(),
});
export const tierVersionParams = z.strictObject({ id: uuid, version: z.coerce.number().int().min(1) });
export type AddRuleSetBody = z.input<typeof addRuleSetBody>;

export const tierSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  target: z.number(),
  hoursPerYear: z.number(),
  monthsMin: z.number(),
  monthsMax: z.number(),
  /** People selected, in training or placed in this tier (within the caller's scope). */
  filled: z.number(),
  /** Open candidates before selection (nominated … notice). */
  inProgress: z.number(),
  placed: z.number(),
  /** Nominated (ever) → past vetting → selected or further → placed, within the caller's scope. */
  funnel: z.object({ nominated: z.number(), vetted: z.number(), selected: z.number(), placed: z.number() }),
  /** Average age today of the people filling the tier; null when none. */
  averageAge: z.number().nullable(),
  ruleSets: z.array(ruleSetSchema),
});
export type Tier = z.infer<typeof tierSchema>;

export const programSchema = z.object({
  id: z.string(),
  name: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  ownerOrgId: z.string(),
  tiers: z.array(tierSchema),
});
export type Program = z.infer<typeof programSchema>;
export const programListSchema = z.object({ items: z.array(programSchema) });

export const createProgramBody = z.strictObject({
  name: safeText(100),
  periodFrom: isoDate,
  periodTo: isoDate,
  ownerOrgId: uuid,
});
export type CreateProgramBody = z.input<typeof createProgramBody>;

export const createTierBody = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'invalid_format' }),
  nameZh: safeText(40),
  nameEn: safeText(80),
  ...tierTerms,
  /** The rules of version 1, in force from the start (later versions are dated today or later). */
  rules: z.array(eligibilityRuleSchema).min(1).max(20).optional(),
});
export type CreateTierBody = z.input<typeof createTierBody>;

export const cohortSchema = z.object({
  id: z.string(),
  tierId: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  name: z.string(),
  selectionDate: z.string(),
  sendOffDate: z.string().nullable(),
  intakeTarget: z.number(),
  /** Candidates selected into the cohort (within the caller's scope), by state. */
  members: z.number(),
  placed: z.number(),
});
export type Cohort = z.infer<typeof cohortSchema>;
export const cohortListSchema = z.object({ items: z.array(cohortSchema) });
export const createCohortBody = z.strictObject({
  tierId: uuid,
  name: safeText(40),
  selectionDate: isoDate,
  sendOffDate: isoDate.nullable().optional(),
  intakeTarget: z.number().int().min(0).max(10_000),
});
export type CreateCohortBody = z.input<typeof createCohortBody>;

export const listCandidatesQuery = z.strictObject({
  ...pageQuery,
  tierId: uuid.optional(),
  cohortId: uuid.optional(),
  state: candidateStateSchema.optional(),
  q: safeText(40).optional(),
});
export type ListCandidatesQuery = z.input<typeof listCandidatesQuery>;
export const exportCandidatesQuery = listCandidatesQuery.omit({ page: true, pageSize: true });

export const candidateItemSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  orgName: z.string(),
  tierId: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  state: candidateStateSchema,
  eligible: z.boolean().nullable(),
  overridden: z.boolean(),
  cohortName: z.string().nullable(),
  selectionDate: z.string(),
  updatedAt: z.string(),
});
export type CandidateItem = z.infer<typeof candidateItemSchema>;
export const candidatePageSchema = pageSchema(candidateItemSchema);

const ruleResultSchema = z.object({
  rule: eligibilityRuleSchema,
  outcome: z.enum(['pass', 'fail', 'no_data']),
  reason: z.object({ zh: z.string(), en: z.string() }),
});
export const eligibilityResultSchema = z.object({
  effectiveFrom: z.string().nullable(),
  eligible: z.boolean(),
  results: z.array(ruleResultSchema),
});
export type EligibilityResultDto = z.infer<typeof eligibilityResultSchema>;

export const candidateEventSchema = z.object({
  seq: z.number(),
  action: z.string(),
  fromState: candidateStateSchema.nullable(),
  toState: candidateStateSchema,
  date: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export const objectionSchema = z.object({
  id: z.string(),
  raisedOn: z.string(),
  text: z.string(),
  resolvedOn: z.string().nullable(),
  resolution: z.string().nullable(),
});
export const milestoneSchema = z.object({ title: z.string(), due: z.string() });

export const candidateDetailSchema = candidateItemSchema.extend({
  version: z.number(),
  eligibility: eligibilityResultSchema.nullable(),
  overrideReason: z.string().nullable(),
  vetting: z.object({ team: z.array(z.string()), findings: z.string(), conclusion: z.string() }).nullable(),
  notice: z.object({ start: z.string(), end: z.string(), workdays: z.number() }).nullable(),
  objections: z.array(objectionSchema),
  mentor: z.object({ id: z.string(), name: z.string() }).nullable(),
  milestones: z.array(milestoneSchema),
  placedOrgName: z.string().nullable(),
  exitReason: z.string().nullable(),
  events: z.array(candidateEventSchema),
  nextActions: z.array(candidateActionSchema),
});
export type CandidateDetail = z.infer<typeof candidateDetailSchema>;

export const nominateBody = z.strictObject({
  personId: uuid,
  tierId: uuid,
  selectionDate: isoDate,
  reason: safeText(500),
  /** The day of the nomination (the history's date); today when left out. */
  date: isoDate.optional(),
});
export type NominateBody = z.input<typeof nominateBody>;

const stepBase = { date: isoDate, version, reason: safeText(500).optional() };
export const candidateStepBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('check_eligibility'), ...stepBase }),
  z.strictObject({
    action: z.literal('vet'),
    ...stepBase,
    team: z.array(safeText(40)).min(1).max(10),
    findings: safeText(2000),
    conclusion: safeText(500),
  }),
  z.strictObject({
    action: z.literal('start_notice'),
    ...stepBase,
    workdays: z.number().int().min(PIPELINE_NOTICE_WORKDAYS).max(30).optional(),
  }),
  z.strictObject({ action: z.literal('select'), ...stepBase, cohortId: uuid }),
  z.strictObject({
    action: z.literal('start_training'),
    ...stepBase,
    mentorPersonId: uuid,
    milestones: z
      .array(z.strictObject({ title: safeText(100), due: isoDate }))
      .max(20)
      .default([]),
  }),
  z.strictObject({
    action: z.literal('assess'),
    ...stepBase,
    year: z.number().int().min(2000).max(2100),
    level: z.enum(ASSESSMENT_LEVELS),
  }),
  z.strictObject({ action: z.literal('place'), ...stepBase, orgId: uuid }),
  z.strictObject({ action: z.literal('exit'), date: isoDate, version, reason: safeText(500) }),
]);
export type CandidateStepBody = z.input<typeof candidateStepBody>;

export const overrideEligibilityBody = z.strictObject({ version, reason: safeText(1000, 10) });
export type OverrideEligibilityBody = z.input<typeof overrideEligibilityBody>;

export const raiseObjectionBody = z.strictObject({ date: isoDate, text: safeText(2000) });
export const resolvePipelineObjectionBody = z.strictObject({ date: isoDate, resolution: safeText(2000) });
export const pipelineObjectionParams = z.strictObject({ id: uuid, objectionId: uuid });

/** The printable 任前公示 (pre-appointment notice). */
export const noticeSheetSchema = z.object({
  candidateId: z.string(),
  personName: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  orgName: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  start: z.string(),
  end: z.string(),
  workdays: z.number(),
});
export type NoticeSheet = z.infer<typeof noticeSheetSchema>;
