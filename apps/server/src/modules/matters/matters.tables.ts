import type {
  AssignmentRole,
  AssignmentStatus,
  MatterEventAction,
  MatterEventState,
  MatterOutcome,
  MatterParty,
  MatterSource,
  MatterState,
  ReturnRuling,
  Satisfaction,
  SupervisionKind,
} from '@xinhuo/shared';

export interface MatterCategoriesTable {
  code: string;
  name_zh: string;
  name_en: string;
  default_unit_id: string | null;
  sort_order: number;
  is_active: number;
}

export interface MatterPrioritiesTable {
  code: string;
  name_zh: string;
  name_en: string;
  handle_workdays: number;
  sort_order: number;
  is_active: number;
}

export interface MatterSettingsTable {
  key: string;
  value: string;
  note: string;
  updated_at: string;
}

/** The numbered series: matter codes, 交办单 (assignment orders) and 督办单 (supervision orders). */
export type DocSeries = 'matter' | 'assign' | 'supervise';

export interface DocCountersTable {
  kind: DocSeries;
  year: number;
  last_seq: number;
}

/** One matter (事项). org_path is the village's path, copied so every scoped query is an index range. */
export interface MattersTable {
  id: string;
  code: string;
  title: string;
  description: string;
  category_code: string;
  priority_code: string;
  village_id: string;
  org_path: string;
  source: MatterSource;
  meeting_id: string | null;
  raiser_person_id: string | null;
  raiser_name: string;
  raised_by_user_id: string | null;
  raised_at: string;
  raised_on: string;
  state: MatterState;
  outcome: MatterOutcome | null;
  duplicate_of_id: string | null;
  dispatcher_org_id: string | null;
  dispatch_no: string | null;
  dispatched_at: string | null;
  dispatched_on: string | null;
  deadline: string | null;
  original_deadline: string | null;
  ext_requested_due: string | null;
  ext_reason: string | null;
  extension_count: number;
  submitted_at: string | null;
  resolution: string | null;
  sign_off_name: string | null;
  accepted_at: string | null;
  resolved_on: string | null;
  handling_workdays: number | null;
  is_on_time: number | null;
  feedback_due: string | null;
  satisfaction: Satisfaction | null;
  satisfaction_comment: string | null;
  rated_at: string | null;
  closed_at: string | null;
  closed_on: string | null;
  return_count: number;
  rehandle_count: number;
  reopen_count: number;
  escalation_level: number;
  /** The version of the loop's policy (policy_versions, kind matter_loop) the matter was raised under. */
  policy_version: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A unit's part in a matter (lead or co-unit) with its own deadlines; the matter's paths are copied for stats. */
export interface MatterAssignmentsTable {
  id: string;
  matter_id: string;
  unit_id: string;
  unit_path: string;
  org_path: string;
  raised_on: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  is_open: number;
  assigned_at: string;
  sign_due: string;
  due_date: string;
  responded_on: string | null;
  signed_at: string | null;
  returned_at: string | null;
  return_reason: string | null;
  return_ruling: ReturnRuling | null;
  reply: string | null;
  reply_sign_off: string | null;
  submitted_at: string | null;
  completed_on: string | null;
  is_on_time: number | null;
  rehandle_count: number;
  satisfaction: Satisfaction | null;
  urge_count: number;
  supervise_count: number;
  circulate_count: number;
  /** Supervision steps reached for the current due_date (bits: 1 due soon, 2 催办, 4 督办, 8 通报). */
  ladder_mask: number;
  created_at: string;
  updated_at: string;
}

export interface MatterEventsTable {
  id: string;
  matter_id: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string;
  party: MatterParty;
  action: MatterEventAction;
  from_state: MatterEventState;
  to_state: MatterEventState;
  reason: string | null;
  details: string;
}

export interface MatterSupervisionsTable {
  id: string;
  matter_id: string;
  assignment_id: string;
  unit_id: string;
  unit_path: string;
  org_path: string;
  kind: SupervisionKind;
  level: number;
  due_date: string;
  triggered_on: string;
  created_at: string;
  doc_no: string | null;
  doc_year: number | null;
  doc_seq: number | null;
}
