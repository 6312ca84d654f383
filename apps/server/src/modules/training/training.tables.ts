import type { EnrollmentSource, SignInMethod, StudentStatus, TrainingKind } from '@xinhuo/shared';

export interface TrainingProgramsTable {
  id: string;
  name: string;
  kind: TrainingKind;
  year: number;
  owner_org_id: string;
  org_path: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TrainingSessionsTable {
  id: string;
  program_id: string;
  title: string;
  session_date: string;
  start_time: string;
  end_time: string;
  venue: string;
  /** Hours in tenths (3.5 h = 35). */
  hours_tenths: number;
  capacity: number;
  /** The program owner's path: scope of the session. */
  org_path: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TrainingLecturersTable {
  session_id: string;
  person_id: string;
  topic: string | null;
  sort_order: number;
}

export interface TrainingEnrollmentsTable {
  id: string;
  session_id: string;
  person_id: string;
  source: EnrollmentSource;
  enrolled_at: string;
  enrolled_by: string | null;
  attended: number;
  signed_in_at: string | null;
  sign_in_method: SignInMethod | null;
  signed_in_by: string | null;
  rating: number | null;
  feedback: string | null;
  feedback_at: string | null;
}

/**
 * A person's enrollments in the sessions of a year and the hours (tenths) of those attended, kept by
 * triggers on enrollments and sessions (migration 2027-01-11-pipeline-summaries): never written by the app.
 */
export interface TrainingHoursYearlyTable {
  person_id: string;
  year: number;
  enrollments: number;
  attended_tenths: number;
}

export interface TrainingRequirementsTable {
  year: number;
  required_tenths: number;
  updated_at: string;
  updated_by: string | null;
}

export interface UnivCohortsTable {
  id: string;
  name: string;
  partner: string;
  intake_year: number;
  owner_org_id: string;
  org_path: string;
  created_at: string;
  version: number;
}

export interface UnivStudentsTable {
  id: string;
  cohort_id: string;
  person_id: string;
  status: StudentStatus;
  graduation_date: string | null;
  placement_org_id: string | null;
  placement_role: string | null;
  placement_date: string | null;
  later_path: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
