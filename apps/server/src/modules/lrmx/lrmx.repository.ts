import type { Db, Tx } from '../../database';
import type { LrmxSessionsTable } from './lrmx.tables';

// The SQL of LRMX sessions.

type Conn = Db | Tx;

/** A session of its creator's that has not expired: another user's answers like a missing one. */
export function findById(db: Conn, id: string, userId: string, now: string) {
  return db
    .selectFrom('lrmx_sessions')
    .selectAll()
    .where('id', '=', id)
    .where('created_by', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function insert(db: Conn, row: LrmxSessionsTable): Promise<void> {
  await db.insertInto('lrmx_sessions').values(row).execute();
}

/** Mark an open session applied with its results; false when it was applied meanwhile (a second apply). */
export async function markApplied(
  db: Conn,
  id: string,
  patch: Pick<LrmxSessionsTable, 'key_id' | 'content' | 'applied_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('lrmx_sessions')
    .set({ ...patch, status: 'applied' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sessions that expired before `now` (ISO time). */
export async function deleteExpired(db: Conn, now: string): Promise<number> {
  const r = await db.deleteFrom('lrmx_sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
