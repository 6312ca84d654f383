import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 9, the election structure report): `structure_snapshots` (a report frozen
 * as JSON with its SHA-256, who and when; never updated) and an index that finds an election's
 * terms (the report starts from them).
 */
export const structureSnapshots: Migration = {
  name: '2026-12-12-structure-snapshots',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('structure_snapshots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('structure_snapshots_election_idx')
      .on('structure_snapshots')
      .columns(['election_id', 'created_at'])
      .execute();
    await db.schema.createIndex('terms_election_idx').on('terms').columns(['election_id']).execute();
  },
};
