import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { NotificationAudience, NotificationKind } from '@xinhuo/shared';
import { SYSTEM_ACTOR, type AuditActor, type AuditTrail } from '../audit/audit';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { newId } from '../ids';
import { postJson } from './webhook';
import { createWebhookGuard, type WebhookPolicy } from './webhook-guard';
import type { NotificationsTable } from './notify.tables';
import { platformView, type OnPlatform, type PlatformDatabase, type PlatformDb } from '../platform-db';

type NotificationsRow = NotificationsTable;

/** Who among an org's users a notification is for (users see those of the orgs they are scoped to). */
export type Audience = NotificationAudience;

export type NotifyTarget = { userId: string } | { orgId: string; audience: Audience };

export interface NotificationInput {
  kind: NotificationKind;
  /** Localized one-line text, rendered by the domain that knows the words. */
  text: { zh: string; en: string };
  params?: Record<string, unknown>;
  objectType?: string;
  objectId?: string;
}

/** The reader of notifications: a user, the orgs of their scope and the audiences their permissions give. */
export interface Viewer {
  userId: string;
  orgIds: readonly string[];
  audiences: readonly Audience[];
}

const MAX_ATTEMPTS = 6;
const CHUNK = 500;
const CLAIM_MS = 60_000;

export type Notifier = ReturnType<typeof createNotifier>;

/** In-app notifications plus an optional webhook per org, delivered from an outbox after commit. */
export function createNotifier<DB extends PlatformDatabase>(deps: {
  db: OnPlatform<DB>;
  clock: Clock;
  audit: AuditTrail;
  webhookTimeoutMs?: number;
  /** Where webhooks may go (public addresses, plus the administrator's allow-list); see webhook-guard. */
  webhooks?: WebhookPolicy;
  onError?: (e: unknown) => void;
}) {
  const { clock, audit } = deps;
  const db = platformView(deps.db);
  const timeoutMs = deps.webhookTimeoutMs ?? 5000;
  const guard = createWebhookGuard(deps.webhooks);
  let dirty = false;
  let inflight: Promise<unknown> = Promise.resolve();

  const mineWhere =
    (v: Viewer) =>
    <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => {
      const ors = [sql<SqlBool>`${sql.ref('n.recipient_user_id')} = ${v.userId}`];
      if (v.orgIds.length > 0 && v.audiences.length > 0) {
        ors.push(
          sql<SqlBool>`(${sql.ref('n.recipient_org_id')} in (${sql.join(v.orgIds)}) and ${sql.ref('n.audience')} in (${sql.join(v.audiences)}))`,
        );
      }
      return eb.or(ors);
    };

  /** The viewer's notifications with the viewer's own read mark joined (r.user_id null: not marked). */
  const mineJoined = (v: Viewer) =>
    db
      .selectFrom('notifications as n')
      .leftJoin('notification_reads as r', (j) =>
        j.onRef('r.notification_id', '=', 'n.id').on('r.user_id', '=', v.userId),
      )
      .where(mineWhere(v));

  /** Unread: neither marked by the viewer nor handled by anyone. */
  const unread = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
    eb.and([
      sql<SqlBool>`${sql.ref('r.user_id')} is null`,
      sql<SqlBool>`${sql.ref('n.resolved_at')} is null`,
    ]);

  /** Many notifications in a few multi-row statements (the sweep writes thousands at once). */
  async function enqueueMany(
    trx: PlatformDb,
    items: readonly { targets: readonly NotifyTarget[]; n: NotificationInput }[],
  ): Promise<void> {
    const createdAt = clock.now().toISOString();
    const rows: (NotificationsRow & { item: number })[] = [];
    items.forEach(({ targets, n }, item) => {
      const params = JSON.stringify({ ...(n.params ?? {}), text: n.text });
      for (const t of targets) {
        rows.push({
          item,
          id: newId(clock.now().getTime()),
          recipient_user_id: 'userId' in t ? t.userId : null,
          recipient_org_id: 'orgId' in t ? t.orgId : null,
          audience: 'orgId' in t ? t.audience : null,
          kind: n.kind,
          params,
          object_type: n.objectType ?? null,
          object_id: n.objectId ?? null,
          created_at: createdAt,
          resolved_at: null,
        });
      }
    });
    if (rows.length === 0) return;
    for (let k = 0; k < rows.length; k += CHUNK) {
      await trx
        .insertInto('notifications')
        .values(rows.slice(k, k + CHUNK).map(({ item: _i, ...r }) => r))
        .execute();
    }
    const orgIds = [...new Set(rows.map((r) => r.recipient_org_id).filter((x): x is string => !!x))];
    const hooks = new Map<string, string>();
    for (let k = 0; k < orgIds.length; k += CHUNK) {
      const found = await trx
        .selectFrom('unit_webhooks')
        .select(['org_id', 'url'])
        .where('org_id', 'in', orgIds.slice(k, k + CHUNK))
        .where('is_active', '=', 1)
        .execute();
      for (const h of found) hooks.set(h.org_id as string, h.url as string);
    }
    if (hooks.size === 0) return;
    // One delivery per org and notification, however many audiences of that org it went to.
    const seen = new Set<string>();
    const outbox = rows.flatMap((row) => {
      const url = row.recipient_org_id ? hooks.get(row.recipient_org_id) : undefined;
      const key = `${row.item}|${row.recipient_org_id}`;
      if (!url || seen.has(key)) return [];
      seen.add(key);
      const { n } = items[row.item]!;
      const payload = {
        id: row.id,
        kind: n.kind,
        text: n.text.zh,
        objectType: n.objectType ?? null,
        objectId: n.objectId ?? null,
        params: n.params ?? {},
        orgId: row.recipient_org_id,
        createdAt,
      };
      return [
        {
          id: newId(clock.now().getTime()),
          notification_id: row.id,
          org_id: row.recipient_org_id!,
          url,
          payload: JSON.stringify(payload),
          attempts: 0,
          next_attempt_at: createdAt,
          claimed_until: null,
          delivered_at: null,
          last_error: null,
          created_at: createdAt,
        },
      ];
    });
    for (let k = 0; k < outbox.length; k += CHUNK) {
      await trx
        .insertInto('notification_outbox')
        .values(outbox.slice(k, k + CHUNK))
        .execute();
    }
    dirty = true;
  }

  /**
   * A delivery the guard refused (the URL, or an address its host resolves to, is not public): no
   * connection was opened. It is not retried — the answer would be the same — and it is audited,
   * since a refused target is what an SSRF attempt looks like.
   */
  async function refuseDelivery(row: { id: string; org_id: string; url: string }, reason: string) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('notification_outbox')
        .set({ claimed_until: null, attempts: MAX_ATTEMPTS, last_error: `refused: ${reason}` })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, SYSTEM_ACTOR, {
        action: 'webhook_refused',
        objectType: 'org',
        objectId: row.org_id,
        outcome: 'denied',
        details: { outboxId: row.id, url: row.url, reason },
      });
    });
  }

  async function deliverDue(limit = 50): Promise<{ delivered: number; failed: number }> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const due = await db
      .selectFrom('notification_outbox')
      .select(['id', 'org_id', 'url', 'payload', 'attempts'])
      .where('delivered_at', 'is', null)
      .where('next_attempt_at', '<=', nowIso)
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    let delivered = 0;
    let failed = 0;
    for (const row of due) {
      // Claim first: two instances delivering at once send each row once.
      const claimed = await db
        .updateTable('notification_outbox')
        .set({ claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString(), attempts: sql`attempts + 1` })
        .where('id', '=', row.id)
        .where('delivered_at', 'is', null)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      const result = await postJson(guard, row.url, row.payload, timeoutMs);
      const attempts = Number(row.attempts) + 1;
      if (result.ok) {
        delivered++;
        await db
          .updateTable('notification_outbox')
          .set({ delivered_at: clock.now().toISOString(), claimed_until: null, last_error: null })
          .where('id', '=', row.id)
          .execute();
      } else if (result.refused) {
        failed++;
        await refuseDelivery(row, result.reason);
      } else {
        failed++;
        const backoffMs = 60_000 * 2 ** Math.min(attempts, 8);
        await db
          .updateTable('notification_outbox')
          .set({
            claimed_until: null,
            last_error: result.error.slice(0, 300),
            next_attempt_at: new Date(clock.now().getTime() + backoffMs).toISOString(),
          })
          .where('id', '=', row.id)
          .execute();
      }
    }
    return { delivered, failed };
  }

  return {
    /** Write notifications, and outbox rows for orgs with a webhook, inside the caller's transaction. */
    enqueue: <DB extends PlatformDatabase>(
      trx: OnPlatform<DB>,
      targets: readonly NotifyTarget[],
      n: NotificationInput,
    ) => enqueueMany(platformView(trx), [{ targets, n }]),

    enqueueMany: <DB extends PlatformDatabase>(
      trx: OnPlatform<DB>,
      items: readonly { targets: readonly NotifyTarget[]; n: NotificationInput }[],
    ) => enqueueMany(platformView(trx), items),

    /** After a commit: deliver pending webhooks in the background, never blocking the request. */
    kick(): void {
      if (!dirty) return;
      dirty = false;
      inflight = inflight.then(() => deliverDue()).catch((e) => deps.onError?.(e));
    },

    /** Wait for background deliveries started by kick() (tests, shutdown). */
    flush: () => inflight,

    deliverDue,

    /** The viewer's notifications, newest first; optionally only unread (or read) ones, of one kind. */
    async listMine(
      v: Viewer,
      opts: { read?: boolean; kind?: NotificationKind; offset: number; limit: number },
    ) {
      let q = mineJoined(v);
      if (opts.read === false) q = q.where(unread);
      if (opts.read === true) q = q.where((eb) => eb.not(unread(eb)));
      if (opts.kind) q = q.where('n.kind', '=', opts.kind);
      const rows = await q
        .select([
          'n.id',
          'n.kind',
          'n.params',
          'n.object_type',
          'n.object_id',
          'n.created_at',
          'n.resolved_at',
          'r.read_at',
        ])
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id', 'desc')
        .offset(opts.offset)
        .limit(opts.limit)
        .execute();
      return rows.map((r) => ({
        id: r.id as string,
        kind: r.kind as string,
        params: JSON.parse(r.params as string) as Record<string, unknown> & {
          text?: { zh: string; en: string };
        },
        objectType: (r.object_type as string | null) ?? null,
        objectId: (r.object_id as string | null) ?? null,
        createdAt: r.created_at as string,
        // Handled is read: the notification asked for something that has been done.
        isRead: r.read_at != null || r.resolved_at != null,
      }));
    },

    async unreadCount(v: Viewer): Promise<number> {
      const r = await mineJoined(v)
        .where(unread)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** The viewer's unread notifications counted by kind (the bell's groups), in one grouped query. */
    async unreadByKind(v: Viewer): Promise<{ kind: NotificationKind; unread: number }[]> {
      const rows = await mineJoined(v)
        .where(unread)
        .select(['n.kind', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('n.kind')
        .execute();
      return rows.map((r) => ({ kind: r.kind, unread: Number(r.n) })).sort((a, b) => b.unread - a.unread);
    },

    /** Mark some (or all, or all of one kind) of the viewer's notifications read; ids not theirs are ignored. */
    async markRead(v: Viewer, ids: readonly string[] | 'all', kind?: NotificationKind): Promise<number> {
      const readAt = clock.now().toISOString();
      let q = mineJoined(v).where(unread);
      if (ids !== 'all') {
        if (ids.length === 0) return 0;
        q = q.where('n.id', 'in', ids as string[]);
      }
      if (kind) q = q.where('n.kind', '=', kind);
      const rows = await q.select('n.id').limit(5000).execute();
      if (rows.length === 0) return 0;
      await db
        .insertInto('notification_reads')
        .values(rows.map((u) => ({ notification_id: u.id as string, user_id: v.userId, read_at: readAt })))
        .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
        .execute();
      return rows.length;
    },

    /**
     * The item some notifications ask for has been handled (a unit signed for the matter, the dispatcher
     * ruled, the raiser rated…): they become read for everyone they went to, in the handling transaction.
     * `orgIds` narrows to the notifications addressed to those orgs (a unit's own part).
     */
    async resolve<DB extends PlatformDatabase>(
      trx: OnPlatform<DB>,
      what: {
        objectType: string;
        objectId: string;
        kinds: readonly NotificationKind[] | 'all';
        orgIds?: readonly string[];
      },
    ): Promise<void> {
      if (what.kinds !== 'all' && what.kinds.length === 0) return;
      let q = platformView(trx)
        .updateTable('notifications')
        .set({ resolved_at: clock.now().toISOString() })
        .where('object_id', '=', what.objectId)
        .where('object_type', '=', what.objectType)
        .where('resolved_at', 'is', null);
      if (what.kinds !== 'all') q = q.where('kind', 'in', what.kinds as NotificationKind[]);
      if (what.orgIds) {
        if (what.orgIds.length === 0) return;
        q = q.where('recipient_org_id', 'in', what.orgIds as string[]);
      }
      await q.execute();
    },

    async getWebhook(orgId: string) {
      const r = await db
        .selectFrom('unit_webhooks')
        .selectAll()
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      return r
        ? {
            orgId,
            url: r.url as string,
            isActive: Number(r.is_active) === 1,
            updatedAt: r.updated_at as string,
          }
        : null;
    },

    /**
     * Why a webhook URL cannot be saved (the checks that need no network), or null when it can.
     * Delivery checks again after resolving the name.
     */
    webhookUrlProblem(url: string) {
      const c = guard.checkUrl(url);
      return c.ok ? null : c.reason;
    },

    /** Set or clear an org's webhook (audited; the URL itself is logged, it is configuration). */
    async setWebhook(actor: AuditActor, orgId: string, url: string | null): Promise<void> {
      if (url !== null) {
        const c = guard.checkUrl(url);
        if (!c.ok) {
          const syntax = ['scheme', 'credentials', 'too_long', 'unparsable'].includes(c.reason);
          throw new AppError(syntax ? 'WEBHOOK_URL_INVALID' : 'WEBHOOK_URL_NOT_ALLOWED', {
            fields: [{ path: 'url', reason: `WEBHOOK_${c.reason.toUpperCase()}` }],
          });
        }
      }
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        if (url === null) await trx.deleteFrom('unit_webhooks').where('org_id', '=', orgId).execute();
        else
          await trx
            .insertInto('unit_webhooks')
            .values({ org_id: orgId, url, is_active: 1, updated_at: now, updated_by: actor.userId })
            .onConflict((oc) =>
              oc
                .column('org_id')
                .doUpdateSet({ url, is_active: 1, updated_at: now, updated_by: actor.userId }),
            )
            .execute();
        await audit.record(trx, actor, {
          action: url ? 'webhook_set' : 'webhook_clear',
          objectType: 'org',
          objectId: orgId,
          details: { url },
        });
      });
    },
  };
}
