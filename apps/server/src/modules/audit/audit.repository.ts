import type { AuditOutcome } from '@xinhuo/shared';
import type { Db } from '../../database';

export interface AuditSearch {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
  fromIso?: string;
  toIso?: string;
}

/** Search the trail newest first; every filter is an indexed column (object: `audit_object_idx`). */
export async function list(db: Db, f: AuditSearch, page: { offset: number; limit: number }) {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.fromIso) q = q.where('ts', '>=', f.fromIso);
  if (f.toIso) q = q.where('ts', '<', f.toIso);
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  // The actor's display name comes from the account (a username is not a name to show).
  const rows = await q
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('users.display_name as actor_display_name')
    .orderBy('seq', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total: Number(n), rows };
}
