import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: the open unit parts (the only ones the sweep and the "overdue now" list read) get a
 * partial index that covers those queries, so they are index-only scans however many closed parts exist.
 */
export const matterOpenIndex: Migration = {
  name: '2026-12-01-matter-open-index',
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('matter_assignments_open_due_idx').execute();
    await db.schema
      .createIndex('matter_assignments_open_idx')
      .on('matter_assignments')
      .columns(['due_date', 'status', 'id', 'org_path', 'unit_path'])
      .where(sql.ref('is_open'), '=', 1)
      .execute();
  },
};
