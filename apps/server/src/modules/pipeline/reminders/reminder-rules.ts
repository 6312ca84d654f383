/*
 * The pure parts of the pipeline and training reminders: who hears of an item (by org path) and the
 * dates a reminder is due on. No I/O.
 */

/** The city of an org path (its first segment): the city desk runs vetting, notice and placement. */
export function cityOf(orgPath: string): string {
  return orgPath.split('/').filter(Boolean)[0]!;
}

/** The desk of a person's org: the town or organ under the city (the city itself for its own people). */
export function deskOf(orgPath: string): string {
  const ids = orgPath.split('/').filter(Boolean);
  return ids[1] ?? ids[0]!;
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `date` plus whole months; a day the month lacks falls to its last day (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The fourth quarter, when a yearly hours shortfall is still worth a reminder. */
export const inFourthQuarter = (date: string) => Number(date.slice(5, 7)) >= 10;

/** The key day of a shortfall reminder: the first of the month (one reminder a month, October–December). */
export const monthKey = (date: string) => `${date.slice(0, 7)}-01`;

/**
 * A training's planned end: its start plus the tier's longest length. Due for a reminder when it falls
 * within the next three months (today included) and has not passed.
 */
export function trainingEndDue(start: string, monthsMax: number, today: string): string | null {
  const end = addMonths(start, monthsMax);
  return end >= today && end <= addMonths(today, 3) ? end : null;
}
