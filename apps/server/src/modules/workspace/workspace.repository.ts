import type { Db } from '../../database';

// The SQL of user preferences: always by the caller's own user id (the primary key's first column).

export function findPref(db: Db, userId: string, key: string) {
  return db
    .selectFrom('user_prefs')
    .select('value')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function upsertPref(db: Db, userId: string, key: string, value: string, at: string) {
  await db
    .insertInto('user_prefs')
    .values({ user_id: userId, key, value, updated_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ value, updated_at: at }))
    .execute();
}

/** The active accounts whose pref `key` is `value`, with their roles and scope paths (the daily digest). */
export async function findUsersWithPref(db: Db, key: string, value: string) {
  const users = await db
    .selectFrom('user_prefs as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.id', 'u.username'])
    .where('p.key', '=', key)
    .where('p.value', '=', value)
    .where('u.is_active', '=', 1)
    .orderBy('u.id')
    .execute();
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const [roles, scopes] = await Promise.all([
    db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute(),
    db
      .selectFrom('user_scopes as us')
      .innerJoin('orgs as o', 'o.id', 'us.org_id')
      .select(['us.user_id', 'o.path'])
      .where('us.user_id', 'in', ids)
      .execute(),
  ]);
  return users.map((u) => ({
    ...u,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role),
    scopePaths: scopes.filter((s) => s.user_id === u.id).map((s) => s.path),
  }));
}
