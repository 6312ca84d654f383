import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../helpers/test-env';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit';

describe('bootstrap accounts and throttling', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ users: [['city1', 'city_admin', 'cityId']] });
  });
  after(() => env.close());

  test('an account created with a one-time password can do nothing until it changes it', async () => {
    await env.services.auth.bootstrapAccount(SYSTEM_ACTOR, {
      username: 'boot',
      displayName: 'boot',
      password: 'First#Time2026x',
      roles: ['city_admin'],
      orgIds: [env.seed.cityId],
      mustChangePassword: true,
    });
    const c = await env.login('boot', 'First#Time2026x');
    const blocked = await env.request(c, { method: 'GET', url: '/api/people' });
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
    const me = await env.request(c, { method: 'GET', url: '/api/auth/me' });
    assert.equal(me.json().mustChangePassword, true);
    const changed = await env.request(c, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'First#Time2026x', newPassword: 'Second#Time2026y' },
    });
    assert.equal(changed.statusCode, 204);
    assert.equal((await env.request(c, { method: 'GET', url: '/api/people' })).statusCode, 200);
  });

  test('usernames that differ only by case, width or spaces conflict; lookalike characters are refused', async () => {
    await assert.rejects(
      env.services.auth.bootstrapAccount(SYSTEM_ACTOR, {
        username: 'ＣＩＴＹ1 ',
        displayName: 'x',
        password: TEST_PASSWORD,
        roles: ['leader'],
        orgIds: [],
      }),
      /USERNAME_TAKEN/,
    );
    await assert.rejects(
      env.services.auth.bootstrapAccount(SYSTEM_ACTOR, {
        username: 'ci\u202Ety2',
        displayName: 'x',
        password: TEST_PASSWORD,
        roles: ['leader'],
        orgIds: [],
      }),
      /VALIDATION_FAILED/,
    );
  });

  test('too many logins from one address are throttled with Retry-After', async () => {
    let last = 0;
    let retryAfter: unknown;
    for (let i = 0; i < 25 && last !== 429; i++) {
      const r = await env.request(null, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `nobody${i}`, password: 'x' },
      });
      last = r.statusCode;
      retryAfter = r.headers['retry-after'];
    }
    assert.equal(last, 429);
    assert.ok(retryAfter);
    const limited = await env.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'rate_limited')
      .execute();
    assert.ok(limited.length >= 1);
  });
});
