import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { PipelineDashboard, Program, TierVersion } from '@xinhuo/shared';
import { connectDatabase } from '../../src/platform/db/connect';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { MIGRATIONS } from '../../src/platform/db/migrations';
import { createTestEnv, freshDatabaseUrl, type TestEnv } from '../helpers/test-env';

// Issue 10 item 5: a pipeline tier's rules AND terms (target, hours a year, training length) are dated,
// immutable versions. A version dated in the past is refused; the database refuses an update or delete; a
// scheduled version of the target leaves today's dashboard target as it is and takes over on its date;
// a scheduled version can be withdrawn with a reason (audited), then it is never in force.
describe('pipeline tiers: dated, immutable versions', () => {
  let env: TestEnv;
  let city: string;
  let town: string;
  let tierId: string;
  const post = (cookie: string, url: string, payload: object) =>
    env.request(cookie, { method: 'POST', url, payload });
  const get = (cookie: string, url: string) => env.request(cookie, { method: 'GET', url });
  const tier = async () =>
    (await get(city, '/api/pipeline/programs'))
      .json<{ items: Program[] }>()
      .items.flatMap((p) => p.tiers)
      .find((t) => t.id === tierId)!;
  const dashboardTarget = async (date: string) =>
    (await get(city, `/api/pipeline/dashboard?date=${date}`))
      .json<PipelineDashboard>()
      .tiers.find((t) => t.tierId === tierId)!.target;
  const statuses = (vs: TierVersion[]) => vs.map((v) => [v.version, v.status]);

  before(async () => {
    // The clock stands at 2026-03-02 (Shanghai).
    env = await createTestEnv({
      users: [
        ['city1', 'city_admin', 'cityId'],
        ['towna', 'town_staff', 'townA'],
      ],
    });
    [city, town] = await Promise.all([env.login('city1'), env.login('towna')]);
    const p = await post(city, '/api/pipeline/programs', {
      name: '版本测试计划',
      periodFrom: '2025-01-01',
      periodTo: '2027-12-31',
      ownerOrgId: env.seed.cityId,
    });
    assert.equal(p.statusCode, 201, p.body);
    const t = await post(city, `/api/pipeline/programs/${p.json().id}/tiers`, {
      code: 'benchmark',
      nameZh: '乡村标杆书记',
      nameEn: 'Benchmark village secretary',
      target: 40,
      hoursPerYear: 40,
      monthsMin: 24,
      monthsMax: 36,
      rules: [{ kind: 'max_age', years: 45 }],
    });
    assert.equal(t.statusCode, 201, t.body);
    tierId = t.json().id;
  });
  after(() => env?.close());

  test('version 1 holds the rules and terms from the start; a version dated before today is refused', async () => {
    const t = await tier();
    assert.deepEqual(statuses(t.ruleSets), [[1, 'in_force']]);
    assert.equal(t.ruleSets[0]!.effectiveFrom, '2000-01-01');
    assert.equal(t.ruleSets[0]!.target, 40);
    const past = await post(city, `/api/pipeline/tiers/${tierId}/rules`, {
      effectiveFrom: '2026-03-01',
      rules: [{ kind: 'max_age', years: 40 }],
      target: 99,
    });
    assert.equal(past.statusCode, 400, past.body);
    assert.equal(past.json().error.code, 'EFFECTIVE_DATE_PAST');
    assert.equal((await tier()).ruleSets.length, 1);
    // Town staff cannot write the policy.
    const denied = await post(town, `/api/pipeline/tiers/${tierId}/rules`, {
      effectiveFrom: '2026-06-01',
      rules: [{ kind: 'max_age', years: 40 }],
    });
    assert.equal(denied.statusCode, 403);
  });

  test("a scheduled version of the target does not change today's target; it takes over on its date", async () => {
    const r = await post(city, `/api/pipeline/tiers/${tierId}/rules`, {
      effectiveFrom: '2026-06-01',
      rules: [{ kind: 'max_age', years: 40 }],
      target: 60,
    });
    assert.equal(r.statusCode, 204, r.body);
    const t = await tier();
    assert.equal(t.target, 40);
    assert.deepEqual(statuses(t.ruleSets), [
      [2, 'scheduled'],
      [1, 'in_force'],
    ]);
    // Terms not given are kept from the version in force on that date.
    assert.deepEqual(
      [
        t.ruleSets[0]!.target,
        t.ruleSets[0]!.hoursPerYear,
        t.ruleSets[0]!.monthsMin,
        t.ruleSets[0]!.monthsMax,
      ],
      [60, 40, 24, 36],
    );
    assert.equal(await dashboardTarget('2026-03-02'), 40);
    assert.equal(await dashboardTarget('2026-07-01'), 60);
    const audit = await env.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pipeline_rules_add')
      .where('object_id', '=', tierId)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(JSON.parse(audit[0]!.details).target, 60);
  });

  test('versions are immutable: the database refuses an update or delete', async () => {
    await assert.rejects(
      sql`update pipeline_rule_sets set target = 1 where tier_id = ${tierId}`.execute(env.services.db),
      /immutable/,
    );
    await assert.rejects(
      sql`delete from pipeline_rule_sets where tier_id = ${tierId}`.execute(env.services.db),
      /immutable/,
    );
    assert.equal((await tier()).ruleSets.length, 2);
  });

  test('a scheduled version is withdrawn with a reason, audited; it is never in force; others cannot be', async () => {
    const url = (v: number) => `/api/pipeline/tiers/${tierId}/versions/${v}/cancel`;
    assert.equal((await post(town, url(2), { reason: '指标调整' })).statusCode, 403);
    const inForce = await post(city, url(1), { reason: '指标调整' });
    assert.equal(inForce.statusCode, 409);
    assert.equal(inForce.json().error.code, 'POLICY_VERSION_NOT_SCHEDULED');
    assert.equal((await post(city, url(9), { reason: '指标调整' })).statusCode, 404);
    const ok = await post(city, url(2), { reason: '指标调整' });
    assert.equal(ok.statusCode, 204, ok.body);
    const again = await post(city, url(2), { reason: '指标调整' });
    assert.equal(again.json().error.code, 'POLICY_VERSION_NOT_SCHEDULED');
    const t = await tier();
    assert.deepEqual(statuses(t.ruleSets), [
      [2, 'cancelled'],
      [1, 'in_force'],
    ]);
    assert.equal(t.ruleSets[0]!.cancellation!.reason, '指标调整');
    assert.equal(await dashboardTarget('2026-07-01'), 40);
    const audit = await env.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pipeline_tier_version_cancel')
      .execute();
    assert.equal(audit.length, 1);
    await assert.rejects(
      sql`delete from pipeline_rule_set_cancellations`.execute(env.services.db),
      /immutable/,
    );
  });
  test('a withdrawn version does not hold its date: a new version may take it; one not withdrawn does', async () => {
    const url = `/api/pipeline/tiers/${tierId}/rules`;
    const again = await post(city, url, {
      effectiveFrom: '2026-06-01', // the date of version 2, withdrawn
      rules: [{ kind: 'max_age', years: 42 }],
      target: 55,
    });
    assert.equal(again.statusCode, 204, again.body);
    const t = await tier();
    assert.deepEqual(statuses(t.ruleSets), [
      [3, 'scheduled'],
      [2, 'cancelled'],
      [1, 'in_force'],
    ]);
    assert.equal(await dashboardTarget('2026-07-01'), 55);
    const taken = await post(city, url, {
      effectiveFrom: '2026-06-01',
      rules: [{ kind: 'max_age', years: 41 }],
    });
    assert.equal(taken.statusCode, 400, taken.body);
    assert.deepEqual(taken.json().error.fields, [
      { path: 'effectiveFrom', reason: 'DUPLICATE', message: 'DUPLICATE' },
    ]);
    assert.equal((await tier()).ruleSets.length, 3);
  });
});

describe('the 2027-01-07 migration', () => {
  test("numbers a tier's existing rule sets by date and gives them the tier's terms", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const h = await connectDatabase<any>({ databaseUrl: await freshDatabaseUrl(), sqliteFile: ':memory:' });
    try {
      const at = MIGRATIONS.findIndex((m) => m.name === '2027-01-07-pipeline-tier-versions');
      assert.ok(at > 0);
      await migrateToLatest(h.db, h.dialect, MIGRATIONS.slice(0, at));
      const now = '2026-01-01T00:00:00Z';
      await h.db
        .insertInto('orgs')
        .values({
          id: 'o1',
          name: '市',
          kind: 'city',
          sub_kind: 'city',
          path: '/o1/',
          depth: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await h.db
        .insertInto('pipeline_programs')
        .values({
          id: 'p1',
          name: '计划',
          period_from: '2021-01-01',
          period_to: '2025-12-31',
          owner_org_id: 'o1',
          owner_org_path: '/o1/',
          created_at: now,
        })
        .execute();
      await h.db
        .insertInto('pipeline_tiers')
        .values({
          id: 't1',
          program_id: 'p1',
          code: 'benchmark',
          name_zh: '标杆',
          name_en: 'Benchmark',
          target: 20,
          hours_per_year: 40,
          months_min: 24,
          months_max: 36,
          sort_order: 0,
        })
        .execute();
      for (const [id, from] of [
        ['r2', '2024-01-01'],
        ['r1', '2020-01-01'],
      ])
        await h.db
          .insertInto('pipeline_rule_sets')
          .values({ id, tier_id: 't1', effective_from: from, rules_json: '[]', created_at: now })
          .execute();
      await migrateToLatest(h.db, h.dialect);
      const rows = await h.db
        .selectFrom('pipeline_rule_sets')
        .select(['id', 'version', 'target', 'hours_per_year', 'months_min', 'months_max'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map((r: Record<string, unknown>) =>
          Object.values(r).map((x) => (typeof x === 'string' ? x : Number(x))),
        ),
        [
          ['r1', 1, 20, 40, 24, 36],
          ['r2', 2, 20, 40, 24, 36],
        ],
      );
      await assert.rejects(sql`update pipeline_rule_sets set version = 3`.execute(h.db), /immutable/);
    } finally {
      await h.close();
    }
  });
});
