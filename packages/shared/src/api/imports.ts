import { z } from 'zod';
import { idParams, pageQuery, pageSchema } from './common';

/*
 * The contract of the roster import (/api/imports…): the template, the upload that makes a dry-run job,
 * its report (paged, by error type), the annotated copy, and the all-or-nothing commit. The upload body
 * is the raw workbook (application/octet-stream); only its file-name header and query have schemas.
 */

export const IMPORT_JOB_STATUSES = ['validating', 'ready', 'committing', 'committed', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** What a row holding a person already on the roster (in the importer's scope) does on commit. */
export const IMPORT_EXISTING_MODES = ['update', 'skip'] as const;
export type ImportExistingMode = (typeof IMPORT_EXISTING_MODES)[number];

export const IMPORT_PHASES = ['parse', 'validate', 'commit'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export const importJobParamsSchema = idParams;

/** The file name, URL-encoded, of an upload. */
export const importUploadHeadersSchema = z.object({ 'x-file-name': z.string().min(1).max(4000) });

export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(IMPORT_JOB_STATUSES),
  fileName: z.string(),
  fileSha256: z.string(),
  existingMode: z.enum(IMPORT_EXISTING_MODES),
  /**
   * The phase now running (or last run) and how far it got: the web polls this for its progress bar while
   * the job is `validating` or `committing` (the work runs after the request that started it has answered).
   */
  phase: z.enum(IMPORT_PHASES),
  done: z.number(),
  total: z.number(),
  counts: z.object({
    /** Non-empty data rows read. */
    rows: z.number(),
    /** Rows with at least one error (nothing is committed while any exists). */
    errorRows: z.number(),
    /** Rows that would create a new person. */
    newPeople: z.number(),
    /** Rows that hold a person already on the roster within the importer's scope. */
    existingPeople: z.number(),
  }),
  result: z.object({ created: z.number(), updated: z.number(), skipped: z.number() }).nullable(),
  /** Why a `failed` job stopped (an error code and its message in the request's language). */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importIssueSchema = z.object({
  /** Row number in the uploaded sheet (as Excel shows it). */
  row: z.number(),
  /** Column key of the template (IMPORT_COLUMNS), or null for the row as a whole. */
  column: z.string().nullable(),
  /** A reason of the field-message catalogue (FIELD_MESSAGES). */
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  suggestions: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })).optional(),
});
export type ImportIssueItem = z.infer<typeof importIssueSchema>;

export const importIssuesQuerySchema = z.strictObject({
  ...pageQuery,
  code: z.string().max(60).optional(),
});
export type ImportIssuesQuery = z.input<typeof importIssuesQuerySchema>;

export const importIssuesPageSchema = pageSchema(importIssueSchema).extend({
  /** Every reason found in the report with its count, for the filter by error type. */
  codes: z.array(z.object({ code: z.string(), count: z.number() })),
});
export type ImportIssuesPage = z.infer<typeof importIssuesPageSchema>;

export const commitImportBody = z.strictObject({ existingMode: z.enum(IMPORT_EXISTING_MODES) });
export type CommitImportBody = z.input<typeof commitImportBody>;
