import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { MatterCatalog, MatterDetail, PolicyVersionList } from '@xinhuo/shared';
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
    return r.json() as PolicyVersionList;
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

  async function dataVersion(): Promise<number> {
    const r = await env.services.db
      .selectFrom('data_versions')
      .select('version')
      .where('name', '=', 'matters')
      .executeTakeFirstOrThrow();
    return Number(r.version);
  }
});
