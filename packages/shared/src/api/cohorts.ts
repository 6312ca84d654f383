/** A cohort page (批次, 薪火计划 item 4): the cohort, its tier and its members by stage (scoped). */
import { z } from 'zod';
import { candidateStateSchema, cohortSchema } from './pipeline';

export const cohortDetailSchema = cohortSchema.extend({
  tierCode: z.string(),
  /** Members within the caller's scope, by their record's stage now. */
  byState: z.array(z.object({ state: candidateStateSchema, n: z.number() })),
});
export type CohortDetail = z.infer<typeof cohortDetailSchema>;
