import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 11 item 5, succession): the program's age threshold of the succession watch;
 * `pipeline_bench`, candidates nominated for a village secretary seat or for any seat of a town with
 * readiness and rank; `pipeline_succession_records`, the recommendations and decisions on a seat.
 */
export const succession: Migration = {
  name: '2026-12-30-succession',
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('pipeline_programs')
      .addColumn('succession_age', 'integer', (c) => c.notNull().defaultTo(55))
      .execute();
    await db.schema
      .createTable('pipeline_bench')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('candidate_id', 'text', (c) => c.notNull().references('pipeline_candidates.id'))
      .addColumn('village_org_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('town_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('readiness', 'text', (c) => c.notNull())
      .addColumn('rank', 'integer', (c) => c.notNull())
      .addColumn('nominated_on', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pipeline_bench_town_idx')
      .on('pipeline_bench')
      .column('town_org_id')
      .execute();
    await db.schema.createIndex('pipeline_bench_path_idx').on('pipeline_bench').column('org_path').execute();
    await db.schema
      .createTable('pipeline_succession_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('candidate_id', 'text', (c) => c.notNull().references('pipeline_candidates.id'))
      .addColumn('record_date', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pipeline_succession_records_village_idx')
      .on('pipeline_succession_records')
      .column('village_org_id')
      .execute();
  },
};
