import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 7, personal data):
 * - masked ID numbers keep only their first 4 characters: the stored masks of the old form
 *   (`3205**********123X`) kept the sequence and the check digit, which with the birth date shown in
 *   clear gave the whole number away; they are cut back here without needing the key;
 * - `person_dedupe_requests`: an ID number entered in a town that is already held by a person outside
 *   that town's scope is not answered with "taken" (an existence oracle) but becomes a request the city
 *   checks; the submitted values are kept sealed, never in clear;
 * - `pii_reveal_quota`: reveals counted per user and day in the database, so the limit survives restarts
 *   and several instances share it.
 */
export const personDedupe: Migration = {
  name: '2026-12-05-person-dedupe',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    const pathCol = (c: any) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());

    await sql`
      update persons
         set id_number_masked = substr(id_number_masked, 1, 4)
                             || substr('******************************', 1, length(id_number_masked) - 4)
       where length(id_number_masked) > 8`.execute(db);

    await db.schema
      .createTable('person_dedupe_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('id_number_bidx', 'text', (c) => c.notNull())
      .addColumn('holder_person_id', 'text', (c) => c.notNull().references('persons.id'))
      .addColumn('subject_person_id', 'text', (c) => c.references('persons.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('input_enc', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('person_dedupe_requests_status_idx')
      .on('person_dedupe_requests')
      .columns(['status', 'requested_at'])
      .execute();

    await db.schema
      .createTable('pii_reveal_quota')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('used', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pii_reveal_quota_pk', ['user_id', 'day'])
      .execute();
  },
};
