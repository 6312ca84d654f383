import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/app';
import { ORIGIN, createTestEnv, type TestEnv } from '../helpers/test-env';

const LIMIT = 50;

describe('the reveal limit counts per authenticated user, after authorization', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  const reveal = (cookie: string | null, personId: string, reason = '核对换届资格审查材料') =>
    env.request(cookie, {
      method: 'POST',
      url: `/api/people/${personId}/reveal`,
      payload: { field: 'idNumber', reason },
      remoteAddress: '10.1.2.3',
    });
  const auditCount = async (action: string) =>
    (await env.services.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute())
      .length;

  test('25 anonymous and 10 refused requests from the same address use up nobody’s allowance; two users each get their own 50, the 51st is 429 and audited, and the count survives a restart', async () => {
    for (let i = 0; i < 25; i++) {
      const r = await reveal(null, env.seed.personA1);
      assert.equal(r.statusCode, 401);
    }
    const leader = await env.login('leader1');
    const townA = await env.login('towna');
    const city = await env.login('city1');
    for (let i = 0; i < 5; i++) assert.equal((await reveal(leader, env.seed.personA1)).statusCode, 403);
    // Out of scope (404) and bad input (400) are not reveals either.
    for (let i = 0; i < 5; i++) assert.equal((await reveal(townA, env.seed.personB1)).statusCode, 404);
    for (let i = 0; i < 5; i++) assert.equal((await reveal(townA, env.seed.personA1, 'ab')).statusCode, 400);

    for (const [name, cookie] of [
      ['towna', townA],
      ['city1', city],
    ] as const) {
      for (let i = 1; i <= LIMIT; i++) {
        const r = await reveal(cookie, env.seed.personA1);
        assert.equal(r.statusCode, 200, `${name} reveal ${i}: ${r.body}`);
      }
      const over = await reveal(cookie, env.seed.personA1);
      assert.equal(over.statusCode, 429, `${name}: the 51st`);
      assert.equal(over.json().error.code, 'PII_REVEAL_LIMIT');
      assert.ok(!over.body.includes('3205'), 'no value with a refusal');
    }
    assert.equal(await auditCount('pii_reveal'), 2 * LIMIT);
    assert.equal(await auditCount('pii_reveal_limited'), 2);

    const en = await env.request(townA, {
      method: 'POST',
      url: `/api/people/${env.seed.personA1}/reveal`,
      payload: { field: 'phone', reason: 'check the records' },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 429);
    assert.match(en.json().error.message, /limit of 50/);

    // A restarted server (a new app on the same database) still refuses today, allows tomorrow.
    const app2 = await buildApp(env.services, { logLevel: 'silent', publicOrigin: ORIGIN });
    try {
      const again = await app2.inject({
        method: 'POST',
        url: `/api/people/${env.seed.personA1}/reveal`,
        payload: { field: 'idNumber', reason: '核对换届资格审查材料' },
        headers: { origin: ORIGIN, cookie: townA },
      });
      assert.equal(again.statusCode, 429);
    } finally {
      await app2.close();
    }
    env.clock.advance(24 * 3600_000);
    const tomorrow = await reveal(await env.login('towna'), env.seed.personA1);
    assert.equal(tomorrow.statusCode, 200, tomorrow.body);
  });
});

describe('the reveal reason', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('may not carry an ID-number-like or phone-like run of digits (400 naming the field, zh and en)', async () => {
    const townA = await env.login('towna');
    for (const reason of [
      '核对32058219900517123X',
      '请联系 138 1234 5678 核实',
      '电话１３８１２３４５６７８',
    ]) {
      const r = await env.request(townA, {
        method: 'POST',
        url: `/api/people/${env.seed.personA1}/reveal`,
        payload: { field: 'idNumber', reason },
      });
      assert.equal(r.statusCode, 400, reason);
      assert.equal(r.json().error.fields[0].path, 'reason');
      assert.equal(r.json().error.fields[0].message, '事由中不能包含身份证号或手机号');
    }
    const en = await env.request(townA, {
      method: 'POST',
      url: `/api/people/${env.seed.personA1}/reveal`,
      payload: { field: 'idNumber', reason: 'call 13812345678' },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(
      en.json().error.fields[0].message,
      'The reason must not contain an ID number or a phone number',
    );
    const ok = await env.request(townA, {
      method: 'POST',
      url: `/api/people/${env.seed.personA1}/reveal`,
      payload: { field: 'idNumber', reason: '2021年换届资格审查' },
    });
    assert.equal(ok.statusCode, 200);
  });
});
