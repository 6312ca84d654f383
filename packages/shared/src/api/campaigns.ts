/**
 * The term election as a campaign (换届): an election (the `elections` row: name, scope, election date,
 * term years) with a workflow per taking-part org — timetable, candidates per seat, joint eligibility
 * vetting (资格联审), the candidate notice (公示) in working days, results, and the finalize that ends the
 * previous term's seats and opens the new terms.
 */
import { z } from 'zod';
import { POSITION_ROLES } from '../org';
import { isoDate, pageQuery, pageSchema, safeText, uuid, version } from './common';
import { committeeSchema, createPersonBody, genderSchema } from './people';

/** The state of one org's part in a campaign, in the order it moves. */
export const CAMPAIGN_ORG_STATES = [
  'planning',
  'candidates',
  'vetting',
  'notice',
  'voting',
  'finalized',
] as const;
export type CampaignOrgState = (typeof CAMPAIGN_ORG_STATES)[number];
export const campaignOrgStateSchema = z.enum(CAMPAIGN_ORG_STATES);

/** The steps of one org's part; `finalize` has its own route (it writes the new terms). */
export const CAMPAIGN_ACTIONS = [
  'open_nomination',
  'start_vetting',
  'start_notice',
  'open_voting',
  'finalize',
] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];
export const campaignActionSchema = z.enum(CAMPAIGN_ACTIONS);

export const CAMPAIGN_ORG_STATE_LABELS: Record<CampaignOrgState, { zh: string; en: string }> = {
  planning: { zh: '筹备', en: 'Planning' },
  candidates: { zh: '候选人提名', en: 'Nomination' },
  vetting: { zh: '资格联审', en: 'Joint vetting' },
  notice: { zh: '候选人公示', en: 'Candidate notice' },
  voting: { zh: '选举', en: 'Voting' },
  finalized: { zh: '已完成', en: 'Finalized' },
};

export const CAMPAIGN_ACTION_LABELS: Record<CampaignAction, { zh: string; en: string }> = {
  open_nomination: { zh: '开始提名', en: 'Open nomination' },
  start_vetting: { zh: '提交资格联审', en: 'Start vetting' },
  start_notice: { zh: '开始公示', en: 'Start the notice' },
  open_voting: { zh: '进入选举', en: 'Open voting' },
  finalize: { zh: '完成换届', en: 'Finalize' },
};

/** The notice (公示) lasts this many working days unless the campaign says otherwise. */
export const DEFAULT_NOTICE_WORKDAYS = 5;

/** The negative list (负面清单) a campaign starts with when none is given; each campaign keeps its own copy. */
export const DEFAULT_VETTING_ITEMS: readonly { code: string; zh: string; en: string }[] = [
  { code: 'criminal_record', zh: '受过刑事处罚', en: 'Has a criminal conviction' },
  { code: 'organized_crime', zh: '涉黑涉恶', en: 'Involved in gang or organized crime' },
  {
    code: 'family_planning',
    zh: '违反计划生育政策（历史遗留）',
    en: 'Violated the family-planning policy (legacy item)',
  },
  { code: 'dishonest_debtor', zh: '被列为失信被执行人', en: 'Listed as a dishonest judgment debtor' },
  {
    code: 'party_discipline',
    zh: '受党纪处分尚未超过影响期',
    en: 'Under a Party disciplinary sanction still in effect',
  },
  { code: 'long_absence', zh: '长期外出无法正常履职', en: 'Long absent and unable to perform the duties' },
];

export const VETTING_OUTCOMES = ['pass', 'fail'] as const;
export type VettingOutcome = (typeof VETTING_OUTCOMES)[number];
export const vettingOutcomeSchema = z.enum(VETTING_OUTCOMES);

/** A candidate's vetting as a whole: pending until every item is checked; failed by any failed item. */
export const CANDIDATE_VETTING = ['pending', 'passed', 'failed'] as const;
export type CandidateVetting = (typeof CANDIDATE_VETTING)[number];

// ---------------------------------------------------------------------------------------------------
// Answers

export const vettingItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  sortOrder: z.number(),
});
export type VettingItem = z.infer<typeof vettingItemSchema>;

/** Org counts per state (in the caller's scope). */
export const campaignProgressSchema = z.object({
  planning: z.number(),
  candidates: z.number(),
  vetting: z.number(),
  notice: z.number(),
  voting: z.number(),
  finalized: z.number(),
});
export type CampaignProgress = z.infer<typeof campaignProgressSchema>;

export const campaignListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopeOrgId: z.string(),
  scopeOrgName: z.string(),
  electionDate: z.string(),
  termYears: z.number(),
  noticeWorkdays: z.number(),
  /** Taking-part orgs in the caller's scope, and how many of them are finalized. */
  orgCount: z.number(),
  finalizedCount: z.number(),
  createdAt: z.string(),
});
export type CampaignListItem = z.infer<typeof campaignListItemSchema>;
export const campaignPageSchema = pageSchema(campaignListItemSchema);
export type CampaignPage = z.infer<typeof campaignPageSchema>;

export const campaignDetailSchema = campaignListItemSchema.extend({
  vettingItems: z.array(vettingItemSchema),
  progress: campaignProgressSchema,
  /** Finalized orgs (in scope) whose party secretary is also the villagers' committee director. */
  oneShoulderCount: z.number(),
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;

/** Planned dates of one org's stages; the election day defaults to the campaign's. */
export const campaignTimetableSchema = z.object({
  nominationDate: z.string().nullable(),
  vettingDate: z.string().nullable(),
  noticeStartDate: z.string().nullable(),
  electionDate: z.string(),
});
export type CampaignTimetable = z.infer<typeof campaignTimetableSchema>;

export const campaignOrgItemSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  /** The town (parent org) name, for the county's lists. */
  parentName: z.string().nullable(),
  state: campaignOrgStateSchema,
  timetable: campaignTimetableSchema,
  noticeStartDate: z.string().nullable(),
  noticeEndDate: z.string().nullable(),
  candidateCount: z.number(),
  electedCount: z.number(),
  oneShoulder: z.boolean(),
  finalizedAt: z.string().nullable(),
  version: z.number(),
});
export type CampaignOrgItem = z.infer<typeof campaignOrgItemSchema>;
export const campaignOrgPageSchema = pageSchema(campaignOrgItemSchema);
export type CampaignOrgPage = z.infer<typeof campaignOrgPageSchema>;

export const vettingCheckSchema = z.object({
  itemId: z.string(),
  outcome: vettingOutcomeSchema,
  note: z.string().nullable(),
  checkedBy: z.string().nullable(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string(),
});
export type VettingCheck = z.infer<typeof vettingCheckSchema>;

export const campaignCandidateSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  gender: genderSchema,
  birthDate: z.string(),
  isCollege: z.boolean(),
  committee: committeeSchema,
  role: z.enum(POSITION_ROLES),
  /** Holds a seat of this org's committees when added (re-election vs new). */
  incumbent: z.boolean(),
  vetting: z.enum(CANDIDATE_VETTING),
  checks: z.array(vettingCheckSchema),
  /** Null until results are entered. */
  votes: z.number().nullable(),
  elected: z.boolean().nullable(),
});
export type CampaignCandidate = z.infer<typeof campaignCandidateSchema>;

/** A seat (committee × role) with its candidates. */
export const campaignSeatSchema = z.object({
  committee: committeeSchema,
  role: z.enum(POSITION_ROLES),
  candidates: z.array(campaignCandidateSchema),
});
export type CampaignSeat = z.infer<typeof campaignSeatSchema>;

export const campaignObjectionSchema = z.object({
  id: z.string(),
  candidateId: z.string().nullable(),
  receivedOn: z.string(),
  content: z.string(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CampaignObjection = z.infer<typeof campaignObjectionSchema>;

export const campaignNoticeSchema = z.object({
  startDate: z.string(),
  workdays: z.number(),
  /** The last working day of the notice (holidays and 调休 counted). */
  endDate: z.string(),
  /** Today is after endDate: results may be entered. */
  ended: z.boolean(),
});
export type CampaignNotice = z.infer<typeof campaignNoticeSchema>;

export const campaignOrgDetailSchema = campaignOrgItemSchema.extend({
  electionId: z.string(),
  campaignName: z.string(),
  noticeWorkdays: z.number(),
  vettingItems: z.array(vettingItemSchema),
  notice: campaignNoticeSchema.nullable(),
  seats: z.array(campaignSeatSchema),
  objections: z.array(campaignObjectionSchema),
  /** 一肩挑: the person elected party secretary and villagers' committee director. */
  oneShoulderPerson: z.object({ personId: z.string(), personName: z.string() }).nullable(),
  /** Actions the state allows next (their own checks may still refuse them). */
  nextActions: z.array(campaignActionSchema),
  /** The new terms, once finalized. */
  partyTermId: z.string().nullable(),
  villagersTermId: z.string().nullable(),
});
export type CampaignOrgDetail = z.infer<typeof campaignOrgDetailSchema>;

// ---------------------------------------------------------------------------------------------------
// Requests

export const campaignParams = z.strictObject({ id: uuid });
export const campaignOrgParams = z.strictObject({ id: uuid, orgId: uuid });
export const campaignCandidateParams = z.strictObject({ id: uuid, orgId: uuid, candidateId: uuid });
export const campaignObjectionParams = z.strictObject({ id: uuid, orgId: uuid, objectionId: uuid });

export const listCampaignsQuery = z.strictObject({ ...pageQuery });
export type ListCampaignsQuery = z.input<typeof listCampaignsQuery>;

export const listCampaignOrgsQuery = z.strictObject({
  ...pageQuery,
  state: campaignOrgStateSchema.optional(),
  /** Part of the org's name. */
  q: safeText(50).optional(),
});
export type ListCampaignOrgsQuery = z.input<typeof listCampaignOrgsQuery>;

const vettingItemBody = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'invalid_format' }),
  zh: safeText(60),
  en: safeText(160),
});

const timetableDates = {
  nominationDate: isoDate.nullable().optional(),
  vettingDate: isoDate.nullable().optional(),
  noticeStartDate: isoDate.nullable().optional(),
};

export const createCampaignBody = z.strictObject({
  /** The county/city or a town: the campaign covers the villages of its subtree. */
  scopeOrgId: uuid,
  name: safeText(60),
  /** The default election day of every org (each org's timetable may move its own). */
  electionDate: isoDate,
  termYears: z.number().int().min(1).max(10).default(5),
  noticeWorkdays: z.number().int().min(1).max(30).default(DEFAULT_NOTICE_WORKDAYS),
  /** The negative list; DEFAULT_VETTING_ITEMS when left out. */
  vettingItems: z.array(vettingItemBody).min(1).max(30).optional(),
  /** The taking-part villages; every active village of the subtree when left out. */
  orgIds: z.array(uuid).min(1).max(20_000).optional(),
  /** Planned dates given to every org at the start. */
  timetable: z.strictObject(timetableDates).optional(),
});
export type CreateCampaignBody = z.input<typeof createCampaignBody>;

export const updateTimetableBody = z.strictObject({
  version,
  ...timetableDates,
  electionDate: isoDate.optional(),
});
export type UpdateTimetableBody = z.input<typeof updateTimetableBody>;

/** A candidate for a seat: a person of the roster (in scope) or a new person created with them. */
export const addCandidateBody = z
  .strictObject({
    committee: committeeSchema,
    role: z.enum(POSITION_ROLES),
    personId: uuid.optional(),
    /** A new person of this org (the people service's rules; the org is the campaign org). */
    newPerson: createPersonBody.omit({ orgId: true }).optional(),
  })
  .refine((b) => (b.personId === undefined) !== (b.newPerson === undefined), {
    message: 'invalid_value',
    path: ['personId'],
  });
export type AddCandidateBody = z.input<typeof addCandidateBody>;

export const addCandidateResultSchema = z.object({
  status: z.literal('added'),
  candidateId: z.string(),
});

export const recordVettingBody = z.strictObject({
  checks: z
    .array(
      z.strictObject({
        itemId: uuid,
        outcome: vettingOutcomeSchema,
        note: safeText(200).nullable().optional(),
      }),
    )
    .min(1)
    .max(30),
});
export type RecordVettingBody = z.input<typeof recordVettingBody>;

export const campaignTransitionBody = z.strictObject({
  action: z.enum(['open_nomination', 'start_vetting', 'start_notice', 'open_voting']),
  version,
  /** start_notice: the first day of the notice; the timetable's date (or today) when left out. */
  noticeStartDate: isoDate.optional(),
});
export type CampaignTransitionBody = z.input<typeof campaignTransitionBody>;

export const recordObjectionBody = z.strictObject({
  candidateId: uuid.nullable().optional(),
  receivedOn: isoDate,
  content: safeText(500),
});
export type RecordObjectionBody = z.input<typeof recordObjectionBody>;

export const resolveObjectionBody = z.strictObject({ resolution: safeText(500) });
export type ResolveObjectionBody = z.input<typeof resolveObjectionBody>;

export const recordResultsBody = z.strictObject({
  version,
  results: z
    .array(
      z.strictObject({
        candidateId: uuid,
        votes: z.number().int().min(0).max(1_000_000),
        elected: z.boolean(),
      }),
    )
    .min(1)
    .max(500),
});
export type RecordResultsBody = z.input<typeof recordResultsBody>;

export const finalizeCampaignOrgBody = z.strictObject({ version });
export type FinalizeCampaignOrgBody = z.input<typeof finalizeCampaignOrgBody>;
