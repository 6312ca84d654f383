/**
 * One career line per person (薪火计划 item 9): the person's path across the programs in date order —
 * 定制村干班 student and graduate → 青年尖兵 → 兴村特岗 → party-secretary seat → 乡村标杆 — read from the
 * class, candidate and position records, with the training hours attended per year.
 */
import { z } from 'zod';
import { candidateStateSchema } from './pipeline';

export const CAREER_STEP_KINDS = [
  'class_enrolled',
  'class_graduated',
  'class_left',
  'class_placed',
  'nominated',
  'selected',
  'training_started',
  'placed',
  'exited',
  'seat_started',
  'seat_ended',
] as const;
export type CareerStepKind = (typeof CAREER_STEP_KINDS)[number];

export const careerStepSchema = z.object({
  kind: z.enum(CAREER_STEP_KINDS),
  /** YYYY-MM-DD (a class intake known only by its year is the 1st of September of that year). */
  date: z.string(),
  /** The tier of a pipeline step (code and names), null for class and seat steps. */
  tierCode: z.string().nullable(),
  tierNameZh: z.string().nullable(),
  tierNameEn: z.string().nullable(),
  /** The class cohort or pipeline cohort (第一批…). */
  cohortName: z.string().nullable(),
  /** The org of the step: the placement village, the seat's org. */
  orgName: z.string().nullable(),
  /** The pipeline record the step belongs to (a link to the candidate page), null otherwise. */
  candidateId: z.string().nullable(),
  /** The record's state now (pipeline steps), so the line can show where the person stands. */
  state: candidateStateSchema.nullable(),
});
export type CareerStep = z.infer<typeof careerStepSchema>;

export const personCareerSchema = z.object({
  personId: z.string(),
  steps: z.array(careerStepSchema),
  /** Hours attended per year (sessions attended only), oldest first. */
  hoursByYear: z.array(z.object({ year: z.number(), hours: z.number(), sessions: z.number() })),
});
export type PersonCareer = z.infer<typeof personCareerSchema>;
