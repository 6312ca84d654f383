import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, ORIGIN, TEST_PASSWORD, type TestEnv } from '../helpers/test-env';

const auditRows = (env: TestEnv, action: string) =>
  env.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('authentication and sessions', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('unknown user, wrong password and disabled user get the same answer', async () => {
    await env.services.auth.setActive(
      { userId: null, username: 'system', role: 'system', ip: null, requestId: null, sessionHash: null },
      (
        await env.services.db
          .selectFrom('users')
          .select('id')
          .where('username_norm', '=', 'leader1')
          .executeTakeFirstOrThrow()
      ).id,
      false,
    );
    const bodies = [];
    for (const [u, p] of [
      ['nobody', TEST_PASSWORD],
      ['townb', 'Wrong#Pass2024'],
      ['leader1', TEST_PASSWORD],
    ]) {
      const r = await env.request(null, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u, password: p },
      });
      assert.equal(r.statusCode, 401);
      bodies.push({ ...r.json().error, requestId: '' });
    }
    assert.deepEqual(bodies[0], bodies[1]);
    assert.deepEqual(bodies[1], bodies[2]);
  });

  test('the session cookie is HttpOnly and SameSite=Strict; usernames are matched case- and width-insensitively', async () => {
    const r = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ＣＩＴＹ１ ', password: TEST_PASSWORD },
    });
    assert.equal(r.statusCode, 200);
    const c = r.cookies.find((k) => k.name === 'xh_sid')!;
    assert.equal(c.httpOnly, true);
    assert.equal(c.sameSite, 'Strict');
    assert.equal(c.path, '/');
  });

  test('five failures in 15 minutes lock the account for 30 minutes, even against the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await env.request(null, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'seca1', password: `Wrong#Pass${i}x` },
      });
      assert.equal(r.statusCode, 401);
    }
    const locked = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'seca1', password: TEST_PASSWORD },
    });
    assert.equal(locked.statusCode, 401);
    assert.equal((await auditRows(env, 'account_locked')).length, 1);
    env.clock.advance(30 * 60_000 + 1000);
    await env.login('seca1');
  });

  test('a session expires after 30 idle minutes and is refused after logout', async () => {
    const cookie = await env.login('towna');
    env.clock.advance(29 * 60_000);
    assert.equal((await env.request(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode, 200);
    env.clock.advance(30 * 60_000 + 1000);
    assert.equal((await env.request(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    assert.ok((await auditRows(env, 'session_timeout')).length >= 1);
    const c2 = await env.login('towna');
    const out = await env.request(c2, { method: 'POST', url: '/api/auth/logout' });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['clear-site-data']), /cookies/);
    assert.equal((await env.request(c2, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  });

  test('a session ends after 12 hours even when active', async () => {
    const cookie = await env.login('townb');
    let elapsed = 0;
    while (elapsed < 13 * 60) {
      env.clock.advance(29 * 60_000);
      elapsed += 29;
      const status = (await env.request(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode;
      if (elapsed < 12 * 60) assert.equal(status, 200, `expired too early after ${elapsed} minutes`);
      else return assert.equal(status, 401);
    }
    assert.fail('session still valid after 12 hours');
  });

  test('state-changing requests need our Origin and a JSON body', async () => {
    const cookie = await env.login('city1');
    const foreign = await env.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'http://127.0.0.2:9999' },
    });
    assert.equal(foreign.statusCode, 403);
    assert.equal(foreign.json().error.code, 'CSRF_ORIGIN_MISMATCH');
    const missing = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    assert.equal(missing.statusCode, 403);
    const form = await env.request(cookie, {
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    assert.equal(form.statusCode, 415);
    const text = await env.request(cookie, {
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    assert.equal(text.statusCode, 415);
    const bad = await env.request(cookie, {
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    assert.equal(bad.statusCode, 400);
    const proto = await env.request(cookie, {
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"x":1}}',
    });
    assert.equal(proto.statusCode, 400);
  });

  test('password change enforces the policy and refuses reuse', async () => {
    const cookie = await env.login('deptd');
    const weak = await env.request(cookie, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'password' },
    });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.code, 'PASSWORD_POLICY');
    const same = await env.request(cookie, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    });
    assert.equal(same.statusCode, 400);
    const wrong = await env.request(cookie, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'nope', newPassword: 'Brand#New2025pw' },
    });
    assert.equal(wrong.statusCode, 400);
    const ok = await env.request(cookie, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Brand#New2025pw' },
    });
    assert.equal(ok.statusCode, 204);
    await env.login('deptd', 'Brand#New2025pw');
  });
});

describe('separated administrators and headers', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('none of the three administrators reads the roster; each only does their own work', async () => {
    const sys = await env.login('sysadm');
    const sec = await env.login('secadm');
    const aud = await env.login('audadm');
    for (const c of [sys, sec, aud]) {
      assert.equal((await env.request(c, { method: 'GET', url: '/api/people' })).statusCode, 403);
      assert.equal((await env.request(c, { method: 'GET', url: '/api/stats/roster' })).statusCode, 403);
    }
    assert.equal((await env.request(sys, { method: 'GET', url: '/api/audit' })).statusCode, 403);
    assert.equal((await env.request(sec, { method: 'GET', url: '/api/audit' })).statusCode, 403);
    assert.equal((await env.request(aud, { method: 'GET', url: '/api/audit' })).statusCode, 200);
    assert.equal((await env.request(aud, { method: 'GET', url: '/api/admin/users' })).statusCode, 403);
    assert.equal((await env.request(sys, { method: 'GET', url: '/api/admin/users' })).statusCode, 200);
    const town = await env.login('towna');
    assert.equal((await env.request(town, { method: 'GET', url: '/api/admin/users' })).statusCode, 403);
    const denied = await env.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access_denied')
      .execute();
    assert.ok(denied.length >= 8);
  });

  test('an account cannot combine two of the separated administrator roles, in the service and in the database', async () => {
    const sys = await env.login('sysadm');
    const r = await env.request(sys, {
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'both',
        displayName: 'both',
        roles: ['sys_admin', 'audit_admin'],
        orgIds: [],
      },
    });
    assert.equal(r.statusCode, 422);
    const secId = (
      await env.services.db
        .selectFrom('users')
        .select('id')
        .where('username_norm', '=', 'secadm')
        .executeTakeFirstOrThrow()
    ).id;
    await assert.rejects(
      env.services.db.insertInto('user_roles').values({ user_id: secId, role: 'audit_admin' }).execute(),
    );
  });

  test('every response carries strict security headers; /api answers are not cached', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(r.statusCode, 404);
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.equal(r.headers['x-powered-by'], undefined);
    const h = await env.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(h.statusCode, 200);
    assert.ok(h.headers['content-security-policy']);
    const ready = await env.app.inject({ method: 'GET', url: '/readyz' });
    assert.deepEqual(ready.json(), { status: 'ready', migrations: 'current' });
  });

  test('every registered route validates its path, body and answer with a schema (walks the whole inventory)', () => {
    // Routes whose request has no body: actions named by the URL alone (the body, if any, is ignored).
    const bodyless = new Set([
      'POST /api/auth/logout',
      'POST /api/admin/users/:id/disable',
      'POST /api/admin/users/:id/unlock',
      'POST /api/admin/users/:id/kill-sessions',
      'POST /api/admin/users/:id/totp-reset',
      'POST /api/auth/totp/setup',
      'POST /api/admin/users/:id/enable',
      'POST /api/admin/users/:id/reset-password',
      'POST /api/admin/sessions/:id/end',
      'POST /api/admin/grants/:id/approve',
      'POST /api/admin/grant-batches/:batchId/approve',
      'POST /api/matters/sweep',
      'POST /api/elections/:id/structure-report/snapshots',
    ]);
    // Raw-byte uploads (marked by their registration) are checked by content instead (platform/files).
    const uploads = env.app.routeInventory.filter((r) => r.rawUpload).map((r) => `${r.method} ${r.url}`);
    assert.ok(uploads.length >= 6, `${uploads.length} upload routes`);
    // Answers that are files or empty (204), not JSON, and the platform's own endpoints.
    const notJson =
      /^(GET \/(healthz|readyz|api\/openapi\.json|\*)|TRACE \/\*|GET .*(export|\.pdf|attachments\/:attachmentId(\/thumbnail)?|template|imports\/:id\/annotated|people\/:id\/lrmx)$|DELETE .*attachments\/:attachmentId$|POST \/api\/(auth\/(logout|password|activate)|admin\/(users\/:id\/(unlock|kill-sessions)|grants\/:id\/reject)))/;
    const missing: string[] = [];
    const routes = env.app.routeInventory;
    assert.ok(routes.length >= 70, `${routes.length} routes`);
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (/:[A-Za-z]/.test(r.url) && !r.schema.params) missing.push(`${key}: params`);
      if (
        ['POST', 'PUT', 'PATCH'].includes(r.method) &&
        !r.schema.body &&
        !bodyless.has(key) &&
        !uploads.includes(key)
      )
        missing.push(`${key}: body`);
      if (!r.schema.responses.some((c) => c.startsWith('2')) && !notJson.test(key))
        missing.push(`${key}: response`);
    }
    assert.deepEqual(missing, []);
    // The exemptions stay true: each named route exists.
    for (const key of bodyless)
      assert.ok(
        routes.some((r) => `${r.method} ${r.url}` === key),
        key,
      );
  });

  test('every route declares an access rule and a schema; the OpenAPI document lists the API', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/people',
      '/api/people/{id}',
      '/api/stats/roster',
      '/api/orgs/{id}',
      '/api/audit',
      '/api/auth/login',
      '/api/admin/users',
      '/api/admin/grants',
      '/api/people/dedupe-requests',
      '/api/notifications',
      '/api/orgs/{id}/webhook',
      '/api/calendar/days',
    ])
      assert.ok(paths.includes(p), p);
    // The shapes come from the shared contract: the answer's fields are listed, not an empty object.
    const personAnswer =
      doc.paths['/api/people/{id}'].get.responses['200'].content['application/json'].schema;
    assert.ok(personAnswer.properties.positionHistory, 'person answer schema');
    const { default: Fastify } = await import('fastify');
    const { installAccess } = await import('../../src/platform/http/access');
    const bare = Fastify();
    installAccess(bare, {
      resolveSession: async () => null,
      resolveDisplayToken: async () => null,
      audit: env.services.audit,
    });
    assert.throws(() => bare.get('/api/undeclared', async () => 'x'), /declares no access rule/);
  });

  test('errors never leak internals', async () => {
    const r = await env.app.inject({
      method: 'GET',
      url: '/api/people/not-a-uuid',
      headers: { origin: ORIGIN },
    });
    assert.equal(r.statusCode, 401);
    const c = await env.login('city1');
    const bad = await env.request(c, { method: 'GET', url: '/api/people?sort=name;drop table persons' });
    assert.equal(bad.statusCode, 400);
    assert.doesNotMatch(bad.body, /sqlite|postgres|select|stack|\/work\//i);
  });
});
