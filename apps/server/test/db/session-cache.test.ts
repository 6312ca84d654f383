// The session cache (sessions.service.ts) keyed by the auth data version: logout, a disabled user, new
// roles or scopes and a moved org take effect at the very next request — also when another instance
// sharing the PostgreSQL database made the change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit';
import { replaceRolesAndScopes } from '../../src/modules/auth/account-grants.repository';
import { DB_KIND, createTestEnv, type TestEnv } from '../helpers/test-env';
import { testIdNumber } from '../helpers/factories';

const userId = async (env: TestEnv, username: string) =>
  (
    await env.services.db
      .selectFrom('users')
      .select('id')
      .where('username_norm', '=', username)
      .executeTakeFirstOrThrow()
  ).id;

const me = (env: TestEnv, cookie: string) => env.request(cookie, { method: 'GET', url: '/api/auth/me' });
const person = (env: TestEnv, cookie: string, id: string) =>
  env.request(cookie, { method: 'GET', url: `/api/people/${id}` });

describe('session cache', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('a disabled user is refused at the next request, with the session answered from the cache before', async () => {
    const cookie = await env.login('townb');
    for (let i = 0; i < 3; i++) assert.equal((await me(env, cookie)).statusCode, 200);
    await env.services.auth.setActive(SYSTEM_ACTOR, await userId(env, 'townb'), false);
    assert.equal((await me(env, cookie)).statusCode, 401);
    await env.services.auth.setActive(SYSTEM_ACTOR, await userId(env, 'townb'), true);
  });

  test('after logout the same cookie is refused at once', async () => {
    const cookie = await env.login('towna');
    assert.equal((await me(env, cookie)).statusCode, 200);
    const out = await env.request(cookie, { method: 'POST', url: '/api/auth/logout', payload: {} });
    assert.ok(out.statusCode < 300, out.body);
    assert.equal((await me(env, cookie)).statusCode, 401);
  });

  test('a scope change is seen at the next request: the old scope is refused, the new one read', async () => {
    const cookie = await env.login('seca1');
    const id = await userId(env, 'seca1');
    assert.equal((await person(env, cookie, env.seed.personA1)).statusCode, 200);
    assert.equal((await person(env, cookie, env.seed.personB1)).statusCode, 404);
    await env.services.db
      .transaction()
      .execute((trx) => replaceRolesAndScopes(trx, id, ['village_secretary'], [env.seed.villageB1]));
    assert.equal((await person(env, cookie, env.seed.personA1)).statusCode, 404);
    assert.equal((await person(env, cookie, env.seed.personB1)).statusCode, 200);
    await env.services.db
      .transaction()
      .execute((trx) => replaceRolesAndScopes(trx, id, ['village_secretary'], [env.seed.villageA1]));
  });

  test('a role change is seen at the next request', async () => {
    const cookie = await env.login('towna');
    const id = await userId(env, 'towna');
    assert.equal((await person(env, cookie, env.seed.personA1)).statusCode, 200);
    await env.services.db.transaction().execute((trx) => replaceRolesAndScopes(trx, id, ['audit_admin'], []));
    assert.equal((await person(env, cookie, env.seed.personA1)).statusCode, 403);
    await env.services.db
      .transaction()
      .execute((trx) => replaceRolesAndScopes(trx, id, ['town_staff'], [env.seed.townA]));
    assert.equal((await person(env, cookie, env.seed.personA1)).statusCode, 200);
  });

  test(
    'a user disabled through another instance sharing the database is refused at the next request',
    { skip: DB_KIND !== 'postgres' && 'instances share a database on PostgreSQL' },
    async () => {
      const other = await env.secondInstance();
      try {
        const cookie = await env.login('leader1');
        for (let i = 0; i < 3; i++) assert.equal((await me(env, cookie)).statusCode, 200);
        await other.auth.setActive(SYSTEM_ACTOR, await userId(env, 'leader1'), false);
        assert.equal((await me(env, cookie)).statusCode, 401);
        await other.auth.setActive(SYSTEM_ACTOR, await userId(env, 'leader1'), true);
        const again = await env.login('leader1');
        assert.equal((await person(env, again, env.seed.personB1)).statusCode, 200);
        // The scope narrowed elsewhere: this instance reads the cached session again.
        const id = await userId(env, 'leader1');
        await other.db
          .transaction()
          .execute((trx) => replaceRolesAndScopes(trx, id, ['leader'], [env.seed.townA]));
        assert.equal((await person(env, again, env.seed.personB1)).statusCode, 404);
        assert.equal((await person(env, again, env.seed.personA1)).statusCode, 200);
      } finally {
        await other.close();
      }
    },
  );

  test('a reading request keys its kept answers with the versions read with its session: a write is seen at the next request', async () => {
    const cookie = await env.login('towna');
    const list = async () =>
      (
        await env.request(cookie, { method: 'GET', url: `/api/people?orgId=${env.seed.townA}&pageSize=50` })
      ).json<{ total: number }>().total;
    const n = await list();
    assert.equal(await list(), n, 'kept');
    // A write through another request (another instance would do the same: the version is in the database).
    const made = await env.request(await env.login('city1'), {
      method: 'POST',
      url: '/api/people',
      payload: {
        orgId: env.seed.villageA1,
        name: '周新',
        gender: '1',
        birthDate: '1990-02-03',
        idNumber: testIdNumber('1990-02-03', '1'),
        ethnicity: '01',
        politicalStatus: '01',
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(await list(), n + 1);
  });
});
