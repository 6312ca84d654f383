/* eslint-disable no-restricted-imports, xinhuo/query-in-repository, @typescript-eslint/no-explicit-any --
   an offline maintenance command that walks every table holding sealed values, generically by name
   (like a migration); it runs with no server, so none of its queries belongs to a module's repository. */
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { normalizeIdNumber, upgradeIdNumber15 } from '@xinhuo/shared';
import type { AppConfig } from './platform/config';
import { compose } from './composition';
import { connectDatabase } from './platform/db/connect';
import { migrateToLatest } from './platform/db/migrate';
import { likeStartsWith } from './platform/db/like';
import { MIGRATIONS } from './platform/db/migrations';
import { createAuditTrail, sealHeadOnMigration, SYSTEM_ACTOR } from './platform/audit/audit';
import { createFieldCrypto, nextKeyId, sealedKeyId, type FieldCrypto } from './platform/crypto/field-crypto';
import { keyCheck, readKeyState, type KeyRotation } from './platform/crypto/key-state';
import { createBackup, holdDataDir } from './platform/backup/backup';
import { pgForeignConnections } from './platform/backup/pg-backup';
import { BackupError } from './platform/backup/messages';
import { systemClock } from './platform/clock';
import { personMacParts } from './modules/people';
import type { PersonsTable } from './modules/people/people.tables';

/*
 * Offline rotation of XINHUO_MASTER_KEY (docs/OPERATIONS.md §7). Every value sealed under the old key is
 * opened with it and sealed under the new key with the next key id (k1 → k2); blind indexes and row MACs
 * are recomputed; the audit trail is continued by a `master_key_rotated` row hashed under the new key that
 * carries a checkpoint of the trail before it (see KEY_ROTATION_ACTION in platform/audit/audit.ts).
 *
 * Crash safety: each batch of rows is one transaction, and a row is rotated entirely or not at all, so
 * the key id a row carries says whether it is done; `key_state.rotation` records the two keys' ids and
 * the new key's check value, and the server refuses to start while it is set. Running the command again
 * with the same two keys resumes from the rows still under the old id. The old key is read only during
 * the rotation: afterwards the server holds one key (the new one), no keyring.
 */

type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** One table with sealed values: the rows still under `from` and how one row is re-sealed. */
interface SealedTable {
  table: string;
  key: readonly string[];
  /** SQL condition selecting the rows still sealed under key id `from`. */
  pending: (from: string) => RawBuilder<SqlBool>;
  reseal: (row: Row, old: FieldCrypto, next: FieldCrypto) => Row;
}

const resealText = (stored: string | null, old: FieldCrypto, next: FieldCrypto) =>
  stored === null || sealedKeyId(stored) === next.keyId ? stored : next.encrypt(old.decrypt(stored));

class RotationError extends Error {}

/** A text column sealed by FieldCrypto.encrypt (`k1:…`). */
const textPending = (column: string) => (from: string) => likeStartsWith(column, from + ':');

/** A table of sealed bytes (key_id + content). */
function bytesTable(table: string, key: readonly string[]): SealedTable {
  return {
    table,
    key,
    pending: (from) => sql<SqlBool>`key_id = ${from}`,
    reseal: (row, old, next) => {
      const { keyId, sealed } = next.sealBytes(
        old.openBytes(row.key_id as string, Buffer.from(row.content as Uint8Array)),
      );
      return { key_id: keyId, content: sealed };
    },
  };
}

const SEALED_TABLES: readonly SealedTable[] = [
  {
    table: 'persons',
    key: ['id'],
    pending: textPending('id_number_enc'),
    reseal: (row, old, next) => {
      const p = row as unknown as PersonsTable;
      // A row whose MAC fails under the old key was altered without it: re-sealing would launder it.
      if (!old.verifyMac(personMacParts(p), p.row_mac))
        throw new RotationError(
          `person ${p.id}: row MAC does not verify under the old key (integrity violation)`,
        );
      const idNumber = old.decrypt(p.id_number_enc);
      const phone = p.phone_enc === null ? null : old.decrypt(p.phone_enc);
      const cols = {
        id_number_enc: next.encrypt(idNumber),
        id_number_bidx: next.blindIndex(idNumber),
        phone_enc: phone === null ? null : next.encrypt(phone),
        phone_bidx: phone === null ? null : next.blindIndex(phone),
        record_enc: resealText(p.record_enc, old, next),
      };
      return { ...cols, row_mac: next.mac(personMacParts({ ...p, ...cols })) };
    },
  },
  {
    table: 'person_dedupe_requests',
    key: ['id'],
    pending: textPending('input_enc'),
    reseal: (row, old, next) => {
      const input = old.decrypt(row.input_enc as string);
      const raw = (JSON.parse(input) as { idNumber?: unknown }).idNumber;
      const idNumber = typeof raw === 'string' ? (upgradeIdNumber15(raw) ?? normalizeIdNumber(raw)) : null;
      if (idNumber === null || old.blindIndex(idNumber) !== row.id_number_bidx)
        throw new RotationError(`dedupe request ${String(row.id)}: its ID number does not match its index`);
      return { input_enc: next.encrypt(input), id_number_bidx: next.blindIndex(idNumber) };
    },
  },
  {
    table: 'user_totp',
    key: ['user_id'],
    pending: textPending('secret_enc'),
    // Recovery codes are kept only as keyed hashes of codes nobody stored: they cannot be carried
    // over. They are cleared (the TOTP itself keeps working); the account makes new ones.
    reseal: (row, old, next) => ({
      secret_enc: resealText(row.secret_enc as string, old, next),
      recovery_hashes: '[]',
    }),
  },
  {
    table: 'idempotency_keys',
    key: ['user_id', 'route', 'idem_key'],
    pending: textPending('response'),
    reseal: (row, old, next) => ({ response: resealText(row.response as string, old, next) }),
  },
  bytesTable('attachment_contents', ['attachment_id']),
  bytesTable('attachment_thumbnails', ['attachment_id']),
  bytesTable('import_uploads', ['job_id']),
  bytesTable('import_checked_rows', ['job_id', 'batch']),
  bytesTable('lrmx_sessions', ['id']),
];

export interface RotateKeyOptions {
  config: Pick<AppConfig, 'dataDir' | 'databaseUrl' | 'masterKey' | 'auditAnchorFile' | 'toolEnv'> & {
    masterKeyFile?: string | null;
  };
  newKey: Buffer;
  log: (msg: string) => void;
  batchSize?: number;
  /** Tests: called after each committed batch; throwing there stops the rotation as a crash would. */
  afterBatch?: (table: string, rows: number) => void;
}

export interface RotateKeyReport {
  fromKeyId: string;
  toKeyId: string;
  backupFile: string;
  /** Rows re-sealed by this run, per table. */
  rows: Record<string, number>;
  recoveryCodesCleared: number;
  auditSeq: number;
  check: FinalCheck;
}

interface FinalCheck {
  peopleChecked: number;
  attachmentsChecked: number;
  auditRowsVerified: number;
  oldKeyRefused: boolean;
}

/** The new key from --new-key-file or XINHUO_NEW_MASTER_KEY (never the command line: `ps` shows it). */
export function readNewKey(file: string | undefined, env: NodeJS.ProcessEnv): Buffer {
  const hex = file ? readFileSync(file, 'utf8').trim() : env.XINHUO_NEW_MASTER_KEY?.trim();
  if (!hex)
    throw new RotationError('rotate-key needs the new key: --new-key-file FILE or XINHUO_NEW_MASTER_KEY');
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new RotationError(
      'the new master key must be 64 hex characters (32 bytes), e.g. `openssl rand -hex 32`',
    );
  return Buffer.from(hex, 'hex');
}

export async function rotateMasterKey(opts: RotateKeyOptions): Promise<RotateKeyReport> {
  const { config, newKey, log } = opts;
  const oldKey = config.masterKey;
  if (config.masterKeyFile)
    throw new RotationError(
      `the key comes from ${config.masterKeyFile} (demo mode): rotate-key rotates XINHUO_MASTER_KEY only`,
    );
  if (newKey.equals(oldKey)) throw new RotationError('the new master key is the same as XINHUO_MASTER_KEY');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  // Refused while a server holds the data (the check restore makes); SQLite: the lock is held throughout.
  if (config.databaseUrl) {
    const others = await pgForeignConnections(config.databaseUrl);
    if (others > 0) throw new BackupError('KEY_ROTATION_PG_IN_USE', String(others));
  }
  const lock = config.databaseUrl
    ? null
    : holdDataDir(config.dataDir, 'rotate-key', 'KEY_ROTATION_SERVER_RUNNING');
  try {
    const rotation = await rotateData(opts, stamp);
    // The anchor file is signed under the new key only once the database is (after the commit).
    const services = await compose({ ...config, masterKey: newKey });
    let check: FinalCheck;
    try {
      const exported = await services.audit.exportAnchor();
      if (exported.finding) throw new RotationError(`audit anchor not exported: ${exported.finding}`);
      check = await finalCheck(services.db as unknown as AnyDb, services.crypto, config, oldKey, async () =>
        services.audit.verify(),
      );
    } finally {
      await services.close();
    }
    log(
      `final check: ${check.peopleChecked} people decrypted and found by ID number, ` +
        `${check.attachmentsChecked} attachments opened, audit trail ${check.auditRowsVerified} rows verified ` +
        `under the new key, refused under the old key`,
    );
    return { ...rotation, check };
  } finally {
    lock?.release();
  }
}

/** Everything in the database; returns once key_state names the new key (possibly done by an earlier run). */
async function rotateData(opts: RotateKeyOptions, stamp: string): Promise<Omit<RotateKeyReport, 'check'>> {
  const { config, newKey, log } = opts;
  const oldKey = config.masterKey;
  const handle = connectDatabase<any>({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: 'xinhuo-rotate-key',
  });
  const db = handle.db as AnyDb;
  try {
    const oldAudit = createAuditTrail({
      db,
      dialect: handle.dialect,
      clock: systemClock,
      key: createFieldCrypto(oldKey).auditKey,
      anchorFile: config.auditAnchorFile,
    });
    await migrateToLatest(db, handle.dialect, sealHeadOnMigration(MIGRATIONS, oldAudit));
    let state = await readKeyState(db);
    const newCheck = keyCheck(newKey);
    const oldCheck = keyCheck(oldKey);
    if (!state.rotation && state.keyCheck === newCheck) {
      // An earlier run committed the rotation and stopped before the anchor and the final check.
      log(`the database is already sealed under the new key (${state.keyId}); finishing`);
      const last = await db
        .selectFrom('audit_log')
        .select(['seq', 'details'])
        .where('action', '=', 'master_key_rotated')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const d = JSON.parse(last.details as string) as { fromKeyId: string; backupFile: string };
      return {
        fromKeyId: d.fromKeyId,
        toKeyId: state.keyId,
        backupFile: d.backupFile,
        rows: {},
        recoveryCodesCleared: 0,
        auditSeq: Number(last.seq),
      };
    }
    if (state.keyCheck !== '' && state.keyCheck !== oldCheck)
      throw new RotationError(
        `XINHUO_MASTER_KEY is not the key of this database (key id ${state.keyId}); set the current key`,
      );
    let rotation: KeyRotation;
    if (state.rotation) {
      rotation = state.rotation;
      if (rotation.newKeyCheck !== newCheck)
        throw new RotationError(
          `a rotation to another new key (${rotation.toKeyId}, started ${rotation.startedAt}) is unfinished: ` +
            `resume it with that new key, or restore ${rotation.backupFile}`,
        );
      log(`resuming the rotation ${rotation.fromKeyId} → ${rotation.toKeyId} started ${rotation.startedAt}`);
    } else {
      const v = await oldAudit.verify();
      if (!v.ok)
        throw new RotationError(
          `audit:verify fails under the current key (${v.finding}: ${v.message?.en}); rotation refused`,
        );
      log(`audit trail verified under the current key: ${v.checked} rows`);
      const backupFile = path.join(config.dataDir, `before-rotate-key-${stamp}.tar`);
      log(`taking a backup first: ${backupFile}`);
      await createBackup(config, backupFile, log);
      await oldAudit.recordAlone(SYSTEM_ACTOR, {
        action: 'backup_created',
        objectType: 'backup',
        objectId: path.basename(backupFile),
        details: { reason: 'rotate-key', dialect: handle.dialect },
      });
      rotation = {
        fromKeyId: state.keyId,
        toKeyId: nextKeyId(state.keyId),
        newKeyCheck: newCheck,
        startedAt: new Date().toISOString(),
        backupFile,
      };
      await db
        .updateTable('key_state')
        .set({ key_check: oldCheck, rotation: JSON.stringify(rotation) })
        .where('id', '=', 1)
        .execute();
      log(`rotation ${rotation.fromKeyId} → ${rotation.toKeyId} started`);
    }
    const old = createFieldCrypto(oldKey, rotation.fromKeyId);
    const next = createFieldCrypto(newKey, rotation.toKeyId);
    const rows: Record<string, number> = {};
    let recoveryCodesCleared = 0;
    const batchSize = opts.batchSize ?? 200;
    for (const t of SEALED_TABLES) {
      rows[t.table] = 0;
      for (;;) {
        const n = await db.transaction().execute(async (trx) => {
          const batch = (await trx
            .selectFrom(t.table)
            .selectAll()
            .where(t.pending(rotation.fromKeyId))
            .orderBy(t.key[0]!)
            .limit(batchSize)
            .execute()) as Row[];
          for (const row of batch) {
            if (t.table === 'user_totp' && row.recovery_hashes !== '[]') recoveryCodesCleared++;
            let q = trx.updateTable(t.table).set(t.reseal(row, old, next));
            for (const k of t.key) q = q.where(k, '=', row[k]);
            await q.execute();
          }
          return batch.length;
        });
        if (n === 0) break;
        rows[t.table]! += n;
        log(`  ${t.table}: ${rows[t.table]} rows re-sealed`);
        opts.afterBatch?.(t.table, n);
      }
    }
    log(
      `re-sealed: ${Object.entries(rows)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    // The last step in one transaction: the audit row under the new key, and key_state names it.
    const auditSeq = await db.transaction().execute(async (trx) => {
      for (const t of SEALED_TABLES) {
        const left = await trx
          .selectFrom(t.table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where(t.pending(rotation.fromKeyId))
          .executeTakeFirstOrThrow();
        if (Number(left.n) > 0)
          throw new RotationError(`${t.table}: ${String(left.n)} rows still under the old key`);
      }
      const { seq } = await oldAudit.appendKeyRotation(trx, next.auditKey, {
        fromKeyId: rotation.fromKeyId,
        toKeyId: rotation.toKeyId,
        startedAt: rotation.startedAt,
        backupFile: path.basename(rotation.backupFile),
      });
      await trx
        .updateTable('key_state')
        .set({ key_id: rotation.toKeyId, key_check: newCheck, rotation: null })
        .where('id', '=', 1)
        .execute();
      return seq;
    });
    state = await readKeyState(db);
    log(
      `audit trail continued under the new key at seq ${auditSeq}; the database is now under ${state.keyId}`,
    );
    return {
      fromKeyId: rotation.fromKeyId,
      toKeyId: rotation.toKeyId,
      backupFile: rotation.backupFile,
      rows,
      recoveryCodesCleared,
      auditSeq,
    };
  } finally {
    await handle.close();
  }
}

/**
 * After the rotation, with the new key: a sample of people decrypt, verify their MAC and are found by
 * their ID number's blind index; a sample of attachments open; no value is left under another key id;
 * the audit trail verifies under the new key and not under the old one.
 */
async function finalCheck(
  db: AnyDb,
  crypto: FieldCrypto,
  config: RotateKeyOptions['config'],
  oldKey: Buffer,
  verifyNew: () => Promise<{ ok: boolean; checked: number; finding: string | null }>,
): Promise<FinalCheck> {
  const people = (await db
    .selectFrom('persons')
    .selectAll()
    .orderBy('id')
    .limit(50)
    .execute()) as PersonsTable[];
  for (const p of people) {
    if (!crypto.verifyMac(personMacParts(p), p.row_mac))
      throw new RotationError(`final check: person ${p.id} MAC`);
    const idNumber = crypto.decrypt(p.id_number_enc);
    const found = await db
      .selectFrom('persons')
      .select('id')
      .where('id_number_bidx', '=', crypto.blindIndex(idNumber))
      .execute();
    if (found.length !== 1 || found[0]!.id !== p.id)
      throw new RotationError(`final check: person ${p.id} not found by its ID number`);
  }
  const files = await db.selectFrom('attachment_contents').select(['key_id', 'content']).limit(50).execute();
  for (const f of files) crypto.openBytes(f.key_id as string, Buffer.from(f.content as Uint8Array));
  for (const t of SEALED_TABLES) {
    const other = await db
      .selectFrom(t.table)
      .select((eb) => eb.fn.countAll().as('n'))
      // NOT (col like 'k2:%'): a null column (no phone, no response) is not counted.
      .where((eb) => eb.not(t.pending(crypto.keyId)))
      .executeTakeFirstOrThrow();
    if (Number(other.n) > 0) throw new RotationError(`final check: ${t.table} has rows under another key id`);
  }
  const v = await verifyNew();
  if (!v.ok) throw new RotationError(`final check: audit:verify fails under the new key (${v.finding})`);
  const handle = connectDatabase<any>({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: 'xinhuo-rotate-key',
  });
  let oldKeyRefused: boolean;
  try {
    const underOld = await createAuditTrail({
      db: handle.db,
      dialect: handle.dialect,
      clock: systemClock,
      key: createFieldCrypto(oldKey).auditKey,
      anchorFile: existsSync(config.auditAnchorFile) ? config.auditAnchorFile : undefined,
    }).verify();
    oldKeyRefused = !underOld.ok;
  } finally {
    await handle.close();
  }
  if (!oldKeyRefused)
    throw new RotationError('final check: the audit trail still verifies under the old key');
  return {
    peopleChecked: people.length,
    attachmentsChecked: files.length,
    auditRowsVerified: v.checked,
    oldKeyRefused,
  };
}

export { RotationError };
