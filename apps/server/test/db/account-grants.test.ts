// Issue 7 items 1–3 and 13 (password change lockout), attacked as the system and security administrators.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { SEPARATED_ADMIN_ROLES, ROLES, type Role } from '@xinhuo/shared';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../helpers/test-env';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit';

const NEW_PASSWORD = 'Fresh#Start2026q';
const CODE_RE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

function helpers(env: TestEnv) {
  const idOf = async (username: string) =>
    (
      await env.services.db
        .selectFrom('users')
        .select('id')
        .where('username_norm', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const rolesOf = async (userId: string) =>
    (await env.services.db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute())
      .map((r) => r.role)
      .sort();
  const scopesOf = async (userId: string) =>
    (
      await env.services.db.selectFrom('user_scopes').select('org_id').where('user_id', '=', userId).execute()
    ).map((r) => r.org_id);
  const post = (cookie: string | null, url: string, payload?: object, lang?: string) =>
    env.request(cookie, {
      method: 'POST',
      url,
      ...(payload ? { payload } : {}),
      ...(lang ? { headers: { 'accept-language': lang } } : {}),
    });
  const activate = (username: string, code: string, newPassword = NEW_PASSWORD) =>
    post(null, '/api/auth/activate', { username, code, newPassword });
  const loginStatus = async (username: string, password: string) =>
    (await post(null, '/api/auth/login', { username, password })).statusCode;
  const audit = async (action: string) =>
    (await env.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute()) as {
      object_id: string;
      outcome: string;
      details: string;
      actor_name: string;
    }[];
  return { idOf, rolesOf, scopesOf, post, activate, loginStatus, audit };
}

describe('issue 7 — the system administrator grants nothing alone and never learns a working password', () => {
  let env: TestEnv;
  let h: ReturnType<typeof helpers>;
  let sys: string;
  let sec: string;
  before(async () => {
    env = await createTestEnv();
    h = helpers(env);
    sys = await env.login('sysadm');
    sec = await env.login('secadm');
  });
  after(() => env.close());

  test('no password in an admin request body', async () => {
    const r = await h.post(sys, '/api/admin/users', {
      username: 'withpw',
      displayName: 'x',
      password: 'Chosen#ByAdmin2026',
      roles: ['leader'],
      orgIds: [env.seed.cityId],
    });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'VALIDATION_FAILED');
    assert.equal(
      await env.services.db
        .selectFrom('users')
        .select('id')
        .where('username_norm', '=', 'withpw')
        .executeTakeFirst(),
      undefined,
    );
  });

  test('city_admin over the city root, requested by sys_admin: pending with no effect until the security administrator approves; the code goes to the approver', async () => {
    const r = await h.post(sys, '/api/admin/users', {
      username: 'evil',
      displayName: '恶意账号',
      roles: ['city_admin'],
      orgIds: [env.seed.cityId],
    });
    assert.equal(r.statusCode, 201);
    const { userId, grantId, activationCode } = r.json();
    assert.equal(activationCode, null, 'the system administrator never receives an activation code');
    assert.deepEqual(await h.rolesOf(userId), []);
    assert.deepEqual(await h.scopesOf(userId), []);
    // No password exists that works, not even the one the sysadmin might guess or set elsewhere.
    for (const pw of [TEST_PASSWORD, 'Chosen#ByAdmin2026', '', 'x'])
      if (pw) assert.equal(await h.loginStatus('evil', pw), 401);
    assert.equal((await h.activate('evil', 'AAAA-AAAA-AAAA-AAAA')).statusCode, 400);

    // The sysadmin cannot approve its own request, nor can the auditor.
    const own = await h.post(sys, `/api/admin/grants/${grantId}/approve`);
    assert.equal(own.statusCode, 403);
    assert.equal(own.json().error.code, 'GRANT_SELF_APPROVAL');
    const aud = await env.login('audadm');
    assert.equal((await h.post(aud, `/api/admin/grants/${grantId}/approve`)).statusCode, 403);
    assert.deepEqual(await h.rolesOf(userId), []);

    // Listed for the party that must act.
    const mine = (await env.request(sys, { method: 'GET', url: '/api/admin/grants?status=pending' })).json();
    assert.equal(mine.items.find((g: { id: string }) => g.id === grantId).canDecide, false);
    const todo = (await env.request(sec, { method: 'GET', url: '/api/admin/grants?status=pending' })).json();
    const item = todo.items.find((g: { id: string }) => g.id === grantId);
    assert.equal(item.canDecide, true);
    assert.equal(item.awaiting, 'security:manage');
    assert.deepEqual(item.roles, ['city_admin']);

    const ok = await h.post(sec, `/api/admin/grants/${grantId}/approve`);
    assert.equal(ok.statusCode, 200);
    const code = ok.json().activationCode as string;
    assert.match(code, CODE_RE);
    assert.deepEqual(await h.rolesOf(userId), ['city_admin']);
    assert.equal(await h.loginStatus('evil', TEST_PASSWORD), 401, 'still no password before activation');

    const weak = await h.activate('evil', code, 'password');
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.code, 'PASSWORD_POLICY');
    assert.equal((await h.activate('evil', code)).statusCode, 204);
    assert.equal((await h.activate('evil', code, 'Other#Choice2026z')).statusCode, 400, 'single use');
    const c = await env.login('evil', NEW_PASSWORD);
    assert.equal((await env.request(c, { method: 'GET', url: '/api/people' })).statusCode, 200);

    for (const action of [
      'user_create',
      'grant_request',
      'grant_approve',
      'activation_issue',
      'account_activate',
    ])
      assert.ok((await h.audit(action)).length >= 1, action);
    const all = await env.services.db.selectFrom('audit_log').selectAll().execute();
    assert.ok(
      !JSON.stringify(all).includes(code.replace(/-/g, '')),
      'the code is never written to the trail',
    );
    assert.ok(!JSON.stringify(all).includes(code), 'the code is never written to the trail');
  });

  test('granting the city root scope to an existing account gives no roster access until a second party approves', async () => {
    const deptd = await h.idOf('deptd');
    const asDept = await env.login('deptd');
    assert.equal((await env.request(asDept, { method: 'GET', url: '/api/people' })).statusCode, 403);
    const r = await h.post(sys, `/api/admin/users/${deptd}/grants`, {
      roles: ['city_admin'],
      orgIds: [env.seed.cityId],
    });
    assert.equal(r.statusCode, 201);
    assert.equal(r.json().activationCode, null);
    assert.equal((await env.request(asDept, { method: 'GET', url: '/api/people' })).statusCode, 403);
    assert.equal((await h.post(sys, `/api/admin/grants/${r.json().grantId}/approve`)).statusCode, 403);
    assert.equal((await env.request(asDept, { method: 'GET', url: '/api/people' })).statusCode, 403);
    const dup = await h.post(sys, `/api/admin/users/${deptd}/grants`, { roles: ['leader'], orgIds: [] });
    assert.equal(dup.json().error.code, 'GRANT_PENDING_EXISTS');
    // Rejected: nothing changes, and a decided request cannot be decided again.
    const rej = await h.post(sec, `/api/admin/grants/${r.json().grantId}/reject`, {
      reason: '未经组织部申请',
    });
    assert.equal(rej.statusCode, 204);
    assert.deepEqual(await h.rolesOf(deptd), ['dept_handler']);
    const again = await h.post(sec, `/api/admin/grants/${r.json().grantId}/approve`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'GRANT_NOT_PENDING');
    assert.equal((await env.request(asDept, { method: 'GET', url: '/api/people' })).statusCode, 403);
    assert.ok((await h.audit('grant_reject')).length >= 1);
    assert.ok((await h.audit('grant_decide')).every((a) => a.outcome === 'denied'));
    assert.ok((await h.audit('grant_decide')).length >= 3);
  });

  test('the organization department requests business accounts; the system administrator executes without ever seeing the code', async () => {
    const city = await env.login('city1');
    const r = await h.post(city, '/api/admin/users', {
      username: 'newtown',
      displayName: '新干事',
      roles: ['town_staff'],
      orgIds: [env.seed.townA],
    });
    assert.equal(r.statusCode, 201);
    const { grantId, activationCode, userId } = r.json();
    assert.equal(userId, null, 'nothing exists until executed');
    assert.match(activationCode, CODE_RE);
    assert.equal((await h.activate('newtown', activationCode)).statusCode, 400, 'not yet executed');
    const bySec = await h.post(sec, `/api/admin/grants/${grantId}/approve`);
    assert.equal(bySec.statusCode, 403);
    assert.equal(bySec.json().error.code, 'GRANT_WRONG_PARTY');
    assert.equal((await h.post(city, `/api/admin/grants/${grantId}/approve`)).statusCode, 403);
    const exec = await h.post(sys, `/api/admin/grants/${grantId}/approve`);
    assert.equal(exec.statusCode, 200);
    assert.equal(exec.json().activationCode, null, 'the executor never sees the code');
    assert.deepEqual(await h.rolesOf(exec.json().userId), ['town_staff']);
    assert.equal(
      (await h.activate('newtown', activationCode.toLowerCase().replace(/-/g, ' '))).statusCode,
      204,
    );
    const c = await env.login('newtown', NEW_PASSWORD);
    const people = await env.request(c, { method: 'GET', url: '/api/people' });
    assert.equal(people.statusCode, 200);

    // Limits: no city_admin, no separated role; only within the department's own scope.
    for (const roles of [['city_admin'], ['sys_admin'], ['audit_admin']]) {
      const bad = await h.post(city, '/api/admin/users', {
        username: 'x' + roles[0],
        displayName: 'x',
        roles,
        orgIds: [],
      });
      assert.equal(bad.statusCode, 403, String(roles));
      assert.equal(bad.json().error.code, 'GRANT_ROLE_NOT_ALLOWED');
    }
    await env.services.auth.bootstrapAccount(SYSTEM_ACTOR, {
      username: 'citya',
      displayName: 'citya',
      password: TEST_PASSWORD,
      roles: ['city_admin'],
      orgIds: [env.seed.townA],
    });
    const cityA = await env.login('citya');
    const outside = await h.post(cityA, '/api/admin/users', {
      username: 'intob',
      displayName: 'x',
      roles: ['town_staff'],
      orgIds: [env.seed.townB],
    });
    assert.equal(outside.json().error.code, 'GRANT_SCOPE_NOT_ALLOWED');
    const onAdmin = await h.post(cityA, `/api/admin/users/${await h.idOf('secadm')}/grants`, {
      roles: ['leader'],
      orgIds: [env.seed.townA],
    });
    assert.equal(onAdmin.statusCode, 404, 'accounts outside the department remit answer like missing ones');
    const onTownB = await h.post(cityA, `/api/admin/users/${await h.idOf('townb')}/grants`, {
      roles: ['leader'],
      orgIds: [env.seed.townA],
    });
    assert.equal(onTownB.statusCode, 404);
    const town = await env.login('towna');
    assert.equal(
      (
        await h.post(town, '/api/admin/users', {
          username: 'zz1',
          displayName: 'x',
          roles: ['leader'],
          orgIds: [],
        })
      ).statusCode,
      403,
    );
  });

  test('sec_admin can neither create accounts nor decide a request about its own account', async () => {
    const r = await h.post(sec, '/api/admin/users', {
      username: 'bysec',
      displayName: 'x',
      roles: ['leader'],
      orgIds: [],
    });
    assert.equal(r.statusCode, 403);
    assert.equal(
      (await h.post(sec, `/api/admin/users/${await h.idOf('towna')}/grants`, { roles: [], orgIds: [] }))
        .statusCode,
      403,
    );
    const secId = await h.idOf('secadm');
    const about = await h.post(sys, `/api/admin/users/${secId}/grants`, { roles: ['sec_admin'], orgIds: [] });
    assert.equal(about.statusCode, 201);
    const self = await h.post(sec, `/api/admin/grants/${about.json().grantId}/approve`);
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().error.code, 'GRANT_SELF_APPROVAL');
    await h.post(sys, `/api/admin/grants/${about.json().grantId}/reject`, { reason: 'x' });
  });
});

describe('issue 7 — separated administrators are created and disabled only by two parties', () => {
  let env: TestEnv;
  let h: ReturnType<typeof helpers>;
  let sys: string;
  let sec: string;
  before(async () => {
    env = await createTestEnv();
    h = helpers(env);
    sys = await env.login('sysadm');
    sec = await env.login('secadm');
  });
  after(() => env.close());

  test('sys_admin cannot create an audit administrator alone', async () => {
    const r = await h.post(sys, '/api/admin/users', {
      username: 'aud2',
      displayName: '审计二',
      roles: ['audit_admin'],
      orgIds: [],
    });
    assert.equal(r.statusCode, 201);
    assert.deepEqual(await h.rolesOf(r.json().userId), []);
    const ok = await h.post(sec, `/api/admin/grants/${r.json().grantId}/approve`);
    assert.deepEqual(await h.rolesOf(r.json().userId), ['audit_admin']);
    assert.equal((await h.activate('aud2', ok.json().activationCode)).statusCode, 204);
  });

  test('never oneself, never the last active account of a separated role (zh and en), audit_admin not alone', async () => {
    const sysId = await h.idOf('sysadm');
    const self = await h.post(sys, `/api/admin/users/${sysId}/disable`);
    assert.equal(self.statusCode, 409);
    assert.equal(self.json().error.code, 'ACCOUNT_SELF_DISABLE');
    const lastSec = await h.post(sys, `/api/admin/users/${await h.idOf('secadm')}/disable`);
    assert.equal(lastSec.statusCode, 409);
    assert.equal(lastSec.json().error.code, 'ACCOUNT_LAST_ADMIN');
    assert.match(lastSec.json().error.message, /最后一个/);
    const en = await h.post(sys, `/api/admin/users/${await h.idOf('secadm')}/disable`, undefined, 'en');
    assert.match(en.json().error.message, /last active account/);

    // audit_admin: a request, not an effect; the auditor keeps working until the security administrator agrees.
    const aud = await env.login('audadm');
    const audId = await h.idOf('audadm');
    const req = await h.post(sys, `/api/admin/users/${audId}/disable`);
    assert.equal(req.statusCode, 202);
    assert.equal((await env.request(aud, { method: 'GET', url: '/api/audit' })).statusCode, 200);
    assert.equal((await h.post(sys, `/api/admin/grants/${req.json().grantId}/approve`)).statusCode, 403);
    assert.equal((await h.post(aud, `/api/admin/grants/${req.json().grantId}/approve`)).statusCode, 403);
    assert.equal((await h.post(sec, `/api/admin/grants/${req.json().grantId}/approve`)).statusCode, 200);
    assert.equal((await env.request(aud, { method: 'GET', url: '/api/audit' })).statusCode, 401);
    assert.equal(await h.loginStatus('audadm', TEST_PASSWORD), 401);
    // aud2 is now the last active audit administrator.
    const last = await h.post(sys, `/api/admin/users/${await h.idOf('aud2')}/disable`);
    assert.equal(last.json().error.code, 'ACCOUNT_LAST_ADMIN');
    // Nor can its role be taken away by a change request.
    const strip = await h.post(sys, `/api/admin/users/${await h.idOf('aud2')}/grants`, {
      roles: [],
      orgIds: [],
    });
    assert.equal(strip.statusCode, 201);
    const stripped = await h.post(sec, `/api/admin/grants/${strip.json().grantId}/approve`);
    assert.equal(stripped.statusCode, 409);
    assert.equal(stripped.json().error.code, 'ACCOUNT_LAST_ADMIN');
    assert.deepEqual(await h.rolesOf(await h.idOf('aud2')), ['audit_admin']);
    // A business account is disabled by the system administrator alone (it only removes access).
    const town = await env.login('towna');
    assert.equal((await h.post(sys, `/api/admin/users/${await h.idOf('towna')}/disable`)).statusCode, 204);
    assert.equal((await env.request(town, { method: 'GET', url: '/api/people' })).statusCode, 401);
  });
});

describe('issue 7 — a separated role is never combined with any other role (service and database)', () => {
  let env: TestEnv;
  let h: ReturnType<typeof helpers>;
  before(async () => {
    env = await createTestEnv();
    h = helpers(env);
  });
  after(() => env.close());

  test('through the API', async () => {
    const sys = await env.login('sysadm');
    for (const roles of [
      ['sec_admin', 'city_admin'],
      ['audit_admin', 'leader'],
      ['sys_admin', 'town_staff'],
      ['sys_admin', 'audit_admin'],
    ]) {
      const r = await h.post(sys, '/api/admin/users', {
        username: 'combo',
        displayName: 'x',
        roles,
        orgIds: [],
      });
      assert.equal(r.statusCode, 422, String(roles));
      assert.equal(r.json().error.code, 'ACCOUNT_ROLE_CONFLICT');
    }
    const scoped = await h.post(sys, '/api/admin/users', {
      username: 'combo',
      displayName: 'x',
      roles: ['sec_admin'],
      orgIds: [env.seed.cityId],
    });
    assert.equal(scoped.json().error.code, 'ACCOUNT_ADMIN_SCOPE');
    const change = await h.post(sys, `/api/admin/users/${await h.idOf('city1')}/grants`, {
      roles: ['city_admin', 'sec_admin'],
      orgIds: [env.seed.cityId],
    });
    assert.equal(change.statusCode, 422);
    await assert.rejects(
      env.services.auth.bootstrapAccount(SYSTEM_ACTOR, {
        username: 'bootcombo',
        displayName: 'x',
        password: TEST_PASSWORD,
        roles: ['sec_admin', 'city_admin'],
        orgIds: [],
      }),
      /ACCOUNT_ROLE_CONFLICT/,
    );
  });

  test('by the database, with raw inserts in either order and raw updates', async () => {
    const db = env.services.db;
    const bare = async (name: string) =>
      env.services.auth.bootstrapAccount(SYSTEM_ACTOR, {
        username: name,
        displayName: name,
        password: TEST_PASSWORD,
        roles: [],
        orgIds: [],
      });
    const addRole = (userId: string, role: string) =>
      sql`insert into user_roles (user_id, role) values (${userId}, ${role})`.execute(db);
    let n = 0;
    for (const admin of SEPARATED_ADMIN_ROLES) {
      for (const other of ROLES.filter((r: Role) => r !== admin)) {
        const a = await bare(`raw${n++}`);
        await addRole(a, other);
        await assert.rejects(addRole(a, admin), /ACCOUNT_ROLE_CONFLICT/, `${other} then ${admin}`);
        const b = await bare(`raw${n++}`);
        await addRole(b, admin);
        await assert.rejects(addRole(b, other), /ACCOUNT_ROLE_CONFLICT/, `${admin} then ${other}`);
      }
    }
    // Updates: turning one of two business roles into an administrator role is refused; a lone role may change.
    const u = await bare('rawupd');
    await addRole(u, 'leader');
    await addRole(u, 'town_staff');
    await assert.rejects(
      sql`update user_roles set role = 'sec_admin' where user_id = ${u} and role = 'leader'`.execute(db),
      /ACCOUNT_ROLE_CONFLICT/,
    );
    const lone = await bare('rawlone');
    await addRole(lone, 'leader');
    await sql`update user_roles set role = 'audit_admin' where user_id = ${lone}`.execute(db);
    // Separated administrators hold no org scope, whichever comes first.
    await assert.rejects(
      sql`insert into user_scopes (user_id, org_id) values (${lone}, ${env.seed.cityId})`.execute(db),
      /ACCOUNT_ADMIN_SCOPE/,
    );
    const scoped = await bare('rawscope');
    await sql`insert into user_scopes (user_id, org_id) values (${scoped}, ${env.seed.townA})`.execute(db);
    await assert.rejects(addRole(scoped, 'sys_admin'), /ACCOUNT_ADMIN_SCOPE/);
    await addRole(scoped, 'town_staff');
  });
});

describe('issue 7 — activation codes and the must-change-password gate', () => {
  let env: TestEnv;
  let h: ReturnType<typeof helpers>;
  let sys: string;
  let sec: string;
  before(async () => {
    env = await createTestEnv();
    h = helpers(env);
    sys = await env.login('sysadm');
    sec = await env.login('secadm');
  });
  after(() => env.close());

  const approvedAccount = async (username: string) => {
    const r = await h.post(sys, '/api/admin/users', {
      username,
      displayName: username,
      roles: ['leader'],
      orgIds: [env.seed.cityId],
    });
    const ok = await h.post(sec, `/api/admin/grants/${r.json().grantId}/approve`);
    return ok.json().activationCode as string;
  };

  test('five wrong codes burn the code; every failure answers alike and is audited', async () => {
    const code = await approvedAccount('act1');
    const bodies = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.activate('act1', `ZZZZ-ZZZZ-ZZZZ-ZZZ${i}`);
      assert.equal(r.statusCode, 400);
      bodies.push({ ...r.json().error, requestId: '' });
    }
    const unknown = await h.activate('nobody-here', code);
    assert.deepEqual({ ...unknown.json().error, requestId: '' }, bodies[0]);
    assert.equal((await h.activate('act1', code)).statusCode, 400, 'burned after 5 failures');
    assert.equal((await h.audit('activation_locked')).length, 1);
    assert.ok((await h.audit('activation_failed')).length >= 7);
  });

  test('a code expires after 72 hours', async () => {
    const code = await approvedAccount('act2');
    env.clock.advance(72 * 3600_000 + 1000);
    assert.equal((await h.activate('act2', code)).statusCode, 400);
    const expired = (await h.audit('activation_failed')).filter((a) => a.details.includes('expired'));
    assert.equal(expired.length, 1);
  });

  test('an account that must change its password gets 403 PASSWORD_CHANGE_REQUIRED on every route but me, password, logout and the public settings', async () => {
    sys = await env.login('sysadm');
    await env.services.auth.bootstrapAccount(SYSTEM_ACTOR, {
      username: 'boot',
      displayName: 'boot',
      password: 'First#Time2026x',
      roles: ['city_admin'],
      orgIds: [env.seed.cityId],
      mustChangePassword: true,
    });
    const c = await env.login('boot', 'First#Time2026x');
    // The platform's public settings (its names, default language and page size: nothing personal) name
    // the frame around the forced password change.
    const exempt = [
      'GET /api/auth/me',
      'GET /api/settings/public',
      'POST /api/auth/password',
      'POST /api/auth/logout',
    ];
    const optedIn = env.app.routeInventory
      .filter((r) => 'duringPasswordChange' in r.access && r.access.duringPasswordChange)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    assert.deepEqual(optedIn, [...exempt].sort());
    const reached: string[] = [];
    let walked = 0;
    for (const r of env.app.routeInventory) {
      if ('public' in r.access) continue;
      const key = `${r.method} ${r.url}`;
      if (key === 'POST /api/auth/logout') continue;
      const url = r.url.replace(/:\w+/g, randomUUID()).replace('*', 'x');
      const res = await env.request(c, { method: r.method as 'GET', url });
      walked++;
      if (res.statusCode === 403 && res.json().error.code === 'PASSWORD_CHANGE_REQUIRED') continue;
      reached.push(`${key} → ${res.statusCode}`);
    }
    assert.ok(walked > 60, `walked ${walked} routes`);
    assert.deepEqual(
      reached.map((x) => x.split(' → ')[0]).sort(),
      ['GET /api/auth/me', 'GET /api/settings/public', 'POST /api/auth/password'],
      reached.join('\n'),
    );
    for (const url of ['/api/notifications', '/api/calendar/overrides'])
      if (env.app.routeInventory.some((r) => r.url === url))
        assert.equal((await env.request(c, { method: 'GET', url })).statusCode, 403, url);
    assert.equal((await h.post(c, '/api/auth/logout')).statusCode, 204);
  });
});

describe('issue 7 item 13 — wrong current passwords on password change count toward the lockout', () => {
  let env: TestEnv;
  let h: ReturnType<typeof helpers>;
  before(async () => {
    env = await createTestEnv();
    h = helpers(env);
  });
  after(() => env.close());

  const wrongChange = (cookie: string, i: number) =>
    h.post(cookie, '/api/auth/password', { currentPassword: `Guess#Wrong${i}x`, newPassword: NEW_PASSWORD });

  test('five wrong current passwords lock the account for 30 minutes and end its sessions', async () => {
    const c = await env.login('deptd');
    const other = await env.login('deptd');
    for (let i = 0; i < 5; i++) {
      const r = await wrongChange(c, i);
      assert.equal(r.statusCode, 400, `attempt ${i}`);
      assert.equal(r.json().error.code, 'PASSWORD_WRONG');
    }
    assert.equal((await env.request(c, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    assert.equal((await env.request(other, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    assert.equal(await h.loginStatus('deptd', TEST_PASSWORD), 401, 'locked even with the right password');
    const deptd = await h.idOf('deptd');
    assert.equal((await h.audit('account_locked')).filter((a) => a.object_id === deptd).length, 1);
    const denied = (await h.audit('password_change')).filter((a) => a.outcome === 'denied');
    assert.equal(denied.length, 5);
    env.clock.advance(30 * 60_000 + 1000);
    await env.login('deptd');
  });

  test('login failures and wrong current passwords add up to one lockout', async () => {
    const c = await env.login('townb');
    await wrongChange(c, 1);
    await wrongChange(c, 2);
    for (let i = 0; i < 3; i++) assert.equal(await h.loginStatus('townb', `Wrong#Login${i}x`), 401);
    assert.equal((await env.request(c, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    assert.equal(await h.loginStatus('townb', TEST_PASSWORD), 401);
  });
});
