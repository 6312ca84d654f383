import type { CandidateAction, CandidateState } from '@xinhuo/shared';
import type { Generated } from 'kysely';

/** A talent program (薪火计划) over a period, owned by an org (the city's organization department). */
export interface PipelineProgramsTable {
  id: string;
  name: string;
  period_from: string;
  period_to: string;
  owner_org_id: string;
  owner_org_path: string;
  created_at: string;
  /** Succession watch: a secretary of this age or older puts the seat at risk (default 55). */
  succession_age: number;
}

/** A tier of a program: its target and training requirement; the rules are in pipeline_rule_sets. */
export interface PipelineTiersTable {
  id: string;
  program_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  target: number;
  hours_per_year: number;
  months_min: number;
  months_max: number;
  sort_order: number;
}

/**
 * One immutable version of a tier (its eligibility rules, JSON list of EligibilityRule, and its terms), in
 * force from its date; numbered 1, 2, … per tier. Triggers refuse updates and deletes.
 */
export interface PipelineRuleSetsTable {
  id: string;
  tier_id: string;
  version: number;
  effective_from: string;
  rules_json: string;
  target: number;
  hours_per_year: number;
  months_min: number;
  months_max: number;
  created_by: string | null;
  created_at: string;
}

/** The withdrawal of a scheduled tier version before its date (immutable). */
export interface PipelineRuleSetCancellationsTable {
  tier_id: string;
  version: number;
  reason: string;
  cancelled_by: string | null;
  cancelled_at: string;
}

/** A cohort (批次) of a tier. */
export interface PipelineCohortsTable {
  id: string;
  tier_id: string;
  name: string;
  selection_date: string;
  send_off_date: string | null;
  intake_target: number;
  created_at: string;
}

/** A person's way through a tier; org_path is the person's org at nomination (the scope of the record). */
export interface PipelineCandidatesTable {
  id: string;
  tier_id: string;
  person_id: string;
  org_id: string;
  org_path: string;
  state: CandidateState;
  /** The selection date the eligibility is judged on. */
  selection_date: string;
  eligibility_json: string | null;
  eligible: number | null;
  override_reason: string | null;
  override_by: string | null;
  vetting_json: string | null;
  notice_start: string | null;
  notice_end: string | null;
  notice_workdays: number;
  cohort_id: string | null;
  mentor_person_id: string | null;
  plan_json: string | null;
  placed_org_id: string | null;
  placed_position_id: string | null;
  exit_reason: string | null;
  trainee_user_id: string | null;
  nominated_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/**
 * The first date of any step and of each kind of step the figures read, on the candidate row: kept from
 * the history by a trigger on pipeline_events (migration 2027-01-11-pipeline-summaries), never written
 * by the app.
 */
export interface PipelineCandidateStepDates {
  first_step_on: Generated<string | null>;
  nominated_on: Generated<string | null>;
  selected_on: Generated<string | null>;
  training_on: Generated<string | null>;
  placed_on: Generated<string | null>;
  exited_on: Generated<string | null>;
}

/** The immutable history of a candidate: every step dated, attributed, with its reason. */
export interface PipelineEventsTable {
  id: string;
  candidate_id: string;
  seq: number;
  action: CandidateAction | 'nominate' | 'override' | 'objection' | 'objection_resolved';
  from_state: CandidateState | null;
  to_state: CandidateState;
  event_date: string;
  actor_id: string | null;
  actor_name: string;
  reason: string | null;
  details_json: string | null;
  created_at: string;
}

/** An objection raised during the 任前公示, and its resolution. */
export interface PipelineObjectionsTable {
  id: string;
  candidate_id: string;
  raised_on: string;
  text: string;
  raised_by: string | null;
  resolved_on: string | null;
  resolution: string | null;
  resolved_by: string | null;
}

/** A reminder sent (kind, item, key day): unique on the three, so each is notified once. */
export interface PipelineRemindersTable {
  id: string;
  kind: string;
  item_id: string;
  key_date: string;
  created_at: string;
}
