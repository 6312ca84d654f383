import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 9, the person form): the cadre record a person keeps beyond the roster's columns
 * (籍贯, 出生地, photo, education and work history, family and social relations, rewards and
 * punishments), sealed as one JSON value with the field key. It holds the personal data of relatives
 * and is never filtered on in SQL, so one sealed column is enough; null for a person without one.
 */
export const personRecord: Migration = {
  name: '2026-12-07-person-record',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('persons').addColumn('record_enc', 'text').execute();
  },
};
