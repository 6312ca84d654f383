// Issue 10 item 6: a POST with an Idempotency-Key creates one record, however often it is sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

describe('issue 10 item 6 — idempotent writes', () => {
  let env: TestEnv;
  let sys: string;
  let city: string;
  before(async () => {
    env = await createTestEnv();
    sys = await env.login('sysadm');
    city = await env.login('city1');
  });
  after(() => env.close());

  const createUser = (cookie: string, key: string | null, username: string, displayName = username) =>
    env.request(cookie, {
      method: 'POST',
      url: '/api/admin/users',
      payload: { username, displayName, roles: ['town_staff'], orgIds: [env.seed.townA] },
      headers: key === null ? {} : { 'idempotency-key': key },
    });
  const usersNamed = async (norm: string) =>
    (await env.services.db.selectFrom('users').select('id').where('username_norm', '=', norm).execute())
      .length;
  const grantsFor = async (norm: string) =>
    (
      await env.services.db
        .selectFrom('account_grants')
        .select('id')
        .where('username_norm', '=', norm)
        .execute()
    ).length;

  test('two sequential requests with one key: one account, one request, the same answer', async () => {
    const key = randomUUID();
    const first = await createUser(sys, key, 'idem-seq');
    const second = await createUser(sys, key, 'idem-seq');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(second.statusCode, 201, second.body);
    assert.deepEqual(second.json(), first.json());
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(first.headers['idempotent-replayed'], undefined);
    assert.equal(await usersNamed('idem-seq'), 1);
    assert.equal(await grantsFor('idem-seq'), 1);
  });

  test('without a key, the second request is a second attempt (refused as a taken name)', async () => {
    assert.equal((await createUser(sys, null, 'idem-nokey')).statusCode, 201);
    const again = await createUser(sys, null, 'idem-nokey');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'USERNAME_TAKEN');
  });

  test('two concurrent requests with one key: one record, both answered alike', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([createUser(sys, key, 'idem-conc'), createUser(sys, key, 'idem-conc')]);
    assert.deepEqual([a.statusCode, b.statusCode], [201, 201], `${a.body} ${b.body}`);
    assert.deepEqual(a.json(), b.json());
    assert.equal(
      [a, b].filter((r) => r.headers['idempotent-replayed'] === 'true').length,
      1,
      'exactly one of them is the replay',
    );
    assert.equal(await usersNamed('idem-conc'), 1);
    assert.equal(await grantsFor('idem-conc'), 1);
  });

  test('the same key with another body is 422 and writes nothing', async () => {
    const key = randomUUID();
    assert.equal((await createUser(sys, key, 'idem-body')).statusCode, 201);
    const other = await createUser(sys, key, 'idem-body2');
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await usersNamed('idem-body2'), 0);
    const en = await env.request(sys, {
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: 'idem-body3', displayName: 'x', roles: ['town_staff'], orgIds: [env.seed.townA] },
      headers: { 'idempotency-key': key, 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 422);
    assert.match(en.json().error.message, /different content/);
  });

  test('a key is the account’s own: another account with the same key is another submission', async () => {
    const key = randomUUID();
    const bySys = await createUser(sys, key, 'idem-own1');
    const byCity = await createUser(city, key, 'idem-own2');
    assert.equal(bySys.statusCode, 201);
    assert.equal(byCity.statusCode, 201, byCity.body);
    assert.notEqual(byCity.json().grantId, bySys.json().grantId);
    assert.equal(await grantsFor('idem-own2'), 1);
  });

  test('a refused request releases its key; a malformed key is refused; the answer is kept sealed', async () => {
    const key = randomUUID();
    await createUser(sys, null, 'idem-taken');
    const refused = await createUser(sys, key, 'idem-taken');
    assert.equal(refused.statusCode, 409);
    const row = await env.services.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('idem_key', '=', key)
      .executeTakeFirst();
    assert.equal(row, undefined, 'a failure keeps nothing');
    const bad = await createUser(sys, 'short', 'idem-badkey');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'IDEMPOTENCY_KEY_INVALID');
    assert.equal(await usersNamed('idem-badkey'), 0);

    const k2 = randomUUID();
    const ok = await createUser(city, k2, 'idem-sealed');
    const code = ok.json().activationCode as string;
    assert.ok(code, 'the department receives an activation code');
    const stored = await env.services.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('idem_key', '=', k2)
      .executeTakeFirstOrThrow();
    assert.equal(stored.state, 'done');
    assert.ok(!stored.response!.includes(code), 'the stored answer does not show the code');
  });

  test('after 24 hours the key is forgotten', async () => {
    const key = randomUUID();
    assert.equal((await createUser(sys, key, 'idem-exp')).statusCode, 201);
    env.clock.advance(24 * 3600 * 1000 + 1000);
    sys = await env.login('sysadm');
    const later = await createUser(sys, key, 'idem-exp');
    assert.equal(later.statusCode, 409, 'run again, so refused as a taken name');
    assert.equal(later.json().error.code, 'USERNAME_TAKEN');
  });
});
