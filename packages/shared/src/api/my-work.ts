import { z } from 'zod';
import { ASSIGNMENT_ROLES, MATTER_STATES } from '../matters';
import { pageQuery } from './common';

/**
 * The kinds of item in My work (我的待办), each an action the workflow's rules table lets the caller take
 * now: 待交办 (dispatch, rule on a 退单, decide on a dissatisfied matter), 待签收, 待办理, 待审批延期, 待核查, 待评价.
 */
export const MY_WORK_KINDS = [
  'to_dispatch',
  'to_sign',
  'to_handle',
  'to_decide_extension',
  'to_verify',
  'to_rate',
] as const;
export type MyWorkKind = (typeof MY_WORK_KINDS)[number];

export const myWorkQuery = z.strictObject({
  kind: z.enum(MY_WORK_KINDS).optional(),
  ...pageQuery,
});
export type MyWorkQuery = z.input<typeof myWorkQuery>;

/** One item waiting for the caller: a matter, and the caller's unit part when the action is the unit's. */
export const myWorkItemSchema = z.object({
  kind: z.enum(MY_WORK_KINDS),
  matterId: z.string(),
  code: z.string(),
  title: z.string(),
  state: z.enum(MATTER_STATES),
  villageName: z.string(),
  /** The caller's unit for a unit's action, else the lead unit (null before dispatch). */
  unitName: z.string().nullable(),
  assignmentId: z.string().nullable(),
  /** The part's role when the item is a unit's (lead submits, co-unit replies). */
  role: z.enum(ASSIGNMENT_ROLES).nullable(),
  /** The date the item is measured against: 签收 due, the part's or the matter's deadline, 回访 due; null when none. */
  due: z.string().nullable(),
  overdue: z.boolean(),
  escalationLevel: z.number(),
  raisedOn: z.string(),
});
export type MyWorkItem = z.infer<typeof myWorkItemSchema>;

/** Counts per kind the caller may act on (kinds the caller's permissions do not reach are absent). */
const kindCounts = z.array(z.object({ kind: z.enum(MY_WORK_KINDS), count: z.number() }));
/** `overdue`: of the total, the items past the date they are measured against. */
export const myWorkCountsSchema = z.object({ counts: kindCounts, total: z.number(), overdue: z.number() });
export type MyWorkCounts = z.infer<typeof myWorkCountsSchema>;

export const myWorkPageSchema = z.object({
  items: z.array(myWorkItemSchema),
  total: z.number(),
  counts: kindCounts,
  page: z.number(),
  pageSize: z.number(),
});
export type MyWorkPage = z.infer<typeof myWorkPageSchema>;
