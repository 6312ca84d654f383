import {
  POLICY_BODY_SCHEMAS,
  type PolicyBody,
  type PolicyKind,
  type PolicyVersionStatus,
} from '@xinhuo/shared';
import type { AuditActor, AuditTrail } from '../audit/audit';
import { shanghaiDate, type Clock } from '../clock';
import { AppError, fieldError } from '../errors';
import { issueToFields, type ZodLikeIssue } from '../http/error-handler';
import { platformView, type OnPlatform, type PlatformDatabase } from '../platform-db';
import type { PolicyVersionsTable } from './policy.tables';
import { versionInForce, versionStatus } from './version-in-force';

export interface PolicyVersionOf<K extends PolicyKind> {
  kind: K;
  version: number;
  effectiveFrom: string;
  body: PolicyBody<K>;
  createdBy: string | null;
  createdAt: string;
}

export interface Cancellation {
  reason: string;
  cancelledBy: string | null;
  cancelledAt: string;
}

function toVersion<K extends PolicyKind>(r: PolicyVersionsTable): PolicyVersionOf<K> {
  return {
    kind: r.kind as K,
    version: Number(r.version),
    effectiveFrom: r.effective_from,
    body: POLICY_BODY_SCHEMAS[r.kind].parse(JSON.parse(r.body)) as PolicyBody<K>,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/**
 * A body checked by its kind's schema: refused with VALIDATION_FAILED and one field error per issue under
 * `body.` (a refinement's reason code, e.g. body.categories DUPLICATE_CODE), as request validation answers.
 */
export function parsePolicyBody<K extends PolicyKind>(kind: K, body: unknown): PolicyBody<K> {
  const r = POLICY_BODY_SCHEMAS[kind].safeParse(body);
  if (r.success) return r.data as PolicyBody<K>;
  throw new AppError('VALIDATION_FAILED', {
    fields: r.error.issues.flatMap((i) =>
      issueToFields({ ...(i as ZodLikeIssue), path: ['body', ...i.path.map((x) => String(x))] }, 'body'),
    ),
  });
}

/** Versions withdrawn before their date are never in force: the lookup skips them. */
function notCancelled<DB extends PlatformDatabase>(conn: OnPlatform<DB>) {
  return platformView(conn)
    .selectFrom('policy_versions as pv')
    .selectAll('pv')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('policy_version_cancellations as pc')
            .select('pc.version')
            .whereRef('pc.kind', '=', 'pv.kind')
            .whereRef('pc.version', '=', 'pv.version'),
        ),
      ),
    );
}

export type PolicyVersions = ReturnType<typeof createPolicyVersions>;

/**
 * Versioned policy with effective dates, for every policy kind: versions are only ever added (the table's
 * triggers refuse updates and deletes); the one in force on a date is one indexed lookup; a version
 * effective later is scheduled (待生效) and takes over on its date by that lookup alone, with no job.
 */
export function createPolicyVersions(deps: { clock: Clock; audit: AuditTrail }) {
  const { clock, audit } = deps;

  /** The version of `kind` in force on `date` (YYYY-MM-DD): index (kind, effective_from, version). */
  async function inForce<K extends PolicyKind, DB extends PlatformDatabase>(
    conn: OnPlatform<DB>,
    kind: K,
    date: string,
  ): Promise<PolicyVersionOf<K>> {
    const r = await notCancelled(conn)
      .where('pv.kind', '=', kind)
      .where('pv.effective_from', '<=', date)
      .orderBy('pv.effective_from', 'desc')
      .orderBy('pv.version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!r) throw new Error(`no ${kind} policy in force on ${date}`);
    return toVersion<K>(r);
  }

  /** One version by its number (a matter's own version); the primary key. */
  async function get<K extends PolicyKind, DB extends PlatformDatabase>(
    conn: OnPlatform<DB>,
    kind: K,
    version: number,
  ): Promise<PolicyVersionOf<K>> {
    const r = await platformView(conn)
      .selectFrom('policy_versions')
      .selectAll()
      .where('kind', '=', kind)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    return toVersion<K>(r);
  }

  /** Every version of a kind, newest first, each with its status today and its withdrawal if any. */
  async function list<K extends PolicyKind, DB extends PlatformDatabase>(
    conn: OnPlatform<DB>,
    kind: K,
  ): Promise<{
    today: string;
    items: (PolicyVersionOf<K> & { status: PolicyVersionStatus; cancellation: Cancellation | null })[];
  }> {
    const today = shanghaiDate(clock.now());
    const db = platformView(conn);
    const [rows, cancelled] = await Promise.all([
      db
        .selectFrom('policy_versions')
        .selectAll()
        .where('kind', '=', kind)
        .orderBy('version', 'desc')
        .limit(500)
        .execute(),
      db.selectFrom('policy_version_cancellations').selectAll().where('kind', '=', kind).execute(),
    ]);
    const withdrawn = new Map(
      cancelled.map((c) => [
        Number(c.version),
        { reason: c.reason, cancelledBy: c.cancelled_by, cancelledAt: c.cancelled_at },
      ]),
    );
    const versions = rows.map((r) => ({ ...toVersion<K>(r), cancelled: withdrawn.has(Number(r.version)) }));
    const current = versionInForce(versions, today);
    return {
      today,
      items: versions.map(({ cancelled, ...v }) => ({
        ...v,
        status: versionStatus({ ...v, cancelled }, current, today),
        cancellation: withdrawn.get(v.version) ?? null,
      })),
    };
  }

  /**
   * Withdraw a scheduled version (effective after today, not yet withdrawn) with a reason, in the caller's
   * transaction with its audit row. The version row stays as it was (immutable); a withdrawal row marks it.
   * One in force, superseded or withdrawn already: POLICY_VERSION_NOT_SCHEDULED. Unknown: NOT_FOUND.
   */
  async function cancel<K extends PolicyKind, DB extends PlatformDatabase>(
    trx: OnPlatform<DB>,
    actor: AuditActor,
    kind: K,
    version: number,
    reason: string,
  ): Promise<PolicyVersionOf<K> & { cancellation: Cancellation }> {
    const v = await get(trx, kind, version);
    const today = shanghaiDate(clock.now());
    if (v.effectiveFrom <= today) throw new AppError('POLICY_VERSION_NOT_SCHEDULED');
    const cancellation = { reason, cancelledBy: actor.userId, cancelledAt: clock.now().toISOString() };
    // Insert-or-ignore on the key: of two concurrent withdrawals exactly one is written and audited.
    const written = await platformView(trx)
      .insertInto('policy_version_cancellations')
      .values({
        kind,
        version,
        reason,
        cancelled_by: cancellation.cancelledBy,
        cancelled_at: cancellation.cancelledAt,
      })
      .onConflict((oc) => oc.columns(['kind', 'version']).doNothing())
      .returning('version')
      .execute();
    if (written.length === 0) throw new AppError('POLICY_VERSION_NOT_SCHEDULED');
    await audit.record(trx, actor, {
      action: 'policy_version_cancel',
      objectType: 'policy_version',
      objectId: `${kind}:${version}`,
      details: { kind, version, effectiveFrom: v.effectiveFrom, reason },
    });
    return { ...v, cancellation };
  }

  /**
   * Add a version effective on `effectiveFrom` (today or later, else EFFECTIVE_DATE_PAST), in the caller's
   * transaction with its audit row. The body is validated by the kind's schema (parsePolicyBody). A later
   * date already held by a scheduled version (not withdrawn) is refused (effectiveFrom DATE_TAKEN): withdraw
   * it first. Today may take several versions (a same-day correction: the higher version is in force).
   */
  async function create<K extends PolicyKind, DB extends PlatformDatabase>(
    trx: OnPlatform<DB>,
    actor: AuditActor,
    kind: K,
    effectiveFrom: string,
    body: unknown,
  ): Promise<PolicyVersionOf<K>> {
    const today = shanghaiDate(clock.now());
    if (effectiveFrom < today) throw new AppError('EFFECTIVE_DATE_PAST');
    const parsed = parsePolicyBody(kind, body);
    if (effectiveFrom > today) {
      const taken = await notCancelled(trx)
        .where('pv.kind', '=', kind)
        .where('pv.effective_from', '=', effectiveFrom)
        .executeTakeFirst();
      if (taken) throw fieldError('effectiveFrom', 'DATE_TAKEN');
    }
    const db = platformView(trx);
    const last = await db
      .selectFrom('policy_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('kind', '=', kind)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const createdAt = clock.now().toISOString();
    await db
      .insertInto('policy_versions')
      .values({
        kind,
        version,
        effective_from: effectiveFrom,
        body: JSON.stringify(parsed),
        created_by: actor.userId,
        created_at: createdAt,
      })
      .execute();
    await audit.record(trx, actor, {
      action: 'policy_version_create',
      objectType: 'policy_version',
      objectId: `${kind}:${version}`,
      details: { kind, version, effectiveFrom },
    });
    return { kind, version, effectiveFrom, body: parsed, createdBy: actor.userId, createdAt };
  }

  return { inForce, get, list, create, cancel };
}
