import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  rankByScore,
  ratesOf,
  scoreOf,
  type UnitCounts,
} from '../../src/modules/matters/statistics/scorecard';

const counts = (over: Partial<UnitCounts> = {}): UnitCounts => ({
  assigned: 10,
  led: 8,
  signedOnTime: 9,
  signBase: 10,
  completed: 8,
  completedOnTime: 6,
  overdueOpen: 0,
  returnsUpheld: 1,
  rehandled: 2,
  satPos: 6,
  satBase: 8,
  urges: 0,
  supervisions: 0,
  circulations: 0,
  ...over,
});

describe('unit scorecards', () => {
  test('rates: late open parts count against 按时办结率; only upheld returns count', () => {
    const r = ratesOf(counts({ overdueOpen: 2 }));
    assert.equal(r.signOnTimeRate, 0.9);
    assert.equal(r.onTimeRate, 6 / 10);
    assert.equal(r.returnRate, 0.1);
    assert.equal(r.rehandleRate, 2 / 8);
    assert.equal(r.satisfactionRate, 6 / 8);
  });

  test('a rate without cases is null and drops out of the score instead of counting as zero', () => {
    const fresh = counts({ completed: 0, completedOnTime: 0, satPos: 0, satBase: 0 });
    assert.equal(ratesOf(fresh).onTimeRate, null);
    assert.equal(ratesOf(fresh).satisfactionRate, null);
    // 0.2·0.9 + 0.15·0.9 + 0.1·0.75 over the weights present (0.45) → 86.7
    assert.equal(scoreOf(fresh), 86.7);
  });

  test('supervision steps cost points, capped', () => {
    const base = scoreOf(counts());
    assert.equal(
      scoreOf(counts({ urges: 2, supervisions: 1, circulations: 1 })),
      Math.round((base - 7) * 10) / 10,
    );
    assert.equal(scoreOf(counts({ circulations: 100 })), Math.round((base - 30) * 10) / 10);
  });

  test('ranking shares a rank on ties', () => {
    const ranked = rankByScore([
      { unit: 'a', score: 80 },
      { unit: 'b', score: 90 },
      { unit: 'c', score: 80 },
      { unit: 'd', score: 70 },
    ]);
    assert.deepEqual(
      ranked.map((x) => [x.unit, x.rank]),
      [
        ['b', 1],
        ['a', 2],
        ['c', 2],
        ['d', 4],
      ],
    );
  });
});
