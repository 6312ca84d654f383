import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, testIdNumber, type TestEnv } from '../helpers/test-env';

describe('input edge cases (issue 7, item 13)', () => {
  let env: TestEnv;
  let city: string;
  before(async () => {
    env = await createTestEnv();
    city = await env.login('city1');
  });
  after(() => env.close());

  const names = (r: { json(): { items: { name: string }[] } }) =>
    r
      .json()
      .items.map((i) => i.name)
      .sort();

  test('org search finds names with %, _ and \\ exactly (LIKE with ESCAPE)', async () => {
    for (const name of ['达标100%村', '达标1000村', 'A_1村', 'AB1村', 'C\\D村', 'CD村']) {
      const r = await env.request(city, {
        method: 'POST',
        url: '/api/orgs',
        payload: {
          parentId: env.seed.townA,
          name,
          kind: 'village',
          subKind: 'village',
          partyOrgType: 'branch',
        },
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    const search = (q: string) =>
      env.request(city, { method: 'GET', url: `/api/orgs?q=${encodeURIComponent(q)}&pageSize=100` });
    assert.deepEqual(names(await search('100%')), ['达标100%村']);
    assert.deepEqual(names(await search('A_1')), ['A_1村']);
    assert.deepEqual(names(await search('C\\D')), ['C\\D村']);
    assert.deepEqual(names(await search('%')), ['达标100%村']);
    assert.deepEqual(names(await search('_')), ['A_1村']);
  });

  test('roster name search finds names with % and _ exactly', async () => {
    for (const [name, birth] of [
      ['王_强', '1980-01-01'],
      ['王大强', '1981-01-01'],
      ['李%明', '1982-01-01'],
    ] as const) {
      const r = await env.request(city, {
        method: 'POST',
        url: '/api/people',
        payload: {
          name,
          idNumber: testIdNumber(birth, '1'),
          ethnicity: '01',
          politicalStatus: '01',
          orgId: env.seed.villageA1,
        },
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    const search = (q: string) =>
      env.request(city, { method: 'GET', url: `/api/people?q=${encodeURIComponent(q)}&pageSize=100` });
    assert.deepEqual(names(await search('王_')), ['王_强']);
    assert.deepEqual(names(await search('%明')), ['李%明']);
  });

  test('a lone UTF-16 surrogate in any text is refused with the field named, never stored altered', async () => {
    const base = {
      idNumber: testIdNumber('1979-09-09', '1'),
      ethnicity: '01',
      politicalStatus: '01',
      orgId: env.seed.villageA1,
    };
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/people', { ...base, name: '王\ud800强' }, 'name'],
      ['/api/people', { ...base, name: '王强', major: '\udc00农学' }, 'major'],
      // A plain string field (no text schema of its own) is covered too.
      ['/api/people', { ...base, name: '王强', idNumber: base.idNumber.slice(0, 17) + '\ud83d' }, 'idNumber'],
      ['/api/people', { ...base, name: '王强', ['x\udfff']: 1 }, 'x\udfff'],
    ];
    for (const [url, payload, path] of cases) {
      const r = await env.request(city, { method: 'POST', url, payload });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'VALIDATION_FAILED');
      assert.equal(r.json().error.fields[0].path, path);
      assert.equal(r.json().error.fields[0].reason, 'TEXT_ENCODING');
    }
    const org = await env.request(city, {
      method: 'POST',
      url: '/api/orgs',
      payload: {
        parentId: env.seed.townA,
        name: '新\ud800村',
        kind: 'village',
        subKind: 'village',
        partyOrgType: 'branch',
      },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(org.statusCode, 400);
    assert.equal(org.json().error.fields[0].path, 'name');
    assert.match(org.json().error.fields[0].message, /unpaired UTF-16 surrogate/);
    // A well-formed pair (an emoji outside the BMP) is still text like any other.
    const pair = await env.request(city, {
      method: 'POST',
      url: '/api/orgs',
      payload: {
        parentId: env.seed.townA,
        name: '新村😀',
        kind: 'village',
        subKind: 'village',
        partyOrgType: 'branch',
      },
    });
    assert.equal(pair.statusCode, 201, pair.body);
    const stored = await env.services.db.selectFrom('persons').select('name').execute();
    assert.ok(stored.every((p) => !p.name.includes('\ufffd')));
  });

  test('every VALIDATION_FAILED names the offending key: unknown keys, wrong types, whole-body errors', async () => {
    const townA = await env.login('towna');
    const cases: [string, string, unknown, string[]][] = [
      ['PATCH', `/api/people/${env.seed.personA1}`, { version: 1, orgId: env.seed.villageB1 }, ['orgId']],
      ['PATCH', `/api/people/${env.seed.personA1}`, { version: 1, a: 1, b: 2 }, ['a', 'b']],
      ['PATCH', `/api/people/${env.seed.personA1}`, { version: 'one' }, ['version']],
      ['POST', `/api/people/${env.seed.personA1}/reveal`, { field: 'idNumber', reason: 1234 }, ['reason']],
      ['POST', `/api/people/${env.seed.personA1}/reveal`, ['idNumber'], ['body']],
      ['GET', '/api/people?foo=1', undefined, ['foo']],
      ['GET', '/api/people?pageSize=abc', undefined, ['pageSize']],
      ['GET', '/api/orgs?zzz=1', undefined, ['zzz']],
      ['GET', '/api/people/not-a-uuid', undefined, ['id']],
      [
        'POST',
        '/api/orgs',
        { parentId: env.seed.townA, name: 'X村', kind: 'village', subKind: 'village', extra: true },
        ['extra'],
      ],
    ];
    for (const [method, url, payload, paths] of cases) {
      const r = await env.request(method === 'POST' && url === '/api/orgs' ? city : townA, {
        method: method as 'GET',
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      assert.equal(r.statusCode, 400, `${method} ${url}: ${r.body}`);
      assert.equal(r.json().error.code, 'VALIDATION_FAILED', `${method} ${url}`);
      const fields = r.json().error.fields as { path: string }[];
      for (const f of fields) assert.notEqual(f.path, '', `${method} ${url}: an empty path`);
      for (const p of paths)
        assert.ok(
          fields.some((f) => f.path === p),
          `${method} ${url}: ${p} in ${JSON.stringify(fields)}`,
        );
    }
  });
});
