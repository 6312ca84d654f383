import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 9, LRMX import): `lrmx_sessions`, one upload of .lrmx files read and compared
 * with the roster — its files, matches and differences sealed in `content` (they hold ID numbers and
 * relatives' data), owned by the uploader, kept a day.
 */
export const lrmxSessions: Migration = {
  name: '2026-12-11-lrmx-sessions',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    await db.schema
      .createTable('lrmx_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_sha256', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text')
      .execute();
    await db.schema
      .createIndex('lrmx_sessions_creator_idx')
      .on('lrmx_sessions')
      .columns(['created_by', 'created_at'])
      .execute();
  },
};
