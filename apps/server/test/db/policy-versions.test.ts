import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { MatterCatalog, MatterDetail, PolicyVersionListOfKind } from '@xinhuo/shared';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

// Today is Monday 2026-03-02 (Shanghai). The loop's policy version 1 (normal tier: 10 working days,
// sign-for 1) came from the migration; the city schedules version 2 (normal: 5, sign-for 2) from Wednesday.
describe('policy versions with effective dates: open matters keep the version they were raised under', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let mc: ReturnType<typeof matterClient>;
  const url = '/api/policy/matter_loop/versions';

  /** Move the clock and sign everyone in again (sessions end after a day idle). */
  const at = async (iso: string, users = ['city1', 'towna', 'seca1']) => {
    env.clock.set(iso);
    for (const u of users) cookies[u] = await env.login(u);
  };

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    await at('2026-03-02T02:00:00Z', [
      ...['city1', 'towna', 'townb', 'seca1', 'deptd'],
      ...['leader1', 'sysadm', 'secadm', 'audadm'],
    ]);
    mc = matterClient(env, cookies);
  });
  after(() => env.close());

  const list = async () => {
    const r = await env.request(cookies.city1!, { method: 'GET', url });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as PolicyVersionListOfKind<'matter_loop'>;
  };
  const detail = async (id: string) => (await mc.get('towna', id)).json() as MatterDetail;
  const raiseAndDispatch = async () => {
    const m = (await mc.raise('seca1', sampleMatter(env.seed.villageA1))) as MatterDetail;
    await mc.ok('towna', m.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD });
    return detail(m.id);
  };
  const addWd = (from: string, n: number) => env.services.calendar.current().addWorkdays(from, n);
  let before1: MatterDetail;
  let before2: MatterDetail;

  test('version 1 is in force; a matter raised today is raised under it and shows it', async () => {
    const l = await list();
    assert.equal(l.today, '2026-03-02');
    assert.deepEqual(
      l.items.map((v) => [v.version, v.status]),
      [[1, 'in_force']],
    );
    assert.equal(l.items[0]!.body.tiers.find((t) => t.code === 'normal')!.handleWorkdays, 10);
    before1 = await raiseAndDispatch();
    assert.deepEqual(before1.policy, { version: 1, effectiveFrom: '2000-01-01' });
    assert.equal(before1.deadline, addWd('2026-03-02', 10));
    assert.equal(before1.assignments[0].signDue, addWd('2026-03-02', 1));
  });

  test('only the city administrator (policy:manage) reads and writes policy versions; others get 403', async () => {
    const body = (await list()).items[0]!.body;
    for (const u of ['towna', 'townb', 'seca1', 'deptd', 'leader1', 'sysadm', 'secadm', 'audadm']) {
      const g = await env.request(cookies[u]!, { method: 'GET', url });
      assert.equal(g.statusCode, 403, `${u} GET: ${g.body}`);
      const p = await env.request(cookies[u]!, {
        method: 'POST',
        url,
        payload: { effectiveFrom: '2026-03-10', body },
      });
      assert.equal(p.statusCode, 403, `${u} POST: ${p.body}`);
    }
    const anon = await env.request(null, { method: 'GET', url });
    assert.equal(anon.statusCode, 401);
    assert.equal((await list()).items.length, 1);
  });

  test('a version effective Wednesday is scheduled (待生效), audited, and moves no deadline of an open matter', async () => {
    const body = structuredClone((await list()).items[0]!.body);
    body.tiers.find((t) => t.code === 'normal')!.handleWorkdays = 5;
    body.thresholds.sign_for_workdays = 2;
    const versionBefore = await dataVersion();
    const r = await env.request(cookies.city1!, {
      method: 'POST',
      url,
      payload: { effectiveFrom: '2026-03-04', body },
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().version, 2);
    assert.equal(r.json().status, 'scheduled');
    assert.ok((await dataVersion()) > versionBefore, 'the board cache key moves with the policy');
    const l = await list();
    assert.deepEqual(
      l.items.map((v) => [v.version, v.status, v.effectiveFrom]),
      [
        [2, 'scheduled', '2026-03-04'],
        [1, 'in_force', '2000-01-01'],
      ],
    );
    const audit = await env.services.db
      .selectFrom('audit_log')
      .select(['actor_name', 'object_id', 'details'])
      .where('action', '=', 'policy_version_create')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.object_id, 'matter_loop:2');
    assert.equal(audit[0]!.actor_name, 'city1');
    assert.equal(JSON.parse(audit[0]!.details).effectiveFrom, '2026-03-04');

    // The open matter keeps its deadline; a matter raised before Wednesday still uses version 1.
    const again = await detail(before1.id);
    assert.equal(again.deadline, before1.deadline);
    assert.equal(again.assignments[0].dueDate, before1.assignments[0].dueDate);
    before2 = await raiseAndDispatch();
    assert.equal(before2.policy.version, 1);
    assert.equal(before2.deadline, addWd('2026-03-02', 10));
  });

  test('on its date the version takes effect with no job: new matters use it, open ones keep theirs', async () => {
    // A matter raised Tuesday under version 1, dispatched on Wednesday, keeps version 1's tier.
    await at('2026-03-03T02:00:00Z');
    const tuesday = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    await at('2026-03-04T02:00:00Z');
    const l = await list();
    assert.deepEqual(
      l.items.map((v) => [v.version, v.status]),
      [
        [2, 'in_force'],
        [1, 'superseded'],
      ],
    );
    await mc.ok('towna', tuesday.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD });
    const t = await detail(tuesday.id);
    assert.equal(t.policy.version, 1);
    assert.equal(t.deadline, addWd('2026-03-04', 10));
    assert.equal(t.assignments[0].signDue, addWd('2026-03-04', 1));

    const after = await raiseAndDispatch();
    assert.deepEqual(after.policy, { version: 2, effectiveFrom: '2026-03-04' });
    assert.equal(after.deadline, addWd('2026-03-04', 5));
    assert.equal(after.assignments[0].signDue, addWd('2026-03-04', 2));
    for (const m of [before1, before2]) {
      const now = await detail(m.id);
      assert.equal(now.deadline, m.deadline);
      assert.equal(now.policy.version, 1);
    }
    // The catalogue the raise form reads shows the tiers in force today.
    const cat = await env.request(cookies.towna!, { method: 'GET', url: '/api/matters/catalog' });
    assert.equal(cat.statusCode, 200, cat.body);
    assert.equal(
      (cat.json() as MatterCatalog).priorities.find((p) => p.code === 'normal')!.handleWorkdays,
      5,
    );
  });

  test('versions are immutable: no route changes one and the database refuses an update or delete', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const r = await env.request(cookies.city1!, { method, url: `${url}/1`, payload: {} });
      // No such route: the access layer answers before any handler (nothing may change a version).
      assert.ok([403, 404].includes(r.statusCode), `${method}: ${r.statusCode} ${r.body}`);
    }
    await assert.rejects(
      sql`update policy_versions set effective_from = '2026-01-01' where version = 1`.execute(
        env.services.db,
      ),
      /immutable/,
    );
    await assert.rejects(sql`delete from policy_versions`.execute(env.services.db), /immutable/);
    assert.equal((await list()).items.length, 2);
  });

  test('an effective date before today and a body that breaks its schema are refused (zh and en)', async () => {
    const body = (await list()).items[0]!.body;
    const past = await env.request(cookies.city1!, {
      method: 'POST',
      url,
      payload: { effectiveFrom: '2026-03-03', body },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(past.statusCode, 400, past.body);
    assert.equal(past.json().error.code, 'EFFECTIVE_DATE_PAST');
    assert.match(past.json().error.message, /before today/);
    const zh = await env.request(cookies.city1!, {
      method: 'POST',
      url,
      payload: { effectiveFrom: '2026-03-03', body },
    });
    assert.match(zh.json().error.message, /生效日期不能早于今天/);
    const ladder = structuredClone(body);
    ladder.thresholds.supervise_overdue_workdays = ladder.thresholds.circulate_overdue_workdays + 1;
    const bad = await env.request(cookies.city1!, {
      method: 'POST',
      url,
      payload: { effectiveFrom: '2026-03-05', body: ladder },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
    assert.equal((await list()).items.length, 2);
  });

  test('working-day overrides: a past day is refused; a future one moves no deadline already computed', async () => {
    const put = (date: string, isWorkday: boolean) =>
      env.request(cookies.city1!, {
        method: 'PUT',
        url: `/api/calendar/overrides/${date}`,
        payload: { isWorkday, note: '本地调整' },
      });
    const past = await put('2026-03-03', false);
    assert.equal(past.statusCode, 400, past.body);
    assert.equal(past.json().error.code, 'CALENDAR_DATE_PAST');
    const del = await env.request(cookies.city1!, {
      method: 'DELETE',
      url: '/api/calendar/overrides/2026-03-03',
    });
    assert.equal(del.json().error.code, 'CALENDAR_DATE_PAST');

    const open = await raiseAndDispatch();
    // Declare a working day inside the matter's handling period a day off: its stored deadline stays.
    const dayOff = addWd('2026-03-04', 2);
    assert.equal((await put(dayOff, false)).statusCode, 204);
    const still = await detail(open.id);
    assert.equal(still.deadline, open.deadline);
    assert.equal(still.assignments[0].dueDate, open.assignments[0].dueDate);
    // A matter dispatched now counts with the new calendar: one working day later than before.
    const later = await raiseAndDispatch();
    assert.equal(later.deadline, addWd('2026-03-04', 5));
    assert.ok(later.deadline > open.deadline!, `${later.deadline} after ${open.deadline}`);
  });

  test('the sweep escalates each open matter by the ladder of its own version, not the one in force today', async () => {
    // Version 3 from today (Wednesday): the whole ladder at 2 working days overdue. A matter raised under it.
    const body = structuredClone((await list()).items[0]!.body);
    Object.assign(body.thresholds, {
      urge_overdue_workdays: 2,
      supervise_overdue_workdays: 2,
      circulate_overdue_workdays: 2,
    });
    const v3 = await env.request(cookies.city1!, {
      method: 'POST',
      url,
      payload: { effectiveFrom: '2026-03-04', body },
    });
    assert.equal(v3.statusCode, 201, v3.body);
    const m3 = await raiseAndDispatch();
    assert.equal(m3.policy.version, 3);
    assert.ok(m3.deadline! < before1.deadline!, `${m3.deadline} < ${before1.deadline}`);

    // Four working days after the oldest matter's deadline, the city puts in force a ladder of 1/1/1 today.
    const day = addWd(before1.deadline!, 4);
    await at(`${day}T02:00:00Z`, ['city1', 'towna']); // (sign-ins are rate-limited: only who is needed)
    body.thresholds.urge_overdue_workdays = 1;
    body.thresholds.supervise_overdue_workdays = 1;
    body.thresholds.circulate_overdue_workdays = 1;
    const v4 = await env.request(cookies.city1!, {
      method: 'POST',
      url,
      payload: { effectiveFrom: day, body },
    });
    assert.equal(v4.statusCode, 201, v4.body);

    const report = await env.services.loop.sweep.sweepDue(env.clock.now());
    const steps = async (id: string) => {
      const rows = await env.services.db
        .selectFrom('matter_supervisions')
        .select('kind')
        .where('matter_id', '=', id)
        .where('kind', 'in', ['urge', 'supervise', 'circulate'])
        .execute();
      const level = await env.services.db
        .selectFrom('matters')
        .select('escalation_level')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { kinds: rows.map((r) => r.kind).sort(), level: Number(level.escalation_level) };
    };
    // Version 1 (催办 1, 督办 3, 通报 5): overdue by 4 working days, 催办 and 督办 but no 通报, though
    // version 4 in force today would circulate it.
    assert.deepEqual(await steps(before1.id), { kinds: ['supervise', 'urge'], level: 2 });
    // Version 3 (all at 2): the newer matter, overdue longer than 2 working days, reached 通报.
    assert.deepEqual(await steps(m3.id), { kinds: ['circulate', 'supervise', 'urge'], level: 3 });
    assert.ok(report.created.circulate >= 1, JSON.stringify(report.created));
  });

  test('a scheduled version can be withdrawn before its date (已撤销, audited, kept); no other can', async () => {
    const today = env.clock.now().toISOString().slice(0, 10);
    const next = addWd(today, 5);
    const body = structuredClone((await list()).items.find((v) => v.status === 'in_force')!.body);
    body.tiers.find((t) => t.code === 'normal')!.handleWorkdays = 7;
    const created = await env.request(cookies.city1!, {
      method: 'POST',
      url,
      payload: { effectiveFrom: next, body },
    });
    assert.equal(created.statusCode, 201, created.body);
    const v5 = created.json().version as number;
    const cancel = (who: string, version: number, reason: unknown, lang = 'zh-CN') =>
      env.request(cookies[who]!, {
        method: 'POST',
        url: `${url}/${version}/cancel`,
        payload: { reason },
        headers: { 'accept-language': lang },
      });
    // The same permission as publishing (policy:manage, tested for every role above).
    const town = await cancel('towna', v5, '测试');
    assert.equal(town.statusCode, 403, town.body);
    // In force today and superseded ones are refused with a clear message; unknown is 404; a reason is required.
    const inForce = (await list()).items.find((v) => v.status === 'in_force')!.version;
    const nowOn = await cancel('city1', inForce, '不再需要', 'en');
    assert.equal(nowOn.statusCode, 409, nowOn.body);
    assert.equal(nowOn.json().error.code, 'POLICY_VERSION_NOT_SCHEDULED');
    assert.match(nowOn.json().error.message, /Only a scheduled version/);
    const old = await cancel('city1', 1, '不再需要');
    assert.equal(old.statusCode, 409, old.body);
    assert.match(old.json().error.message, /只能撤销待生效的版本/);
    assert.equal((await cancel('city1', 999, '不再需要')).statusCode, 404);
    const noReason = await cancel('city1', v5, ' ');
    assert.equal(noReason.statusCode, 400, noReason.body);

    const ok = await cancel('city1', v5, '方案调整，暂缓执行');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'cancelled');
    assert.equal(ok.json().cancellation.reason, '方案调整，暂缓执行');
    const again = await cancel('city1', v5, '再次撤销');
    assert.equal(again.statusCode, 409, again.body);
    const l = await list();
    const row = l.items.find((v) => v.version === v5)!;
    assert.equal(row.status, 'cancelled');
    assert.equal(row.effectiveFrom, next, 'the version row itself is unchanged');
    assert.equal(row.body.tiers.find((t) => t.code === 'normal')!.handleWorkdays, 7);
    const audit = await env.services.db
      .selectFrom('audit_log')
      .select(['actor_name', 'object_id', 'details'])
      .where('action', '=', 'policy_version_cancel')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.object_id, `matter_loop:${v5}`);
    assert.equal(audit[0]!.actor_name, 'city1');
    assert.equal(JSON.parse(audit[0]!.details).reason, '方案调整，暂缓执行');
    // The withdrawal is as immutable as the version.
    await assert.rejects(
      sql`update policy_version_cancellations set reason = 'x'`.execute(env.services.db),
      /immutable/,
    );
    await assert.rejects(sql`delete from policy_version_cancellations`.execute(env.services.db), /immutable/);

    // On its date the withdrawn version does not take effect: the one before stays in force.
    await at(`${next}T02:00:00Z`, ['city1']);
    const onDate = await list();
    assert.equal(onDate.items.find((v) => v.status === 'in_force')!.version, inForce);
    assert.equal(onDate.items.find((v) => v.version === v5)!.status, 'cancelled');
    const cat = await env.request(cookies.city1!, { method: 'GET', url: '/api/matters/catalog' });
    assert.equal(cat.statusCode, 200, cat.body);
    const normal = (cat.json() as MatterCatalog).priorities.find((p) => p.code === 'normal')!;
    assert.equal(normal.handleWorkdays, 5, 'the withdrawn version (7 days) never takes effect');
  });

  async function dataVersion(): Promise<number> {
    const r = await env.services.db
      .selectFrom('data_versions')
      .select('version')
      .where('name', '=', 'matters')
      .executeTakeFirstOrThrow();
    return Number(r.version);
  }
});
