import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 9, organizations with history):
 * - `orgs.valid_from` / `valid_to`: the dates an organization existed (from inclusive, to exclusive;
 *   null = since before the records began / still exists), so a statistic on a date counts the orgs of
 *   that date; orgs already deactivated end on the day they were deactivated;
 * - `org_names`: former names, each with the date from which it no longer held (a rename's effective date);
 * - `org_lineage`: one row per predecessor → successor link of a merge or a split, with its date;
 * - `org_transfers`: what moved in a merge or split (people, seats, matters) and from which org to which.
 */
export const orgLineage: Migration = {
  name: '2026-12-10-org-lineage',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('orgs').addColumn('valid_from', 'text').execute();
    await db.schema.alterTable('orgs').addColumn('valid_to', 'text').execute();
    await sql`update orgs set valid_to = substr(updated_at, 1, 10) where is_active = 0`.execute(db);

    await db.schema
      .createTable('org_names')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('org_names_org_idx')
      .on('org_names')
      .columns(['org_id', 'valid_to'])
      .execute();

    await db.schema
      .createTable('org_lineage')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('effective_date', 'text', (c) => c.notNull())
      .addColumn('from_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('to_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('actor_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('org_lineage_from_idx').on('org_lineage').column('from_org_id').execute();
    await db.schema.createIndex('org_lineage_to_idx').on('org_lineage').column('to_org_id').execute();

    await db.schema
      .createTable('org_transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('object_type', 'text', (c) => c.notNull())
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('new_object_id', 'text')
      .addColumn('from_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('to_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .execute();
    await db.schema
      .createIndex('org_transfers_object_idx')
      .on('org_transfers')
      .columns(['object_type', 'object_id'])
      .execute();
  },
};
