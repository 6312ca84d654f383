import { createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DialectName } from '../db/connect';
import type { Clock } from '../clock';

export type AuditOutcome = 'success' | 'denied' | 'error';

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

interface AuditRow {
  seq: number;
  ts: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  ip: string | null;
  request_id: string | null;
  session_hash: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  details: string;
  prev_hash: string;
  row_hash: string;
}

const GENESIS = '0'.repeat(64);
const CHAIN_LOCK = 7_412_002;

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

export interface AuditTrail {
  /** Append one row inside the caller's transaction, so the trace and the change commit together. */
  record(trx: Kysely<any> | Transaction<any>, actor: AuditActor, event: AuditEvent): Promise<void>;
  /** Append in a transaction of its own (reads, denials, logins). */
  recordAlone(actor: AuditActor, event: AuditEvent): Promise<void>;
  verify(): Promise<{ ok: boolean; checked: number; firstBrokenSeq: number | null }>;
}

export function createAuditTrail(deps: {
  db: Kysely<any>;
  dialect: DialectName;
  clock: Clock;
  key: Buffer;
}): AuditTrail {
  const { db, dialect, clock, key } = deps;
  const hash = (s: string) => createHmac('sha256', key).update(s, 'utf8').digest('hex');

  async function record(trx: Kysely<any>, actor: AuditActor, event: AuditEvent): Promise<void> {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
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
    await trx
      .insertInto('audit_log')
      .values({ ...row, row_hash: hash(canonical(row)) })
      .execute();
  }

  return {
    record,
    recordAlone: (actor, event) => db.transaction().execute((trx) => record(trx, actor, event)),
    async verify() {
      let prev = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      const batch = 5000;
      for (;;) {
        const rows = (await db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '>=', expectedSeq)
          .orderBy('seq')
          .limit(batch)
          .execute()) as AuditRow[];
        for (const r of rows) {
          const seq = Number(r.seq);
          const { row_hash, ...rest } = r;
          if (seq !== expectedSeq || r.prev_hash !== prev || hash(canonical({ ...rest, seq })) !== row_hash) {
            return { ok: false, checked, firstBrokenSeq: expectedSeq };
          }
          prev = row_hash;
          expectedSeq++;
          checked++;
        }
        if (rows.length < batch) break;
      }
      return { ok: true, checked, firstBrokenSeq: null };
    },
  };
}
