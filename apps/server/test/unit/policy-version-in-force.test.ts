import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { versionInForce, versionStatus } from '../../src/platform/policy/version-in-force';

const v = (version: number, effectiveFrom: string) => ({ version, effectiveFrom });

describe('the policy version in force on a date', () => {
  const versions = [v(1, '2000-01-01'), v(2, '2026-03-04'), v(3, '2026-02-01'), v(4, '2026-03-04')];

  test('the latest effective date on or before the date; on the same date the higher version', () => {
    assert.equal(versionInForce(versions, '1999-12-31'), null);
    assert.equal(versionInForce(versions, '2000-01-01')?.version, 1);
    assert.equal(versionInForce(versions, '2026-01-31')?.version, 1);
    // Version 3 was written after 2 but takes effect earlier: it rules until 2's date.
    assert.equal(versionInForce(versions, '2026-02-01')?.version, 3);
    assert.equal(versionInForce(versions, '2026-03-03')?.version, 3);
    // Two versions effective the same day: the later one written wins, from that day on.
    assert.equal(versionInForce(versions, '2026-03-04')?.version, 4);
    assert.equal(versionInForce(versions, '2030-01-01')?.version, 4);
    assert.equal(versionInForce([], '2026-03-04'), null);
  });

  test('the order the versions come in does not matter', () => {
    const reversed = [...versions].reverse();
    for (const d of ['2000-01-01', '2026-02-15', '2026-03-04', '2027-01-01'])
      assert.equal(versionInForce(reversed, d)?.version, versionInForce(versions, d)?.version, d);
  });

  test('status today: in force, scheduled (待生效) after today, superseded otherwise', () => {
    const today = '2026-03-02';
    const current = versionInForce(versions, today);
    assert.deepEqual(
      versions.map((x) => versionStatus(x, current, today)),
      ['superseded', 'scheduled', 'in_force', 'scheduled'],
    );
    // On the scheduled date it takes effect by the lookup alone (no job runs).
    const later = '2026-03-04';
    assert.deepEqual(
      versions.map((x) => versionStatus(x, versionInForce(versions, later), later)),
      ['superseded', 'superseded', 'superseded', 'in_force'],
    );
  });

  test('a withdrawn version (已撤销) is never in force and shows as withdrawn, whatever its date', () => {
    const withdrawn = [...versions.slice(0, 3), { ...v(4, '2026-03-04'), cancelled: true }];
    // Version 4 withdrawn: on its date version 2 (same date, lower number) takes effect instead.
    assert.equal(versionInForce(withdrawn, '2026-03-04')?.version, 2);
    assert.equal(versionInForce(withdrawn, '2026-03-03')?.version, 3);
    const today = '2026-03-05';
    const current = versionInForce(withdrawn, today);
    assert.deepEqual(
      withdrawn.map((x) => versionStatus(x, current, today)),
      ['superseded', 'in_force', 'superseded', 'cancelled'],
    );
    assert.equal(versionInForce([{ ...v(1, '2000-01-01'), cancelled: true }], '2026-03-04'), null);
  });
});
