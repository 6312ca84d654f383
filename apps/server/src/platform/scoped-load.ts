import type { OnPlatform, PlatformDatabase } from './platform-db';
import type { AuditActor, AuditEvent, AuditTrail } from './audit/audit';
import type { Caller } from './caller';
import { notFound } from './errors';

/**
 * Denials of out-of-scope ids are written off the response path: awaited, the audit write made such an
 * id answer measurably slower than a missing one — an existence oracle by timing. They are queued with
 * the request's actor and written in batches shortly after (and before shutdown), each in its own
 * transaction, so a caller's rollback cannot take the trace with it either.
 */
const FLUSH_AFTER_MS = 100;

interface DenialQueue {
  pending: { actor: AuditActor; event: AuditEvent }[];
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
}

const queues = new WeakMap<AuditTrail, DenialQueue>();

function queueOf(audit: AuditTrail): DenialQueue {
  let q = queues.get(audit);
  if (!q) {
    q = { pending: [], timer: null, flushing: null };
    queues.set(audit, q);
  }
  return q;
}

function schedule(audit: AuditTrail, q: DenialQueue): void {
  if (q.timer) return;
  q.timer = setTimeout(() => {
    q.timer = null;
    void flushDeniedAccessAudits(audit).catch((e) => {
      console.error('writing access denials to the audit trail failed; retrying', e);
      schedule(audit, q);
    });
  }, FLUSH_AFTER_MS);
  // A pending flush does not keep a finished process alive; shutdown flushes explicitly.
  q.timer.unref();
}

/**
 * Write every queued denial now (shutdown, tests). A row that fails stays queued, in order, and the
 * error is raised; the next flush tries again.
 */
export async function flushDeniedAccessAudits(audit: AuditTrail): Promise<void> {
  const q = queueOf(audit);
  while (q.flushing) await q.flushing;
  if (q.pending.length === 0) return;
  q.flushing = (async () => {
    while (q.pending.length > 0) {
      const { actor, event } = q.pending[0]!;
      await audit.recordAlone(actor, event);
      q.pending.shift();
    }
  })();
  try {
    await q.flushing;
  } finally {
    q.flushing = null;
  }
}

/**
 * A record the caller may see, or 404 — the same 404 whether the id is missing or out of scope, so ids
 * in other subtrees cannot be probed; an id that exists elsewhere is audited as a denied access, written
 * in the background (see above) so that both answer equally fast.
 */
export async function loadInScopeOr404<T, DB extends PlatformDatabase = PlatformDatabase>(opts: {
  audit: AuditTrail;
  caller: Caller;
  objectType: string;
  id: string;
  /** The record within the caller's scope. */
  find: () => Promise<T | undefined | null>;
  /** Whether the id exists at all (asked only when find found nothing). */
  exists: () => Promise<unknown>;
  /** The caller's transaction, when inside one: the existence check reads through it. */
  trx?: OnPlatform<DB>;
}): Promise<T> {
  const row = await opts.find();
  if (row) return row;
  if (await opts.exists()) {
    const q = queueOf(opts.audit);
    q.pending.push({
      actor: opts.caller.actor,
      event: { action: 'access_denied', objectType: opts.objectType, objectId: opts.id, outcome: 'denied' },
    });
    schedule(opts.audit, q);
  }
  throw notFound();
}
