import type { AuditOutcome } from '@xinhuo/shared';

/** One event of the hash-chained trail; rows are never updated or deleted (triggers refuse it). */
export interface AuditLogTable {
  seq: number;
  ts: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  ip: string | null;
  request_id: string | null;
  session_hash: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: AuditOutcome;
  /** JSON text. */
  details: string;
  prev_hash: string;
  row_hash: string;
}

/** The single signed head of the chain (id = 1); it only moves forward. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  row_hash: string;
  mac: string;
}
