/*
 * XINHUO_BACKUP_CRON in a subset of cron, in the server's
 * local time — five fields "minute hour day-of-month month day-of-week"; minute and hour take a number,
 * a comma list, `*` or `*\/n`; day-of-week takes `*` or a comma list of 0–6 (0 = Sunday); day-of-month
 * and month only `*`. "30 2 * * *" is every day at 02:30; "0 *\/6 * * *" every six hours;
 * "15 3 * * 1,4" Mondays and Thursdays at 03:15.
 */

export interface CronSpec {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
}

function field(text: string, min: number, max: number, what: string): Set<number> {
  const all = new Set<number>();
  for (const part of text.split(',')) {
    const step = /^\*(?:\/(\d+))?$/.exec(part);
    if (step) {
      const n = step[1] ? Number(step[1]) : 1;
      if (n < 1) throw new Error(`XINHUO_BACKUP_CRON: bad step in ${what}`);
      for (let v = min; v <= max; v += n) all.add(v);
      continue;
    }
    if (!/^\d+$/.test(part) || Number(part) < min || Number(part) > max)
      throw new Error(`XINHUO_BACKUP_CRON: ${what} must be ${min}–${max}, a list, * or */n (got "${part}")`);
    all.add(Number(part));
  }
  return all;
}

/** Parse the subset described above; throws with the reason (the configuration check at boot). */
export function parseCron(text: string): CronSpec {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5)
    throw new Error('XINHUO_BACKUP_CRON needs five fields: "minute hour * * day-of-week", e.g. "30 2 * * *"');
  const [m, h, dom, mon, dow] = parts as [string, string, string, string, string];
  if (dom !== '*' || mon !== '*')
    throw new Error(
      'XINHUO_BACKUP_CRON: day-of-month and month must be * (only minute, hour and weekday are supported)',
    );
  return {
    minutes: field(m, 0, 59, 'minute'),
    hours: field(h, 0, 23, 'hour'),
    weekdays: dow === '*' ? new Set([0, 1, 2, 3, 4, 5, 6]) : field(dow, 0, 6, 'day-of-week'),
  };
}

/** The first minute strictly after `from` that the spec names (server local time). */
export function nextRun(spec: CronSpec, from: Date): Date {
  const t = new Date(from.getTime());
  t.setSeconds(0, 0);
  for (let i = 0; i < 8 * 24 * 60; i++) {
    t.setMinutes(t.getMinutes() + 1);
    if (spec.minutes.has(t.getMinutes()) && spec.hours.has(t.getHours()) && spec.weekdays.has(t.getDay()))
      return t;
  }
  throw new Error('XINHUO_BACKUP_CRON never fires');
}
