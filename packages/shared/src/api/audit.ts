import { z } from 'zod';
import { isoDate, pageQuery, safeText, type QueryValues } from './common';

/** How an audited event ended. */
export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Filters of the audit administrator's search of the trail. */
export const auditFilters = {
  actor: safeText(40).optional(),
  action: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .optional(),
  objectType: z
    .string()
    .regex(/^[a-z_]{2,20}$/)
    .optional(),
  /** The object's id as the trail records it (exact). */
  objectId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
export const searchAuditQuery = z.strictObject({ ...auditFilters, ...pageQuery });
export type SearchAuditQuery = QueryValues<typeof searchAuditQuery>;
export type AuditFilters = QueryValues<z.ZodObject<typeof auditFilters>>;

export const auditEntrySchema = z.object({
  seq: z.number(),
  ts: z.string(),
  actorName: z.string().nullable(),
  /** The account's display name (joined from the account; null for system rows or a removed account). */
  actorDisplayName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(auditEntrySchema),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenSeq: z.number().nullable(),
  truncatedAfterSeq: z.number().nullable(),
  headSeq: z.number().nullable(),
  anchorSeq: z.number().nullable(),
  finding: z.string().nullable(),
  message: z.object({ zh: z.string(), en: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** The filtered trail as .xlsx (at most AUDIT_EXPORT_CAP rows; above it 413 AUDIT_EXPORT_TOO_MANY). */
export const AUDIT_EXPORT_CAP = 100_000;
export const exportAuditQuery = z.strictObject(auditFilters);

/** Saved searches: a name and a filter set, each the auditor's own. */
const savedFilters = z.strictObject(auditFilters);
export type SavedSearchFilters = z.infer<typeof savedFilters>;
export const savedSearchBody = z.strictObject({ name: safeText(40), filters: savedFilters });
export type SavedSearchBody = z.input<typeof savedSearchBody>;
export const savedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: savedFilters,
  createdAt: z.string(),
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;
export const savedSearchListSchema = z.object({ items: z.array(savedSearchSchema) });
