import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 9, the roster import): `import_jobs` (one dry run and its commit, with the
 * report and the counts) and `import_uploads` (the uploaded workbook, sealed, deleted at commit or
 * after a day).
 */
export const importJobs: Migration = {
  name: '2026-12-09-import-jobs',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    await db.schema
      .createTable('import_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('existing_mode', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_sha256', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('done', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('row_count', 'integer', (c) => c.notNull())
      .addColumn('error_rows', 'integer', (c) => c.notNull())
      .addColumn('new_people', 'integer', (c) => c.notNull())
      .addColumn('existing_people', 'integer', (c) => c.notNull())
      .addColumn('issues', 'text', (c) => c.notNull())
      .addColumn('created_count', 'integer')
      .addColumn('updated_count', 'integer')
      .addColumn('skipped_count', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('committed_at', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('import_jobs_creator_idx')
      .on('import_jobs')
      .columns(['created_by', 'created_at'])
      .execute();
    await db.schema
      .createTable('import_uploads')
      .addColumn('job_id', 'text', (c) => c.primaryKey().references('import_jobs.id'))
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
      .execute();
  },
};
