import type { SecurityAlertKind, SecurityAlertList } from '@xinhuo/shared';
import type { Db } from '../../database';
import { SYSTEM_ACTOR, type AuditActor, type AuditEvent, type AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { createLruCache } from '../../platform/db/data-version';
import { newId } from '../../platform/ids';
import type { Notifier } from '../../platform/notify/notifier';
import * as repo from './security.repository';
import type { SecurityPolicyService } from './security-policy.service';

/** Actors and addresses whose recent denials are counted (per instance); each costs a few numbers. */
const TRACKED_SUBJECTS = 10_000;

interface Burst {
  kind: SecurityAlertKind;
  subject: string;
  count: number;
  windowStart: string;
}

/** Which burst an audit row counts toward, and whose: out-of-scope/forbidden by user, failed logins by address. */
function classify(actor: AuditActor, e: AuditEvent): { kind: SecurityAlertKind; subject: string } | null {
  const who = actor.username ? `user:${actor.username}` : actor.ip ? `ip:${actor.ip}` : null;
  if (e.action === 'access_denied' && e.outcome === 'denied' && who) return { kind: 'denied', subject: who };
  if (e.action === 'login_failed' && actor.ip) return { kind: 'login_failed', subject: `ip:${actor.ip}` };
  if (e.action === 'pii_reveal_limited' && who) return { kind: 'reveal_limit', subject: who };
  return null;
}

export type SecurityAlertService = ReturnType<typeof createSecurityAlertService>;

/**
 * Denial-burst alerts: every audit row of a denial (out-of-scope 404s and forbidden routes, failed
 * logins, reveal-limit hits) is counted per actor or address over the policy's window; reaching the
 * threshold raises one alert row (audited) and sends it through the webhook of the top organization.
 * Counting is in memory per instance; the alert row is checked in the database, so instances sharing
 * it raise one alert per burst and window.
 */
export function createSecurityAlertService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  policy: SecurityPolicyService;
  notify: Notifier;
  onError?: (e: unknown) => void;
}) {
  const { db, clock, audit, policy, notify } = deps;
  const recent = createLruCache<number[]>(TRACKED_SUBJECTS);
  const pending: Burst[] = [];
  let wake: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  let busy = false;

  function threshold(kind: SecurityAlertKind): number {
    const p = policy.lastKnown();
    if (kind === 'denied') return p.alertDeniedThreshold;
    if (kind === 'login_failed') return p.alertLoginFailedThreshold;
    return p.alertRevealLimitThreshold;
  }

  // Synchronous: the row may belong to a transaction still open, so nothing is read or written here.
  audit.observe((actor, event) => {
    const c = classify(actor, event);
    if (!c) return;
    const key = `${c.kind}|${c.subject}`;
    const now = clock.now().getTime();
    const windowMs = policy.lastKnown().alertWindowMinutes * 60_000;
    const times = (recent.get(key) ?? []).filter((t) => now - t < windowMs);
    times.push(now);
    if (times.length >= threshold(c.kind)) {
      recent.delete(key);
      pending.push({ ...c, count: times.length, windowStart: new Date(times[0]!).toISOString() });
      wake?.();
    } else recent.set(key, times);
  });

  async function raise(b: Burst): Promise<void> {
    const nowIso = clock.now().toISOString();
    const windowMs = (await policy.current()).alertWindowMinutes * 60_000;
    const since = new Date(clock.now().getTime() - windowMs).toISOString();
    const raised = await db.transaction().execute(async (trx) => {
      if (await repo.hasAlertSince(trx, b.kind, b.subject, since)) return false;
      const id = newId(clock.now().getTime());
      await repo.insertAlert(trx, {
        id,
        kind: b.kind,
        subject: b.subject,
        count: b.count,
        window_start: b.windowStart,
        created_at: nowIso,
      });
      await audit.record(trx, SYSTEM_ACTOR, {
        action: 'security_alert',
        objectType: 'security_alert',
        objectId: id,
        outcome: 'denied',
        details: { kind: b.kind, subject: b.subject, count: b.count, windowStart: b.windowStart },
      });
      const roots = await repo.findRootOrgIds(trx);
      const label = {
        denied: ['越权访问', 'access denials'],
        login_failed: ['登录失败', 'failed logins'],
        reveal_limit: ['查看次数超限', 'reveal-limit hits'],
      }[b.kind];
      await notify.enqueue(
        trx,
        roots.map((r) => ({ orgId: r.id, audience: 'security' as const })),
        {
          kind: 'security_alert',
          text: {
            zh: `安全告警：${b.subject} 短时间内${label[0]} ${b.count} 次`,
            en: `Security alert: ${b.count} ${label[1]} by ${b.subject} in a short time`,
          },
          params: { alertKind: b.kind, subject: b.subject, count: b.count, windowStart: b.windowStart },
          objectType: 'security_alert',
          objectId: id,
        },
      );
      return true;
    });
    if (raised) notify.kick();
  }

  // The worker runs in the context it was started in (composition, outside any request transaction).
  void (async () => {
    for (;;) {
      busy = true;
      while (pending.length > 0) {
        try {
          await raise(pending.shift()!);
        } catch (e) {
          deps.onError?.(e);
        }
      }
      busy = false;
      const waiting = idleWaiters;
      idleWaiters = [];
      for (const w of waiting) w();
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
  })();

  return {
    /** Wait until every burst seen so far has been written (tests, shutdown). */
    flush(): Promise<void> {
      if (!busy && pending.length === 0) return Promise.resolve();
      return new Promise<void>((r) => idleWaiters.push(r));
    },

    async list(page: { offset: number; limit: number }): Promise<SecurityAlertList> {
      const [rows, total] = await Promise.all([repo.listAlerts(db, page), repo.countAlerts(db)]);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          subject: r.subject,
          count: Number(r.count),
          windowStart: r.window_start,
          createdAt: r.created_at,
        })),
      };
    },
  };
}
