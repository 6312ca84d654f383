import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateEligibility,
  evaluateRule,
  ruleSetOn,
  wholeYearsBetween,
  type EligibilityFacts,
  type RuleSetVersion,
} from '@xinhuo/shared';

const base: EligibilityFacts = {
  birthDate: '1985-06-15',
  orgKind: 'organ',
  rank: 'middle_deputy',
  fullTimeEducation: '30',
  inServiceEducation: '20',
  politicalStatus: '01',
  currentPostSince: '2017-03-01',
  trainingHours: null,
  assessments: null,
};

// Day arithmetic for the property tests (UTC dates, no time zone).
const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('pipeline eligibility rules', () => {
  test('age ≤ 35: eligible on the 35th birthday, not the day after', () => {
    const rule = { kind: 'max_age', years: 35 } as const;
    assert.equal(evaluateRule(rule, base, '2020-06-15').outcome, 'pass');
    assert.equal(evaluateRule(rule, base, '2020-06-16').outcome, 'fail');
    assert.equal(evaluateRule(rule, base, '2020-06-14').outcome, 'pass');
    assert.match(evaluateRule(rule, base, '2020-06-16').reason.zh, /2020-06-15/);
    assert.match(evaluateRule(rule, base, '2020-06-16').reason.en, /35 or under/);
  });

  test('age rule property: for every birth date over four years, the boundary is exactly the N-th birthday', () => {
    for (let i = 0; i < 4 * 366; i += 1) {
      const birth = plusDays('1984-01-01', i);
      const facts = { ...base, birthDate: birth };
      for (const n of [30, 35, 40]) {
        const y = String(Number(birth.slice(0, 4)) + n);
        const md = birth.slice(5);
        // 29 February: the birthday falls on 28 February in a common year.
        const bday = md === '02-29' && Number(y) % 4 !== 0 ? `${y}-02-28` : `${y}-${md}`;
        assert.equal(
          evaluateRule({ kind: 'max_age', years: n }, facts, bday).outcome,
          'pass',
          `${birth} ${n}`,
        );
        assert.equal(
          evaluateRule({ kind: 'max_age', years: n }, facts, plusDays(bday, 1)).outcome,
          'fail',
          `${birth} ${n} +1`,
        );
      }
    }
  });

  test('whole years: completed anniversaries only', () => {
    assert.equal(wholeYearsBetween('2017-03-01', '2020-02-29'), 2);
    assert.equal(wholeYearsBetween('2017-03-01', '2020-03-01'), 3);
    assert.equal(wholeYearsBetween('2020-02-29', '2021-02-28'), 1);
  });

  test('source org kind, rank, political status', () => {
    assert.equal(
      evaluateRule({ kind: 'source_org_kind', kinds: ['organ'] }, base, '2020-01-01').outcome,
      'pass',
    );
    const village = { ...base, orgKind: 'village' as const };
    const r = evaluateRule({ kind: 'source_org_kind', kinds: ['organ'] }, village, '2020-01-01');
    assert.equal(r.outcome, 'fail');
    assert.match(r.reason.zh, /村（社区）/);
    assert.equal(
      evaluateRule({ kind: 'rank', ranks: ['middle_chief', 'middle_deputy'] }, base, '2020-01-01').outcome,
      'pass',
    );
    assert.equal(evaluateRule({ kind: 'rank', ranks: ['middle_chief'] }, base, '2020-01-01').outcome, 'fail');
    assert.equal(
      evaluateRule({ kind: 'rank', ranks: ['middle_chief'] }, { ...base, rank: null }, '2020-01-01').outcome,
      'no_data',
    );
    assert.equal(
      evaluateRule({ kind: 'political_status', codes: ['01', '02'] }, base, '2020-01-01').outcome,
      'pass',
    );
    assert.equal(
      evaluateRule(
        { kind: 'political_status', codes: ['01'] },
        { ...base, politicalStatus: '03' },
        '2020-01-01',
      ).outcome,
      'fail',
    );
  });

  test('education: the higher of full-time and in-service counts', () => {
    // 全日制 专科 + 在职 本科 → 本科 meets "at least 本科".
    assert.equal(evaluateRule({ kind: 'min_education', code: '20' }, base, '2020-01-01').outcome, 'pass');
    const college = { ...base, inServiceEducation: null };
    const r = evaluateRule({ kind: 'min_education', code: '20' }, college, '2020-01-01');
    assert.equal(r.outcome, 'fail');
    assert.match(r.reason.zh, /大学专科教育/);
    assert.equal(evaluateRule({ kind: 'min_education', code: '30' }, college, '2020-01-01').outcome, 'pass');
    assert.equal(
      evaluateRule(
        { kind: 'min_education', code: '30' },
        { ...college, fullTimeEducation: null },
        '2020-01-01',
      ).outcome,
      'no_data',
    );
  });

  test('years in current post at the boundary', () => {
    const rule = { kind: 'min_years_in_post', years: 3 } as const;
    assert.equal(evaluateRule(rule, base, '2020-02-29').outcome, 'fail');
    assert.equal(evaluateRule(rule, base, '2020-03-01').outcome, 'pass');
  });

  test('training hours and 不称职 without data are visible "no data" and do not fail the set', () => {
    const versions: RuleSetVersion[] = [
      {
        effectiveFrom: '2019-01-01',
        rules: [
          { kind: 'max_age', years: 35 },
          { kind: 'min_training_hours', hours: 40 },
          { kind: 'no_incompetent', years: 3 },
        ],
      },
    ];
    const r = evaluateEligibility(versions, base, '2020-06-01');
    assert.equal(r.eligible, true);
    assert.deepEqual(
      r.results.map((x) => x.outcome),
      ['pass', 'no_data', 'no_data'],
    );
    assert.match(r.results[1]!.reason.zh, /无数据/);
    assert.match(r.results[2]!.reason.en, /No data/);
    const withData = {
      ...base,
      trainingHours: 39,
      assessments: [{ year: 2018, level: 'incompetent' as const }],
    };
    const r2 = evaluateEligibility(versions, withData, '2020-06-01');
    assert.equal(r2.eligible, false);
    assert.deepEqual(
      r2.results.map((x) => x.outcome),
      ['pass', 'fail', 'fail'],
    );
    assert.match(r2.results[2]!.reason.zh, /2018 年度考核为不称职/);
    // 2016 is outside the last three years of a 2020 selection.
    const old = {
      ...base,
      assessments: [
        { year: 2016, level: 'incompetent' as const },
        { year: 2019, level: 'competent' as const },
      ],
    };
    assert.equal(evaluateRule({ kind: 'no_incompetent', years: 3 }, old, '2020-06-01').outcome, 'pass');
    assert.equal(
      evaluateRule({ kind: 'min_training_hours', hours: 40 }, { ...base, trainingHours: 40 }, '2020-06-01')
        .outcome,
      'pass',
    );
  });

  test('versioning: the version effective on the selection date applies, the later one from its date on', () => {
    const versions: RuleSetVersion[] = [
      { effectiveFrom: '2022-01-01', rules: [{ kind: 'max_age', years: 40 }] },
      { effectiveFrom: '2019-01-01', rules: [{ kind: 'max_age', years: 35 }] },
    ];
    assert.equal(ruleSetOn(versions, '2018-12-31'), null);
    assert.equal(ruleSetOn(versions, '2019-01-01')?.effectiveFrom, '2019-01-01');
    assert.equal(ruleSetOn(versions, '2021-12-31')?.effectiveFrom, '2019-01-01');
    assert.equal(ruleSetOn(versions, '2022-01-01')?.effectiveFrom, '2022-01-01');
    // Born 1985-06-15: 36 on 2021-12-31 (fails ≤35), 36 on 2022-01-01 (passes ≤40).
    assert.equal(evaluateEligibility(versions, base, '2021-12-31').eligible, false);
    assert.equal(evaluateEligibility(versions, base, '2022-01-01').eligible, true);
    // No version in force: not eligible, nothing evaluated.
    const none = evaluateEligibility(versions, base, '2018-06-01');
    assert.equal(none.eligible, false);
    assert.equal(none.effectiveFrom, null);
  });
});
