import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/** Covering indexes for the roster statistics scan, and the data-version counters that key the statistics cache. */
export const rosterRollup: Migration = {
  name: '2026-11-30-roster-rollup',
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('positions_stats_idx')
      .on('positions')
      .columns(['org_path', 'role', 'start_date', 'end_date', 'person_id', 'org_id'])
      .execute();
    await db.schema
      .createIndex('persons_stats_idx')
      .on('persons')
      .columns(['id', 'birth_date', 'gender', 'is_college', 'highest_education', 'political_status'])
      .execute();
    await db.schema
      .createTable('data_versions')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('data_versions').values({ name: 'roster', version: 1 }).execute();
  },
};
