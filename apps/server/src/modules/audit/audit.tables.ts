/** A named filter set of the audit trail, the auditor's own. */
export interface AuditSavedSearchesTable {
  id: string;
  owner_id: string;
  name: string;
  /** JSON: the filters as the search route takes them. */
  filters: string;
  created_at: string;
}
