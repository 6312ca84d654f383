import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, testIdNumber, type TestEnv } from '../helpers/test-env';

describe('duplicate ID numbers: no oracle across towns', () => {
  let env: TestEnv;
  let city: string;
  let townA: string;
  let townB: string;
  /** The ID number of 张伟, town B's person (read with the key, as no town A route may). */
  let idOfB: string;
  let idOfA2: string;
  before(async () => {
    env = await createTestEnv();
    city = await env.login('city1');
    townA = await env.login('towna');
    townB = await env.login('townb');
    const idOf = async (id: string) => {
      const row = await env.services.db
        .selectFrom('persons')
        .select('id_number_enc')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return env.services.crypto.decrypt(row.id_number_enc);
    };
    idOfB = await idOf(env.seed.personB1);
    idOfA2 = await idOf(env.seed.personA2);
  });
  after(() => env.close());

  const dedupeRows = () => env.services.db.selectFrom('person_dedupe_requests').selectAll().execute();
  const personBody = (idNumber: string, orgId: string) => ({
    name: '周敏',
    idNumber,
    ethnicity: '01',
    politicalStatus: '01',
    orgId,
  });

  test('PATCH with a stale version is a version conflict whatever the ID number, before any duplicate check', async () => {
    const current = await env.request(townA, { method: 'GET', url: `/api/people/${env.seed.personA1}` });
    const stale = current.json().version + 5;
    for (const idNumber of [idOfA2, idOfB, testIdNumber('1970-01-01', '2')]) {
      const r = await env.request(townA, {
        method: 'PATCH',
        url: `/api/people/${env.seed.personA1}`,
        payload: { version: stale, idNumber },
      });
      assert.equal(r.statusCode, 409, r.body);
      assert.equal(r.json().error.code, 'VERSION_CONFLICT');
    }
    assert.equal((await dedupeRows()).length, 0, 'a stale version opens no request');
  });

  test("POST from town A with town B's person's ID: 202 pending city review, naming no one, audited, seen by the city only", async () => {
    const before = await env.request(townA, { method: 'GET', url: '/api/people?pageSize=200' });
    const r = await env.request(townA, {
      method: 'POST',
      url: '/api/people',
      payload: personBody(idOfB, env.seed.villageA1),
    });
    assert.equal(r.statusCode, 202, r.body);
    const body = r.json();
    assert.equal(body.status, 'pending_city_review');
    assert.equal(body.message, '该身份证号需市级核查，已提交市委组织部核对');
    for (const leak of [
      '张伟',
      'B镇',
      'B1村',
      env.seed.personB1,
      env.seed.villageB1,
      'PERSON_ID_NUMBER_TAKEN',
    ])
      assert.ok(!r.body.includes(leak), leak);
    const en = await env.request(townA, {
      method: 'POST',
      url: '/api/people',
      payload: personBody(idOfB, env.seed.villageA1),
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 202);
    assert.match(en.json().message, /city-level check/);

    const after = await env.request(townA, { method: 'GET', url: '/api/people?pageSize=200' });
    assert.equal(after.json().total, before.json().total, 'nobody was created');
    const rows = await dedupeRows();
    assert.equal(rows.length, 2);
    assert.ok(rows.every((x) => x.holder_person_id === env.seed.personB1 && x.kind === 'create'));
    assert.ok(!JSON.stringify(rows).includes(idOfB), 'the submitted ID number is sealed');
    const audits = await env.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person_dedupe_request')
      .execute();
    assert.equal(audits.length, 2);
    assert.ok(!JSON.stringify(audits).includes(idOfB));

    const seenByCity = await env.request(city, { method: 'GET', url: '/api/people/dedupe-requests' });
    assert.equal(seenByCity.statusCode, 200);
    const items = seenByCity.json().items;
    assert.equal(items.length, 2);
    assert.equal(items[0].holder.name, '张伟');
    assert.equal(items[0].orgName, 'A1村');
    assert.equal(items[0].requestedBy, 'towna');
    for (const town of [townA, townB]) {
      const seen = await env.request(town, { method: 'GET', url: '/api/people/dedupe-requests' });
      assert.equal(seen.statusCode, 200);
      assert.deepEqual(seen.json().items, [], 'a town sees no request that spans two towns');
    }
  });

  test('a duplicate inside the caller’s scope keeps the clear 409', async () => {
    const r = await env.request(townA, {
      method: 'POST',
      url: '/api/people',
      payload: personBody(idOfA2, env.seed.villageA1),
    });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, 'PERSON_ID_NUMBER_TAKEN');
    const p = await env.request(townA, { method: 'GET', url: `/api/people/${env.seed.personA1}` });
    const patched = await env.request(townA, {
      method: 'PATCH',
      url: `/api/people/${env.seed.personA1}`,
      payload: { version: p.json().version, idNumber: idOfA2 },
    });
    assert.equal(patched.statusCode, 409);
    assert.equal(patched.json().error.code, 'PERSON_ID_NUMBER_TAKEN');
  });

  test("PATCH in town A to town B's person's ID: 202 and the person is unchanged", async () => {
    const p = await env.request(townA, { method: 'GET', url: `/api/people/${env.seed.personA1}` });
    const r = await env.request(townA, {
      method: 'PATCH',
      url: `/api/people/${env.seed.personA1}`,
      payload: { version: p.json().version, idNumber: idOfB, major: '园艺' },
    });
    assert.equal(r.statusCode, 202, r.body);
    assert.equal(r.json().status, 'pending_city_review');
    assert.ok(!r.body.includes('张伟'));
    const again = await env.request(townA, { method: 'GET', url: `/api/people/${env.seed.personA1}` });
    assert.equal(again.json().version, p.json().version);
    assert.equal(again.json().idNumberMasked, p.json().idNumberMasked);
    assert.equal(again.json().major, p.json().major);
    const rows = await dedupeRows();
    assert.ok(rows.some((x) => x.kind === 'update' && x.subject_person_id === env.seed.personA1));
  });
});
