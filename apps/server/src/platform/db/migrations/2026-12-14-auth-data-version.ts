import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The auth data version (issue 13): the counter that keys the session cache, bumped in the same
 * transaction as every write that changes what a session resolves to (platform/db/data-version.ts).
 */
export const authDataVersion: Migration = {
  name: '2026-12-14-auth-data-version',
  async up(db: Kysely<any>) {
    await db.insertInto('data_versions').values({ name: 'auth', version: 1 }).execute();
  },
};
