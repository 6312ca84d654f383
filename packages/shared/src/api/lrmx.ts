import { z } from 'zod';
import { uuid } from './common';

/*
 * The contract of LRMX (干部任免审批表 v3) exchange: an upload of one .lrmx or a .zip of them makes an
 * LRMX session (the caller's own, kept a day) listing each file — matched to a person in the caller's
 * scope by ID number, new, or refused with its reason — with the field-by-field differences between the
 * roster and the file; the apply writes the accepted fields of every file in one transaction. The upload
 * body is the raw file (application/octet-stream) with its name URL-encoded in X-File-Name.
 */

export const LRMX_FILE_STATUSES = ['matched', 'new', 'error'] as const;
export type LrmxFileStatus = (typeof LRMX_FILE_STATUSES)[number];

/** What the apply did with a file. */
export const LRMX_FILE_RESULTS = [
  'updated',
  'unchanged',
  'created',
  'pending_city_review',
  'skipped',
] as const;
export type LrmxFileResult = (typeof LRMX_FILE_RESULTS)[number];

/** One field that differs: the roster's text and the file's (the family and the photo as summaries). */
export const lrmxDifferenceSchema = z.object({
  field: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  before: z.string(),
  after: z.string(),
});
export type LrmxDifference = z.infer<typeof lrmxDifferenceSchema>;

export const lrmxFileSchema = z.object({
  index: z.number(),
  name: z.string(),
  status: z.enum(LRMX_FILE_STATUSES),
  /** The person matched (in the caller's scope), or null. */
  personId: z.string().nullable(),
  /** The name in the roster (matched) or in the file (new). */
  personName: z.string().nullable(),
  /** For a refused file: the error code and its text in the request's language. */
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  differences: z.array(lrmxDifferenceSchema),
  result: z.enum(LRMX_FILE_RESULTS).nullable(),
});
export type LrmxFile = z.infer<typeof lrmxFileSchema>;

export const lrmxSessionSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['open', 'applied']),
  createdAt: z.string(),
  expiresAt: z.string(),
  appliedAt: z.string().nullable(),
  files: z.array(lrmxFileSchema),
});
export type LrmxSession = z.infer<typeof lrmxSessionSchema>;

/**
 * The decision per file: the fields accepted (every other difference is rejected); a new person needs the
 * org (in the caller's scope) to be created in. Files left out are skipped.
 */
export const applyLrmxBody = z.strictObject({
  files: z
    .array(
      z.strictObject({
        index: z.number().int().min(0),
        accept: z.array(z.string().max(40)).max(40),
        orgId: uuid.optional(),
      }),
    )
    .max(1000),
});
export type ApplyLrmxBody = z.input<typeof applyLrmxBody>;
