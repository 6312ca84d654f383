import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: My work (我的待办) reads only index ranges — open matters by state and path, pending
 * extension requests by path, open unit parts by status and unit path — however many closed matters
 * exist. Notifications get the moment the item they ask for was handled (`resolved_at`: read for
 * everyone it went to) and an index by the object they concern.
 */
export const myWork: Migration = {
  name: '2026-12-15-my-work',
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('matters_state_path_idx')
      .on('matters')
      .columns(['state', 'org_path'])
      .execute();
    await db.schema
      .createIndex('matters_ext_pending_idx')
      .on('matters')
      .columns(['org_path'])
      .where(sql.ref('ext_requested_due'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('matter_assignments_work_idx')
      .on('matter_assignments')
      .columns(['status', 'unit_path', 'org_path'])
      .where(sql.ref('is_open'), '=', 1)
      .execute();
    await db.schema.alterTable('notifications').addColumn('resolved_at', 'text').execute();
    await db.schema
      .createIndex('notifications_object_idx')
      .on('notifications')
      .columns(['object_id', 'kind'])
      .execute();
  },
};
