import type { Kysely, Transaction } from 'kysely';
import type { AuditTrail } from './audit/audit';
import type { Caller } from './caller';
import { notFound } from './errors';

/**
 * A record the caller may see, or 404 — the same 404 whether the id is missing or out of scope, so ids
 * in other subtrees cannot be probed; an id that exists elsewhere is audited as a denied access.
 * Inside a transaction pass `trx`: the denial is then recorded in it (SQLite has one connection).
 */
export async function loadInScopeOr404<T>(opts: {
  audit: AuditTrail;
  caller: Caller;
  objectType: string;
  id: string;
  /** The record within the caller's scope. */
  find: () => Promise<T | undefined | null>;
  /** Whether the id exists at all (asked only when find found nothing). */
  exists: () => Promise<unknown>;
  trx?: Kysely<any> | Transaction<any>;
}): Promise<T> {
  const row = await opts.find();
  if (row) return row;
  if (await opts.exists()) {
    const event = {
      action: 'access_denied',
      objectType: opts.objectType,
      objectId: opts.id,
      outcome: 'denied' as const,
    };
    if (opts.trx) await opts.audit.record(opts.trx, opts.caller.actor, event);
    else await opts.audit.recordAlone(opts.caller.actor, event);
  }
  throw notFound();
}
