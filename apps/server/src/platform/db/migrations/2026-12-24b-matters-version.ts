import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The matters data version (issue 13): the counter that keys the matter board's page cache, bumped in the
 * same transaction as every write to matters, their units' parts and the categories
 * (platform/db/data-version.ts).
 */
export const mattersDataVersion: Migration = {
  name: '2026-12-24b-matters-version',
  async up(db: Kysely<any>) {
    await db.insertInto('data_versions').values({ name: 'matters', version: 1 }).execute();
  },
};
