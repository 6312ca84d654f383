import { createHash, createHmac, timingSafeEqual, type Hash } from 'node:crypto';
import { sql } from 'kysely';
import { ERRORS, type AuditOutcome } from '@xinhuo/shared';
import type { DialectName } from '../db/connect';
import type { Migration } from '../db/migrate';
import type { Clock } from '../clock';
import { readAnchorFile, restrictAnchorFile, writeAnchorFile, type AuditAnchor } from './anchor-file';
import { platformView, type OnPlatform, type PlatformDatabase, type PlatformDb } from '../platform-db';
import { takeWriterLock } from '../db/data-version';
import type { AuditLogTable } from './audit.tables';

/** Who acted, and from where; filled from the request by the HTTP layer. */
export interface AuditActor {
  userId: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  requestId: string | null;
  sessionHash: string | null;
}

export const SYSTEM_ACTOR: AuditActor = {
  userId: null,
  username: 'system',
  role: 'system',
  ip: null,
  requestId: null,
  sessionHash: null,
};

export interface AuditEvent {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: AuditOutcome;
  /** Field names and non-sensitive values only; never a clear ID number, phone or password. */
  details?: Record<string, unknown>;
}

/** A row of the trail as read back for verification (the table's own shape). */
type AuditRow = AuditLogTable;

const GENESIS = '0'.repeat(64);

/**
 * The row a master-key rotation appends (rotate-key). Its details carry a checkpoint of the trail before
 * it — the last seq, that row's hash and a SHA-256 digest of every earlier row (canonical form and
 * hash) — and the row itself is hashed under the new key. Verification under the new key checks the
 * rows before the latest rotation row by their links and that digest (their keyed hashes were made
 * under a key it no longer holds), and every row from it on by the keyed hash.
 */
export const KEY_ROTATION_ACTION = 'master_key_rotated';

interface RotationCheckpoint {
  seq: number;
  rowHash: string;
  digest: string;
}

function addToDigest(d: Hash, r: AuditRow): void {
  const { row_hash, ...rest } = r;
  d.update(canonical({ ...rest, seq: Number(r.seq) }), 'utf8').update(`\n${row_hash}\n`, 'utf8');
}

function checkpointOf(r: AuditRow): RotationCheckpoint | null {
  try {
    const c = (JSON.parse(r.details) as { checkpoint?: RotationCheckpoint }).checkpoint;
    return c && typeof c.digest === 'string' ? c : null;
  } catch {
    return null;
  }
}

function canonical(r: Omit<AuditRow, 'row_hash'>): string {
  return JSON.stringify([
    r.seq,
    r.ts,
    r.actor_id,
    r.actor_name,
    r.actor_role,
    r.ip,
    r.request_id,
    r.session_hash,
    r.action,
    r.object_type,
    r.object_id,
    r.outcome,
    r.details,
    r.prev_hash,
  ]);
}

/** What verify found first; the codes and their zh/en texts are in the shared error catalogue. */
type AuditFinding =
  | 'AUDIT_CHAIN_BROKEN'
  | 'AUDIT_TRAIL_TRUNCATED'
  | 'AUDIT_TRAIL_EMPTY_WITH_DATA'
  | 'AUDIT_HEAD_MISSING'
  | 'AUDIT_HEAD_INVALID'
  | 'AUDIT_HEAD_MISMATCH'
  | 'AUDIT_ANCHOR_INVALID'
  | 'AUDIT_ANCHOR_MISMATCH';

interface AuditVerifyResult {
  ok: boolean;
  /** Rows whose chain link and hash were checked before the first problem (all rows when ok). */
  checked: number;
  /** The first seq that is wrong or missing. */
  firstBrokenSeq: number | null;
  /** Set when the head, the anchor or the data show that rows after this seq were removed. */
  truncatedAfterSeq: number | null;
  /** The last seq the signed head and the exported anchor vouch for (null when absent). */
  headSeq: number | null;
  anchorSeq: number | null;
  finding: AuditFinding | null;
  message: { zh: string; en: string } | null;
}

interface AnchorExport {
  exported: boolean;
  seq: number | null;
  /** Why the anchor was left as it was: the database no longer matches it (never overwritten then). */
  finding?: AuditFinding;
}

export interface AuditTrail {
  /** Append one row inside the caller's transaction, so the trace and the change commit together. */
  record<DB extends PlatformDatabase>(
    trx: OnPlatform<DB>,
    actor: AuditActor,
    event: AuditEvent,
  ): Promise<void>;
  /** Append in a transaction of its own (reads, denials, logins). */
  recordAlone(actor: AuditActor, event: AuditEvent): Promise<void>;
  /** Walk the chain and compare its end with the signed head, the exported anchor and the data. */
  verify(): Promise<AuditVerifyResult>;
  /** Sign the head the anchor migration has just created, in its transaction (see sealHeadOnMigration). */
  sealHead<DB extends PlatformDatabase>(trx: OnPlatform<DB>): Promise<void>;
  /** Write the signed head to the anchor file, unless the trail no longer contains the anchored row. */
  exportAnchor(): Promise<AnchorExport>;
  /** The anchor file, when configured. */
  readonly anchorFile: string | null;
  /**
   * The master-key rotation's row, in the caller's transaction: verifies the trail under this trail's
   * key first (refuses when it fails), then appends a `master_key_rotated` row whose details hold the
   * checkpoint of the trail so far, hashed under `newChainKey`, and moves the signed head to it under the
   * new key. From then on only a trail created with `newChainKey` verifies (and appends).
   */
  appendKeyRotation<DB extends PlatformDatabase>(
    trx: OnPlatform<DB>,
    newChainKey: Buffer,
    details: Record<string, unknown>,
  ): Promise<{ seq: number; checkpoint: RotationCheckpoint }>;
  /**
   * Be told of every row appended (the denial-burst alerts count denials). The listener runs after the
   * insert, synchronously, and must not throw or write; it sees rows of transactions that may still roll back.
   */
  observe(listener: (actor: AuditActor, event: AuditEvent) => void): void;
}

interface HeadRow {
  seq: number;
  row_hash: string;
  mac: string;
}

/** Tables whose rows are written only with an audit row: data here means the trail cannot be empty. */
const AUDITED_DATA_TABLES = ['users', 'orgs'] as const;

function findingMessage(code: AuditFinding, seq: number | null): { zh: string; en: string } {
  const fill = (t: string) => t.replace('{seq}', String(seq ?? '?'));
  return { zh: fill(ERRORS[code].zh), en: fill(ERRORS[code].en) };
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

const AUDIT_ANCHOR_MIGRATION = '2026-12-06-audit-anchor';

/**
 * The migrations with the head sealed inside the anchor migration's own transaction: migrations do
 * not hold the key, and a head signed at any later start could be one a superuser planted (an
 * unsigned head cut back to hide the tail). Only the process that creates the head signs it.
 */
export function sealHeadOnMigration(migrations: readonly Migration[], audit: AuditTrail): Migration[] {
  return migrations.map((m) =>
    m.name !== AUDIT_ANCHOR_MIGRATION
      ? m
      : {
          name: m.name,
          async up(db, dialect) {
            await m.up(db, dialect);
            await audit.sealHead(db);
          },
        },
  );
}

/** The head's signature: an HMAC under a key derived from the audit chain key (exported for tamper tests). */
export function signAuditHead(chainKey: Buffer, seq: number, rowHash: string): string {
  return signWithHeadKey(headKeyOf(chainKey), seq, rowHash);
}

/** A key of its own for the head, so a head signature can never pass for a row hash. */
const headKeyOf = (chainKey: Buffer) =>
  createHmac('sha256', chainKey).update('xinhuo:audit-head', 'utf8').digest();
const signWithHeadKey = (headKey: Buffer, seq: number, rowHash: string) =>
  createHmac('sha256', headKey).update(`${seq}|${rowHash}`, 'utf8').digest('hex');

export function createAuditTrail<DB extends PlatformDatabase>(deps: {
  db: OnPlatform<DB>;
  dialect: DialectName;
  clock: Clock;
  key: Buffer;
  /** Where the head is exported (outside the database); none in tests that do not need it. */
  anchorFile?: string;
}): AuditTrail {
  const { dialect, clock, key } = deps;
  const db = platformView(deps.db);
  const anchorFile = deps.anchorFile ?? null;
  const hash = (s: string) => createHmac('sha256', key).update(s, 'utf8').digest('hex');
  const headKey = headKeyOf(key);
  const signHead = (seq: number, rowHash: string) => signWithHeadKey(headKey, seq, rowHash);
  const headIsSigned = (h: { seq: number; row_hash: string; mac: string }) =>
    sameHex(h.mac, signHead(Number(h.seq), h.row_hash));
  const chainLock = async (trx: PlatformDb) => {
    if (dialect === 'postgres') await takeWriterLock(trx);
  };

  async function record(trx: PlatformDb, actor: AuditActor, event: AuditEvent): Promise<void> {
    // Writers queue on one lock (PostgreSQL; SQLite has one writer), so each reads the true last row
    // and the head row is only ever locked after it: no deadlock, no head behind the trail.
    await chainLock(trx);
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'row_hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row: Omit<AuditRow, 'row_hash'> = {
      seq: last ? Number(last.seq) + 1 : 1,
      ts: clock.now().toISOString(),
      actor_id: actor.userId,
      actor_name: actor.username,
      actor_role: actor.role,
      ip: actor.ip,
      request_id: actor.requestId,
      session_hash: actor.sessionHash,
      action: event.action,
      object_type: event.objectType ?? null,
      object_id: event.objectId ?? null,
      outcome: event.outcome ?? 'success',
      details: JSON.stringify(event.details ?? {}),
      prev_hash: last ? (last.row_hash as string) : GENESIS,
    };
    const rowHash = hash(canonical(row));
    await trx
      .insertInto('audit_log')
      .values({ ...row, row_hash: rowHash })
      .execute();
    // Same transaction: the head moves with the trail or not at all, and only from the signed head of
    // the row this one chains onto. A deleted head stays deleted, a head ahead of a cut-back trail or
    // rewritten without the key stays as it is (0 rows updated, writes go on): verify keeps reporting it.
    await trx
      .updateTable('audit_head')
      .set({ seq: row.seq, row_hash: rowHash, mac: signHead(row.seq, rowHash) })
      .where('id', '=', 1)
      .where('seq', '=', row.seq - 1)
      .where('row_hash', '=', row.prev_hash)
      .where('mac', '=', signHead(row.seq - 1, row.prev_hash))
      .execute();
  }

  const readHead = async (q: PlatformDb) =>
    (await q
      .selectFrom('audit_head')
      .select(['seq', 'row_hash', 'mac'])
      .where('id', '=', 1)
      .executeTakeFirst()) as HeadRow | undefined;

  /** The stored hash of one row (GENESIS for seq 0), or null when the trail has no such row. */
  async function rowHashAt(q: PlatformDb, seq: number): Promise<string | null> {
    if (seq === 0) return GENESIS;
    const r = await q.selectFrom('audit_log').select('row_hash').where('seq', '=', seq).executeTakeFirst();
    return r ? (r.row_hash as string) : null;
  }

  async function hasAuditedData(q: PlatformDb): Promise<boolean> {
    for (const t of AUDITED_DATA_TABLES) {
      if (
        // Domain tables, named here only to tell a fresh database from one whose trail was cut.
        (await sql`select 1 as x from ${sql.table(t)} limit 1`.execute(q)).rows.length > 0
      )
        return true;
    }
    return false;
  }

  /**
   * Walk the whole chain; stop at the first row whose seq, link or hash is wrong. Keeps the hashes at
   * `marks`. Rows before the latest key rotation are checked by their links and the rotation row's
   * checkpoint (see KEY_ROTATION_ACTION); `digest` is that digest over every row walked.
   */
  async function walkChain(q: PlatformDb, marks: readonly number[]) {
    const rotation = await q
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('action', '=', KEY_ROTATION_ACTION)
      .executeTakeFirst();
    const keyedFrom = rotation?.seq == null ? 1 : Number(rotation.seq);
    const digest = createHash('sha256');
    let prev = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    const hashes = new Map<number, string>([[0, GENESIS]]);
    const batch = 5000;
    const done = (broken: boolean) => ({
      broken,
      checked,
      lastSeq: expectedSeq - 1,
      lastHash: prev,
      hashes,
      digest: () => digest.digest('hex'),
    });
    for (;;) {
      const rows = (await q
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batch)
        .execute()) as AuditRow[];
      for (const r of rows) {
        const seq = Number(r.seq);
        const { row_hash, ...rest } = r;
        if (seq !== expectedSeq || r.prev_hash !== prev) return done(true);
        if (seq === keyedFrom && keyedFrom > 1) {
          const c = checkpointOf(r);
          const sofar = digest.copy().digest('hex');
          if (!c || c.seq !== seq - 1 || c.rowHash !== prev || !sameHex(c.digest, sofar)) return done(true);
        }
        if (seq >= keyedFrom && hash(canonical({ ...rest, seq })) !== row_hash) return done(true);
        addToDigest(digest, r);
        if (marks.includes(seq)) hashes.set(seq, row_hash);
        prev = row_hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < batch) break;
    }
    return done(false);
  }

  /**
   * One snapshot (a read transaction; repeatable read on PostgreSQL), so rows committed while the
   * walk runs never look like a head ahead of the trail. The anchor file is read before it: an
   * anchor is exported from a committed head, so it never vouches for more than the snapshot holds.
   */
  async function verify(): Promise<AuditVerifyResult> {
    const anchor = anchorFile ? readAnchorFile(anchorFile) : null;
    const tx = db.transaction();
    return (dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute((trx) =>
      verifyIn(trx, anchor),
    );
  }

  async function verifyIn(
    q: PlatformDb,
    anchor: AuditAnchor | null | 'unreadable',
  ): Promise<AuditVerifyResult> {
    const head = await readHead(q);
    const anchorSigned =
      anchor !== 'unreadable' && (!anchor || sameHex(anchor.mac, signHead(anchor.seq, anchor.rowHash)));
    const validAnchor = anchor && anchor !== 'unreadable' && anchorSigned ? anchor : null;
    const headSeq = head ? Number(head.seq) : null;
    const anchorSeq = validAnchor ? validAnchor.seq : null;
    const walk = await walkChain(
      q,
      [headSeq, anchorSeq].filter((n): n is number => n !== null),
    );
    const { checked, lastSeq } = walk;
    const result = (
      finding: AuditFinding | null,
      seq: number | null,
      truncatedAfterSeq: number | null = null,
    ) => ({
      ok: finding === null,
      checked,
      firstBrokenSeq: seq,
      truncatedAfterSeq,
      headSeq,
      anchorSeq,
      finding,
      message: finding ? findingMessage(finding, truncatedAfterSeq ?? seq) : null,
    });
    if (walk.broken) return result('AUDIT_CHAIN_BROKEN', lastSeq + 1);
    // Rows after lastSeq were removed when the head or the anchor vouches for more of them.
    if (Math.max(headSeq ?? 0, anchorSeq ?? 0) > lastSeq)
      return result('AUDIT_TRAIL_TRUNCATED', lastSeq + 1, lastSeq);
    if (!head) return result('AUDIT_HEAD_MISSING', null);
    if (!headIsSigned(head)) return result('AUDIT_HEAD_INVALID', null);
    if (walk.hashes.get(headSeq!) !== head.row_hash) return result('AUDIT_HEAD_MISMATCH', headSeq);
    // Rows after the head were appended without moving it (only the server's writer moves it).
    if (lastSeq > headSeq!) return result('AUDIT_HEAD_MISMATCH', headSeq! + 1);
    if (!anchorSigned) return result('AUDIT_ANCHOR_INVALID', null);
    if (validAnchor && walk.hashes.get(validAnchor.seq) !== validAnchor.rowHash)
      return result('AUDIT_ANCHOR_MISMATCH', validAnchor.seq);
    if (lastSeq === 0 && (await hasAuditedData(q))) return result('AUDIT_TRAIL_EMPTY_WITH_DATA', 1, 0);
    return result(null, null);
  }

  async function appendKeyRotation(
    trx: PlatformDb,
    newChainKey: Buffer,
    details: Record<string, unknown>,
  ): Promise<{ seq: number; checkpoint: RotationCheckpoint }> {
    await chainLock(trx);
    const v = await verifyIn(trx, anchorFile ? readAnchorFile(anchorFile) : null);
    if (!v.ok)
      throw new Error(`audit trail fails verification under the old key: ${v.finding} (${v.message?.en})`);
    const walk = await walkChain(trx, []);
    const checkpoint: RotationCheckpoint = {
      seq: walk.lastSeq,
      rowHash: walk.lastHash,
      digest: walk.digest(),
    };
    // Whoever held the old key vouches for the same checkpoint (checkable by anyone who still has it).
    const oldKeyAttestation = createHmac('sha256', headKey)
      .update(`rotation|${checkpoint.seq}|${checkpoint.rowHash}|${checkpoint.digest}`, 'utf8')
      .digest('hex');
    const row: Omit<AuditRow, 'row_hash'> = {
      seq: checkpoint.seq + 1,
      ts: clock.now().toISOString(),
      actor_id: SYSTEM_ACTOR.userId,
      actor_name: SYSTEM_ACTOR.username,
      actor_role: SYSTEM_ACTOR.role,
      ip: null,
      request_id: null,
      session_hash: null,
      action: KEY_ROTATION_ACTION,
      object_type: 'master_key',
      object_id: typeof details.toKeyId === 'string' ? details.toKeyId : null,
      outcome: 'success',
      details: JSON.stringify({ ...details, checkpoint, oldKeyAttestation }),
      prev_hash: checkpoint.rowHash,
    };
    const rowHash = createHmac('sha256', newChainKey).update(canonical(row), 'utf8').digest('hex');
    await trx
      .insertInto('audit_log')
      .values({ ...row, row_hash: rowHash })
      .execute();
    const moved = await trx
      .updateTable('audit_head')
      .set({
        seq: row.seq,
        row_hash: rowHash,
        mac: signWithHeadKey(headKeyOf(newChainKey), row.seq, rowHash),
      })
      .where('id', '=', 1)
      .where('seq', '=', checkpoint.seq)
      .where('row_hash', '=', checkpoint.rowHash)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new Error('the audit head did not move to the rotation row');
    return { seq: row.seq, checkpoint };
  }

  async function sealHead(trx: PlatformDb): Promise<void> {
    await chainLock(trx);
    const head = await readHead(trx);
    if (!head || head.mac !== '') return;
    await trx
      .updateTable('audit_head')
      .set({ mac: signHead(Number(head.seq), head.row_hash) })
      .where('id', '=', 1)
      .execute();
  }

  async function exportAnchor(): Promise<AnchorExport> {
    if (!anchorFile) return { exported: false, seq: null };
    restrictAnchorFile(anchorFile);
    const head = await readHead(db);
    if (!head) return { exported: false, seq: null, finding: 'AUDIT_HEAD_MISSING' };
    if (!headIsSigned(head)) return { exported: false, seq: null, finding: 'AUDIT_HEAD_INVALID' };
    const seq = Number(head.seq);
    if ((await rowHashAt(db, seq)) !== head.row_hash)
      return { exported: false, seq, finding: 'AUDIT_HEAD_MISMATCH' };
    const old = readAnchorFile(anchorFile);
    if (old === 'unreadable') return { exported: false, seq, finding: 'AUDIT_ANCHOR_INVALID' };
    // Never move the anchor back: a head behind it, or a trail without the anchored row, is the evidence.
    if (old && old.seq > seq) return { exported: false, seq, finding: 'AUDIT_TRAIL_TRUNCATED' };
    if (old && (await rowHashAt(db, old.seq)) !== old.rowHash)
      return { exported: false, seq, finding: 'AUDIT_ANCHOR_MISMATCH' };
    const anchor: AuditAnchor = {
      seq,
      rowHash: head.row_hash,
      mac: head.mac,
      exportedAt: clock.now().toISOString(),
    };
    writeAnchorFile(anchorFile, anchor);
    return { exported: true, seq };
  }

  const observers: ((actor: AuditActor, event: AuditEvent) => void)[] = [];
  const recordObserved = async (trx: PlatformDb, actor: AuditActor, event: AuditEvent) => {
    await record(trx, actor, event);
    for (const o of observers) o(actor, event);
  };

  return {
    record: (trx, actor, event) => recordObserved(platformView(trx), actor, event),
    recordAlone: (actor, event) => db.transaction().execute((trx) => recordObserved(trx, actor, event)),
    observe: (listener) => {
      observers.push(listener);
    },
    verify,
    sealHead: (trx) => sealHead(platformView(trx)),
    exportAnchor,
    anchorFile,
    appendKeyRotation: (trx, newChainKey, details) =>
      appendKeyRotation(platformView(trx), newChainKey, details),
  };
}
