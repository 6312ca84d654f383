import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 11 item 11, pipeline and training notifications): `pipeline_reminders`, one row
 * per reminder sent — its kind, the item it is about and the day it is keyed to — unique on the three, so
 * the daily sweep (on any number of instances) notifies each item once per key day.
 */
export const pipelineReminders: Migration = {
  name: '2026-12-31-pipeline-reminders',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('pipeline_reminders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('key_date', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('pipeline_reminders_once', ['kind', 'item_id', 'key_date'])
      .execute();
  },
};
