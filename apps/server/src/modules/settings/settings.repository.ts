import type { Db, Tx } from '../../database';

type Conn = Db | Tx;

/** Every stored setting row (absent keys are at their default), with the username of whoever saved it. */
export function findAll(db: Conn) {
  return db
    .selectFrom('platform_settings as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.key', 's.value', 's.version', 's.updated_at', 's.updated_by', 'u.username'])
    .execute();
}

/** The stored values of these keys only (the login page's and the wall's reads). */
export function findValues(db: Conn, keys: readonly string[]) {
  return db.selectFrom('platform_settings').select(['key', 'value']).where('key', 'in', keys).execute();
}

/**
 * Writes one key when it is still at `expectedVersion` (null: no row yet); false when another save was
 * first (the row changed, or another save created it), so the caller answers 409.
 */
export async function saveValue(
  db: Conn,
  row: { key: string; value: string; version: number; updated_by: string | null; updated_at: string },
  expectedVersion: number | null,
): Promise<boolean> {
  if (expectedVersion === null) {
    const r = await db
      .insertInto('platform_settings')
      .values(row)
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('platform_settings')
    .set({ value: row.value, version: row.version, updated_by: row.updated_by, updated_at: row.updated_at })
    .where('key', '=', row.key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
