import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 10 items 1 and 4):
 * - `users.person_id`: the account's person in the roster (one account per person at most), set by the
 *   system administrator; the trainee's own pipeline record and the "my" views find the person through it.
 *   Accounts already tied to a candidate through `pipeline_candidates.trainee_user_id` take that person.
 * - `account_grants.batch_id`: the requests of one bulk creation (a town's committee members), approved
 *   together by the second party with one hand-over sheet.
 * - `audit_saved_searches`: the audit administrator's named filter sets, each the auditor's own.
 */
export const adminLinks: Migration = {
  name: '2027-01-02-admin-links',
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('users')
      .addColumn('person_id', 'text', (c) => c.references('persons.id'))
      .execute();
    await sql`
      update users set person_id = (
        select c.person_id from pipeline_candidates c
        where c.trainee_user_id = users.id
        order by c.created_at desc limit 1)
      where exists (select 1 from pipeline_candidates c where c.trainee_user_id = users.id)
    `.execute(db);
    await db.schema.createIndex('users_person_uq').on('users').column('person_id').unique().execute();
    await db.schema.alterTable('account_grants').addColumn('batch_id', 'text').execute();
    await db.schema.createIndex('account_grants_batch_idx').on('account_grants').column('batch_id').execute();
    await db.schema
      .createTable('audit_saved_searches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('filters', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('audit_saved_searches_owner_name_uq', ['owner_id', 'name'])
      .execute();
  },
};
