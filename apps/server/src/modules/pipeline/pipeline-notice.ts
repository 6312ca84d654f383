import { dateOf, dayNumber, type WorkCalendar } from '../../platform/calendar/work-calendar';

/**
 * The last day of a 任前公示 of `workdays` working days starting on `start`: the start counts when it
 * is a working day; holidays and weekends are skipped, 调休 make-up Saturdays count.
 */
export function noticeEndDate(cal: WorkCalendar, start: string, workdays: number): string {
  return cal.addWorkdays(dateOf(dayNumber(start) - 1), workdays);
}

/** Selection may happen only after the notice ended (the day after its last day, or later). */
export function noticeOver(noticeEnd: string, date: string): boolean {
  return date > noticeEnd;
}
