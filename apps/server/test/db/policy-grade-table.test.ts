import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GradeTable, PolicyVersionListOfKind } from '@xinhuo/shared';
import { createPolicyVersions } from '../../src/platform/policy/policy-versions';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

// Mission C3 on the policy mechanism: the grade table of village cadres (四岗十五级) is the kind
// `grade_table`. Version 1 holds illustrative values from the migration. Today is Monday 2026-03-02.
describe('the grade table (四岗十五级): a policy kind with effective dates', () => {
  let env: TestEnv;
  let city: string;
  const url = '/api/policy/grade_table/versions';

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    city = await env.login('city1');
  });
  after(() => env.close());

  const list = async () => {
    const r = await env.request(city, { method: 'GET', url });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as PolicyVersionListOfKind<'grade_table'>;
  };
  const publish = (effectiveFrom: string, body: unknown, lang = 'zh-CN') =>
    env.request(city, {
      method: 'POST',
      url,
      payload: { effectiveFrom, body },
      headers: { 'accept-language': lang },
    });
  const seed = async () => structuredClone((await list()).items.at(-1)!.body) as GradeTable;
  const fields = (r: {
    json: () => { error: { fields: { path: string; reason: string; message: string }[] } };
  }) => r.json().error.fields;

  test('version 1 holds 4 posts, 15 grades with non-decreasing pay and one rule per level', async () => {
    const l = await list();
    assert.deepEqual(
      l.items.map((v) => [v.version, v.status, v.effectiveFrom]),
      [[1, 'in_force', '2000-01-01']],
    );
    const b = l.items[0]!.body;
    assert.equal(b.posts.length, 4);
    assert.deepEqual(
      b.grades.map((g) => g.grade),
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    assert.ok(b.grades.every((g, i) => i === 0 || g.monthlyPay >= b.grades[i - 1]!.monthlyPay));
    assert.deepEqual(b.promotion.map((r) => r.level).sort(), [
      'basically_competent',
      'competent',
      'excellent',
      'incompetent',
    ]);
    assert.equal(l.items[0]!.createdBy, null);
  });

  test('the schema refuses pay lower than the grade below, a wrong grade count and an unknown level (zh and en)', async () => {
    const b = await seed();
    const dip = structuredClone(b);
    dip.grades[4]!.monthlyPay = dip.grades[3]!.monthlyPay - 1;
    const r1 = await publish('2026-04-01', dip, 'en');
    assert.equal(r1.statusCode, 400, r1.body);
    assert.equal(r1.json().error.code, 'VALIDATION_FAILED');
    assert.deepEqual(fields(r1), [
      {
        path: 'body.grades.4.monthlyPay',
        reason: 'PAY_NOT_MONOTONE',
        message: 'The monthly base pay cannot be lower than the grade below',
      },
    ]);
    assert.equal(fields(await publish('2026-04-01', dip))[0]!.message, '月基本报酬不能低于下一级');

    const short = { ...b, grades: b.grades.slice(0, 14) };
    const r2 = await publish('2026-04-01', short);
    assert.deepEqual(
      fields(r2).map((f) => [f.path, f.reason, f.message]),
      [['body.grades', 'GRADE_COUNT', '四岗十五级须恰好有 15 个等级']],
    );
    assert.equal(
      fields(await publish('2026-04-01', short, 'en'))[0]!.message,
      'The grade table has exactly 15 grades',
    );

    const level = structuredClone(b) as { promotion: { level: string }[] };
    level.promotion[0]!.level = 'outstanding';
    const r3 = await publish('2026-04-01', level, 'en');
    assert.deepEqual(
      fields(r3).map((f) => [f.path, f.reason]),
      [['body.promotion.0.level', 'UNKNOWN_LEVEL']],
    );
    assert.match(fields(r3)[0]!.message, /must be excellent, competent, basically competent or incompetent/);
    assert.match(
      fields(await publish('2026-04-01', level))[0]!.message,
      /考核等次只能是优秀、称职、基本称职或不称职/,
    );

    const twice = structuredClone(b);
    twice.promotion[1]!.level = twice.promotion[0]!.level;
    assert.equal(fields(await publish('2026-04-01', twice))[0]!.reason, 'LEVEL_RULES');
    const posts = { ...b, posts: b.posts.slice(0, 3) };
    assert.equal(fields(await publish('2026-04-01', posts))[0]!.reason, 'POST_COUNT');
    const fraction = structuredClone(b);
    fraction.grades[0]!.monthlyPay = 3000.5;
    assert.equal(fields(await publish('2026-04-01', fraction))[0]!.path, 'body.grades.0.monthlyPay');
    assert.equal((await list()).items.length, 1, 'nothing was written');
  });

  test('the version in force goes by date: a version from April is scheduled before it and in force from it', async () => {
    const b = await seed();
    b.grades = b.grades.map((g) => ({ ...g, monthlyPay: g.monthlyPay + 200 }));
    const r = await publish('2026-04-01', b);
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().status, 'scheduled');
    const versions = createPolicyVersions({ clock: env.clock, audit: env.services.audit });
    const inForce = (date: string) => versions.inForce(env.services.db, 'grade_table', date);
    assert.equal((await inForce('2026-03-31')).version, 1);
    assert.equal((await inForce('2026-04-01')).version, 2);
    assert.equal((await inForce('2026-04-01')).body.grades[0]!.monthlyPay, 3200);
    const audit = await env.services.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'policy_version_create')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.object_id),
      ['grade_table:2'],
    );
    // Withdrawn, it is never in force; its date is free again.
    const cancel = await env.request(city, {
      method: 'POST',
      url: `${url}/2/cancel`,
      payload: { reason: '待县里定稿' },
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal((await inForce('2026-04-01')).version, 1);
    assert.equal((await publish('2026-04-01', b)).statusCode, 201);
    env.clock.set('2026-04-01T01:00:00Z');
    city = await env.login('city1');
    assert.deepEqual(
      (await list()).items.map((v) => [v.version, v.status]),
      [
        [3, 'in_force'],
        [2, 'cancelled'],
        [1, 'superseded'],
      ],
    );
  });
});
