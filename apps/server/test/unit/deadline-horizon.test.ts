import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertDeadlinesInHorizon,
  deadlineWindow,
} from '../../src/modules/matters/workflow/deadline-horizon';

describe('deadline horizon', () => {
  test('31 days back, two years ahead; 29 February keeps to the end of February', () => {
    assert.deepEqual(deadlineWindow('2026-03-02'), { earliest: '2026-01-30', latest: '2028-03-02' });
    assert.deepEqual(deadlineWindow('2028-02-29'), { earliest: '2028-01-29', latest: '2030-02-28' });
  });

  test('every date field of every action is checked, and all offenders are named at once', () => {
    const today = '2026-03-02';
    assert.doesNotThrow(() =>
      assertDeadlinesInHorizon(
        { action: 'dispatch', leadUnitId: 'x', deadline: '2028-03-02' } as never,
        today,
      ),
    );
    assert.throws(
      () =>
        assertDeadlinesInHorizon(
          {
            action: 'dispatch',
            leadUnitId: 'x',
            deadline: '2028-03-03',
            coUnits: [
              { unitId: 'a', dueDate: '2026-04-01' },
              { unitId: 'b', dueDate: '2025-01-01' },
            ],
          } as never,
          today,
        ),
      (e: { code: string; fields: { path: string }[] }) =>
        e.code === 'MATTER_DEADLINE_OUT_OF_RANGE' &&
        e.fields.map((f) => f.path).join() === 'deadline,coUnits.1.dueDate',
    );
    for (const input of [
      { action: 'request_extension', requestedDue: '2029-01-01', reason: 'r' },
      { action: 'decide_extension', approve: true, deadline: '2029-01-01' },
      { action: 'reopen', reason: 'r', deadline: '2029-01-01' },
    ])
      assert.throws(() => assertDeadlinesInHorizon(input as never, today), /MATTER_DEADLINE_OUT_OF_RANGE/);
  });
});
