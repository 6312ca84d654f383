import type { ImportExistingMode, ImportJobStatus, ImportPhase } from '@xinhuo/shared';

/**
 * One roster import: the dry run's counts and report, then the commit's result. It belongs to the user
 * who uploaded it (org_path is the first of their scope roots, kept for the record). The report holds
 * no ID number (its issues carry reason codes and the text of code-table and date cells only).
 */
export interface ImportJobsTable {
  id: string;
  status: ImportJobStatus;
  existing_mode: ImportExistingMode;
  file_name: string;
  file_sha256: string;
  created_by: string;
  org_path: string;
  phase: ImportPhase;
  done: number;
  total: number;
  row_count: number;
  error_rows: number;
  new_people: number;
  existing_people: number;
  /** JSON array of the report's issues (row, column, code, severity, params, suggestions). */
  issues: string;
  created_count: number | null;
  updated_count: number | null;
  skipped_count: number | null;
  created_at: string;
  committed_at: string | null;
  /** The upload is deleted at commit, or once this time has passed. */
  expires_at: string;
}

/** The uploaded workbook, sealed (it holds ID numbers): AES-256-GCM under the key named by key_id. */
export interface ImportUploadsTable {
  job_id: string;
  key_id: string;
  content: Buffer;
}

/**
 * One batch of the dry run's checked people (JSON of `CheckedPerson[]`, sealed: it holds ID numbers and
 * phones), in file order by `batch`; the commit writes these instead of reading the upload again.
 */
export interface ImportCheckedRowsTable {
  job_id: string;
  batch: number;
  key_id: string;
  content: Buffer;
}
