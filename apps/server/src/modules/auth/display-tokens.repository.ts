import type { Db, Tx } from '../../database';
import { AUTH_DATA_VERSION, bumpDataVersion } from '../../platform/db/data-version';
import type { DisplayTokensTable } from './auth.tables';

type Conn = Db | Tx;

export function insertDisplayToken(db: Conn, row: DisplayTokensTable) {
  return db.insertInto('display_tokens').values(row).execute();
}

/** Every token with its org's name and its creator's username, newest first. */
export function listDisplayTokens(db: Conn) {
  return db
    .selectFrom('display_tokens as d')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .select([
      'd.id',
      'd.name',
      'd.org_id',
      'o.name as org_name',
      'd.created_at',
      'u.username as created_by',
      'd.last_used_at',
      'd.revoked_at',
    ])
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .execute();
}

export function findDisplayTokenById(db: Conn, id: string) {
  return db.selectFrom('display_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A live (not revoked) token by its hash, with the path of its org (the scope follows a moved org). */
export function findLiveDisplayToken(db: Conn, tokenHash: string) {
  return db
    .selectFrom('display_tokens as d')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name', 'd.last_used_at', 'o.path as org_path'])
    .where('d.token_hash', '=', tokenHash)
    .where('d.revoked_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Revokes a token; the auth data version is bumped in the same transaction, so every instance's cache of
 * resolved tokens (and sessions) is read again at its next request.
 */
export async function revokeDisplayToken(db: Conn, id: string, at: string, by: string | null) {
  const r = await db
    .updateTable('display_tokens')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  await bumpDataVersion(db, AUTH_DATA_VERSION);
  return Number(r.numUpdatedRows) > 0;
}

export function touchDisplayToken(db: Conn, id: string, at: string) {
  return db.updateTable('display_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** The org a token is created for: it must exist and be active (names only, no roster data). */
export function findActiveOrg(db: Conn, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('is_active', '=', 1)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

export type LiveDisplayToken = NonNullable<Awaited<ReturnType<typeof findLiveDisplayToken>>>;
