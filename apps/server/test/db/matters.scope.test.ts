import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

const MISSING = '01900000-0000-7000-8000-000000000000';

describe('matter access is scoped in SQL and answers 404 outside scope', () => {
  let env: TestEnv;
  let mc: ReturnType<typeof matterClient>;
  let inA1: { id: string };
  let inA2: { id: string };
  let inB1: { id: string };
  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    const cookies: Record<string, string> = {};
    for (const u of ['city1', 'towna', 'townb', 'seca1', 'deptd', 'leader1']) cookies[u] = await env.login(u);
    mc = matterClient(env, cookies);
    inA1 = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    inA2 = await mc.raise('towna', sampleMatter(env.seed.villageA2, { raiserName: '李强' }));
    inB1 = await mc.raise('townb', sampleMatter(env.seed.villageB1, { raiserName: '张伟' }));
    // Only the A2 matter goes to the department.
    await mc.ok('towna', inA2.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD });
  });
  after(() => env.close());

  test("another town's matter is 404, exactly like a missing one, and the attempt is audited", async () => {
    const other = await mc.get('townb', inA1.id);
    const missing = await mc.get('townb', MISSING);
    assert.equal(other.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    const strip = (b: string) => ({ ...JSON.parse(b).error, requestId: undefined });
    assert.deepEqual(strip(other.body), strip(missing.body));
    const db = env.services.db;
    const denied = await db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'access_denied')
      .execute();
    assert.ok(denied.some((d) => d.object_id === inA1.id));
    const act = await mc.act('townb', inA1.id, {
      action: 'dispatch',
      version: 1,
      leadUnitId: env.seed.deptD,
    });
    assert.equal(act.statusCode, 404, 'acting on it is 404 too');
  });

  test('lists, counts and the export only hold what is in scope', async () => {
    const ids = async (user: string) =>
      (await mc.list(user, '?pageSize=200'))
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort();
    assert.deepEqual(await ids('townb'), [inB1.id]);
    assert.deepEqual(await ids('towna'), [inA1.id, inA2.id].sort());
    assert.deepEqual(await ids('city1'), [inA1.id, inA2.id, inB1.id].sort());
    assert.deepEqual(await ids('leader1'), [inA1.id, inA2.id, inB1.id].sort());
    const counts = await env.request(await env.login('townb'), { method: 'GET', url: '/api/matters/counts' });
    assert.deepEqual(counts.json().byState, [{ state: 'registered', count: 1 }]);
    const filtered = await mc.list('townb', `?orgId=${env.seed.townA}`);
    assert.equal(filtered.statusCode, 404, 'filtering by an org outside scope is 404');
  });

  test('a handling unit sees what is assigned to it, and nothing else', async () => {
    const list = (await mc.list('deptd')).json();
    assert.deepEqual(
      list.items.map((i: { id: string }) => i.id),
      [inA2.id],
    );
    assert.equal((await mc.get('deptd', inA1.id)).statusCode, 404);
    assert.equal((await mc.get('deptd', inA2.id)).statusCode, 200);
  });

  test("a village secretary sees its village's matters, and cannot verify or rate someone else's", async () => {
    const list = (await mc.list('seca1')).json();
    assert.deepEqual(
      list.items.map((i: { id: string }) => i.id),
      [inA1.id],
    );
    // A2's matter through the loop to awaiting feedback: A1's secretary cannot even see it.
    let d = await mc.ok('deptd', inA2.id, { action: 'sign', version: 2 });
    d = await mc.ok('deptd', inA2.id, {
      action: 'submit',
      version: d.version,
      resolution: '已处理',
      signOffName: '李局长',
    });
    const verify = await mc.act('seca1', inA2.id, { action: 'accept', version: d.version });
    assert.equal(verify.statusCode, 404);
    d = await mc.ok('towna', inA2.id, { action: 'accept', version: d.version });
    const rate = await mc.act('seca1', inA2.id, { action: 'rate', version: d.version, rating: 'satisfied' });
    assert.equal(rate.statusCode, 404);
    // Its own matter: it may see it but never verify it.
    let own = await mc.ok('towna', inA1.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD });
    own = await mc.ok('deptd', inA1.id, { action: 'sign', version: own.version });
    own = await mc.ok('deptd', inA1.id, {
      action: 'submit',
      version: own.version,
      resolution: '已处理',
      signOffName: '李局长',
    });
    const self = await mc.act('seca1', inA1.id, { action: 'accept', version: own.version });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().error.code, 'MATTER_ACTION_FORBIDDEN');
    // Nor may the department that did the work, nor a read-only leader.
    assert.equal(
      (await mc.act('deptd', inA1.id, { action: 'accept', version: own.version })).statusCode,
      403,
    );
    assert.equal(
      (await mc.act('leader1', inA1.id, { action: 'accept', version: own.version })).statusCode,
      403,
    );
  });

  test('the overdue list and the statistics follow the same scope', async () => {
    const stats = await env.request(await env.login('townb'), {
      method: 'GET',
      url: `/api/matters/stats?orgId=${env.seed.townA}`,
    });
    assert.equal(stats.statusCode, 404);
    const dept = await env.request(await env.login('deptd'), { method: 'GET', url: '/api/matters/stats' });
    assert.equal(dept.statusCode, 403, 'handling units have no statistics permission');
    const overdue = await env.request(await env.login('townb'), {
      method: 'GET',
      url: '/api/matters/overdue',
    });
    assert.equal(overdue.json().total, 0);
    const order = await env.request(await env.login('townb'), {
      method: 'GET',
      url: `/api/matters/${inA1.id}/assign-order`,
    });
    assert.equal(order.statusCode, 404);
  });

  test("a town's Excel export is a real workbook holding only its own matters", async () => {
    const ExcelJS = (await import('exceljs')).default;
    const r = await env.request(await env.login('towna'), { method: 'GET', url: '/api/matters/export' });
    assert.equal(r.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const villages: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) villages.push(String(row.getCell(4).value));
    });
    assert.deepEqual([...new Set(villages)].sort(), ['A1村', 'A2村']);
  });
});
