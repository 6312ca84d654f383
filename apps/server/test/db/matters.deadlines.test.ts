import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

// Today is 2026-03-02 (Shanghai): the window is 2026-01-30 … 2028-03-02.
describe('every deadline a matter action takes is bounded to a sane horizon', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let mc: ReturnType<typeof matterClient>;

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['towna', 'seca1', 'deptd']) cookies[u] = await env.login(u);
    mc = matterClient(env, cookies);
  });
  after(() => env.close());

  const refused = async (user: string, id: string, body: Record<string, unknown>, lang = 'zh-CN') => {
    const r = await env.request(cookies[user]!, {
      method: 'POST',
      url: `/api/matters/${id}/transitions`,
      payload: body,
      headers: { 'accept-language': lang },
    });
    assert.equal(r.statusCode, 400, r.body);
    const e = r.json().error;
    assert.equal(e.code, 'MATTER_DEADLINE_OUT_OF_RANGE');
    return e as { message: string; fields: { path: string; message: string }[] };
  };

  test('dispatch: a deadline or a co-unit due date years away (or in year 9999) is refused, naming the field (zh/en)', async () => {
    const m = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    const base = { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD };
    const zh = await refused('towna', m.id, { ...base, deadline: '2028-03-03' });
    assert.deepEqual(
      zh.fields.map((f) => f.path),
      ['deadline'],
    );
    assert.match(zh.message, /两年以内/);
    const en = await refused('towna', m.id, { ...base, deadline: '9999-12-31' }, 'en');
    assert.match(en.message, /within two years/);
    assert.match(en.fields[0]!.message, /two years from today/);
    const co = await refused('towna', m.id, {
      ...base,
      deadline: '2026-06-30',
      coUnits: [{ unitId: env.seed.townA, dueDate: '2031-01-01' }],
    });
    assert.deepEqual(
      co.fields.map((f) => f.path),
      ['coUnits.0.dueDate'],
    );
    const past = await refused('towna', m.id, { ...base, deadline: '0001-01-01' });
    assert.deepEqual(
      past.fields.map((f) => f.path),
      ['deadline'],
    );
    // Inside the window the action's own rule still speaks (a past deadline), and the last day passes.
    const yesterday = await mc.act('towna', m.id, { ...base, deadline: '2026-03-01' });
    assert.equal(yesterday.json().error.code, 'MATTER_DEADLINE_INVALID');
    await mc.ok('towna', m.id, { ...base, deadline: '2028-03-02' });
  });

  test('request_extension, decide_extension and reopen are bounded the same way', async () => {
    const m = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    let d = await mc.ok('towna', m.id, {
      action: 'dispatch',
      version: 1,
      leadUnitId: env.seed.deptD,
      deadline: '2026-03-16',
    });
    d = await mc.ok('deptd', m.id, { action: 'sign', version: d.version });
    const ext = await refused('deptd', m.id, {
      action: 'request_extension',
      version: d.version,
      requestedDue: '2030-01-01',
      reason: '需省厅批复',
    });
    assert.deepEqual(
      ext.fields.map((f) => f.path),
      ['requestedDue'],
    );
    d = await mc.ok('deptd', m.id, {
      action: 'request_extension',
      version: d.version,
      requestedDue: '2026-04-30',
      reason: '需省厅批复',
    });
    const decide = await refused('towna', m.id, {
      action: 'decide_extension',
      version: d.version,
      approve: true,
      deadline: '2099-01-01',
    });
    assert.deepEqual(
      decide.fields.map((f) => f.path),
      ['deadline'],
    );
    d = await mc.ok('towna', m.id, { action: 'decide_extension', version: d.version, approve: true });
    assert.equal(d.deadline, '2026-04-30');
    d = await mc.ok('deptd', m.id, {
      action: 'submit',
      version: d.version,
      resolution: '已办结',
      signOffName: '张三',
    });
    d = await mc.ok('towna', m.id, { action: 'accept', version: d.version });
    d = await mc.ok('seca1', m.id, {
      action: 'rate',
      version: d.version,
      rating: 'dissatisfied',
      comment: '没解决',
    });
    const reopen = await refused('towna', m.id, {
      action: 'reopen',
      version: d.version,
      reason: '重办',
      deadline: '2035-05-05',
    });
    assert.deepEqual(
      reopen.fields.map((f) => f.path),
      ['deadline'],
    );
  });
});
