import { z } from 'zod';
import { SEED_MATTER_SETTINGS } from '../matters';
import { ASSESSMENT_LEVELS } from '../pipeline';
import { isoDate, safeText, uuid } from './common';

/**
 * Versioned policy with effective dates: one mechanism for every policy kind. A version is immutable;
 * the one in force on a date is the one with the latest effective date on or before it (ties: the
 * higher version). Kinds: the loop's policy (priority tiers, thresholds and the supervision ladder), the
 * loop's matter categories, and the grade table of village cadres (四岗十五级). The pipeline's tiers keep
 * their versions in their own table on the same rules.
 */
export const POLICY_KINDS = ['matter_loop', 'matter_categories', 'grade_table'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

const workdays = z.number().int().min(0).max(60);
const code = z.string().regex(/^[a-z][a-z0-9_]{1,29}$/);

/** One priority tier (等级) of the loop: its handling time in working days. */
export const matterTierSchema = z.strictObject({
  code,
  nameZh: safeText(30),
  nameEn: safeText(60),
  handleWorkdays: z.number().int().min(1).max(120),
  isActive: z.boolean(),
});
export type MatterTier = z.infer<typeof matterTierSchema>;

/** The loop's thresholds: sign-for and feedback time, and the supervision ladder (催办 → 督办 → 通报). */
export const matterThresholdsSchema = z
  .strictObject({
    sign_for_workdays: workdays.min(1),
    due_soon_workdays: workdays,
    urge_overdue_workdays: workdays,
    supervise_overdue_workdays: workdays,
    circulate_overdue_workdays: workdays,
    feedback_workdays: workdays.min(1),
    assign_doc_prefix: safeText(10),
    supervise_doc_prefix: safeText(10),
  })
  .refine(
    (t) =>
      t.urge_overdue_workdays <= t.supervise_overdue_workdays &&
      t.supervise_overdue_workdays <= t.circulate_overdue_workdays,
    { message: 'LADDER_ORDER', path: ['supervise_overdue_workdays'] },
  );
export type MatterThresholds = z.infer<typeof matterThresholdsSchema>;

export const matterLoopPolicySchema = z.strictObject({
  tiers: z
    .array(matterTierSchema)
    .min(1)
    .max(20)
    .refine((ts) => new Set(ts.map((t) => t.code)).size === ts.length, { message: 'DUPLICATE_CODE' })
    .refine((ts) => ts.some((t) => t.isActive), { message: 'NO_ACTIVE_TIER' }),
  thresholds: matterThresholdsSchema,
});
export type MatterLoopPolicy = z.infer<typeof matterLoopPolicySchema>;

/**
 * One matter category (事项类别) of a categories version. Its code is stable (matters keep it); a category is
 * retired (isActive false) and never removed, so a matter raised under it keeps its name.
 */
export const matterCategorySchema = z.strictObject({
  code,
  nameZh: safeText(30),
  nameEn: safeText(60),
  /** The unit a matter of this category is usually assigned to (offered first when dispatching). */
  defaultUnitId: uuid.nullable(),
  isActive: z.boolean(),
});
export type MatterCategory = z.infer<typeof matterCategorySchema>;

/** The whole category list of a version, in the order the raise form offers it. */
export const matterCategoriesPolicySchema = z.strictObject({
  categories: z
    .array(matterCategorySchema)
    .min(1)
    .max(100)
    .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, { message: 'DUPLICATE_CODE' })
    .refine((cs) => cs.some((c) => c.isActive), { message: 'NO_ACTIVE_CATEGORY' }),
});
export type MatterCategoriesPolicy = z.infer<typeof matterCategoriesPolicySchema>;

/** 四岗十五级: the number of grades of the grade table. */
export const GRADE_COUNT = 15;
/** 四岗十五级: the number of posts of the grade table. */
export const POST_COUNT = 4;

/** One post (岗) of the grade table: its code, names and the grade a cadre enters it at. */
export const gradePostSchema = z.strictObject({
  code,
  nameZh: safeText(30),
  nameEn: safeText(60),
  entryGrade: z.number().int().min(1).max(GRADE_COUNT),
});

/** One grade (级): its number and monthly base pay in whole yuan. */
export const gradePaySchema = z.strictObject({
  grade: z.number().int().min(1).max(GRADE_COUNT),
  monthlyPay: z.number().int().min(0).max(1_000_000),
});

/**
 * A promotion rule: after `consecutiveYears` yearly assessments in a row at `level`
 * (优秀/称职/基本称职/不称职), the cadre's grade moves by `move` (−3…+3; 0 stays).
 */
export const gradePromotionSchema = z.strictObject({
  level: z.enum(ASSESSMENT_LEVELS, { message: 'UNKNOWN_LEVEL' }),
  consecutiveYears: z.number().int().min(1).max(5),
  move: z.number().int().min(-3).max(3),
});

/**
 * The grade table of village cadres (四岗十五级): 4 posts with their entry grade, 15 grades with their
 * monthly base pay (each at least the one below), and one promotion rule per assessment level.
 */
export const gradeTableSchema = z.strictObject({
  posts: z
    .array(gradePostSchema)
    .length(POST_COUNT, { message: 'POST_COUNT' })
    .refine((ps) => new Set(ps.map((p) => p.code)).size === ps.length, { message: 'DUPLICATE_CODE' }),
  grades: z
    .array(gradePaySchema)
    .length(GRADE_COUNT, { message: 'GRADE_COUNT' })
    .superRefine((gs, ctx) => {
      gs.forEach((g, i) => {
        if (g.grade !== i + 1) ctx.addIssue({ code: 'custom', message: 'GRADE_ORDER', path: [i, 'grade'] });
        else if (i > 0 && g.monthlyPay < gs[i - 1]!.monthlyPay)
          ctx.addIssue({ code: 'custom', message: 'PAY_NOT_MONOTONE', path: [i, 'monthlyPay'] });
      });
    }),
  promotion: z
    .array(gradePromotionSchema)
    .length(ASSESSMENT_LEVELS.length, { message: 'LEVEL_RULES' })
    .refine((rs) => new Set(rs.map((r) => r.level)).size === rs.length, { message: 'LEVEL_RULES' }),
});
export type GradeTable = z.infer<typeof gradeTableSchema>;

/** The body schema of each kind: a version's body is validated by it when written and when read. */
export const POLICY_BODY_SCHEMAS = {
  matter_loop: matterLoopPolicySchema,
  matter_categories: matterCategoriesPolicySchema,
  grade_table: gradeTableSchema,
} as const satisfies Record<PolicyKind, z.ZodType>;
export type PolicyBody<K extends PolicyKind> = z.infer<(typeof POLICY_BODY_SCHEMAS)[K]>;

/** The seed version 1 of the loop's policy (the values the loop had before versions existed). */
export const SEED_MATTER_THRESHOLDS: MatterThresholds = { ...SEED_MATTER_SETTINGS };

/**
 * in_force: the version in force today; scheduled (待生效): effective later; superseded: replaced;
 * cancelled (已撤销): a scheduled version withdrawn before its date (kept in the history, never in force).
 */
export const POLICY_VERSION_STATUSES = ['in_force', 'scheduled', 'superseded', 'cancelled'] as const;
export type PolicyVersionStatus = (typeof POLICY_VERSION_STATUSES)[number];

export const policyKindParams = z.strictObject({ kind: z.enum(POLICY_KINDS) });

/** A tier as answered (plain output types; the request schemas above validate and normalize). */
export const matterTierOutSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  handleWorkdays: z.number(),
  isActive: z.boolean(),
});

/** A version's body as answered. */
const matterLoopPolicyOutSchema = z.object({
  tiers: z.array(matterTierOutSchema),
  thresholds: z.object({
    sign_for_workdays: z.number(),
    due_soon_workdays: z.number(),
    urge_overdue_workdays: z.number(),
    supervise_overdue_workdays: z.number(),
    circulate_overdue_workdays: z.number(),
    feedback_workdays: z.number(),
    assign_doc_prefix: z.string(),
    supervise_doc_prefix: z.string(),
  }),
});

const matterCategoriesPolicyOutSchema = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      defaultUnitId: z.string().nullable(),
      isActive: z.boolean(),
    }),
  ),
});

const gradeTableOutSchema = z.object({
  posts: z.array(
    z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), entryGrade: z.number() }),
  ),
  grades: z.array(z.object({ grade: z.number(), monthlyPay: z.number() })),
  promotion: z.array(
    z.object({ level: z.enum(ASSESSMENT_LEVELS), consecutiveYears: z.number(), move: z.number() }),
  ),
});

export const policyVersionSchema = z.object({
  kind: z.enum(POLICY_KINDS),
  version: z.number().int(),
  effectiveFrom: z.string(),
  status: z.enum(POLICY_VERSION_STATUSES),
  /** The body of the version's kind (see POLICY_BODY_SCHEMAS). */
  body: z.union([matterLoopPolicyOutSchema, matterCategoriesPolicyOutSchema, gradeTableOutSchema]),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** Set when the version was withdrawn before its date. */
  cancellation: z
    .object({ reason: z.string(), cancelledBy: z.string().nullable(), cancelledAt: z.string() })
    .nullable(),
});
export type PolicyVersion = z.infer<typeof policyVersionSchema>;

export const policyVersionListSchema = z.object({
  today: z.string(),
  items: z.array(policyVersionSchema),
});
export type PolicyVersionList = z.infer<typeof policyVersionListSchema>;

/** A version of one kind as answered, its body typed by the kind. */
export type PolicyVersionOfKind<K extends PolicyKind> = Omit<PolicyVersion, 'kind' | 'body'> & {
  kind: K;
  body: PolicyBody<K>;
};
export interface PolicyVersionListOfKind<K extends PolicyKind> {
  today: string;
  items: PolicyVersionOfKind<K>[];
}

/**
 * A new version: its effective date (today or later) and its whole body, validated by the schema of the
 * route's kind (POLICY_BODY_SCHEMAS; field errors under `body.`).
 */
export const createPolicyVersionBody = z.strictObject({
  effectiveFrom: isoDate,
  body: z.record(z.string(), z.unknown()),
});
export type CreatePolicyVersionBody = z.input<typeof createPolicyVersionBody>;

export const policyVersionParams = z.strictObject({
  kind: z.enum(POLICY_KINDS),
  version: z.coerce.number().int().min(1).max(1_000_000),
});

/** Withdraw a scheduled version (待生效) before its date: the reason is kept with it. */
export const cancelPolicyVersionBody = z.strictObject({ reason: safeText(200, 2) });
export type CancelPolicyVersionBody = z.input<typeof cancelPolicyVersionBody>;
