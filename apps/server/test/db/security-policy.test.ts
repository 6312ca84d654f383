import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '@xinhuo/shared';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../helpers/test-env';
import { webhookReceiver } from '../helpers/webhook-receiver';
import { totpCode } from '../../src/modules/auth/totp';

const DAY = 86_400_000;

/** Audit rows of one action about one object (or all of the action). */
async function auditRows(env: TestEnv, action: string, objectId?: string) {
  let q = env.services.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId) q = q.where('object_id', '=', objectId);
  return q.orderBy('seq').execute();
}

async function userId(env: TestEnv, username: string): Promise<string> {
  const u = await env.services.db
    .selectFrom('users')
    .select('id')
    .where('username_norm', '=', username)
    .executeTakeFirstOrThrow();
  return u.id;
}

/** The security administrator changes some policy fields through the route (read, then write with the version). */
async function setPolicy(env: TestEnv, secadm: string, patch: Partial<SecurityPolicy>) {
  const cur = (await env.request(secadm, { method: 'GET', url: '/api/security/policy' })).json();
  const r = await env.request(secadm, {
    method: 'PUT',
    url: '/api/security/policy',
    payload: { policy: { ...cur.policy, ...patch }, version: cur.version },
  });
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

const login = (env: TestEnv, username: string, password = TEST_PASSWORD, remoteAddress?: string) =>
  env.request(null, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });

const cookieOf = (r: { cookies: { name: string; value: string }[] }) => {
  const c = r.cookies.find((k) => k.name === 'xh_sid');
  return c ? `xh_sid=${c.value}` : null;
};

describe('security policy: only the security administrator, audited, applied', () => {
  let env: TestEnv;
  const c: Record<string, string> = {};
  let statements: string[] = [];
  before(async () => {
    env = await createTestEnv({ onQuery: (q) => statements.push(q) });
    for (const u of ['sysadm', 'secadm', 'audadm', 'city1']) c[u] = await env.login(u);
  });
  after(() => env.close());

  test('the defaults are the built-in behaviour, and the three administrators get their own answers', async () => {
    const got = await env.request(c.secadm!, { method: 'GET', url: '/api/security/policy' });
    assert.equal(got.statusCode, 200);
    // The test environment turned the second factor off for the suite; everything else is the default.
    assert.deepEqual(
      { ...got.json().policy, totpRequiredRoles: DEFAULT_SECURITY_POLICY.totpRequiredRoles },
      DEFAULT_SECURITY_POLICY,
    );
    const matrix: [string, string, string, number][] = [
      ['sysadm', 'GET', '/api/security/policy', 403],
      ['audadm', 'GET', '/api/security/policy', 403],
      ['city1', 'GET', '/api/security/policy', 403],
      ['sysadm', 'PUT', '/api/security/policy', 403],
      ['audadm', 'PUT', '/api/security/policy', 403],
      ['sysadm', 'GET', '/api/security/alerts', 403],
      ['audadm', 'GET', '/api/security/alerts', 403],
      ['secadm', 'GET', '/api/security/alerts', 200],
      ['sysadm', 'POST', '/api/security/totp-reset', 403],
    ];
    for (const [who, method, url, status] of matrix) {
      const r = await env.request(c[who]!, {
        method: method as 'GET',
        url,
        ...(method === 'GET'
          ? {}
          : {
              payload: url.endsWith('policy')
                ? { policy: got.json().policy, version: 1 }
                : { username: 'towna' },
            }),
      });
      assert.equal(r.statusCode, status, `${who} ${method} ${url}`);
    }
    const denied = await auditRows(env, 'access_denied');
    assert.ok(denied.some((d) => d.actor_name === 'sysadm' && d.object_id === 'PUT /api/security/policy'));
  });

  test('a request reads the policy from the cache: no statement on its table until a change', async () => {
    const policyReads = () => statements.filter((q) => /security_policy/.test(q)).length;
    await env.request(c.city1!, { method: 'GET', url: '/api/auth/me' });
    statements = [];
    for (let i = 0; i < 3; i++)
      assert.equal((await env.request(c.city1!, { method: 'GET', url: '/api/auth/me' })).statusCode, 200);
    assert.equal(policyReads(), 0);
    await setPolicy(env, c.secadm!, { sessionIdleMinutes: 25 });
    statements = [];
    await env.request(c.city1!, { method: 'GET', url: '/api/auth/me' });
    assert.equal(policyReads(), 1, 'read again once after the change');
    await setPolicy(env, c.secadm!, { sessionIdleMinutes: 30 });
  });

  test('a change is audited with the old and new values; a stale version is refused; bad values are named', async () => {
    const before = await auditRows(env, 'security_policy_change');
    const saved = await setPolicy(env, c.secadm!, { passwordMinLength: 12, lockoutThreshold: 3 });
    assert.equal(saved.policy.passwordMinLength, 12);
    const rows = await auditRows(env, 'security_policy_change');
    assert.equal(rows.length, before.length + 1);
    const details = JSON.parse(rows.at(-1)!.details!);
    assert.deepEqual(details.old, { passwordMinLength: 8, lockoutThreshold: 5 });
    assert.deepEqual(details.new, { passwordMinLength: 12, lockoutThreshold: 3 });
    const stale = await env.request(c.secadm!, {
      method: 'PUT',
      url: '/api/security/policy',
      payload: { policy: saved.policy, version: saved.version - 1 },
    });
    assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
    const bad = await env.request(c.secadm!, {
      method: 'PUT',
      url: '/api/security/policy',
      payload: { policy: { ...saved.policy, adminIpAllowlist: ['10.0.0.0/99'] }, version: saved.version },
    });
    assert.equal(bad.statusCode, 400);
    const looser = await env.request(c.secadm!, {
      method: 'PUT',
      url: '/api/security/policy',
      payload: { policy: { ...saved.policy, adminSessionIdleMinutes: 60 }, version: saved.version },
    });
    assert.equal(looser.json().error.fields[0].reason, 'ADMIN_LIMIT_LOOSER');
  });

  test('the policy applies at once: a longer minimum length, a lower lockout threshold', async () => {
    const short = await env.request(c.city1!, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Ab#4efgh9x' },
    });
    assert.equal(short.statusCode, 400);
    assert.ok(short.json().error.fields.some((f: { reason: string }) => f.reason === 'TOO_SHORT'));
    for (let i = 0; i < 3; i++) assert.equal((await login(env, 'towna', 'Wrong#Pass1234')).statusCode, 401);
    const locked = await env.services.db
      .selectFrom('users')
      .select('locked_until')
      .where('username_norm', '=', 'towna')
      .executeTakeFirstOrThrow();
    assert.ok(locked.locked_until, 'three failures lock under a threshold of 3');
    await env.request(c.secadm!, {
      method: 'POST',
      url: `/api/admin/users/${await userId(env, 'towna')}/unlock`,
    });
    await setPolicy(env, c.secadm!, { passwordMinLength: 8, lockoutThreshold: 5 });
  });

  test('an administrator login from outside the management-terminal allowlist is refused and audited', async () => {
    await setPolicy(env, c.secadm!, { adminIpAllowlist: ['127.0.0.1', '10.8.0.0/16'] });
    assert.equal((await login(env, 'sysadm', TEST_PASSWORD, '127.0.0.1')).statusCode, 200);
    assert.equal((await login(env, 'audadm', TEST_PASSWORD, '10.8.3.4')).statusCode, 200);
    assert.equal((await login(env, 'audadm', TEST_PASSWORD, '::ffff:10.8.3.4')).statusCode, 200);
    const away = await login(env, 'sysadm', TEST_PASSWORD, '127.0.0.2');
    assert.equal(away.statusCode, 403);
    assert.equal(away.json().error.code, 'AUTH_TERMINAL_NOT_ALLOWED');
    assert.equal(cookieOf(away), null);
    // A spoofed forwarding header changes nothing: no proxy is trusted in this configuration.
    const spoofed = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sysadm', password: TEST_PASSWORD },
      remoteAddress: '127.0.0.2',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    assert.equal(spoofed.statusCode, 403);
    // A wrong password from outside answers like any wrong password (the rule is told only to the holder).
    assert.equal((await login(env, 'sysadm', 'Wrong#Pass1234', '127.0.0.2')).statusCode, 401);
    // Business accounts are not restricted.
    assert.equal((await login(env, 'townb', TEST_PASSWORD, '127.0.0.2')).statusCode, 200);
    const refused = (await auditRows(env, 'login_failed', await userId(env, 'sysadm'))).filter(
      (r) => JSON.parse(r.details!).reason === 'terminal_not_allowed',
    );
    assert.equal(refused.length, 2);
    assert.equal(refused[0]!.ip, '127.0.0.2');
    await setPolicy(env, c.secadm!, { adminIpAllowlist: [] });
  });

  test('an administrator password older than the policy allows forces a change at login', async () => {
    env.clock.advance(91 * DAY);
    c.secadm = await env.login('secadm'); // the security administrator's own password expired too
    const r = await login(env, 'audadm');
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().user.mustChangePassword, true);
    const blocked = await env.request(cookieOf(r), { method: 'GET', url: '/api/audit' });
    assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
    assert.equal((await auditRows(env, 'password_expired', await userId(env, 'audadm'))).length, 1);
    // A business account is not an administrator: no forced change.
    assert.equal((await login(env, 'townb')).json().user.mustChangePassword, false);
    const changed = await env.request(cookieOf(r), {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Renewed#Audit2026q' },
    });
    assert.equal(changed.statusCode, 204);
    assert.equal((await login(env, 'audadm', 'Renewed#Audit2026q')).json().user.mustChangePassword, false);
  });

  test('the idle-account sweep disables accounts unused beyond the policy, audited', async () => {
    // Every account signed in when the clock was moved on above except these two.
    env.clock.advance(30 * DAY);
    const deptd = await userId(env, 'deptd');
    const seca1 = await userId(env, 'seca1');
    await login(env, 'seca1'); // seca1 signs in now: not idle
    const n = await env.services.auth.sweepIdleAccounts();
    assert.ok(n >= 1);
    const rows = await env.services.db.selectFrom('users').select(['id', 'is_active']).execute();
    assert.equal(rows.find((u) => u.id === deptd)!.is_active, 0);
    assert.equal(rows.find((u) => u.id === seca1)!.is_active, 1);
    assert.equal((await auditRows(env, 'account_expired', deptd)).length, 1);
    assert.equal((await login(env, 'deptd')).statusCode, 401);
    assert.equal(await env.services.auth.sweepIdleAccounts(), 0, 'a second sweep finds nothing more');
  });
});

describe('second factor (TOTP)', () => {
  let env: TestEnv;
  const c: Record<string, string> = {};
  before(async () => {
    env = await createTestEnv({ requireSecondFactor: true });
    c.secadm = await env.login('secadm');
    // The security administrator is held to the policy too: nothing but the enrolment until it has one.
    const unlock = await env.request(c.secadm, { method: 'POST', url: '/api/admin/users/x/unlock' });
    assert.equal(unlock.json().error.code, 'TOTP_REQUIRED');
    const setup = (await env.request(c.secadm, { method: 'POST', url: '/api/auth/totp/setup' })).json();
    const confirmed = await env.request(c.secadm, {
      method: 'POST',
      url: '/api/auth/totp/confirm',
      payload: { code: totpCode(setup.secret, env.clock.now().getTime()) },
    });
    assert.equal(confirmed.statusCode, 200);
  });
  after(() => env.close());
  const now = () => env.clock.now().getTime();

  test('an administrator without a second factor reaches only the enrolment, enrols, and then needs a code', async () => {
    const first = await login(env, 'sysadm');
    const ck = cookieOf(first)!;
    assert.equal(first.json().user.mustEnrollTotp, true);
    const blocked = await env.request(ck, { method: 'GET', url: '/api/admin/users' });
    assert.equal(blocked.json().error.code, 'TOTP_REQUIRED');
    const setup = await env.request(ck, { method: 'POST', url: '/api/auth/totp/setup' });
    assert.equal(setup.statusCode, 200);
    const { secret, qrDataUrl, otpauthUrl } = setup.json();
    assert.match(qrDataUrl, /^data:image\/svg\+xml;base64,/);
    assert.match(Buffer.from(qrDataUrl.split(',')[1], 'base64').toString(), /<svg[^>]*>/);
    assert.match(otpauthUrl, /^otpauth:\/\/totp\/Xinhuo%3Asysadm\?secret=[A-Z2-7]+&/);
    // Stored sealed, never in clear.
    const sys = await userId(env, 'sysadm');
    const row = await env.services.db
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', sys)
      .executeTakeFirstOrThrow();
    assert.ok(!row.secret_enc.includes(secret));
    const wrong = await env.request(ck, {
      method: 'POST',
      url: '/api/auth/totp/confirm',
      payload: { code: '000000' },
    });
    assert.equal(wrong.json().error.code, 'TOTP_INVALID');
    const ok = await env.request(ck, {
      method: 'POST',
      url: '/api/auth/totp/confirm',
      payload: { code: totpCode(secret, now()) },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const codes: string[] = ok.json().recoveryCodes;
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.equal((await env.request(ck, { method: 'GET', url: '/api/admin/users' })).statusCode, 200);
    const enrolRows = await auditRows(env, 'totp_enrol', sys);
    assert.deepEqual(
      enrolRows.map((r) => r.outcome),
      ['denied', 'success'],
    );

    // Logging in again: the password gives a challenge, no cookie.
    env.clock.advance(60_000);
    const step1 = await login(env, 'sysadm');
    assert.equal(step1.statusCode, 200);
    assert.equal(step1.json().totpRequired, true);
    assert.equal(cookieOf(step1), null);
    const challenge = step1.json().challenge;
    const code = (payload: string) =>
      env.request(null, {
        method: 'POST',
        url: '/api/auth/login/totp',
        payload: { challenge, code: payload },
      });
    const bad = await code('123456' === totpCode(secret, now()) ? '654321' : '123456');
    assert.equal(bad.statusCode, 400);
    assert.equal(cookieOf(bad), null);
    // A code of the step two back is outside the ±1 window.
    assert.equal((await code(totpCode(secret, now() - 60_000))).statusCode, 400);
    const good = await code(totpCode(secret, now() - 30_000)); // one step back: accepted
    assert.equal(good.statusCode, 200, good.body);
    assert.ok(cookieOf(good));
    assert.equal(good.json().user.mustEnrollTotp, false);

    // The same code again within its window: refused (a new challenge, same code).
    const again = await login(env, 'sysadm');
    const reuse = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login/totp',
      payload: { challenge: again.json().challenge, code: totpCode(secret, now() - 30_000) },
    });
    assert.equal(reuse.json().error.code, 'TOTP_INVALID');
    // A later step's code works.
    env.clock.advance(30_000);
    const later = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login/totp',
      payload: { challenge: again.json().challenge, code: totpCode(secret, now()) },
    });
    assert.equal(later.statusCode, 200);

    // A recovery code works once.
    const r1 = await login(env, 'sysadm');
    const rec = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login/totp',
      payload: { challenge: r1.json().challenge, code: codes[3] },
    });
    assert.equal(rec.statusCode, 200);
    const r2 = await login(env, 'sysadm');
    const recAgain = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login/totp',
      payload: { challenge: r2.json().challenge, code: codes[3] },
    });
    assert.equal(recAgain.json().error.code, 'TOTP_INVALID');
    const status = await env.request(cookieOf(rec), { method: 'GET', url: '/api/auth/totp' });
    assert.deepEqual(status.json(), { enrolled: true, required: true, recoveryCodesLeft: 9 });
  });

  test('wrong codes count toward the lockout; an expired challenge is refused', async () => {
    const id = await userId(env, 'sysadm');
    const ch = (await login(env, 'sysadm')).json().challenge;
    for (let i = 0; i < 5; i++)
      await env.request(null, {
        method: 'POST',
        url: '/api/auth/login/totp',
        payload: { challenge: ch, code: '999999' },
      });
    const u = await env.services.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(u.locked_until);
    const wrongCode = (await auditRows(env, 'login_failed', id)).filter(
      (r) => JSON.parse(r.details!).reason === 'wrong_code',
    );
    assert.ok(wrongCode.length >= 4);
    await env.request(c.secadm!, { method: 'POST', url: `/api/admin/users/${id}/unlock` });
    const ch2 = (await login(env, 'sysadm')).json().challenge;
    const elsewhere = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login/totp',
      payload: { challenge: ch2, code: '123456' },
      remoteAddress: '127.0.0.3',
    });
    assert.equal(
      elsewhere.json().error.code,
      'TOTP_CHALLENGE_EXPIRED',
      'a challenge serves only its address',
    );
    env.clock.advance(6 * 60_000);
    const late = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login/totp',
      payload: { challenge: ch2, code: '123456' },
    });
    assert.equal(late.json().error.code, 'TOTP_CHALLENGE_EXPIRED');
  });

  test('a lost device: only the security administrator resets it, audited; the holder enrols again', async () => {
    const sys = await userId(env, 'sysadm');
    const byAudadm = await env.request(await env.login('audadm'), {
      method: 'POST',
      url: `/api/admin/users/${sys}/totp-reset`,
    });
    assert.equal(byAudadm.statusCode, 403);
    const reset = await env.request(c.secadm!, {
      method: 'POST',
      url: '/api/security/totp-reset',
      payload: { username: 'SysAdm' },
    });
    assert.equal(reset.statusCode, 204);
    const rows = await auditRows(env, 'totp_reset', sys);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor_name, 'secadm');
    const next = await login(env, 'sysadm');
    assert.equal(next.json().user.mustEnrollTotp, true, 'no code asked; enrolment required again');
  });
});

const receiver = () => webhookReceiver('alerts');

describe('denial-burst alerts', () => {
  let env: TestEnv;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const c: Record<string, string> = {};
  before(async () => {
    env = await createTestEnv();
    hook = await receiver();
    for (const u of ['secadm', 'city1', 'towna']) c[u] = await env.login(u);
    const put = await env.request(c.city1!, {
      method: 'PUT',
      url: `/api/orgs/${env.seed.cityId}/webhook`,
      payload: { url: hook.url },
    });
    assert.equal(put.statusCode, 204);
    await setPolicy(env, c.secadm!, { alertDeniedThreshold: 5, alertLoginFailedThreshold: 6 });
  });
  after(async () => {
    await hook.close();
    await env.close();
  });

  test('a burst of out-of-scope reads raises one alert, audited, and one webhook delivery', async () => {
    for (let i = 0; i < 8; i++)
      assert.equal(
        (await env.request(c.towna!, { method: 'GET', url: `/api/people/${env.seed.personB1}` })).statusCode,
        404,
      );
    await env.services.securityAlerts.flush();
    const alerts = (await env.request(c.secadm!, { method: 'GET', url: '/api/security/alerts' })).json();
    const mine = alerts.items.filter((a: { subject: string }) => a.subject === 'user:towna');
    assert.equal(mine.length, 1);
    assert.equal(mine[0].kind, 'denied');
    assert.equal(mine[0].count, 5);
    assert.equal((await auditRows(env, 'security_alert', mine[0].id)).length, 1);
    await env.services.notify.flush();
    const sent = hook.got.filter((b) => b.kind === 'security_alert');
    assert.equal(sent.length, 1);
    assert.equal((sent[0]!.params as { subject: string }).subject, 'user:towna');
    assert.equal(sent[0]!.orgId, env.seed.cityId);
    // Nobody in the app reads it: the city's users see no security notification.
    const bell = (await env.request(c.city1!, { method: 'GET', url: '/api/notifications' })).json();
    assert.ok(!bell.items.some((n: { kind: string }) => n.kind === 'security_alert'));
  });

  test('reveal-limit hits by one user raise one alert at the policy threshold', async () => {
    const reveal = () =>
      env.request(c.city1!, {
        method: 'POST',
        url: `/api/people/${env.seed.personA1}/reveal`,
        payload: { field: 'idNumber', reason: '核对换届资格审查材料' },
      });
    let limited = 0;
    for (let i = 0; i < 60 && limited < DEFAULT_SECURITY_POLICY.alertRevealLimitThreshold + 1; i++)
      if ((await reveal()).statusCode === 429) limited++;
    assert.equal(limited, DEFAULT_SECURITY_POLICY.alertRevealLimitThreshold + 1);
    await env.services.securityAlerts.flush();
    const alerts = (await env.request(c.secadm!, { method: 'GET', url: '/api/security/alerts' })).json();
    const reveals = alerts.items.filter((a: { kind: string }) => a.kind === 'reveal_limit');
    assert.equal(reveals.length, 1);
    assert.equal(reveals[0].subject, 'user:city1');
    assert.equal(reveals[0].count, DEFAULT_SECURITY_POLICY.alertRevealLimitThreshold);
  });

  test('a burst of failed logins from one address raises one alert; fewer raise none', async () => {
    for (let i = 0; i < 5; i++)
      await env.request(null, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `ghost${i}`, password: 'x' },
        remoteAddress: '127.0.0.7',
      });
    for (let i = 0; i < 7; i++)
      await env.request(null, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `ghost${i}`, password: 'x' },
        remoteAddress: '127.0.0.9',
      });
    await env.services.securityAlerts.flush();
    const alerts = (await env.request(c.secadm!, { method: 'GET', url: '/api/security/alerts' })).json();
    const subjects = alerts.items
      .filter((a: { kind: string }) => a.kind === 'login_failed')
      .map((a: { subject: string }) => a.subject);
    assert.deepEqual(subjects, ['ip:127.0.0.9']);
  });
});
