import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import chineseDays from 'chinese-days';
import { loadOfficialDays } from '../../src/platform/calendar/official-days';
import { createWorkCalendar, dateOf, dayNumber, nextDate } from '../../src/platform/calendar/work-calendar';

const official = loadOfficialDays();
const cal = createWorkCalendar(official);

describe('working-day calendar (chinese-days data + overrides)', () => {
  test('agrees with the chinese-days package on every day it covers', () => {
    for (
      let d = dayNumber(`${official.fromYear}-01-01`);
      d <= dayNumber(`${official.toYear}-12-31`);
      d += 1
    ) {
      const date = dateOf(d);
      assert.equal(cal.isWorkday(date), chineseDays.isWorkday(date), date);
    }
  });

  test('2026 Spring Festival: 02-15..02-23 off, 调休 working Saturdays 02-14 and 02-28', () => {
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-18', '2026-02-20', '2026-02-23'])
      assert.equal(cal.isWorkday(d), false, d);
    assert.equal(cal.isWorkday('2026-02-14'), true, 'Saturday 02-14 is a make-up working day');
    assert.equal(cal.isWorkday('2026-02-28'), true, 'Saturday 02-28 is a make-up working day');
    assert.equal(cal.isWorkday('2026-02-21'), false, 'a weekend inside the holiday');
    assert.equal(cal.isWorkday('2026-02-24'), true);
  });

  test('a deadline dispatched before the Spring Festival counts the make-up Saturday and skips the holiday', () => {
    // Thursday 02-12 + 1 → Fri 02-13; + 2 → Sat 02-14 (调休); + 3 → Tue 02-24 (nine days off in between).
    assert.equal(cal.addWorkdays('2026-02-12', 1), '2026-02-13');
    assert.equal(cal.addWorkdays('2026-02-12', 2), '2026-02-14');
    assert.equal(cal.addWorkdays('2026-02-12', 3), '2026-02-24');
    // 一般 10 working days from 02-12: 13, 14, 24, 25, 26, 27, 28(Sat 调休), 03-02, 03, 04.
    assert.equal(cal.addWorkdays('2026-02-12', 10), '2026-03-04');
    assert.equal(cal.workdaysBetween('2026-02-12', '2026-03-04'), 10);
    assert.equal(cal.workdaysBetween('2026-02-14', '2026-02-24'), 1);
    assert.equal(cal.workdaysBetween('2026-03-04', '2026-02-12'), -10);
  });

  test("counting back across the holiday (the sweep's overdue thresholds)", () => {
    assert.equal(cal.addWorkdays('2026-02-24', -1), '2026-02-14');
    assert.equal(cal.addWorkdays('2026-02-24', -2), '2026-02-13');
    assert.equal(cal.addWorkdays('2026-03-02', -1), '2026-02-28');
    assert.equal(cal.addWorkdays('2026-02-20', 0), '2026-02-20');
  });

  test('National Day 2026: 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 working', () => {
    for (let d = dayNumber('2026-10-01'); d <= dayNumber('2026-10-07'); d++)
      assert.equal(cal.isWorkday(dateOf(d)), false);
    assert.equal(cal.isWorkday('2026-09-20'), true);
    assert.equal(cal.isWorkday('2026-10-10'), true);
    // 紧急 3 working days from Wed 09-30: 10-08, 10-09, 10-10 (Saturday 调休).
    assert.equal(cal.addWorkdays('2026-09-30', 3), '2026-10-10');
    assert.equal(cal.workdaysBetween('2026-09-30', '2026-10-12'), 4);
  });

  test('a dispatch on a holiday starts counting on the next working day', () => {
    assert.equal(cal.addWorkdays('2026-10-03', 1), '2026-10-08');
    assert.equal(cal.addWorkdays('2026-02-21', 1), '2026-02-24');
  });

  test('local overrides win over the official data', () => {
    const local = createWorkCalendar(
      official,
      new Map([
        ['2026-02-24', false],
        ['2026-02-22', true],
      ]),
    );
    assert.equal(local.isWorkday('2026-02-24'), false);
    assert.equal(local.isWorkday('2026-02-22'), true);
    assert.equal(local.addWorkdays('2026-02-14', 1), '2026-02-22');
    assert.equal(local.addWorkdays('2026-02-14', 2), '2026-02-25');
  });

  test('beyond the official data only weekends are known, and arithmetic still works', () => {
    assert.equal(cal.coverage.toYear >= 2026, true);
    assert.equal(cal.isWorkday('2027-01-02'), false);
    assert.equal(cal.addWorkdays('2027-01-01', 1), '2027-01-04');
    assert.equal(cal.addWorkdays('2070-01-01', 1), '2070-01-02');
    assert.equal(cal.workdaysBetween('2070-01-01', '2070-01-08'), 5);
  });

  test('addWorkdays and workdaysBetween are inverse on working days', () => {
    for (const start of ['2025-12-31', '2026-02-13', '2026-04-30', '2026-09-30']) {
      for (const n of [1, 2, 3, 5, 10, 20]) {
        const end = cal.addWorkdays(start, n);
        assert.equal(cal.workdaysBetween(start, end), n, `${start}+${n}`);
        assert.equal(cal.isWorkday(end), true);
        assert.equal(cal.addWorkdays(nextDate(end), -1) <= end, true);
      }
    }
  });
});
