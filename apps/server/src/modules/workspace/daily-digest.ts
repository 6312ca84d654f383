import { ROLES, permissionsOf, type MyWorkCounts, type MyWorkKind, type Role } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { SYSTEM_ACTOR } from '../../platform/audit/audit';
import type { Caller } from '../../platform/caller';
import { shanghaiDate, type Clock } from '../../platform/clock';
import type { NotificationInput, NotifyTarget, Notifier } from '../../platform/notify/notifier';
import * as repo from './workspace.repository';

/** The user pref that opts into the digest ('on'). */
export const DIGEST_PREF = 'notify.digest';

/** The digest's words per My work kind, in the order 我的待办 shows them. */
const KIND_TEXT: Record<MyWorkKind, { zh: string; en: string }> = {
  to_dispatch: { zh: '待交办', en: 'to dispatch' },
  to_sign: { zh: '待签收', en: 'to sign for' },
  to_handle: { zh: '待办理', en: 'to handle' },
  to_decide_extension: { zh: '待审批延期', en: 'extensions to decide' },
  to_verify: { zh: '待核查', en: 'to verify' },
  to_rate: { zh: '待评价', en: 'to rate' },
};

/** One reminder recorded once per kind, item and key day (the pipeline reminders' once-only record). */
export interface DigestReminder {
  kind: 'daily_digest';
  itemId: string;
  keyDate: string;
  targets: NotifyTarget[];
  n: NotificationInput;
}
export type SendOnce = (trx: Tx, reminders: readonly DigestReminder[]) => Promise<number>;

/** The digest's text from a user's My work counts. */
export function digestText(c: MyWorkCounts): { zh: string; en: string } {
  const zh = c.counts.map((k) => `${KIND_TEXT[k.kind].zh} ${k.count}`);
  const en = c.counts.map((k) => `${k.count} ${KIND_TEXT[k.kind].en}`);
  return {
    zh: `今日待办 ${c.total} 项：${[...zh, `逾期 ${c.overdue}`].join('、')}`,
    en: `${c.total} item(s) waiting today: ${[...en, `${c.overdue} overdue`].join(', ')}`,
  };
}

export type DailyDigest = ReturnType<typeof createDailyDigest>;

/**
 * The optional daily digest (每日汇总, issue 12): from the administrator's digest hour (Asia/Shanghai) on,
 * each active user who opted in and has something waiting gets one notification summing their My work
 * counts (the menu's own counts), linking to 我的待办. Recorded once per user and day (insert-or-ignore),
 * so any number of sweeps on any number of instances send one.
 */
export function createDailyDigest(deps: {
  db: Db;
  clock: Clock;
  notify: Notifier;
  digestHour: () => Promise<number>;
  counts: (caller: Caller) => Promise<MyWorkCounts>;
  sendOnce: SendOnce;
}) {
  const { db, notify } = deps;
  return {
    /** The digests due as of `now`; answers how many were sent by this call. */
    async sweep(now: Date): Promise<{ daily_digest?: number }> {
      const hour = (now.getUTCHours() + 8) % 24;
      if (hour < (await deps.digestHour())) return {};
      const today = shanghaiDate(now);
      const due: DigestReminder[] = [];
      for (const u of await repo.findUsersWithPref(db, DIGEST_PREF, 'on')) {
        const roles = u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
        const c = await deps.counts({
          userId: u.id,
          scopePaths: u.scopePaths,
          permissions: permissionsOf(roles),
          actor: { ...SYSTEM_ACTOR, userId: u.id, username: u.username },
        });
        if (c.total === 0) continue;
        due.push({
          kind: 'daily_digest',
          itemId: u.id,
          keyDate: today,
          targets: [{ userId: u.id }],
          n: { kind: 'daily_digest', text: digestText(c), params: { ...c }, objectType: 'my_work' },
        });
      }
      if (due.length === 0) return {};
      const sent = await db.transaction().execute((trx) => deps.sendOnce(trx, due));
      notify.kick();
      return sent > 0 ? { daily_digest: sent } : {};
    },
  };
}
