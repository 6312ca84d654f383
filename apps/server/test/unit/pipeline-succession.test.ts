import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMonths,
  monthsBetween,
  seatRiskFlags,
  successorScore,
  type ScoreFacts,
} from '../../src/modules/pipeline/succession/succession-rules';

// Succession (issue 11 item 5): the risk flags at their boundaries (the threshold birthday, 12 months to
// the term end) and each component of the successor score.
describe('succession: seat risk flags', () => {
  const seat = (birth: string | null, termEnd: string | null = '2031-01-10') => ({
    incumbentBirthDate: birth,
    termEnd,
  });

  test('the age flag is raised from the threshold birthday on, not the day before', () => {
    assert.deepEqual(seatRiskFlags(seat('1971-06-15'), '2026-06-14', 55), []);
    assert.deepEqual(seatRiskFlags(seat('1971-06-15'), '2026-06-15', 55), ['age']);
    assert.deepEqual(seatRiskFlags(seat('1971-06-15'), '2026-06-16', 55), ['age']);
    // The threshold is the program's setting.
    assert.deepEqual(seatRiskFlags(seat('1971-06-15'), '2026-06-15', 58), []);
  });

  test('a leap-day birthday reaches the threshold on 1 March in a common year', () => {
    assert.deepEqual(seatRiskFlags(seat('1972-02-29'), '2027-02-28', 55), []);
    assert.deepEqual(seatRiskFlags(seat('1972-02-29'), '2027-03-01', 55), ['age']);
  });

  test('the term flag: the term ends on or before the day 12 months ahead', () => {
    assert.deepEqual(seatRiskFlags(seat('1980-01-01', '2027-01-10'), '2026-01-10', 55), ['term']);
    assert.deepEqual(seatRiskFlags(seat('1980-01-01', '2027-01-11'), '2026-01-10', 55), []);
    // An ended term not yet renewed stays at risk.
    assert.deepEqual(seatRiskFlags(seat('1980-01-01', '2025-12-31'), '2026-01-10', 55), ['term']);
    // End of month: 12 months after 2027-02-28 (common) is 2028-02-28.
    assert.deepEqual(seatRiskFlags(seat('1980-01-01', '2028-02-28'), '2027-02-28', 55), ['term']);
    assert.deepEqual(seatRiskFlags(seat('1980-01-01', '2028-02-29'), '2027-02-28', 55), []);
  });

  test('a vacant seat is flagged vacant only; flags combine', () => {
    assert.deepEqual(seatRiskFlags(seat(null, '2026-02-01'), '2026-01-10', 55), ['vacant']);
    assert.deepEqual(seatRiskFlags(seat('1960-01-01', '2026-02-01'), '2026-01-10', 55), ['age', 'term']);
  });

  test('calendar months', () => {
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2026-11-15', 3), '2027-02-15');
    assert.equal(monthsBetween('2024-01-31', '2024-02-29'), 1);
    assert.equal(monthsBetween('2024-01-15', '2024-02-14'), 0);
    assert.equal(monthsBetween('2024-01-15', '2026-01-15'), 24);
    assert.equal(monthsBetween('2026-01-15', '2024-01-15'), 0);
  });
});

describe('succession: the successor score, each component shown', () => {
  const base: ScoreFacts = {
    attendedHours: 120,
    hoursPerYear: 60,
    assessments: ['excellent', 'competent'],
    trainingSince: '2024-10-15',
    monthsMin: 24,
    sameTown: true,
  };
  const parts = (f: Partial<ScoreFacts>, date = '2025-10-15') => {
    const s = successorScore({ ...base, ...f }, date);
    const by = Object.fromEntries(s.components.map((c) => [c.key, c.points])) as Record<
      'hours' | 'assessments' | 'time' | 'town',
      number
    >;
    return { total: s.total, ...by };
  };

  test('full marks at the boundaries: required hours met, minimum months reached, all excellent, same town', () => {
    const s = successorScore(
      { ...base, assessments: ['excellent', 'excellent'], trainingSince: '2023-10-15' },
      '2025-10-15',
    );
    // 3 calendar years (2023–2025) × 60 h = 180 h required; 120 h attended.
    assert.deepEqual(
      s.components.map((c) => [c.key, c.points, c.max]),
      [
        ['hours', 16.7, 25],
        ['assessments', 25, 25],
        ['time', 25, 25],
        ['town', 25, 25],
      ],
    );
    assert.equal(s.total, 91.7);
    assert.match(s.components[0]!.basis.zh, /120 学时 \/ 应训 180/);
    assert.match(s.components[0]!.basis.en, /120 of 180/);
  });

  test('hours: share of the tier requirement over the years in training, capped at 25', () => {
    // 2024 and 2025: 120 h required.
    assert.equal(parts({ attendedHours: 120 }).hours, 25);
    assert.equal(parts({ attendedHours: 119 }).hours, 24.8);
    assert.equal(parts({ attendedHours: 500 }).hours, 25);
    assert.equal(parts({ attendedHours: 0 }).hours, 0);
    // Nothing asked by the tier: full marks.
    assert.equal(parts({ hoursPerYear: 0, attendedHours: 0 }).hours, 25);
  });

  test('assessments: the average of the levels; none gives 0 and says so', () => {
    assert.equal(parts({ assessments: ['excellent', 'competent'] }).assessments, 21.5);
    assert.equal(parts({ assessments: ['incompetent'] }).assessments, 0);
    assert.equal(parts({ assessments: ['basically_competent'] }).assessments, 8);
    const none = successorScore({ ...base, assessments: [] }, '2025-10-15');
    assert.equal(none.components[1]!.points, 0);
    assert.equal(none.components[1]!.basis.en, 'No yearly assessment yet');
  });

  test('time in training: whole months against the minimum, the day before a month counts the month before', () => {
    assert.equal(parts({}, '2026-10-15').time, 25);
    assert.equal(parts({}, '2026-10-14').time, 24);
    assert.equal(parts({}, '2025-10-15').time, 12.5);
    assert.equal(parts({ trainingSince: null }).time, 0);
    assert.equal(parts({ monthsMin: 0 }).time, 25);
  });

  test('town match is all or nothing; the total is the sum of the components', () => {
    const a = parts({ sameTown: true });
    const b = parts({ sameTown: false });
    assert.equal(a.town, 25);
    assert.equal(b.town, 0);
    assert.equal(Math.round((a.total - b.total) * 10) / 10, 25);
    assert.equal(a.total, Math.round((a.hours + a.assessments + a.time + a.town) * 10) / 10);
  });
});
