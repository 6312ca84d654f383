import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connect';
import type { Migration } from '../migrate';

const COLUMNS =
  'id, tier_id, effective_from, rules_json, created_by, created_at, version, target, hours_per_year, months_min, months_max';

/**
 * Frozen in time: a pipeline tier version withdrawn before its date no longer holds that date. The unique
 * constraint (tier_id, effective_from) goes (the service refuses a date held by a version not withdrawn);
 * (tier_id, version) stays unique and (tier_id, effective_from) keeps a plain index. SQLite cannot drop a
 * table constraint: the table is rebuilt with the same columns and rows (its immutability triggers are
 * dropped with the old table and created again on the new one; DROP TABLE fires no row trigger).
 */
export const ruleSetDates: Migration = {
  name: '2027-01-08a-rule-set-dates',
  async up(db: Kysely<any>, dialect: DialectName) {
    if (dialect === 'postgres') {
      await sql`alter table pipeline_rule_sets drop constraint pipeline_rule_sets_uq`.execute(db);
    } else {
      await db.schema
        .createTable('pipeline_rule_sets_new')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tier_id', 'text', (c) => c.notNull().references('pipeline_tiers.id'))
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('rules_json', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('target', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('hours_per_year', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('months_min', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('months_max', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql
        .raw(`insert into pipeline_rule_sets_new (${COLUMNS}) select ${COLUMNS} from pipeline_rule_sets`)
        .execute(db);
      await sql`drop table pipeline_rule_sets`.execute(db);
      await sql`alter table pipeline_rule_sets_new rename to pipeline_rule_sets`.execute(db);
      await db.schema
        .createIndex('pipeline_rule_sets_version_uq')
        .on('pipeline_rule_sets')
        .columns(['tier_id', 'version'])
        .unique()
        .execute();
      for (const op of ['update', 'delete'])
        await sql
          .raw(
            `create trigger pipeline_rule_sets_no_${op} before ${op} on pipeline_rule_sets
             begin select raise(abort, 'pipeline tier versions are immutable'); end`,
          )
          .execute(db);
    }
    await db.schema
      .createIndex('pipeline_rule_sets_date_idx')
      .on('pipeline_rule_sets')
      .columns(['tier_id', 'effective_from'])
      .execute();
  },
};
