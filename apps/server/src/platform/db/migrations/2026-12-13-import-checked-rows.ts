import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 9, the roster import at 100,000 rows): `import_checked_rows`, the dry run's
 * checked people of a job, sealed, one row per batch — the commit writes them instead of reading and
 * checking the whole workbook again. Deleted with the upload (at commit, failure or after a day).
 */
export const importCheckedRows: Migration = {
  name: '2026-12-13-import-checked-rows',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    await db.schema
      .createTable('import_checked_rows')
      .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
      .addColumn('batch', 'integer', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('content', pg ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_checked_rows_pk', ['job_id', 'batch'])
      .execute();
  },
};
