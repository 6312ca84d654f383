import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highestEducation, isCollegeOrAbove } from '@xinhuo/shared';
import { planRenewal2026, type RenewalInput, type SittingMember } from '../../src/demo/renewal-2026';
import { createRandom } from '../../src/demo/random';

// A city of 2021 committees shaped like the demo's (secretary, deputies, members; ages around 39, 94% 大专+).
function city2021(seed: number, villages: number): RenewalInput[] {
  const rng = createRandom(seed);
  return Array.from({ length: villages }, (_, v) => {
    const size = rng.int(3, 8);
    const deputies = size >= 6 ? 2 : size >= 4 ? 1 : 0;
    const committee: SittingMember[] = Array.from({ length: size }, (_, i) => ({
      role: i === 0 ? 'party_secretary' : i <= deputies ? 'party_deputy_secretary' : 'party_member',
      age: Math.max(24, Math.min(60, Math.round(rng.normal(i === 0 ? 43 : 38, 7)))),
      gender: rng.chance(i === 0 ? 0.12 : 0.36) ? '2' : '1',
      college: rng.chance(0.94),
    }));
    return { committee, keep: v === 7 ? [0, 1] : [] };
  });
}

const input = city2021(11, 264);
const plan = planRenewal2026(2026, input);

/** Mean age, 大专+ share and women's share of the 2021 committees and of the planned 2026 ones. */
function figures() {
  const old = input.flatMap((v) => v.committee);
  const now = plan.flatMap((p, v) =>
    p.seats.map((s) => {
      if (s.incumbent === null) {
        const college = isCollegeOrAbove(highestEducation(s.person.fullTime, s.person.inService));
        return { age: s.person.age, college, woman: s.person.gender === '2' };
      }
      const m = input[v]!.committee[s.incumbent]!;
      return { age: m.age + 5, college: m.college, woman: m.gender === '2' };
    }),
  );
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    old: {
      age: mean(old.map((m) => m.age)),
      college: mean(old.map((m) => (m.college ? 1 : 0))),
      women: mean(old.map((m) => (m.gender === '2' ? 1 : 0))),
    },
    now: {
      age: mean(now.map((m) => m.age)),
      college: mean(now.map((m) => (m.college ? 1 : 0))),
      women: mean(now.map((m) => (m.woman ? 1 : 0))),
    },
  };
}

test('the 2026 committees are younger, better educated and have more women than the 2021 ones', () => {
  const f = figures();
  assert.ok(f.now.age < f.old.age - 1 && f.now.age > f.old.age - 7, `mean age ${f.old.age} → ${f.now.age}`);
  assert.ok(f.now.college > f.old.college && f.now.college < 1, `大专+ ${f.old.college} → ${f.now.college}`);
  assert.ok(f.now.women > f.old.women, `women ${f.old.women} → ${f.now.women}`);
});

test('most secretaries are re-elected, some retire, and the older ones retire first', () => {
  const secretaries = plan.map((p, v) => {
    const sec = input[v]!.committee.findIndex((m) => m.role === 'party_secretary');
    const seat = p.seats.find((s) => s.role === 'party_secretary')!;
    return { age: input[v]!.committee[sec]!.age, kept: seat.incumbent === sec };
  });
  const kept = secretaries.filter((s) => s.kept).length / secretaries.length;
  assert.ok(kept > 0.6 && kept < 0.9, `re-elected secretaries ${kept}`);
  assert.ok(
    secretaries.filter((s) => s.age + 5 >= 58).every((s) => !s.kept),
    'none past 58 stays',
  );
  const newcomers = plan.flatMap((p) => p.seats).filter((s) => s.incumbent === null).length;
  assert.ok(newcomers > 0.25 * plan.flatMap((p) => p.seats).length, 'a share of new members');
});

test('each committee keeps its size, one secretary, no one twice, and the kept members', () => {
  plan.forEach((p, v) => {
    const c = input[v]!.committee;
    assert.equal(p.seats.length, c.length, `village ${v}`);
    assert.equal(p.seats.filter((s) => s.role === 'party_secretary').length, 1);
    const incumbents = p.seats.flatMap((s) => (s.incumbent === null ? [] : [s.incumbent]));
    assert.equal(new Set(incumbents).size, incumbents.length);
    for (const k of input[v]!.keep ?? [])
      assert.equal(p.seats.find((s) => s.incumbent === k)?.role, c[k]!.role, `kept member ${k}`);
  });
});

test('election days are weekdays of January–March 2026 outside the Spring Festival, spread over the quarter', () => {
  const days = plan.map((p) => p.electionDate);
  for (const d of days) {
    assert.ok(d >= '2026-01-05' && d <= '2026-03-31', d);
    assert.ok(d < '2026-02-15' || d > '2026-02-23', d);
    assert.ok(![0, 6].includes(new Date(d + 'T00:00:00Z').getUTCDay()), d);
  }
  for (const month of ['2026-01', '2026-02', '2026-03'])
    assert.ok(days.filter((d) => d.startsWith(month)).length > 30, month);
  const oneShoulder = plan.filter((p) => p.secretaryDirector).length / plan.length;
  assert.ok(oneShoulder > 0.92 && oneShoulder < 1, `一肩挑 ${oneShoulder}`);
});

test('the same seed gives the same plan, another seed another', () => {
  assert.deepEqual(planRenewal2026(2026, input), plan);
  assert.notDeepEqual(planRenewal2026(2027, input), plan);
});
