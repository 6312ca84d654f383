import type { NotificationKind, SeatRiskFlag } from '@xinhuo/shared';
import type { Db, Tx } from '../../../database';
import type { AuditTrail } from '../../../platform/audit/audit';
import { SYSTEM_CALLER } from '../../../platform/caller';
import { shanghaiDate, type Clock } from '../../../platform/clock';
import { monotonicId } from '../../../platform/ids';
import type { NotificationInput, NotifyTarget, Notifier } from '../../../platform/notify/notifier';
import type { TrainingHoursSource } from '../pipeline.service';
import { findRuleSetsOfTiers } from '../pipeline.repository';
import { hoursPerYearOn } from '../tier-versions';
import { cityOf, dayAfter, deskOf, inFourthQuarter, monthKey, trainingEndDue } from './reminder-rules';
import * as repo from './reminders.repository';

/** One reminder: the item it is about, the day it is keyed to, who hears of it and what it says. */
export interface Reminder {
  kind: NotificationKind;
  itemId: string;
  keyDate: string;
  targets: NotifyTarget[];
  n: NotificationInput;
}

export type ReminderReport = Partial<Record<NotificationKind, number>>;

/** What the seat reminder needs of a seat at risk. */
export interface SeatAtRisk {
  path: string;
  villageName: string;
  townName: string | null;
  flags: readonly SeatRiskFlag[];
  hasReadySuccessor: boolean;
}

const FLAG_TEXT: Record<SeatRiskFlag, { zh: string; en: string }> = {
  vacant: { zh: '空缺', en: 'vacant' },
  age: { zh: '年龄', en: 'age' },
  term: { zh: '任期届满', en: 'term ending' },
};
export type PipelineReminders = ReturnType<typeof createPipelineReminders>;

/**
 * The pipeline and training reminders (issue 11 item 11), in the app and through the orgs' webhooks:
 * the notice period ending (the day before and the day itself), an objection (at once, from the
 * pipeline service), session reminders (the day before, to the enrolled person's account or their
 * org's desk), the yearly hours shortfall (monthly in Q4) and the training ending within 3 months.
 * Each reminder is recorded once per kind, item and key day (insert-or-ignore), so any number of
 * sweeps, on any number of instances, notify once.
 *
 * Seats at risk with no ready successor (the succession page's definition, given as `seats`) are told
 * to each town's desk once a month (`sweepSeats`, run by the daily step).
 */
export function createPipelineReminders(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  notify: Notifier;
  training: TrainingHoursSource;
  /** The village secretary seats at risk on a date (vacant, age, term), each saying if a successor is ready. */
  seats?: (conn: Db, date: string) => Promise<readonly SeatAtRisk[]>;
}) {
  const { db, clock, audit, notify, training, seats } = deps;
  let lastSweptOn: string | null = null;

  /** Record the reminders not sent yet and notify those, in the caller's transaction; answers how many. */
  async function sendOnce(trx: Tx, reminders: readonly Reminder[]): Promise<number> {
    if (reminders.length === 0) return 0;
    const at = clock.now().toISOString();
    const rows = reminders.map((r) => ({
      id: monotonicId(clock.now().getTime()),
      kind: r.kind,
      item_id: r.itemId,
      key_date: r.keyDate,
      created_at: at,
    }));
    const won = await repo.insertRemindersOnce(trx, rows);
    const sent = reminders.filter((_, k) => won.has(rows[k]!.id));
    if (sent.length === 0) return 0;
    await notify.enqueueMany(
      trx,
      sent.map((r) => ({ targets: r.targets, n: r.n })),
    );
    return sent.length;
  }

  async function noticesEnding(today: string): Promise<Reminder[]> {
    const rows = await repo.findNoticesEnding(db, [today, dayAfter(today)]);
    return rows.map((c) => {
      const isToday = c.notice_end === today;
      return {
        kind: 'pipeline_notice_ending',
        itemId: c.id,
        keyDate: today,
        targets: [{ orgId: cityOf(c.org_path), audience: 'talent' }],
        n: {
          kind: 'pipeline_notice_ending',
          text: {
            zh: `${c.person_name}（${c.tier_name_zh}）任前公示${isToday ? '今日' : '明日'}（${c.notice_end}）期满`,
            en: `The public notice for ${c.person_name} (${c.tier_name_en}) ends ${isToday ? 'today' : 'tomorrow'} (${c.notice_end})`,
          },
          objectType: 'pipeline_candidate',
          objectId: c.id,
        },
      };
    });
  }

  async function sessionsTomorrow(today: string): Promise<Reminder[]> {
    const rows = await repo.findEnrollmentsOn(db, dayAfter(today));
    const out: Reminder[] = [];
    // People with an account hear of it themselves; the others through their org's desk, one per session.
    const desks = new Map<string, { row: (typeof rows)[number]; orgId: string; n: number }>();
    for (const r of rows) {
      const what = `${r.title}（${r.session_date} ${r.start_time}，${r.venue}）`;
      const whatEn = `${r.title} (${r.session_date} ${r.start_time}, ${r.venue})`;
      if (r.user_id) {
        out.push({
          kind: 'training_session_reminder',
          itemId: `${r.session_id}:${r.person_id}`,
          keyDate: r.session_date,
          targets: [{ userId: r.user_id }],
          n: {
            kind: 'training_session_reminder',
            text: { zh: `明日培训：${what}`, en: `Training tomorrow: ${whatEn}` },
            objectType: 'training_session',
            objectId: r.session_id,
          },
        });
        continue;
      }
      const orgId = deskOf(r.org_path);
      const key = `${r.session_id}:${orgId}`;
      const d = desks.get(key);
      if (d) d.n++;
      else desks.set(key, { row: r, orgId, n: 1 });
    }
    for (const [key, { row: r, orgId, n }] of desks) {
      out.push({
        kind: 'training_session_reminder',
        itemId: key,
        keyDate: r.session_date,
        targets: [{ orgId, audience: 'talent' }],
        n: {
          kind: 'training_session_reminder',
          text: {
            zh: `明日培训：${r.title}（${r.session_date} ${r.start_time}，${r.venue}），本单位 ${n} 人报名，请通知参训`,
            en: `Training tomorrow: ${r.title} (${r.session_date} ${r.start_time}, ${r.venue}); ${n} of your people enrolled — please tell them`,
          },
          objectType: 'training_session',
          objectId: r.session_id,
        },
      });
    }
    return out;
  }

  async function trainees(today: string): Promise<Reminder[]> {
    const rows = await repo.findInTraining(db);
    const out: Reminder[] = [];
    const year = Number(today.slice(0, 4));
    const hours = inFourthQuarter(today)
      ? await training.hoursFor(
          db,
          rows.map((r) => r.person_id),
          year,
        )
      : null;
    // The hours required are those of the tier's version in force today.
    const versions = hours ? await findRuleSetsOfTiers(db, [...new Set(rows.map((r) => r.tier_id))]) : [];
    for (const c of rows) {
      const desk: NotifyTarget = { orgId: deskOf(c.org_path), audience: 'talent' };
      const own: NotifyTarget[] = c.trainee_user_id ? [{ userId: c.trainee_user_id }] : [];
      if (hours) {
        const done = hours.get(c.person_id) ?? 0;
        const required = hoursPerYearOn(
          c.hours_per_year,
          versions.filter((v) => v.tier_id === c.tier_id),
          today,
        );
        if (done < required)
          out.push({
            kind: 'training_hours_shortfall',
            itemId: c.id,
            keyDate: monthKey(today),
            targets: [desk, ...own],
            n: {
              kind: 'training_hours_shortfall',
              text: {
                zh: `${c.person_name}${year}年培训 ${done} 学时，低于${c.tier_name_zh}每年 ${required} 学时的要求`,
                en: `${c.person_name} has ${done} training hours in ${year}, below the ${required} a year of ${c.tier_name_en}`,
              },
              params: { year, hours: done, required: required },
              objectType: 'pipeline_candidate',
              objectId: c.id,
            },
          });
      }
      const end = c.training_start ? trainingEndDue(c.training_start, c.months_max, today) : null;
      if (end)
        out.push({
          kind: 'pipeline_training_ending',
          itemId: c.id,
          keyDate: end,
          targets: [{ orgId: cityOf(c.org_path), audience: 'talent' }, ...own],
          n: {
            kind: 'pipeline_training_ending',
            text: {
              zh: `${c.person_name}（${c.tier_name_zh}）培养期将于 ${end} 届满，请安排考核与任用`,
              en: `The training of ${c.person_name} (${c.tier_name_en}) ends on ${end}: plan the assessment and placement`,
            },
            objectType: 'pipeline_candidate',
            objectId: c.id,
          },
        });
    }
    return out;
  }

  /** Per town, the seats at risk with nobody ready now: one message a month to the town's desk. */
  async function seatsWithoutSuccessor(today: string): Promise<Reminder[]> {
    if (!seats) return [];
    const byTown = new Map<string, SeatAtRisk[]>();
    for (const s of await seats(db, today)) {
      if (s.hasReadySuccessor) continue;
      const desk = deskOf(s.path);
      byTown.set(desk, [...(byTown.get(desk) ?? []), s]);
    }
    return [...byTown].map(([desk, list]) => {
      const zh = list.map((s) => `${s.villageName}（${s.flags.map((f) => FLAG_TEXT[f].zh).join('、')}）`);
      const en = list.map((s) => `${s.villageName} (${s.flags.map((f) => FLAG_TEXT[f].en).join(', ')})`);
      return {
        kind: 'pipeline_seat_at_risk',
        itemId: desk,
        keyDate: monthKey(today),
        targets: [{ orgId: desk, audience: 'talent' }],
        n: {
          kind: 'pipeline_seat_at_risk',
          text: {
            zh: `${list[0]!.townName ?? ''}${list.length} 个村党组织书记岗位有接班风险且无成熟人选：${zh.join('；')}`,
            en: `${list.length} village secretary seat(s) of ${list[0]!.townName ?? 'your area'} at risk with no successor ready: ${en.join('; ')}`,
          },
          params: { seats: list.length },
          objectType: 'org',
          objectId: desk,
        },
      };
    });
  }

  /** Record and send a batch of reminders in transactions of 500, audited; answers the count per kind. */
  async function sendAll(today: string, due: readonly Reminder[]): Promise<ReminderReport> {
    const report: ReminderReport = {};
    for (let k = 0; k < due.length; k += 500) {
      const batch = due.slice(k, k + 500);
      await db.transaction().execute(async (trx) => {
        const before = await sendCounted(trx, batch);
        for (const [kind, n] of Object.entries(before)) {
          report[kind as NotificationKind] = (report[kind as NotificationKind] ?? 0) + n;
        }
        const total = Object.values(before).reduce((a, b) => a + b, 0);
        if (total > 0)
          await audit.record(trx, SYSTEM_CALLER.actor, {
            action: 'pipeline_reminders',
            objectType: 'pipeline_reminder',
            details: { today, sent: before },
          });
      });
    }
    notify.kick();
    return report;
  }

  return {
    sendOnce,

    /** The reminders due as of `now` (Shanghai business date), each sent once; answers the count per kind. */
    async sweep(now: Date): Promise<ReminderReport> {
      const today = shanghaiDate(now);
      const due = [
        ...(await noticesEnding(today)),
        ...(await sessionsTomorrow(today)),
        ...(await trainees(today)),
      ];
      return sendAll(today, due);
    },

    /** The seats at risk with no ready successor, told to each town's desk once a month. */
    async sweepSeats(now: Date): Promise<ReminderReport> {
      const today = shanghaiDate(now);
      return sendAll(today, await seatsWithoutSuccessor(today));
    },

    /** The sweep once a day (the loop ticks every minute; the first tick of a day sweeps). */
    async sweepDaily(now: Date): Promise<ReminderReport> {
      const today = shanghaiDate(now);
      if (lastSweptOn === today) return {};
      const r = { ...(await this.sweep(now)), ...(await this.sweepSeats(now)) };
      lastSweptOn = today;
      return r;
    },
  };

  /** sendOnce, counted per kind. */
  async function sendCounted(trx: Tx, batch: readonly Reminder[]) {
    const counts: Partial<Record<NotificationKind, number>> = {};
    for (const kind of new Set(batch.map((r) => r.kind))) {
      const n = await sendOnce(
        trx,
        batch.filter((r) => r.kind === kind),
      );
      if (n > 0) counts[kind] = n;
    }
    return counts;
  }
}
