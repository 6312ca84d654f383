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
