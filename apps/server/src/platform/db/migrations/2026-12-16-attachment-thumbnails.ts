import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: a small thumbnail per image attachment, made once (on upload, or on the first view
 * of an older file) and sealed like the file itself, so a list of photos no longer downloads the
 * originals. Its own table: listing files never reads it, and a file without one simply has none yet.
 */
export const attachmentThumbnails: Migration = {
  name: '2026-12-16-attachment-thumbnails',
  async up(db: Kysely<any>, dialect) {
    await db.schema
      .createTable('attachment_thumbnails')
      .addColumn('attachment_id', 'text', (c) => c.primaryKey().references('attachments.id'))
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .execute();
  },
};
