import type { GrantStatus, Permission, Role } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { AUTH_DATA_VERSION, bumpDataVersion } from '../../platform/db/data-version';
import type { AccountActivationsTable, AccountGrantsTable } from './auth.tables';
import { NO_PASSWORD } from './passwords';

type Conn = Db | Tx;

export function insertGrant(db: Conn, row: AccountGrantsTable) {
  return db.insertInto('account_grants').values(row).execute();
}

export function findGrantById(db: Conn, id: string) {
  return db.selectFrom('account_grants').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPendingGrantFor(db: Conn, usernameNorm: string) {
  return db
    .selectFrom('account_grants')
    .select('id')
    .where('username_norm', '=', usernameNorm)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/**
 * Decide a pending request: a compare-and-set on the status, so of two parties deciding at once only
 * one succeeds. Returns false when it was no longer pending.
 */
export async function decideGrant(
  db: Conn,
  id: string,
  patch: {
    status: Exclude<GrantStatus, 'pending'>;
    decided_by: string;
    decided_at: string;
    reason: string | null;
    user_id: string | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('account_grants')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Requests the viewer must decide (awaiting one of its permissions, made by someone else) and its own. */
export function listGrants(
  db: Conn,
  viewer: { id: string; permissions: readonly Permission[] },
  filter: { status?: GrantStatus; offset: number; limit: number },
) {
  let q = db
    .selectFrom('account_grants as g')
    .innerJoin('users as r', 'r.id', 'g.requested_by')
    .leftJoin('users as d', 'd.id', 'g.decided_by')
    .selectAll('g')
    .select(['r.username as requested_by_name', 'd.username as decided_by_name'])
    .where((eb) =>
      eb.or([
        eb('g.requested_by', '=', viewer.id),
        viewer.permissions.length > 0
          ? eb.and([
              eb('g.approver_permission', 'in', viewer.permissions as Permission[]),
              eb('g.requested_by', '<>', viewer.id),
            ])
          : eb.val(false),
      ]),
    );
  if (filter.status) q = q.where('g.status', '=', filter.status);
  return q
    .orderBy('g.created_at', 'desc')
    .orderBy('g.id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
}

export async function replaceRolesAndScopes(
  db: Conn,
  userId: string,
  roles: readonly Role[],
  orgIds: readonly string[],
) {
  await db.deleteFrom('user_scopes').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  for (const role of roles) await db.insertInto('user_roles').values({ user_id: userId, role }).execute();
  for (const org_id of orgIds)
    await db.insertInto('user_scopes').values({ user_id: userId, org_id }).execute();
  await bumpDataVersion(db, AUTH_DATA_VERSION);
}

export async function findRolesAndScopes(db: Conn, userId: string) {
  const [roles, scopes] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute(),
    db
      .selectFrom('user_scopes as s')
      .innerJoin('orgs as o', 'o.id', 's.org_id')
      .select(['o.id', 'o.path'])
      .where('s.user_id', '=', userId)
      .execute(),
  ]);
  return { roles: roles.map((r) => r.role), scopes };
}

export function findOrgPaths(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('id', 'in', ids as string[])
    .execute();
}

/** Active accounts (activated, enabled) holding a role, other than the one given. */
export async function countOtherActiveWithRole(db: Conn, role: Role, exceptUserId: string) {
  const r = await db
    .selectFrom('user_roles as ur')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ur.role', '=', role)
    .where('u.is_active', '=', 1)
    // Activated: an account still waiting for its activation holds the NO_PASSWORD marker.
    .where('u.password_hash', '<>', NO_PASSWORD)
    .where('u.id', '<>', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function replaceActivation(db: Conn, row: AccountActivationsTable) {
  await db.deleteFrom('account_activations').where('user_id', '=', row.user_id).execute();
  await db.insertInto('account_activations').values(row).execute();
}

export function findActivation(db: Conn, userId: string) {
  return db.selectFrom('account_activations').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function deleteActivation(db: Conn, userId: string) {
  return db.deleteFrom('account_activations').where('user_id', '=', userId).execute();
}

/**
 * Use up the activation holding this code: deletes the row only while it still carries the code, so of two
 * requests racing with the same code only one gets true.
 */
export async function consumeActivation(db: Conn, userId: string, codeHash: string): Promise<boolean> {
  const r = await db
    .deleteFrom('account_activations')
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export function addActivationFailure(db: Conn, userId: string) {
  return db
    .updateTable('account_activations')
    .set((eb) => ({ failed_count: eb('failed_count', '+', 1) }))
    .where('user_id', '=', userId)
    .returning('failed_count')
    .executeTakeFirst();
}

/** The pending requests of a bulk creation. */
export function findPendingOfBatch(db: Conn, batchId: string) {
  return db
    .selectFrom('account_grants')
    .select('id')
    .where('batch_id', '=', batchId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
