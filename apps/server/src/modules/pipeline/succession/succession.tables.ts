import type { BenchReadiness, SuccessionRecordKind } from '@xinhuo/shared';

/**
 * A candidate on the bench of a village secretary seat (village_org_id set) or of any seat of a town
 * (village_org_id null); org_path is the path of that village or town (the scope of the entry).
 */
export interface PipelineBenchTable {
  id: string;
  candidate_id: string;
  village_org_id: string | null;
  town_org_id: string;
  org_path: string;
  readiness: BenchReadiness;
  rank: number;
  nominated_on: string;
  created_by: string | null;
  created_at: string;
}

/** A recommendation or decision on a seat: dated, attributed, never changed. */
export interface PipelineSuccessionRecordsTable {
  id: string;
  village_org_id: string;
  org_path: string;
  kind: SuccessionRecordKind;
  candidate_id: string;
  record_date: string;
  note: string;
  actor_id: string | null;
  actor_name: string;
  created_at: string;
}
