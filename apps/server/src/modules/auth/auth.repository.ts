import type { Role } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { AUTH_DATA_VERSION, bumpDataVersion } from '../../platform/db/data-version';
import { likeContains } from '../../platform/db/like';
import type { SessionsTable, UsersTable } from './auth.tables';
import { NO_PASSWORD } from './passwords';

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

export interface UserFilter {
  q?: string;
  role?: Role;
  state?: 'active' | 'disabled' | 'locked' | 'pending';
}

/** The accounts matching a filter (search in user and display names, a role, a state), in SQL. */
function usersWhere(db: Conn, f: UserFilter, nowIso: string) {
  let q = db.selectFrom('users as u');
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([likeContains('u.username_norm', text.toLowerCase()), likeContains('u.display_name', text)]),
    );
  }
  if (f.role) {
    const role = f.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', '=', role),
      ),
    );
  }
  switch (f.state) {
    case 'active':
      q = q.where('u.is_active', '=', 1);
      break;
    case 'disabled':
      q = q.where('u.is_active', '=', 0);
      break;
    case 'locked':
      q = q.where('u.locked_until', '>', nowIso);
      break;
    case 'pending':
      q = q.where('u.password_hash', '=', NO_PASSWORD).where('u.is_active', '=', 1);
      break;
    case undefined:
      break;
  }
  return q;
}

export function listUsers(db: Conn, f: UserFilter, nowIso: string, page: { offset: number; limit: number }) {
  return usersWhere(db, f, nowIso)
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.is_active',
      'u.locked_until',
      'u.last_login_at',
      'u.created_at',
      'u.password_hash',
    ])
    .orderBy('u.username')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countUsers(db: Conn, f: UserFilter = {}, nowIso = '') {
  const r = await usersWhere(db, f, nowIso)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The org scope of accounts, by name. */
export function findScopeNamesOf(db: Conn, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('user_scopes as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .select(['s.user_id', 'o.id', 'o.name'])
    .where('s.user_id', 'in', userIds as string[])
    .orderBy('o.path')
    .execute();
}

/** The org of each account's linked person (the hand-over sheet's place for an account without scope). */
export function findPersonOrgNamesOf(db: Conn, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['u.id as user_id', 'o.name'])
    .where('u.id', 'in', userIds as string[])
    .execute();
}

/** Signed-in sessions, newest activity first, optionally of one account. */
export function listSessions(db: Conn, f: { userId?: string }, page: { offset: number; limit: number }) {
  let q = db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id_hash',
      's.user_id',
      's.ip',
      's.created_at',
      's.last_seen_at',
      'u.username',
      'u.display_name',
    ]);
  if (f.userId) q = q.where('s.user_id', '=', f.userId);
  return q
    .orderBy('s.last_seen_at', 'desc')
    .orderBy('s.id_hash')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countSessions(db: Conn, f: { userId?: string }) {
  let q = db.selectFrom('sessions');
  if (f.userId) q = q.where('user_id', '=', f.userId);
  const r = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findSessionByHash(db: Conn, idHash: string) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'user_id'])
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
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
