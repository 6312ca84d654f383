import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connect';
import type { Migration } from '../migrate';

/**
 * Every table the pipeline's derived figures read (the dashboard, the succession seats and heat map, a
 * seat's ranking, the training hours report): the pipeline itself, training, and the roster and org tree
 * the seats and people come from.
 */
export const PIPELINE_VERSION_TABLES = [
  'pipeline_programs',
  'pipeline_tiers',
  'pipeline_rule_sets',
  'pipeline_rule_set_cancellations',
  'pipeline_cohorts',
  'pipeline_candidates',
  'pipeline_events',
  'pipeline_bench',
  'pipeline_succession_records',
  'training_programs',
  'training_sessions',
  'training_enrollments',
  'training_requirements',
  'persons',
  'positions',
  'terms',
  'orgs',
] as const;

/**
 * The pipeline data version (issue 11, province size), and an index of the bench by seat: the counter that keys the caches of the pipeline's
 * derived figures (platform/db/data-version.ts). It is bumped by triggers on every table those figures
 * read, so no write path (a step, a bench entry, an attendance import, a sign-in, a roster change) can
 * leave a cached figure stale, on either database and across app instances. On PostgreSQL the trigger is
 * per statement and takes the writers' advisory lock before the counter row (the order every writer
 * keeps, so the trail and the counters never deadlock); SQLite runs one writer and fires per row.
 */
export const pipelineDataVersion: Migration = {
  name: '2027-01-09-pipeline-data-version',
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.insertInto('data_versions').values({ name: 'pipeline', version: 1 }).execute();
    // A seat's own bench entries (the seat page read them with a scan of the whole bench).
    await db.schema
      .createIndex('pipeline_bench_village_idx')
      .on('pipeline_bench')
      .column('village_org_id')
      .execute();
    if (dialect === 'postgres') {
      await sql
        .raw(
          `create function pipeline_data_version_bump() returns trigger language plpgsql as $$
           begin
             perform pg_advisory_xact_lock(7412002);
             update data_versions set version = version + 1 where name = 'pipeline';
             return null;
           end $$`,
        )
        .execute(db);
      for (const t of PIPELINE_VERSION_TABLES)
        await sql
          .raw(
            `create trigger ${t}_pipeline_version after insert or update or delete on ${t}
             for each statement execute function pipeline_data_version_bump()`,
          )
          .execute(db);
    } else {
      for (const t of PIPELINE_VERSION_TABLES)
        for (const op of ['insert', 'update', 'delete'])
          await sql
            .raw(
              `create trigger ${t}_pipeline_version_${op} after ${op} on ${t}
               begin update data_versions set version = version + 1 where name = 'pipeline'; end`,
            )
            .execute(db);
    }
  },
};
