import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connect';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 10 item 5): a pipeline tier's rules AND its terms (target, required hours a year,
 * training length) are one dated, immutable version. `pipeline_rule_sets` keeps its rows (no data moves,
 * no table rebuild) and gains `version` (1, 2, … per tier, by date) and the terms, backfilled from the
 * tier; the tier's own columns stay its terms at creation (in force before its first version). Withdrawals
 * of scheduled versions are rows of `pipeline_rule_set_cancellations`. Triggers on both databases refuse
 * every update and delete of either table.
 */
export const pipelineTierVersions: Migration = {
  name: '2027-01-07-pipeline-tier-versions',
  async up(db: Kysely<any>, dialect: DialectName) {
    for (const col of ['version', 'target', 'hours_per_year', 'months_min', 'months_max'])
      await db.schema
        .alterTable('pipeline_rule_sets')
        .addColumn(col, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    await sql`update pipeline_rule_sets set
        version = (select count(*) from pipeline_rule_sets r2
                   where r2.tier_id = pipeline_rule_sets.tier_id and r2.effective_from <= pipeline_rule_sets.effective_from),
        target = (select t.target from pipeline_tiers t where t.id = pipeline_rule_sets.tier_id),
        hours_per_year = (select t.hours_per_year from pipeline_tiers t where t.id = pipeline_rule_sets.tier_id),
        months_min = (select t.months_min from pipeline_tiers t where t.id = pipeline_rule_sets.tier_id),
        months_max = (select t.months_max from pipeline_tiers t where t.id = pipeline_rule_sets.tier_id)`.execute(
      db,
    );
    await db.schema
      .createIndex('pipeline_rule_sets_version_uq')
      .on('pipeline_rule_sets')
      .columns(['tier_id', 'version'])
      .unique()
      .execute();
    await db.schema
      .createTable('pipeline_rule_set_cancellations')
      .addColumn('tier_id', 'text', (c) => c.notNull().references('pipeline_tiers.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('cancelled_by', 'text')
      .addColumn('cancelled_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pipeline_rule_set_cancellations_pk', ['tier_id', 'version'])
      .execute();
    const tables = ['pipeline_rule_sets', 'pipeline_rule_set_cancellations'];
    if (dialect === 'postgres') {
      await sql
        .raw(
          `create function pipeline_rule_sets_immutable() returns trigger language plpgsql as $$
           begin raise exception 'pipeline tier versions are immutable'; end $$`,
        )
        .execute(db);
      for (const t of tables)
        await sql
          .raw(
            `create trigger ${t}_no_change before update or delete on ${t} for each row execute function pipeline_rule_sets_immutable()`,
          )
          .execute(db);
    } else {
      for (const t of tables)
        for (const op of ['update', 'delete'])
          await sql
            .raw(
              `create trigger ${t}_no_${op} before ${op} on ${t}
               begin select raise(abort, 'pipeline tier versions are immutable'); end`,
            )
            .execute(db);
    }
  },
};
