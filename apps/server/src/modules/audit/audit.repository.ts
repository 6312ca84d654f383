import type { AuditOutcome } from '@xinhuo/shared';
import type { Db } from '../../database';
import type { AuditSavedSearchesTable } from './audit.tables';

export interface AuditSearch {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
  fromIso?: string;
  toIso?: string;
}

/** The trail under the filters; every filter is an indexed column (object: `audit_object_idx`). */
function filtered(db: Db, f: AuditSearch) {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.fromIso) q = q.where('ts', '>=', f.fromIso);
  if (f.toIso) q = q.where('ts', '<', f.toIso);
  return q;
}

export async function count(db: Db, f: AuditSearch): Promise<number> {
  const [{ n }] = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  return Number(n);
}

/** One page of the trail with the actor's display name (a username is not a name to show). */
function withActorName(db: Db, f: AuditSearch) {
  return filtered(db, f)
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('users.display_name as actor_display_name');
}

/** Search the trail newest first. */
export async function list(db: Db, f: AuditSearch, page: { offset: number; limit: number }) {
  const total = await count(db, f);
  const rows = await withActorName(db, f)
    .orderBy('seq', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total, rows };
}

/** The export's next batch, newest first, below `beforeSeq` (keyset: no offset over a long trail). */
export function listBefore(db: Db, f: AuditSearch, beforeSeq: number | null, limit: number) {
  let q = withActorName(db, f);
  if (beforeSeq !== null) q = q.where('seq', '<', beforeSeq);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}

export function listSavedSearches(db: Db, ownerId: string) {
  return db
    .selectFrom('audit_saved_searches')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .orderBy('name')
    .execute();
}

export function findSavedSearchByName(db: Db, ownerId: string, name: string) {
  return db
    .selectFrom('audit_saved_searches')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertSavedSearch(db: Db, row: AuditSavedSearchesTable): Promise<void> {
  await db.insertInto('audit_saved_searches').values(row).execute();
}

/** Delete one of the owner's saved searches; false when it is not theirs (or not there). */
export async function deleteSavedSearch(db: Db, ownerId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('audit_saved_searches')
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
