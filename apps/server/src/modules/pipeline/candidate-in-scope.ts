import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Caller } from '../../platform/caller';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import * as repo from './pipeline.repository';

/**
 * The loader of a pipeline candidate in the caller's scope, for every service of the pipeline: a
 * candidate outside the scope answers 404 like a missing one, and the denial is audited.
 */
export function candidateInScope(db: Db, audit: AuditTrail) {
  return (caller: Caller, candidateId: string, conn: Db | Tx) =>
    loadInScopeOr404({
      audit,
      caller,
      objectType: 'pipeline_candidate',
      id: candidateId,
      find: () => repo.findById(conn, candidateId, caller.scopePaths),
      exists: () => repo.findByIdUnscoped(conn, candidateId),
      trx: conn === db ? undefined : conn,
    });
}
