import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/*
 * The embedded database's side of backup and restore: the SQLite online backup API, the checks run on a
 * copy, and the data directory's lock. (better-sqlite3 is opened in platform/db only.)
 */

export const SQLITE_FILE = 'xinhuo.db';
const LOCK_FILE = 'xinhuo.lock';
const LOCK_INFO = 'xinhuo.lock.json';

/**
 * Copy the live database `from` (WAL, other connections writing) into the new file `to` with the online
 * backup API. All pages are copied in one step, inside one read transaction: the copy is the database
 * as committed at that moment (every write acknowledged before the backup started is in it), and writers
 * are not blocked meanwhile (WAL). A write between the setup and that step restarts the copy.
 */
export async function onlineBackup(from: string, to: string): Promise<{ pages: number }> {
  if (!existsSync(from)) throw new Error(`no database at ${from}`);
  const src = new SQLite(from, { fileMustExist: true, timeout: 5000 });
  try {
    const r = await src.backup(to, { progress: () => 0x7fffffff });
    return { pages: r.totalPages };
  } finally {
    src.close();
  }
}

export interface SqliteInspection {
  integrity: string;
  /** Names in schema_migrations (the lock row excluded), in name order. */
  migrations: string[];
  /** Rows per table (SQLite's own tables excluded), in name order. */
  rowCounts: Record<string, number>;
}

/** Open a copy read-only and run `PRAGMA integrity_check`, read its migrations and count its rows. */
export function inspectSqliteFile(file: string): SqliteInspection {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const tables = (
      db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const rowCounts: Record<string, number> = {};
    for (const t of tables)
      rowCounts[t] = (
        db.prepare(`select count(*) as n from "${t.replace(/"/g, '""')}"`).get() as { n: number }
      ).n;
    const migrations = tables.includes('schema_migrations')
      ? (
          db.prepare("select name from schema_migrations where name <> '__lock__' order by name").all() as {
            name: string;
          }[]
        ).map((r) => r.name)
      : [];
    return { integrity, migrations, rowCounts };
  } finally {
    db.close();
  }
}

export interface DataDirLock {
  release(): void;
}

export interface LockHolder {
  pid: number;
  role: string;
  since: string;
}

/**
 * Take the data directory's exclusive lock, or return who holds it. The lock is an SQLite file held in
 * exclusive locking mode: the operating system drops it when the holder exits, even on kill -9, so a
 * stale lock never blocks and a live holder is never missed (no pid guessing). The server holds it while
 * it runs; restore holds it while it swaps files; a second server on the same directory is refused.
 */
export function lockDataDir(dataDir: string, role: string): DataDirLock | { heldBy: LockHolder | null } {
  const file = path.join(dataDir, LOCK_FILE);
  const db = new SQLite(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY');
    db.exec(
      'create table if not exists holder (pid integer not null, role text not null, since text not null)',
    );
    db.transaction(() => {
      db.prepare('delete from holder').run();
      db.prepare('insert into holder (pid, role, since) values (?, ?, ?)').run(
        process.pid,
        role,
        new Date().toISOString(),
      );
    })();
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return { heldBy: readHolder(dataDir) };
    throw e;
  }
  const holder: LockHolder = { pid: process.pid, role, since: new Date().toISOString() };
  writeFileSync(path.join(dataDir, LOCK_INFO), JSON.stringify(holder) + '\n', { mode: 0o600 });
  return {
    release() {
      rmSync(path.join(dataDir, LOCK_INFO), { force: true });
      db.close();
    },
  };
}

function readHolder(dataDir: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, LOCK_INFO), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}
