import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkPersonDates,
  checkWorkHistory,
  crossCheckIdNumber,
  parseWorkHistory,
  type WorkPeriod,
} from '@xinhuo/shared';

const TODAY = '2026-06-30';
const BIRTH = '1990-02-03';

test('ID vs birth date vs gender', () => {
  const fromId = { birthDate: BIRTH, gender: '1' as const };
  assert.deepEqual(crossCheckIdNumber(fromId, { birthDate: BIRTH, gender: '1' }), []);
  assert.deepEqual(crossCheckIdNumber(fromId, {}), []);
  assert.deepEqual(crossCheckIdNumber(fromId, { gender: '9' }), []); // 未说明 says nothing
  assert.deepEqual(crossCheckIdNumber(fromId, { birthDate: '1990-02-04', gender: '2' }), [
    { field: 'birthDate', reason: 'ID_BIRTH_DATE_MISMATCH' },
    { field: 'gender', reason: 'ID_GENDER_MISMATCH' },
  ]);
});

test('impossible dates: future, before birth, party before 18, work before 16', () => {
  const check = (partyJoinDate: string | null, workStartDate: string | null) =>
    checkPersonDates({ birthDate: BIRTH, partyJoinDate, workStartDate }, TODAY).map(
      (i) => `${i.field}:${i.reason}`,
    );
  assert.deepEqual(check('2010-07-01', '2008-09-01'), []);
  assert.deepEqual(check('2008-02-03', '2006-02-03'), []); // the birthdays themselves
  assert.deepEqual(check('2008-02-02', '2006-02-02'), [
    'partyJoinDate:PARTY_JOIN_UNDER_18',
    'workStartDate:WORK_START_UNDER_16',
  ]);
  assert.deepEqual(check('2026-07-01', '1989-12-31'), [
    'partyJoinDate:DATE_IN_FUTURE',
    'workStartDate:DATE_BEFORE_BIRTH',
  ]);
  assert.deepEqual(check('2010-02-30', null), ['partyJoinDate:DATE_FORMAT']);
  // born on 29 February: 18 on 1 March of a common year
  const leap = (d: string) =>
    checkPersonDates({ birthDate: '2000-02-29', partyJoinDate: d }, TODAY).map((i) => i.reason);
  assert.deepEqual(leap('2018-02-28'), ['PARTY_JOIN_UNDER_18']);
  assert.deepEqual(leap('2018-03-01'), []);
});

const p = (from: string, to: string | null, text = ''): WorkPeriod => ({ from, to, text });

test('work history: contiguous periods pass, gaps and overlaps name the periods', () => {
  assert.deepEqual(
    checkWorkHistory([p('2008-09', '2012-07'), p('2012-07', '2015-03'), p('2015-04', null)]),
    [],
  );
  assert.deepEqual(checkWorkHistory([]), []);
  assert.deepEqual(checkWorkHistory([p('2008-09', '2012-07'), p('2012-09', null)]), [
    { reason: 'WORK_HISTORY_GAP', index: 1, previous: 0 },
  ]);
  assert.deepEqual(checkWorkHistory([p('2008-09', '2012-07'), p('2012-06', null)]), [
    { reason: 'WORK_HISTORY_OVERLAP', index: 1, previous: 0 },
  ]);
  assert.deepEqual(checkWorkHistory([p('2008-09', null), p('2012-06', null)]), [
    { reason: 'WORK_HISTORY_OPEN_NOT_LAST', index: 0 },
  ]);
  assert.deepEqual(checkWorkHistory([p('2012-09', '2008-07')]), [
    { reason: 'WORK_HISTORY_PERIOD_REVERSED', index: 0 },
  ]);
  assert.deepEqual(checkWorkHistory([p('2012-13', null)]), [
    { reason: 'WORK_HISTORY_PERIOD_FORMAT', index: 0 },
  ]);
});

test('parseWorkHistory reads the 简历 lines of LRMX and printed forms', () => {
  const text =
    '1998.09--2002.07  江苏大学农学专业学习\r\n2002.07--2015.01  杨舍镇福前村\n  村委会委员\n2015.01--  现职';
  assert.deepEqual(parseWorkHistory(text), [
    { from: '1998-09', to: '2002-07', text: '江苏大学农学专业学习' },
    { from: '2002-07', to: '2015-01', text: '杨舍镇福前村村委会委员' },
    { from: '2015-01', to: null, text: '现职' },
  ]);
  assert.deepEqual(checkWorkHistory(parseWorkHistory(text)), []);
});

// ---- property: contiguous histories pass; moving one boundary is reported on that period ----

const ym = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
const historyArb = fc
  .tuple(
    fc.integer({ min: 1970 * 12, max: 2000 * 12 }),
    fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 8 }),
    fc.array(fc.constantFrom(0, 1), { minLength: 8, maxLength: 8 }),
    fc.boolean(),
  )
  .map(([start, lengths, steps, open]) => {
    const periods: WorkPeriod[] = [];
    let from = start;
    lengths.forEach((len, i) => {
      const to = from + len;
      periods.push(p(ym(from), ym(to)));
      from = to + steps[i]!; // the next starts the month this one ends, or the month after
    });
    if (open) periods[periods.length - 1]!.to = null;
    return periods;
  });

test('property: generated contiguous histories have no issue', () => {
  fc.assert(
    fc.property(historyArb, (periods) => assert.deepEqual(checkWorkHistory(periods), [])),
    {
      numRuns: 2000,
    },
  );
});

test('property: a start moved 2+ months later is a gap, moved earlier is an overlap, on that period', () => {
  fc.assert(
    fc.property(
      historyArb,
      fc.nat(),
      fc.integer({ min: 2, max: 24 }),
      fc.boolean(),
      (periods, k, shift, later) => {
        fc.pre(periods.length >= 2);
        const i = 1 + (k % (periods.length - 1));
        const prevEnd = periods[i - 1]!.to!;
        const [y, m] = prevEnd.split('-').map(Number) as [number, number];
        const end = y * 12 + m - 1;
        const newStart = later ? end + shift : end - shift;
        const changed = periods.map((x) => ({ ...x }));
        changed[i]!.from = ym(newStart);
        fc.pre(changed[i]!.to === null || changed[i]!.to! >= changed[i]!.from);
        const issues = checkWorkHistory(changed);
        assert.deepEqual(issues, [
          { reason: later ? 'WORK_HISTORY_GAP' : 'WORK_HISTORY_OVERLAP', index: i, previous: i - 1 },
        ]);
      },
    ),
    { numRuns: 2000 },
  );
});
