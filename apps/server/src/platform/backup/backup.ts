import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { PlatformDatabase } from '../platform-db';
import { connectDatabase } from '../db/connect';
import { MIGRATIONS } from '../db/migrations';
import {
  inspectSqliteFile,
  lockDataDir,
  onlineBackup,
  SQLITE_FILE,
  type DataDirLock,
} from '../db/sqlite-backup';
import { createAuditTrail } from '../audit/audit';
import { createFieldCrypto } from '../crypto/field-crypto';
import { keyCheck } from '../crypto/key-state';
import { systemClock } from '../clock';
import { extractEntry, listTar, writeTar } from './tar';
import { BackupError } from './messages';
import { pgDump, pgRestore, inspectPgDump, pgForeignConnections } from './pg-backup';

/*
 * One backup is one plain tar file (`tar -tf` lists it): manifest.json (format, when, the database kind,
 * the schema's migrations, the rows of every table, a check value of the master key and the SHA-256 of
 * every other file), the database (xinhuo.db, or xinhuo.dump from pg_dump -Fc on PostgreSQL) and the
 * audit trail's exported anchor when there is one. The master key is never in it: attachments, ID
 * numbers and phones in the backup stay sealed under that key, which is backed up separately.
 */

export const MANIFEST_FORMAT = 'xinhuo-backup/1';
const MANIFEST = 'manifest.json';
const ANCHOR = 'audit-anchor.json';
const PG_DUMP_FILE = 'xinhuo.dump';

export interface BackupConfig {
  dataDir: string;
  databaseUrl?: string;
  masterKey: Buffer;
  auditAnchorFile: string;
  /** The environment the PostgreSQL tools run with (PATH, PG* variables); see AppConfig.toolEnv. */
  toolEnv: NodeJS.ProcessEnv;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  /** An HMAC of a fixed text under the master key: tells whether a key is the backup's, reveals nothing. */
  keyCheck: string;
  /** Applied migrations (the schema version is the last one). */
  migrations: string[];
  rowCounts: Record<string, number>;
  /** The audit trail's signed head in the copy (SQLite; null on PostgreSQL, verified after restore). */
  auditHeadSeq: number | null;
  files: { name: string; bytes: number; sha256: string }[];
}

export { keyCheck };

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Refuse a schema this version does not know (a newer release); optionally require the latest one. */
export function checkSchema(migrations: readonly string[], mustBeLatest: boolean): void {
  const known = new Set(MIGRATIONS.map((m) => m.name));
  const unknown = migrations.filter((n) => !known.has(n));
  if (unknown.length) throw new BackupError('BACKUP_SCHEMA_NEWER', unknown.join(', '));
  if (mustBeLatest && migrations.length !== known.size) {
    const missing = MIGRATIONS.map((m) => m.name).filter((n) => !migrations.includes(n));
    throw new BackupError('BACKUP_SCHEMA_NOT_CURRENT', `missing ${missing.join(', ')}`);
  }
}

/** Verify the audit chain of a SQLite copy against its signed head and the anchor saved with it. */
async function verifyAuditOfCopy(dbFile: string, anchorFile: string | undefined, masterKey: Buffer) {
  const h = connectDatabase<PlatformDatabase>({ sqliteFile: dbFile });
  try {
    const audit = createAuditTrail({
      db: h.db,
      dialect: 'sqlite',
      clock: systemClock,
      key: createFieldCrypto(masterKey).auditKey,
      anchorFile,
    });
    const r = await audit.verify();
    if (!r.ok) throw new BackupError('BACKUP_AUDIT_BROKEN', `${r.finding}: ${r.message?.en ?? ''}`);
    return r.headSeq;
  } finally {
    await h.close();
  }
}

/**
 * Take a backup of the running system into `out` (a new file), then verify what was written: read the
 * archive back, compare every hash, check the database's integrity, schema and audit chain.
 */
export async function createBackup(
  cfg: BackupConfig,
  out: string,
  log: (msg: string) => void = () => {},
): Promise<BackupManifest> {
  const target = path.resolve(out);
  if (existsSync(target)) throw new BackupError('BACKUP_TARGET_EXISTS', target);
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const stage = mkdtempSync(path.join(path.dirname(target), '.xinhuo-backup-'));
  try {
    const files: { name: string; path: string }[] = [];
    // The anchor first: it is exported from a committed head, so it never vouches for more than the
    // database copy taken after it holds.
    if (existsSync(cfg.auditAnchorFile)) {
      copyFileSync(cfg.auditAnchorFile, path.join(stage, ANCHOR));
      files.push({ name: ANCHOR, path: path.join(stage, ANCHOR) });
    }
    let migrations: string[];
    let rowCounts: Record<string, number>;
    let auditHeadSeq: number | null = null;
    if (cfg.databaseUrl) {
      const dump = path.join(stage, PG_DUMP_FILE);
      log('pg_dump -Fc …');
      await pgDump(cfg.databaseUrl, dump, cfg.toolEnv);
      ({ migrations, rowCounts } = await inspectPgDump(dump, cfg.toolEnv));
      files.push({ name: PG_DUMP_FILE, path: dump });
    } else {
      const copy = path.join(stage, SQLITE_FILE);
      log(`online backup of ${path.join(cfg.dataDir, SQLITE_FILE)} …`);
      await onlineBackup(path.join(cfg.dataDir, SQLITE_FILE), copy);
      const found = inspectSqliteFile(copy);
      if (found.integrity !== 'ok') throw new BackupError('BACKUP_INTEGRITY_FAILED', found.integrity);
      ({ migrations, rowCounts } = found);
      auditHeadSeq = await verifyAuditOfCopy(
        copy,
        files.length ? path.join(stage, ANCHOR) : undefined,
        cfg.masterKey,
      );
      files.push({ name: SQLITE_FILE, path: copy });
    }
    checkSchema(migrations, true);
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      createdAt: new Date().toISOString(),
      dialect: cfg.databaseUrl ? 'postgres' : 'sqlite',
      keyCheck: keyCheck(cfg.masterKey),
      migrations,
      rowCounts,
      auditHeadSeq,
      files: [],
    };
    for (const f of files)
      manifest.files.push({ name: f.name, bytes: statSync(f.path).size, sha256: await sha256File(f.path) });
    const manifestPath = path.join(stage, MANIFEST);
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    const partial = `${target}.partial`;
    rmSync(partial, { force: true });
    writeTar(partial, [{ name: MANIFEST, path: manifestPath }, ...files]);
    log('verifying the written file …');
    const check = mkdtempSync(path.join(path.dirname(target), '.xinhuo-verify-'));
    try {
      await verifyBackup(partial, cfg, check);
    } finally {
      rmSync(check, { recursive: true, force: true });
    }
    renameSync(partial, target);
    return manifest;
  } finally {
    rmSync(stage, { recursive: true, force: true });
    rmSync(`${target}.partial`, { force: true });
  }
}

/**
 * Unpack `file` into the empty directory `stage` and check it: the manifest, every file's SHA-256, the
 * master key, the schema (a newer one is refused; an older one is migrated at the next start) and, for
 * SQLite, `PRAGMA integrity_check` and the audit chain.
 */
export async function verifyBackup(file: string, cfg: BackupConfig, stage: string): Promise<BackupManifest> {
  let entries;
  try {
    entries = listTar(file);
  } catch (e) {
    throw new BackupError('BACKUP_NOT_AN_ARCHIVE', e instanceof Error ? e.message : String(e));
  }
  const manifestEntry = entries.find((e) => e.name === MANIFEST);
  if (!manifestEntry) throw new BackupError('BACKUP_NOT_AN_ARCHIVE', 'no manifest.json');
  extractEntry(file, manifestEntry, path.join(stage, MANIFEST));
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(stage, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError('BACKUP_NOT_AN_ARCHIVE', 'manifest.json is not JSON');
  }
  if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files))
    throw new BackupError('BACKUP_NOT_AN_ARCHIVE', `manifest format ${String(manifest.format)}`);
  for (const f of manifest.files) {
    const entry = entries.find((e) => e.name === f.name);
    if (!entry || !/^[\w.-]+$/.test(f.name)) throw new BackupError('BACKUP_HASH_MISMATCH', f.name);
    const dest = path.join(stage, f.name);
    extractEntry(file, entry, dest);
    if (entry.size !== f.bytes || (await sha256File(dest)) !== f.sha256)
      throw new BackupError('BACKUP_HASH_MISMATCH', f.name);
  }
  const wanted = cfg.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.dialect !== wanted) throw new BackupError('BACKUP_WRONG_DATABASE', manifest.dialect);
  if (manifest.keyCheck !== keyCheck(cfg.masterKey)) throw new BackupError('BACKUP_KEY_MISMATCH');
  if (manifest.dialect === 'postgres') {
    const found = await inspectPgDump(path.join(stage, PG_DUMP_FILE), cfg.toolEnv);
    checkSchema(found.migrations, false);
  } else {
    const db = path.join(stage, SQLITE_FILE);
    if (!existsSync(db)) throw new BackupError('BACKUP_NOT_AN_ARCHIVE', `no ${SQLITE_FILE}`);
    const found = inspectSqliteFile(db);
    if (found.integrity !== 'ok') throw new BackupError('BACKUP_INTEGRITY_FAILED', found.integrity);
    checkSchema(found.migrations, false);
    // The audit head is signed with the schema of its day: the chain is checked when the schema is
    // the latest (an older backup is migrated at the next start, and audit:verify runs then).
    if (found.migrations.length === MIGRATIONS.length) {
      const anchor = path.join(stage, ANCHOR);
      await verifyAuditOfCopy(db, existsSync(anchor) ? anchor : undefined, cfg.masterKey);
    }
  }
  return manifest;
}

/**
 * Take the data directory's lock for `role` (the server for as long as it runs, a restore while it swaps
 * files), or fail with `code` naming the holder.
 */
export function holdDataDir(
  dataDir: string,
  role: string,
  code: 'RESTORE_SERVER_RUNNING' | 'KEY_ROTATION_SERVER_RUNNING' | 'DATA_DIR_IN_USE' = 'DATA_DIR_IN_USE',
): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(dataDir, role);
  if ('heldBy' in lock) {
    const h = lock.heldBy;
    throw new BackupError(code, h ? `${h.role}, pid ${h.pid}, since ${h.since}` : 'lock held');
  }
  return lock;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the replaced database (and anchor) were moved; null when there was nothing to replace. */
  asideDir: string | null;
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as { code?: string }).code !== 'EXDEV') throw e;
    copyFileSync(from, to);
    unlinkSync(from);
  }
}

/**
 * Restore `file` into the configured database. SQLite: refuses while a server holds the data directory,
 * unpacks and verifies into a directory inside it, then moves the current database and anchor aside
 * (`<dataDir>/replaced-<time>/`) and renames the verified copy into place. PostgreSQL: refuses while a
 * server is connected, dumps the current database aside, then pg_restore in one transaction.
 */
export async function restoreBackup(
  file: string,
  cfg: BackupConfig,
  log: (msg: string) => void = () => {},
): Promise<RestoreResult> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new BackupError('BACKUP_NOT_AN_ARCHIVE', `${source} does not exist`);
  mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (cfg.databaseUrl) {
    const others = await pgForeignConnections(cfg.databaseUrl);
    if (others > 0) throw new BackupError('RESTORE_PG_IN_USE', String(others));
    const stage = mkdtempSync(path.join(cfg.dataDir, '.restore-'));
    try {
      const manifest = await verifyBackup(source, cfg, stage);
      const aside = path.join(cfg.dataDir, `replaced-${stamp}.dump`);
      log(`saving the current database to ${aside} …`);
      await pgDump(cfg.databaseUrl, aside, cfg.toolEnv);
      log('pg_restore --clean --single-transaction …');
      await pgRestore(cfg.databaseUrl, path.join(stage, PG_DUMP_FILE), cfg.toolEnv);
      const anchor = path.join(stage, ANCHOR);
      if (existsSync(anchor)) replaceAnchor(cfg.auditAnchorFile, anchor, null, stamp);
      return { manifest, asideDir: aside };
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }
  const lock = holdDataDir(cfg.dataDir, 'restore', 'RESTORE_SERVER_RUNNING');
  const stage = mkdtempSync(path.join(cfg.dataDir, '.restore-'));
  try {
    log('verifying the backup …');
    const manifest = await verifyBackup(source, cfg, stage);
    const aside = path.join(cfg.dataDir, `replaced-${stamp}`);
    mkdirSync(aside, { mode: 0o700 });
    const live = path.join(cfg.dataDir, SQLITE_FILE);
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(live + suffix)) moveFile(live + suffix, path.join(aside, SQLITE_FILE + suffix));
    renameSync(path.join(stage, SQLITE_FILE), live);
    const anchor = path.join(stage, ANCHOR);
    replaceAnchor(cfg.auditAnchorFile, existsSync(anchor) ? anchor : null, aside, stamp);
    const keptAside = readdirSync(aside).length > 0;
    if (!keptAside) rmdirSync(aside);
    return { manifest, asideDir: keptAside ? aside : null };
  } finally {
    rmSync(stage, { recursive: true, force: true });
    lock.release();
  }
}

/**
 * The anchor goes back with the database it vouches for; the current one (ahead of the restored trail,
 * which audit:verify would report as truncated) is kept aside as evidence, never deleted.
 */
function replaceAnchor(anchorFile: string, restored: string | null, aside: string | null, stamp: string) {
  if (existsSync(anchorFile))
    moveFile(anchorFile, aside ? path.join(aside, ANCHOR) : `${anchorFile}.replaced-${stamp}`);
  if (!restored) return;
  mkdirSync(path.dirname(anchorFile), { recursive: true, mode: 0o700 });
  const tmp = `${anchorFile}.${process.pid}.tmp`;
  copyFileSync(restored, tmp);
  renameSync(tmp, anchorFile);
}
