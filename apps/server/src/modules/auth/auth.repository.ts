import type { Role } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { AUTH_DATA_VERSION, bumpDataVersion } from '../../platform/db/data-version';
import type { SessionsTable, UsersTable } from './auth.tables';

type Conn = Db | Tx;

/**
 * The session cache (sessions.service.ts) is keyed by the auth data version: every write here that can
 * change what a session resolves to — a user's row (disabled, password), roles and scopes, a deleted
 * session — bumps it in the same transaction, so every instance sharing the database sees it at once.
 */
const bumpAuth = (db: Conn) => bumpDataVersion(db, AUTH_DATA_VERSION);

export function findUserByNorm(db: Conn, norm: string) {
  return db.selectFrom('users').selectAll().where('username_norm', '=', norm).executeTakeFirst();
}

export function findUserById(db: Conn, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Conn,
  row: UsersTable,
  roles: readonly Role[],
  orgIds: readonly string[],
) {
  await db.insertInto('users').values(row).execute();
  for (const role of roles) await db.insertInto('user_roles').values({ user_id: row.id, role }).execute();
  for (const org_id of orgIds)
    await db.insertInto('user_scopes').values({ user_id: row.id, org_id }).execute();
}

export async function updateUser(db: Conn, id: string, patch: Partial<UsersTable>) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
  await bumpAuth(db);
}

/** Session, user, roles and scope paths in two queries. */
export async function findSessionWithUser(db: Conn, idHash: string) {
  const s = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_totp as t', 't.user_id', 's.user_id')
    .select([
      't.enrolled_at as totp_enrolled_at',
      's.id_hash',
      's.created_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.is_active',
      'u.must_change_password',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!s) return undefined;
  const [roles, scopes] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', s.user_id).execute(),
    db
      .selectFrom('user_scopes as us')
      .innerJoin('orgs as o', 'o.id', 'us.org_id')
      .select('o.path')
      .where('us.user_id', '=', s.user_id)
      .execute(),
  ]);
  return { ...s, roles: roles.map((r) => r.role), scopePaths: scopes.map((x) => x.path) };
}

export async function insertSession(db: Conn, row: SessionsTable) {
  await db.insertInto('sessions').values(row).execute();
}

export async function touchSession(db: Conn, idHash: string, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Conn, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  await bumpAuth(db);
}

export async function deleteSessionsOfUser(db: Conn, userId: string, exceptHash?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptHash) q = q.where('id_hash', '<>', exceptHash);
  await q.execute();
  await bumpAuth(db);
}

export function findSessionsOfUser(db: Conn, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export function listUsers(db: Conn, page: { offset: number; limit: number }) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name',
      'is_active',
      'locked_until',
      'last_login_at',
      'created_at',
      'password_hash',
    ])
    .orderBy('username')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countUsers(db: Conn) {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findRolesOf(db: Conn, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('user_roles')
    .selectAll()
    .where('user_id', 'in', userIds as string[])
    .execute();
}

/** A users row for a new account (bootstrap or approved request). */
export function newUserRow(a: {
  id: string;
  username: string;
  norm: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  nowIso: string;
}): UsersTable {
  return {
    id: a.id,
    username: a.username.normalize('NFKC').trim(),
    username_norm: a.norm,
    display_name: a.displayName,
    password_hash: a.passwordHash,
    password_history: '[]',
    password_changed_at: a.nowIso,
    must_change_password: a.mustChangePassword ? 1 : 0,
    is_active: 1,
    failed_count: 0,
    first_failed_at: null,
    locked_until: null,
    last_login_at: null,
    created_at: a.nowIso,
    updated_at: a.nowIso,
    version: 1,
  };
}

/** An account by user name with its roles and scope paths (the command line acting as it). */
export async function findUserWithScope(db: Conn, username: string) {
  const u = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'is_active', 'must_change_password'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!u) return undefined;
  const [roles, scopes] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute(),
    db
      .selectFrom('user_scopes as us')
      .innerJoin('orgs as o', 'o.id', 'us.org_id')
      .select('o.path')
      .where('us.user_id', '=', u.id)
      .execute(),
  ]);
  return { ...u, roles: roles.map((r) => r.role), scopePaths: scopes.map((x) => x.path) };
}
