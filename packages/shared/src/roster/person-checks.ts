/**
 * Cross-checks of one person's record that need no database: the ID number against the stated birth
 * date and gender, dates that cannot be (in the future, before birth, party membership before 18, work
 * before 16), and the work history (简历) as contiguous periods. Each check returns issues with a reason
 * code of the field-message catalogue (FIELD_MESSAGES in errors.ts); callers place them on their fields.
 */
import { ageOn } from '../org';

/** Youngest age at which one may join the Party (党章 art. 1). */
export const MIN_PARTY_JOIN_AGE = 18;
/** Youngest age at which one may start work (劳动法 art. 15). */
export const MIN_WORK_START_AGE = 16;

export type DateIssueReason =
  'DATE_FORMAT' | 'DATE_IN_FUTURE' | 'DATE_BEFORE_BIRTH' | 'PARTY_JOIN_UNDER_18' | 'WORK_START_UNDER_16';

export interface PersonDates {
  birthDate: string;
  partyJoinDate?: string | null;
  workStartDate?: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (arithmetic only: it runs for every imported cell). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  if (month < 1 || month > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return d <= days;
}

/**
 * Issues with the dates of a person whose birth date is known (from the ID number), on `today`
 * (YYYY-MM-DD). At most one issue per date, the most basic first.
 */
export function checkPersonDates(
  dates: PersonDates,
  today: string,
): { field: 'partyJoinDate' | 'workStartDate'; reason: DateIssueReason }[] {
  const issues: { field: 'partyJoinDate' | 'workStartDate'; reason: DateIssueReason }[] = [];
  const rules = [
    ['partyJoinDate', MIN_PARTY_JOIN_AGE, 'PARTY_JOIN_UNDER_18'],
    ['workStartDate', MIN_WORK_START_AGE, 'WORK_START_UNDER_16'],
  ] as const;
  for (const [field, minAge, tooYoung] of rules) {
    const d = dates[field];
    if (!d) continue;
    if (!isIsoDate(d)) issues.push({ field, reason: 'DATE_FORMAT' });
    else if (d > today) issues.push({ field, reason: 'DATE_IN_FUTURE' });
    else if (d < dates.birthDate) issues.push({ field, reason: 'DATE_BEFORE_BIRTH' });
    else if (ageOn(dates.birthDate, d) < minAge) issues.push({ field, reason: tooYoung });
  }
  return issues;
}

/**
 * The stated birth date and gender against those the ID number carries. A gender of 0 (未知) or
 * 9 (未说明) states nothing, so it cannot disagree.
 */
export function crossCheckIdNumber(
  fromId: { birthDate: string; gender: '1' | '2' },
  stated: { birthDate?: string | null; gender?: string | null },
): { field: 'birthDate' | 'gender'; reason: 'ID_BIRTH_DATE_MISMATCH' | 'ID_GENDER_MISMATCH' }[] {
  const issues: { field: 'birthDate' | 'gender'; reason: 'ID_BIRTH_DATE_MISMATCH' | 'ID_GENDER_MISMATCH' }[] =
    [];
  if (stated.birthDate && stated.birthDate !== fromId.birthDate) {
    issues.push({ field: 'birthDate', reason: 'ID_BIRTH_DATE_MISMATCH' });
  }
  if ((stated.gender === '1' || stated.gender === '2') && stated.gender !== fromId.gender) {
    issues.push({ field: 'gender', reason: 'ID_GENDER_MISMATCH' });
  }
  return issues;
}

// ---- work history (简历) ----

/** One period of a work history, at month precision: `YYYY-MM`; `to` null = to this day (last only). */
export interface WorkPeriod {
  from: string;
  to: string | null;
  text: string;
}

export type WorkHistoryReason =
  | 'WORK_HISTORY_PERIOD_FORMAT'
  | 'WORK_HISTORY_PERIOD_REVERSED'
  | 'WORK_HISTORY_OPEN_NOT_LAST'
  | 'WORK_HISTORY_GAP'
  | 'WORK_HISTORY_OVERLAP';

/** An issue with period `index` (0-based); for a gap or an overlap, `index` is the later of the two. */
export interface WorkHistoryIssue {
  reason: WorkHistoryReason;
  index: number;
  previous?: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function monthNumber(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

/**
 * The rule, at month precision, as the 干部任免审批表 writes 简历 ("2002.07--2005.03", then "2005.03--"):
 * periods are listed in order; each runs from `from` to `to` (`from` ≤ `to`); the next one starts in
 * the month the previous ended or the month after — later is a gap, earlier an overlap; only the last
 * period may be open.
 */
export function checkWorkHistory(periods: readonly WorkPeriod[]): WorkHistoryIssue[] {
  const issues: WorkHistoryIssue[] = [];
  let previous: { index: number; end: number | null } | null = null;
  periods.forEach((p, index) => {
    if (!MONTH.test(p.from) || (p.to !== null && !MONTH.test(p.to))) {
      issues.push({ reason: 'WORK_HISTORY_PERIOD_FORMAT', index });
      previous = null;
      return;
    }
    const start = monthNumber(p.from);
    const end = p.to === null ? null : monthNumber(p.to);
    if (end !== null && end < start) issues.push({ reason: 'WORK_HISTORY_PERIOD_REVERSED', index });
    if (end === null && index < periods.length - 1) {
      issues.push({ reason: 'WORK_HISTORY_OPEN_NOT_LAST', index });
    }
    if (previous !== null && previous.end !== null) {
      if (start > previous.end + 1) {
        issues.push({ reason: 'WORK_HISTORY_GAP', index, previous: previous.index });
      } else if (start < previous.end) {
        issues.push({ reason: 'WORK_HISTORY_OVERLAP', index, previous: previous.index });
      }
    }
    previous = { index, end };
  });
  return issues;
}

/**
 * Parse 简历 text as the LRMX files and printed forms write it, one period a line:
 * `1998.09--2002.07  江苏大学农学专业学习`, open-ended `2015.01--  现职` (also `—`, `-`, `至`, `～`).
 * Lines that do not start with a period continue the previous period's text.
 */
export function parseWorkHistory(text: string): WorkPeriod[] {
  const periods: WorkPeriod[] = [];
  const line = /^\s*(\d{4})[.．/-](\d{1,2})\s*(?:--|—+|-|至|～|~)\s*(?:(\d{4})[.．/-](\d{1,2}))?\s*(.*)$/;
  const ym = (y: string, m: string) => `${y}-${m.padStart(2, '0')}`;
  for (const raw of text.split(/\r?\n/)) {
    const m = line.exec(raw);
    if (m) {
      periods.push({ from: ym(m[1]!, m[2]!), to: m[3] ? ym(m[3], m[4]!) : null, text: m[5]!.trim() });
    } else if (raw.trim() && periods.length > 0) {
      const last = periods[periods.length - 1]!;
      last.text = `${last.text}${raw.trim()}`;
    }
  }
  return periods;
}
