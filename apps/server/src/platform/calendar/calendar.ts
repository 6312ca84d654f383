import type { AuditActor, AuditTrail } from '../audit/audit';
import { shanghaiDate, type Clock } from '../clock';
import { AppError } from '../errors';
import { loadOfficialDays } from './official-days';
import { createWorkCalendar, type WorkCalendar } from './work-calendar';
import { platformView, type OnPlatform, type PlatformDatabase } from '../platform-db';

interface CalendarOverride {
  date: string;
  isWorkday: boolean;
  note: string;
  updatedAt: string;
}

export interface CalendarService {
  /** The calendar in force (official days + overrides as of the last reload). Synchronous on purpose. */
  current(): WorkCalendar;
  /** Re-read the overrides; run at boot, after each change and by the periodic job (other instances' edits). */
  reload(): Promise<void>;
  listOverrides(from?: string, to?: string): Promise<CalendarOverride[]>;
  setOverride(actor: AuditActor, o: { date: string; isWorkday: boolean; note: string }): Promise<void>;
  removeOverride(actor: AuditActor, date: string): Promise<boolean>;
}

/** The working-day calendar with its admin override table (calendar_overrides). */
export function createCalendarService<DB extends PlatformDatabase>(deps: {
  db: OnPlatform<DB>;
  clock: Clock;
  audit: AuditTrail;
}): CalendarService {
  const { clock, audit } = deps;
  const db = platformView(deps.db);
  const official = loadOfficialDays();
  let cal = createWorkCalendar(official);
  let signature = '';

  async function reload() {
    const rows = await db
      .selectFrom('calendar_overrides')
      .select(['day', 'is_workday'])
      .orderBy('day')
      .execute();
    const sig = rows.map((r) => `${r.day}:${r.is_workday}`).join(',');
    if (sig === signature) return;
    signature = sig;
    cal = createWorkCalendar(
      official,
      new Map(rows.map((r) => [r.day as string, Number(r.is_workday) === 1])),
    );
  }

  /**
   * A day before today is history: changing it would re-read finished deadlines. A later day may change;
   * deadlines already computed are stored dates and do not move.
   */
  function refusePast(date: string) {
    if (date < shanghaiDate(clock.now())) throw new AppError('CALENDAR_DATE_PAST');
  }

  return {
    current: () => cal,
    reload,
    async listOverrides(from, to) {
      let q = db.selectFrom('calendar_overrides').selectAll();
      if (from) q = q.where('day', '>=', from);
      if (to) q = q.where('day', '<=', to);
      const rows = await q.orderBy('day').limit(1000).execute();
      return rows.map((r) => ({
        date: r.day,
        isWorkday: Number(r.is_workday) === 1,
        note: r.note,
        updatedAt: r.updated_at,
      }));
    },
    async setOverride(actor, o) {
      refusePast(o.date);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('calendar_overrides')
          .values({
            day: o.date,
            is_workday: o.isWorkday ? 1 : 0,
            note: o.note,
            updated_at: now,
            updated_by: actor.userId,
          })
          .onConflict((oc) =>
            oc.column('day').doUpdateSet({
              is_workday: o.isWorkday ? 1 : 0,
              note: o.note,
              updated_at: now,
              updated_by: actor.userId,
            }),
          )
          .execute();
        await audit.record(trx, actor, {
          action: 'calendar_override_set',
          objectType: 'calendar',
          objectId: o.date,
          details: { isWorkday: o.isWorkday, note: o.note },
        });
      });
      await reload();
    },
    async removeOverride(actor, date) {
      refusePast(date);
      const removed = await db.transaction().execute(async (trx) => {
        const r = await trx.deleteFrom('calendar_overrides').where('day', '=', date).executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) return false;
        await audit.record(trx, actor, {
          action: 'calendar_override_remove',
          objectType: 'calendar',
          objectId: date,
        });
        return true;
      });
      await reload();
      return removed;
    },
  };
}
