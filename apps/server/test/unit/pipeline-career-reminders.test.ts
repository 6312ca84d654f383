import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { careerLine, intakeDate } from '../../src/modules/pipeline/career/career-line';
import {
  addMonths,
  cityOf,
  dayAfter,
  deskOf,
  inFourthQuarter,
  monthKey,
  trainingEndDue,
} from '../../src/modules/pipeline/reminders/reminder-rules';

const ev = (action: string, date: string, tierCode: string, tierOrder: number, extra = {}) => ({
  candidateId: `c-${tierCode}`,
  state: 'in_training' as const,
  action,
  date,
  tierCode,
  tierNameZh: tierCode,
  tierNameEn: tierCode,
  tierOrder,
  cohortName: '第一批',
  placedOrgName: 'A1村',
  ...extra,
});

describe('career line (pure)', () => {
  test('steps of every program in date order; same-day steps in the order a career runs', () => {
    const steps = careerLine(
      [
        {
          status: 'graduated',
          intakeYear: 2010,
          graduationDate: '2013-06-30',
          placementDate: '2013-06-30',
          placementOrgName: 'A2村',
          cohortName: '2010级',
        },
      ],
      [
        ev('place', '2024-03-01', 'special_post', 1),
        ev('nominate', '2024-03-01', 'benchmark', 2),
        ev('exit', '2021-12-31', 'youth', 0),
        ev('nominate', '2021-12-31', 'special_post', 1),
        // Steps the line does not show (checks, vetting, notice) are left out.
        ev('vet', '2022-01-02', 'special_post', 1),
      ],
      [
        { startDate: '2024-03-01', endDate: null, orgName: 'A1村' },
        { startDate: '2018-01-01', endDate: '2020-01-01', orgName: 'B1村' },
      ],
    );
    assert.deepEqual(
      steps.map((s) => [s.date, s.kind, s.tierCode]),
      [
        [intakeDate(2010), 'class_enrolled', null],
        ['2013-06-30', 'class_graduated', null],
        ['2013-06-30', 'class_placed', null],
        ['2018-01-01', 'seat_started', null],
        ['2020-01-01', 'seat_ended', null],
        ['2021-12-31', 'exited', 'youth'],
        ['2021-12-31', 'nominated', 'special_post'],
        ['2024-03-01', 'placed', 'special_post'],
        ['2024-03-01', 'nominated', 'benchmark'],
      ],
    );
    // The placement's seat is not shown twice; a placement names its village, a nomination no cohort.
    assert.equal(steps.filter((s) => s.orgName === 'A1村').length, 1);
    assert.equal(steps.find((s) => s.kind === 'nominated')!.cohortName, null);
  });

  test('a student who left shows class_left, not a graduation', () => {
    const steps = careerLine(
      [
        {
          status: 'left',
          intakeYear: 2015,
          graduationDate: '2016-01-10',
          placementDate: null,
          placementOrgName: null,
          cohortName: '2015级',
        },
      ],
      [],
      [],
    );
    assert.deepEqual(
      steps.map((s) => s.kind),
      ['class_enrolled', 'class_left'],
    );
  });
});

describe('reminder rules (pure)', () => {
  test('addresses: the city is the first segment, the desk the second (the city for its own people)', () => {
    assert.equal(cityOf('/c/t/v/'), 'c');
    assert.equal(deskOf('/c/t/v/'), 't');
    assert.equal(deskOf('/c/organ/'), 'organ');
    assert.equal(deskOf('/c/'), 'c');
  });

  test('dates: the day after across months and years; months added to the last day a month has', () => {
    assert.equal(dayAfter('2026-02-28'), '2026-03-01');
    assert.equal(dayAfter('2024-02-28'), '2024-02-29');
    assert.equal(dayAfter('2026-12-31'), '2027-01-01');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2024-01-15', 36), '2027-01-15');
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
  });

  test('Q4 is October to December; the shortfall key is the first of the month', () => {
    assert.equal(inFourthQuarter('2026-09-30'), false);
    assert.equal(inFourthQuarter('2026-10-01'), true);
    assert.equal(inFourthQuarter('2026-12-31'), true);
    assert.equal(monthKey('2026-11-17'), '2026-11-01');
  });

  test('training ending: due from three months before the planned end to the end day, not after', () => {
    assert.equal(trainingEndDue('2024-01-15', 36, '2026-10-14'), null);
    assert.equal(trainingEndDue('2024-01-15', 36, '2026-10-15'), '2027-01-15');
    assert.equal(trainingEndDue('2024-01-15', 36, '2027-01-15'), '2027-01-15');
    assert.equal(trainingEndDue('2024-01-15', 36, '2027-01-16'), null);
  });
});
