import { sql } from 'kysely';
import { platformView, type OnPlatform, type PlatformDatabase } from '../platform-db';

/** The roster: persons, positions, terms, orgs. Keys the statistics and the roster list caches. */
export const ROSTER_DATA_VERSION = 'roster';

/**
 * The data set of who a session is: users (active, password), their roles and scopes, sessions
 * deleted, org paths (scopes are paths). Keys the session cache (modules/auth/sessions.service.ts).
 */
export const AUTH_DATA_VERSION = 'auth';

/**
 * A counter per data set, bumped in the same transaction as every write to it. Caches of derived figures
 * key on it, so every app instance sharing the database sees a write at once (no stale statistics).
 */
export async function bumpDataVersion<DB extends PlatformDatabase>(
  trx: OnPlatform<DB>,
  name: string,
): Promise<void> {
  await platformView(trx)
    .updateTable('data_versions')
    .set({ version: sql`version + 1` })
    .where('name', '=', name)
    .execute();
}

export async function readDataVersion<DB extends PlatformDatabase>(
  db: OnPlatform<DB>,
  name: string,
): Promise<number> {
  const r = await platformView(db)
    .selectFrom('data_versions')
    .select('version')
    .where('name', '=', name)
    .executeTakeFirst();
  return r ? Number(r.version) : 0;
}

/** A small LRU map for derived figures keyed with a data version. */
export function createLruCache<V>(max: number) {
  const m = new Map<string, V>();
  return {
    get(k: string): V | undefined {
      const v = m.get(k);
      if (v !== undefined) {
        m.delete(k);
        m.set(k, v);
      }
      return v;
    },
    set(k: string, v: V) {
      m.delete(k);
      m.set(k, v);
      if (m.size > max) m.delete(m.keys().next().value!);
    },
    delete(k: string) {
      m.delete(k);
    },
  };
}
