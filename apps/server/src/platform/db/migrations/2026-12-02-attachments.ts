import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: attachments of matters and meetings. The metadata row carries the owner's org path
 * (copied, so scoped queries are index ranges); the bytes live sealed (AES-256-GCM) in a table of their
 * own so listing files never reads them. The metadata-only JSON columns they replace are dropped.
 */
export const attachments: Migration = {
  name: '2026-12-02-attachments',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_type', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('org_path', 'text', (c) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('extension', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
      .addColumn('uploader_name', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .addColumn('deleted_by', 'text', (c) => c.references('users.id'))
      .execute();
    await db.schema
      .createIndex('attachments_owner_idx')
      .on('attachments')
      .columns(['owner_type', 'owner_id', 'uploaded_at'])
      .execute();
    await db.schema
      .createTable('attachment_contents')
      .addColumn('attachment_id', 'text', (c) => c.primaryKey().references('attachments.id'))
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('matters').dropColumn('attachments').execute();
    await db.schema.alterTable('meetings').dropColumn('attachments').execute();
  },
};
