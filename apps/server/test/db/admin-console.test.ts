// Issue 10 items 1–2: the system and security administrators' consoles (三员分立) — each does its own work
// and none of the others'.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../helpers/test-env';

const NEW_PASSWORD = 'Fresh#Start2026q';

describe('issue 10 — administrator consoles', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  const idOf = async (norm: string) =>
    (
      await env.services.db
        .selectFrom('users')
        .select('id')
        .where('username_norm', '=', norm)
        .executeTakeFirstOrThrow()
    ).id;
  const call = (who: string, o: InjectOptions) => env.request(cookies[who] ?? null, o);
  const post = (who: string, url: string, payload?: object) =>
    call(who, { method: 'POST', url, ...(payload ? { payload } : {}) });
  const get = (who: string, url: string) => call(who, { method: 'GET', url });

  before(async () => {
    env = await createTestEnv({
      users: [
        ['city1', 'city_admin', 'cityId'],
        ['towna', 'town_staff', 'townA'],
        ['sysadm', 'sys_admin', null],
        ['secadm', 'sec_admin', null],
        ['audadm', 'audit_admin', null],
        ['victim1', 'town_staff', 'townB'],
        ['victim2', 'town_staff', 'townB'],
        ['sysadm2', 'sys_admin', null],
      ],
    });
    for (const u of ['city1', 'towna', 'sysadm', 'secadm', 'audadm']) cookies[u] = await env.login(u);
  });
  after(() => env.close());

  test('the matrix: each administrator reaches its own admin routes and none of the others', async () => {
    const towna = await idOf('towna');
    const fakeSession = 'f'.repeat(64);
    // [route, who may (by role), the answer expected of them when allowed (any non-403 proves access)]
    const routes: { name: string; run: (who: string) => Promise<number>; allowed: string[] }[] = [
      {
        name: 'GET users',
        run: async (w) => (await get(w, '/api/admin/users')).statusCode,
        allowed: ['sysadm', 'secadm'],
      },
      {
        name: 'POST users',
        run: async (w) =>
          (
            await post(w, '/api/admin/users', {
              username: `m-${w}`,
              displayName: 'm',
              roles: ['leader'],
              orgIds: [env.seed.cityId],
            })
          ).statusCode,
        allowed: ['sysadm', 'city1'],
      },
      {
        name: 'GET orgs',
        run: async (w) => (await get(w, '/api/admin/orgs')).statusCode,
        allowed: ['sysadm', 'secadm'],
      },
      {
        name: 'POST enable',
        run: async (w) => (await post(w, `/api/admin/users/${towna}/enable`)).statusCode,
        allowed: ['sysadm'],
      },
      {
        name: 'POST unlock',
        run: async (w) => (await post(w, `/api/admin/users/${towna}/unlock`)).statusCode,
        allowed: ['secadm'],
      },
      {
        name: 'GET sessions',
        run: async (w) => (await get(w, '/api/admin/sessions')).statusCode,
        allowed: ['secadm'],
      },
      {
        name: 'POST end session',
        run: async (w) => (await post(w, `/api/admin/sessions/${fakeSession}/end`)).statusCode,
        allowed: ['secadm'],
      },
      {
        name: 'GET grants',
        run: async (w) => (await get(w, '/api/admin/grants')).statusCode,
        allowed: ['sysadm', 'secadm', 'city1'],
      },
      { name: 'GET audit', run: async (w) => (await get(w, '/api/audit')).statusCode, allowed: ['audadm'] },
    ];
    for (const r of routes)
      for (const who of ['sysadm', 'secadm', 'audadm', 'towna', 'city1']) {
        const status = await r.run(who);
        if (r.allowed.includes(who)) assert.notEqual(status, 403, `${who} may ${r.name}`);
        else assert.equal(status, 403, `${who} may not ${r.name} (got ${status})`);
      }
  });

  test('the accounts list searches, filters by role and state, pages on the server and names scopes', async () => {
    const all = (await get('sysadm', '/api/admin/users?pageSize=2')).json();
    assert.equal(all.items.length, 2);
    assert.ok(all.total >= 8);
    const byRole = (await get('sysadm', '/api/admin/users?role=town_staff')).json();
    assert.deepEqual(byRole.items.map((u: { username: string }) => u.username).sort(), [
      'towna',
      'victim1',
      'victim2',
    ]);
    assert.equal(byRole.total, 3);
    const towna = byRole.items.find((u: { username: string }) => u.username === 'towna');
    assert.deepEqual(towna.scopes, [{ id: env.seed.townA, name: 'A镇' }]);
    const q = (await get('sysadm', '/api/admin/users?q=VICTIM')).json();
    assert.equal(q.total, 2);
    assert.equal((await get('sysadm', '/api/admin/users?state=disabled')).json().total, 0);
    const bad = await get('sysadm', '/api/admin/users?role=emperor');
    assert.equal(bad.statusCode, 400);
    const orgs = (await get('sysadm', '/api/admin/orgs?kind=town')).json();
    assert.deepEqual(orgs.items.map((o: { name: string }) => o.name).sort(), ['A镇', 'B镇']);
    assert.deepEqual(Object.keys(orgs.items[0]).sort(), ['id', 'kind', 'name', 'parentId']);
  });

  test('disable and enable: a business account at once, a separated administrator only with the security administrator', async () => {
    const v1 = await idOf('victim1');
    const c = await env.login('victim1');
    assert.equal((await post('sysadm', `/api/admin/users/${v1}/disable`)).statusCode, 204);
    assert.equal((await get('sysadm', '/api/admin/users?state=disabled')).json().total, 1);
    assert.equal((await env.request(c, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    assert.equal((await post('sysadm', `/api/admin/users/${v1}/enable`)).statusCode, 204);
    const again = await post('sysadm', `/api/admin/users/${v1}/enable`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'ACCOUNT_ENABLE_NOT_NEEDED');
    await env.login('victim1');

    const s2 = await idOf('sysadm2');
    const dis = await post('sysadm', `/api/admin/users/${s2}/disable`);
    assert.equal(dis.statusCode, 202);
    assert.equal((await post('secadm', `/api/admin/grants/${dis.json().grantId}/approve`)).statusCode, 200);
    const en = await post('sysadm', `/api/admin/users/${s2}/enable`);
    assert.equal(en.statusCode, 202, en.body);
    assert.equal(
      await env.login('sysadm2').catch(() => 'refused'),
      'refused',
      'still disabled until approved',
    );
    assert.equal((await post('sysadm', `/api/admin/grants/${en.json().grantId}/approve`)).statusCode, 403);
    assert.equal((await post('secadm', `/api/admin/grants/${en.json().grantId}/approve`)).statusCode, 200);
    assert.ok(await env.login('sysadm2'));
  });

  test('reset password: the old one stops at approval, the approver gets the one-time code, the holder chooses', async () => {
    const v2 = await idOf('victim2');
    const before = await env.login('victim2');
    const r = await post('sysadm', `/api/admin/users/${v2}/reset-password`);
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().activationCode, null, 'never to the system administrator');
    assert.ok(await env.login('victim2'), 'nothing happens before approval');
    const ok = await post('secadm', `/api/admin/grants/${r.json().grantId}/approve`);
    assert.equal(ok.statusCode, 200);
    const code = ok.json().activationCode as string;
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.equal((await env.request(before, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    assert.equal(await env.login('victim2').catch(() => 'refused'), 'refused');
    const act = await post('nobody', '/api/auth/activate', {
      username: 'victim2',
      code,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(act.statusCode, 204, act.body);
    assert.ok(await env.login('victim2', NEW_PASSWORD));
    assert.equal(await env.login('victim2', TEST_PASSWORD).catch(() => 'refused'), 'refused');
    // The department resets its own staff and receives the code itself; the system administrator executes.
    const towna = await idOf('towna');
    const byCity = await post('city1', `/api/admin/users/${towna}/reset-password`);
    assert.equal(byCity.statusCode, 201);
    assert.ok(byCity.json().activationCode);
    const exec = await post('sysadm', `/api/admin/grants/${byCity.json().grantId}/approve`);
    assert.equal(exec.statusCode, 200);
    assert.equal(exec.json().activationCode, null);
    // Not an administrator's account, and not outside its remit.
    const sec = await idOf('secadm');
    assert.equal((await post('city1', `/api/admin/users/${sec}/reset-password`)).statusCode, 404);
  });

  test('sessions: the security administrator lists them (paged, by account) and ends one', async () => {
    const v1 = await idOf('victim1');
    const a = await env.login('victim1');
    const b = await env.login('victim1');
    const list = (await get('secadm', `/api/admin/sessions?userId=${v1}`)).json();
    assert.ok(list.total >= 2);
    assert.ok(list.items.every((s: { userId: string }) => s.userId === v1));
    const page = (await get('secadm', '/api/admin/sessions?pageSize=1')).json();
    assert.equal(page.items.length, 1);
    const hashOf = (cookie: string) =>
      createHash('sha256').update(cookie.split('=')[1]!.split(';')[0]!).digest('hex');
    const first = list.items.find((s: { id: string }) => s.id === hashOf(a));
    assert.ok(first, 'the session is listed');
    assert.equal((await post('secadm', `/api/admin/sessions/${first.id}/end`)).statusCode, 204);
    const statuses = await Promise.all(
      [a, b].map(async (c) => (await env.request(c, { method: 'GET', url: '/api/auth/me' })).statusCode),
    );
    assert.deepEqual(statuses, [401, 200], 'exactly that session ended');
    assert.equal((await post('secadm', `/api/admin/sessions/${first.id}/end`)).statusCode, 404);
    const audit = await env.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'session_kill')
      .where('object_id', '=', v1)
      .execute();
    assert.ok(audit.length >= 1);
  });
});
