/**
 * The working-day calendar as a pure value: official holidays and 调休 make-up working days, local
 * overrides on top, weekends otherwise. Dates are Shanghai business dates, YYYY-MM-DD.
 */
export interface OfficialDays {
  /** Days off by State Council notice (holidays and the weekdays moved into them). */
  holidays: ReadonlySet<string>;
  /** 调休: weekend days declared working days. */
  workdays: ReadonlySet<string>;
  /** First and last year the official data covers; outside it only weekends are known. */
  fromYear: number;
  toYear: number;
}

export interface WorkCalendar {
  isWorkday(date: string): boolean;
  /** n > 0: the n-th working day after `date`; n < 0: the |n|-th working day before it; 0: `date`. */
  addWorkdays(date: string, n: number): string;
  /** Working days in (a, b]: 1 from a Friday to the next Monday; negative when b is before a. */
  workdaysBetween(a: string, b: string): number;
  /** The years of official data; a deadline beyond them needs local overrides to be exact. */
  coverage: { fromYear: number; toYear: number };
}

const DAY_MS = 86_400_000;
const WINDOW_FROM = dayNumber('2000-01-01');
const WINDOW_TO = dayNumber('2060-12-31');

export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS);
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Build a calendar; the official days come from chinese-days, the overrides from the admin table. */
export function createWorkCalendar(
  official: OfficialDays,
  overrides: ReadonlyMap<string, boolean> = new Map(),
): WorkCalendar {
  const isWorkdayByDay = (day: number): boolean => {
    const date = dateOf(day);
    const o = overrides.get(date);
    if (o !== undefined) return o;
    if (official.workdays.has(date)) return true;
    if (official.holidays.has(date)) return false;
    const dow = (day + 4) % 7; // 1970-01-01 was a Thursday
    return dow !== 0 && dow !== 6;
  };
  // cum[i] = working days in [WINDOW_FROM, WINDOW_FROM + i]: O(1) differences, binary-searched additions.
  const size = WINDOW_TO - WINDOW_FROM + 1;
  const cum = new Int32Array(size);
  const flag = new Uint8Array(size);
  let running = 0;
  for (let i = 0; i < size; i++) {
    flag[i] = isWorkdayByDay(WINDOW_FROM + i) ? 1 : 0;
    running += flag[i]!;
    cum[i] = running;
  }
  const inWindow = (day: number) => day >= WINDOW_FROM && day <= WINDOW_TO;
  const isWork = (day: number) => (inWindow(day) ? flag[day - WINDOW_FROM] === 1 : isWorkdayByDay(day));

  function addWorkdays(date: string, n: number): string {
    let day = dayNumber(date);
    if (n === 0) return date;
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    if (n > 0 && inWindow(day) && inWindow(day + n * 3 + 60)) {
      // First index whose running count reaches cum[day] + n is the n-th working day after `day`.
      const target = cum[day - WINDOW_FROM]! + n;
      let lo = day - WINDOW_FROM + 1;
      let hi = size - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! >= target) hi = mid;
        else lo = mid + 1;
      }
      return dateOf(WINDOW_FROM + lo);
    }
    while (left > 0) {
      day += step;
      if (isWork(day)) left--;
    }
    return dateOf(day);
  }

  function workdaysBetween(a: string, b: string): number {
    const da = dayNumber(a);
    const db = dayNumber(b);
    if (da === db) return 0;
    if (db < da) return -workdaysBetween(b, a);
    if (inWindow(da) && inWindow(db)) return cum[db - WINDOW_FROM]! - cum[da - WINDOW_FROM]!;
    let n = 0;
    for (let d = da + 1; d <= db; d++) if (isWork(d)) n++;
    return n;
  }

  return {
    isWorkday: (date) => isWork(dayNumber(date)),
    addWorkdays,
    workdaysBetween,
    coverage: { fromYear: official.fromYear, toYear: official.toYear },
  };
}

/** The next calendar day (not working day) after a date. */
export function nextDate(date: string): string {
  return dateOf(dayNumber(date) + 1);
}
