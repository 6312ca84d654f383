import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ageBandOf,
  ageOn,
  violatesRoleSeparation,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
} from '../src/index';

test('age on a reference date counts whole years, birthdays included', () => {
  const cases: [string, string, number][] = [
    ['1970-01-10', '2021-01-10', 51],
    ['1970-01-11', '2021-01-10', 50],
    ['1980-02-29', '2021-02-28', 40],
    ['1980-02-29', '2021-03-01', 41],
    ['2000-12-31', '2021-01-10', 20],
  ];
  for (const [birth, ref, age] of cases) assert.equal(ageOn(birth, ref), age, `${birth} on ${ref}`);
});

test('age bands have closed upper bounds', () => {
  const cases: [number, string][] = [
    [30, '<=30'],
    [31, '31-35'],
    [35, '31-35'],
    [40, '36-40'],
    [45, '41-45'],
    [50, '46-50'],
    [55, '51-55'],
    [56, '>55'],
  ];
  for (const [age, band] of cases) assert.equal(ageBandOf(age), band, String(age));
});

test('the three separated administrators hold no roster permission and no role has a wildcard', () => {
  for (const r of ['sys_admin', 'sec_admin', 'audit_admin'] as const) {
    const p = permissionsOf([r]);
    assert.ok(!p.some((x) => x.startsWith('roster:') || x === 'pii:reveal' || x === 'stats:read'), r);
  }
  assert.deepEqual(
    permissionsOf(['audit_admin']).filter((p) => p.startsWith('audit')),
    ['audit:read'],
  );
  for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) assert.ok(!p.includes('*'), `${r} ${p}`);
  assert.equal(violatesRoleSeparation(['sys_admin', 'audit_admin']), true);
  // A separated administrator role beside any business role is a conflict too (issue 7, item 3).
  for (const admin of ['sys_admin', 'sec_admin', 'audit_admin'] as const) {
    assert.equal(violatesRoleSeparation([admin]), false, admin);
    for (const other of ROLES.filter((r) => r !== admin)) {
      assert.equal(violatesRoleSeparation([admin, other]), true, `${admin}+${other}`);
      assert.equal(violatesRoleSeparation([other, admin]), true, `${other}+${admin}`);
    }
  }
  assert.equal(violatesRoleSeparation(['city_admin', 'leader']), false);
});
