import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Issue 10 item 1, platform settings that are not security policy (系统设置): one row per key with its
 * JSON value (validated by the key's zod schema in `packages/shared/src/api/settings.ts`), who saved it
 * and when, and its version for optimistic concurrency. No row: the built-in default.
 */
export const platformSettings: Migration = {
  name: '2027-01-05-platform-settings',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('platform_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
