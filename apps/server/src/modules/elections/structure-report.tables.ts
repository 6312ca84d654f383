/** A structure report frozen as it stood (换届结构分析 snapshot): never updated. */
export interface StructureSnapshotsTable {
  id: string;
  election_id: string;
  /** The org whose subtree the frozen report covers (the election's scope, or a town). */
  org_id: string;
  org_path: string;
  /** The report, JSON. */
  report: string;
  /** SHA-256 of `report`, hex. */
  content_hash: string;
  created_by: string | null;
  created_at: string;
}
