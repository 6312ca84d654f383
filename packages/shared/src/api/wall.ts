/**
 * The wall screen (大屏驾驶舱) and the display tokens that open it on a meeting-room screen. The wall's
 * answer is aggregates only — counts, shares, rates and org or program names — never a person's name,
 * ID number, phone or record id (`apps/server/test/db/wall.test.ts` scans it).
 */
import { z } from 'zod';
import { safeText, uuid } from './common';

const n = z.number();
const rate = n.nullable();

export const wallRosterSchema = z.object({
  refDate: z.string(),
  organizations: n,
  members: n,
  averageAge: rate,
  ageBands: z.array(z.object({ band: z.string(), count: n })),
  education: z.array(z.object({ level: z.string(), count: n })),
  collegeShare: rate,
  gender: z.object({ male: n, female: n }),
  bornAfter1985Share: rate,
  bornAfter1990Share: rate,
  partyMembers: n,
  secretaryDirector: z.object({ count: n, orgsWithSecretary: n, rate }),
  byChild: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      organizations: n,
      members: n,
      averageAge: rate,
      collegeShare: rate,
      secretaryDirectorRate: rate,
    }),
  ),
});

const loopFigures = {
  raised: n,
  open: n,
  overdueNow: n,
  closed: n,
  closedSolved: n,
  closedLoopRate: rate,
  onTimeRate: rate,
  satisfactionRate: rate,
};

export const wallLoopSchema = z.object({
  from: z.string(),
  to: z.string(),
  meetingsHeld: n,
  totals: z.object({
    ...loopFigures,
    sideExits: n,
    satisfaction: z.object({ satisfied: n, basic: n, dissatisfied: n, noResponse: n }),
  }),
  byChild: z.array(z.object({ name: z.string(), kind: z.string(), ...loopFigures })),
});

export const wallPipelineSchema = z.object({
  programs: z.array(
    z.object({
      name: z.string(),
      periodFrom: z.string(),
      periodTo: z.string(),
      tiers: z.array(
        z.object({ nameZh: z.string(), nameEn: z.string(), target: n, filled: n, inProgress: n, placed: n }),
      ),
    }),
  ),
});

export const wallTrainingSchema = z.object({
  fromYear: n.nullable(),
  toYear: n.nullable(),
  trainedTotal: n,
  placedInVillagesTotal: n,
  cohorts: n,
  /** Each cohort by its intake year and partner: students, graduates and first posts in villages. */
  byCohort: z.array(
    z.object({ intakeYear: n, partner: z.string(), students: n, graduated: n, placedInVillages: n }),
  ),
});

export const wallSchema = z.object({
  orgName: z.string(),
  orgKind: z.string(),
  today: z.string(),
  /** When these figures were computed (the server keeps them for up to a minute per scope). */
  generatedAt: z.string(),
  /** Seconds the screen should wait before asking again (platform settings). */
  refreshSeconds: n,
  /** Seconds the screen shows one panel before the next (platform settings). */
  panelSeconds: n,
  roster: wallRosterSchema,
  loop: wallLoopSchema,
  pipeline: wallPipelineSchema,
  training: wallTrainingSchema,
});
export type Wall = z.infer<typeof wallSchema>;

// Display tokens (the system administrator's) ---------------------------------------------------------

export const displayTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DisplayToken = z.infer<typeof displayTokenSchema>;
export const displayTokenListSchema = z.object({ items: z.array(displayTokenSchema) });

export const createDisplayTokenBody = z.strictObject({ name: safeText(40, 2), orgId: uuid });
export type CreateDisplayTokenBody = z.input<typeof createDisplayTokenBody>;

/** The one answer that carries the token: shown once, never stored in the clear. */
export const createdDisplayTokenSchema = z.object({
  item: displayTokenSchema,
  token: z.string(),
  /** The path to open on the display (`/wall#token=…`): the fragment never reaches a server log. */
  path: z.string(),
});
export type CreatedDisplayToken = z.infer<typeof createdDisplayTokenSchema>;

export const displayTokenParams = z.strictObject({ id: uuid });
/** Revocation takes no fields (an empty JSON object). */
export const revokeDisplayTokenBody = z.strictObject({});
export type DisplayTokenList = z.infer<typeof displayTokenListSchema>;
