import type { Db, Tx } from '../../database';
import type { ImportCheckedRowsTable, ImportJobsTable, ImportUploadsTable } from './imports.tables';

// The SQL of import jobs and their sealed uploads.

type Conn = Db | Tx;

/** A job of its creator's: another user's job answers like a missing one. */
export function findById(db: Conn, id: string, userId: string) {
  return db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('created_by', '=', userId)
    .executeTakeFirst();
}

export async function insert(db: Conn, row: ImportJobsTable): Promise<void> {
  await db.insertInto('import_jobs').values(row).execute();
}

export async function update(db: Conn, id: string, patch: Partial<ImportJobsTable>): Promise<void> {
  await db.updateTable('import_jobs').set(patch).where('id', '=', id).execute();
}

/** Move a job from one status to another; false when it was no longer in `from` (a second commit). */
export async function updateStatus(
  db: Conn,
  id: string,
  from: ImportJobsTable['status'],
  patch: Partial<ImportJobsTable> & Pick<ImportJobsTable, 'status'>,
): Promise<boolean> {
  const r = await db
    .updateTable('import_jobs')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertUpload(db: Conn, row: ImportUploadsTable): Promise<void> {
  await db.insertInto('import_uploads').values(row).execute();
}

export function findUpload(db: Conn, jobId: string) {
  return db.selectFrom('import_uploads').selectAll().where('job_id', '=', jobId).executeTakeFirst();
}

export async function hasUpload(db: Conn, jobId: string): Promise<boolean> {
  const r = await db
    .selectFrom('import_uploads')
    .select('job_id')
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function deleteUpload(db: Conn, jobId: string): Promise<void> {
  await db.deleteFrom('import_uploads').where('job_id', '=', jobId).execute();
}

export async function insertCheckedBatch(db: Conn, row: ImportCheckedRowsTable): Promise<void> {
  await db.insertInto('import_checked_rows').values(row).execute();
}

/** One batch of a job's checked people (batches are numbered from 0 in file order); undefined past the last. */
export function findCheckedBatch(db: Conn, jobId: string, batch: number) {
  return db
    .selectFrom('import_checked_rows')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('batch', '=', batch)
    .executeTakeFirst();
}

export async function deleteCheckedRows(db: Conn, jobId: string): Promise<void> {
  await db.deleteFrom('import_checked_rows').where('job_id', '=', jobId).execute();
}

/** Uploads (and checked rows) of jobs that expired before `now` (ISO time) and were never committed. */
export async function deleteExpiredUploads(db: Conn, now: string): Promise<number> {
  await db
    .deleteFrom('import_checked_rows')
    .where('job_id', 'in', (eb) => eb.selectFrom('import_jobs').select('id').where('expires_at', '<', now))
    .execute();
  const r = await db
    .deleteFrom('import_uploads')
    .where('job_id', 'in', (eb) => eb.selectFrom('import_jobs').select('id').where('expires_at', '<', now))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
