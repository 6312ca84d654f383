import { sql } from 'kysely';
import type { Db, Tx } from '../../database';
import { AUTH_DATA_VERSION, bumpDataVersion } from '../../platform/db/data-version';
import type {
  LoginChallengesTable,
  SecurityAlertsTable,
  SecurityPolicyTable,
  UserTotpTable,
} from './auth.tables';

type Conn = Db | Tx;

/** The policy and second factors change what a session resolves to: they bump the auth data version too. */
const bumpAuth = (db: Conn) => bumpDataVersion(db, AUTH_DATA_VERSION);

// ---- Policy ------------------------------------------------------------------------------------------

export function findPolicy(db: Conn) {
  return db.selectFrom('security_policy').selectAll().where('id', '=', 'current').executeTakeFirst();
}

/** Writes the policy when it is still at `expectedVersion` (0: no row yet); false when someone was first. */
export async function savePolicy(db: Conn, row: SecurityPolicyTable, expectedVersion: number) {
  if (expectedVersion === 0) {
    const r = await db
      .insertInto('security_policy')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  } else {
    const r = await db
      .updateTable('security_policy')
      .set({
        settings: row.settings,
        version: row.version,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      })
      .where('id', '=', row.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
  }
  await bumpAuth(db);
  return true;
}

// ---- Second factor -----------------------------------------------------------------------------------

export function findTotp(db: Conn, userId: string) {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** A new pending secret replaces any pending one; an enrolled factor is never replaced here. */
export async function savePendingTotp(db: Conn, row: UserTotpTable) {
  await db
    .deleteFrom('user_totp')
    .where('user_id', '=', row.user_id)
    .where('enrolled_at', 'is', null)
    .execute();
  await db.insertInto('user_totp').values(row).execute();
}

export async function markTotpEnrolled(
  db: Conn,
  userId: string,
  patch: { enrolled_at: string; last_step: number; recovery_hashes: string },
) {
  await db.updateTable('user_totp').set(patch).where('user_id', '=', userId).execute();
  await bumpAuth(db);
}

/**
 * Accepts a time step once: only when it is later than the last one accepted, in one statement, so two
 * requests with the same code cannot both succeed.
 */
export async function takeTotpStep(db: Conn, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('last_step', '<', step)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces the unused recovery codes when they are still what was read (a code is used once). */
export async function takeRecoveryCode(db: Conn, userId: string, before: string, after: string) {
  const r = await db
    .updateTable('user_totp')
    .set({ recovery_hashes: after })
    .where('user_id', '=', userId)
    .where('recovery_hashes', '=', before)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteTotp(db: Conn, userId: string) {
  const r = await db.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
  await bumpAuth(db);
  return Number(r.numDeletedRows) > 0;
}

// ---- Login challenges --------------------------------------------------------------------------------

export async function insertChallenge(db: Conn, row: LoginChallengesTable) {
  await db.insertInto('login_challenges').values(row).execute();
}

export function findChallenge(db: Conn, idHash: string) {
  return db.selectFrom('login_challenges').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function deleteChallenge(db: Conn, idHash: string) {
  await db.deleteFrom('login_challenges').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredChallenges(db: Conn, nowIso: string) {
  await db.deleteFrom('login_challenges').where('expires_at', '<', nowIso).execute();
}

export async function countChallengeFailure(db: Conn, idHash: string) {
  await db
    .updateTable('login_challenges')
    .set({ failed_count: sql`failed_count + 1` })
    .where('id_hash', '=', idHash)
    .execute();
}

// ---- Idle accounts -----------------------------------------------------------------------------------

/** Active accounts with no login (or, never signed in, no creation) since `beforeIso`. */
export function findIdleUsers(db: Conn, beforeIso: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'last_login_at', 'created_at'])
    .where('is_active', '=', 1)
    .where(sql<boolean>`coalesce(last_login_at, created_at) < ${beforeIso}`)
    .orderBy('id')
    .limit(1000)
    .execute();
}

// ---- Alerts ------------------------------------------------------------------------------------------

export async function insertAlert(db: Conn, row: SecurityAlertsTable) {
  await db.insertInto('security_alerts').values(row).execute();
}

/** Whether an alert for this kind and subject was raised since `sinceIso` (one alert per burst). */
export async function hasAlertSince(db: Conn, kind: string, subject: string, sinceIso: string) {
  const r = await db
    .selectFrom('security_alerts')
    .select('id')
    .where('kind', '=', kind as SecurityAlertsTable['kind'])
    .where('subject', '=', subject)
    .where('created_at', '>=', sinceIso)
    .executeTakeFirst();
  return r !== undefined;
}

export function listAlerts(db: Conn, page: { offset: number; limit: number }) {
  return db
    .selectFrom('security_alerts')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countAlerts(db: Conn) {
  const r = await db
    .selectFrom('security_alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The top of the org tree (whose webhook carries the city's security alerts). */
export function findRootOrgIds(db: Conn) {
  return db
    .selectFrom('orgs')
    .select('id')
    .where('parent_id', 'is', null)
    .where('is_active', '=', 1)
    .execute();
}
