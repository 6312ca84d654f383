import type { AuditOutcome } from '@xinhuo/shared';
import type { Db } from '../../database';

export interface AuditSearch {
  actor?: string;
  action?: string;
  objectType?: string;
  outcome?: AuditOutcome;
  fromIso?: string;
  toIso?: string;
}

/** Search the trail newest first; every filter is an indexed column. */
export async function list(db: Db, f: AuditSearch, page: { offset: number; limit: number }) {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.fromIso) q = q.where('ts', '>=', f.fromIso);
  if (f.toIso) q = q.where('ts', '<', f.toIso);
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const rows = await q.selectAll().orderBy('seq', 'desc').offset(page.offset).limit(page.limit).execute();
  return { total: Number(n), rows };
}
