import { PARTY_COMMITTEE_ROLES, VILLAGERS_COMMITTEE_ROLES, type PositionRole } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { likeContains } from '../../platform/db/like';
import { inSubtrees } from '../../platform/http/scope';

type Conn = Db | Tx;

/**
 * The account ↔ person link and the town's committee members, as the system administrator's console reads
 * them: names, orgs and seats only. No column of the roster's personal data (ID number, phone, birth date)
 * is ever selected here; an ID number is matched through its blind index and never returned.
 */

/** The materialized paths of an account's org scope (none for an account without scope). */
export async function findScopePathsOfUser(db: Conn, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_scopes as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .select('o.path')
    .where('s.user_id', '=', userId)
    .execute();
  return rows.map((r) => r.path);
}

export type PersonMatch = { nameLike: string } | { searchKey: string } | { idNumberBidx: string };

/** People in the subtrees matching a name or an ID number: id, name, org, the account linked to them. */
export function searchPersons(db: Conn, m: PersonMatch, scopePaths: readonly string[], limit: number) {
  let q = db
    .selectFrom('persons as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .leftJoin('users as u', 'u.person_id', 'p.id')
    .select(['p.id', 'p.name', 'o.name as org_name', 'u.username as linked_username'])
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths));
  if ('nameLike' in m) q = q.where(likeContains('p.name', m.nameLike));
  else if ('searchKey' in m) q = q.where(likeContains('p.name_search', m.searchKey, ' '));
  else q = q.where('p.id_number_bidx', '=', m.idNumberBidx);
  return q.orderBy('p.name_sort').orderBy('p.id').limit(limit).execute();
}

/** A person in the subtrees (name and org only), or undefined. */
export function findPersonInScope(db: Conn, personId: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('persons as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'o.name as org_name'])
    .where('p.id', '=', personId)
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .executeTakeFirst();
}

/** The current seats (roles) of the people. */
export function findOpenPositionsOf(db: Conn, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('positions')
    .select(['person_id', 'role', 'org_id'])
    .where('person_id', 'in', personIds)
    .where('end_date', 'is', null)
    .orderBy('start_date')
    .execute();
}

/** The person linked to each account (name and org only). */
export function findLinkedPersonsOf(db: Conn, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['u.id as user_id', 'p.id', 'p.name', 'o.name as org_name'])
    .where('u.id', 'in', userIds)
    .execute();
}

export function findUserByPerson(db: Conn, personId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function setUserPerson(db: Conn, userId: string, personId: string | null, nowIso: string) {
  await db
    .updateTable('users')
    .set({ person_id: personId, updated_at: nowIso })
    .where('id', '=', userId)
    .execute();
}

/** A town (kind `town`), by id. */
export function findTown(db: Conn, townId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('id', '=', townId)
    .where('kind', '=', 'town')
    .executeTakeFirst();
}

const COMMITTEE_ROLES: readonly PositionRole[] = [...PARTY_COMMITTEE_ROLES, ...VILLAGERS_COMMITTEE_ROLES];

/**
 * The committee members (两委成员) of the town's villages today: the people holding an open seat of a
 * party or villagers' committee in the town's subtree, with the org of their seat and their account (if
 * linked). One row per seat; the service folds them per person.
 */
export function findCommitteeSeats(db: Conn, townPath: string) {
  return db
    .selectFrom('positions as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .leftJoin('users as u', 'u.person_id', 'p.id')
    .select([
      'p.id',
      'p.name',
      'p.name_pinyin',
      's.role',
      's.org_id',
      'o.name as org_name',
      'o.sort_order',
      'u.username as account_username',
    ])
    .where((eb) => inSubtrees(eb, 's.org_path', [townPath]))
    .where('s.end_date', 'is', null)
    .where('s.role', 'in', COMMITTEE_ROLES)
    .orderBy('o.sort_order')
    .orderBy('o.name')
    .orderBy('p.name_sort')
    .orderBy('p.id')
    .execute();
}

/** Which of these normalized usernames exist already (accounts or pending requests). */
export async function findTakenUsernames(db: Conn, norms: readonly string[]): Promise<Set<string>> {
  if (norms.length === 0) return new Set();
  const [users, pending] = await Promise.all([
    db.selectFrom('users').select('username_norm').where('username_norm', 'in', norms).execute(),
    db
      .selectFrom('account_grants')
      .select('username_norm')
      .where('username_norm', 'in', norms)
      .where('status', '=', 'pending')
      .execute(),
  ]);
  return new Set([...users, ...pending].map((r) => r.username_norm));
}

/** Usernames starting with this stem (to number a suggestion past the taken ones). */
export async function findUsernamesLike(db: Conn, stem: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('username_norm')
    .where('username_norm', '>=', stem)
    .where('username_norm', '<', stem + '~')
    .execute();
  return rows.map((r) => r.username_norm);
}
