import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CANDIDATE_ACTIONS,
  CANDIDATE_STATES,
  candidateNextActions,
  candidateStepTarget,
  type CandidateAction,
  type CandidateState,
} from '@xinhuo/shared';
import { loadOfficialDays } from '../../src/platform/calendar/official-days';
import { createWorkCalendar } from '../../src/platform/calendar/work-calendar';
import { noticeEndDate, noticeOver } from '../../src/modules/pipeline/pipeline-notice';

// The legal steps, written out independently of the machine's table.
const LEGAL: [CandidateState, CandidateAction, CandidateState][] = [
  ['nominated', 'check_eligibility', 'eligibility_checked'],
  ['eligibility_checked', 'check_eligibility', 'eligibility_checked'],
  ['eligibility_checked', 'vet', 'vetted'],
  ['vetted', 'start_notice', 'notice'],
  ['notice', 'select', 'selected'],
  ['selected', 'start_training', 'in_training'],
  ['in_training', 'assess', 'in_training'],
  ['in_training', 'place', 'placed'],
  ...(['nominated', 'eligibility_checked', 'vetted', 'notice', 'selected', 'in_training'] as const).map(
    (s) => [s, 'exit', 'exited'] as [CandidateState, CandidateAction, CandidateState],
  ),
];

describe('pipeline candidate machine', () => {
  test('every legal step leads where it should', () => {
    for (const [s, a, to] of LEGAL) assert.equal(candidateStepTarget(s, a), to, `${a} from ${s}`);
  });

  test('every other (state, action) pair is refused', () => {
    let refused = 0;
    for (const s of CANDIDATE_STATES)
      for (const a of CANDIDATE_ACTIONS) {
        if (LEGAL.some(([ls, la]) => ls === s && la === a)) continue;
        assert.equal(candidateStepTarget(s, a), null, `${a} from ${s}`);
        assert.equal(candidateNextActions(s).includes(a), false);
        refused++;
      }
    assert.equal(refused, CANDIDATE_STATES.length * CANDIDATE_ACTIONS.length - LEGAL.length);
    assert.deepEqual(candidateNextActions('placed'), []);
    assert.deepEqual(candidateNextActions('exited'), []);
  });
});

describe('任前公示 end date on the working-day calendar', () => {
  const cal = createWorkCalendar(loadOfficialDays());
  test('5 working days from a Monday end on Friday; selection from the next day', () => {
    assert.equal(noticeEndDate(cal, '2025-06-09', 5), '2025-06-13');
    assert.equal(noticeOver('2025-06-13', '2025-06-13'), false);
    assert.equal(noticeOver('2025-06-13', '2025-06-14'), true);
  });
  test('across the 2025 National Day holiday and its 调休 Saturday', () => {
    // 2025-09-30 (Tue) is a working day, 10-01..10-08 off, Saturday 10-11 a make-up working day.
    // 09-29, 09-30, 10-09, 10-10, 10-11 (Saturday, 调休).
    assert.equal(noticeEndDate(cal, '2025-09-29', 5), '2025-10-11');
    assert.equal(noticeEndDate(cal, '2025-09-29', 6), '2025-10-13');
  });
  test('a start on a holiday counts from the first working day', () => {
    assert.equal(noticeEndDate(cal, '2025-10-03', 5), '2025-10-14');
  });
  test('across the 2026 Spring Festival with the 调休 Saturdays 02-14 and 02-28', () => {
    // 02-09..02-13 Mon–Fri, 02-14 Sat working → a start on 02-10 ends on 02-14.
    assert.equal(noticeEndDate(cal, '2026-02-10', 5), '2026-02-14');
    // 02-15..02-23 off: a start on 02-13 counts 02-13, 02-14, 02-24, 02-25, 02-26.
    assert.equal(noticeEndDate(cal, '2026-02-13', 5), '2026-02-26');
  });
});
