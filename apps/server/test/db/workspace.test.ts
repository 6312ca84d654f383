import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

describe('header search, list preferences and the readable audit trail', () => {
  let env: TestEnv;
  const c: Record<string, string> = {};
  let matterA1: { id: string; code: string };
  before(async () => {
    env = await createTestEnv();
    for (const u of ['city1', 'towna', 'townb', 'seca1', 'audadm']) c[u] = await env.login(u);
    matterA1 = await matterClient(env, c).raise('seca1', sampleMatter(env.seed.villageA1));
  });
  after(() => env.close());

  const search = async (user: string, q: string) => {
    const r = await env.request(c[user]!, { method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as {
      people: { id: string; name: string }[];
      matters: { id: string; code: string }[];
      meetings: unknown[];
    };
  };

  test('a person by pinyin initials, full pinyin or the first characters, only within the scope', async () => {
    for (const q of ['ltt', 'lutingting', 'LuTing', '陆婷']) {
      assert.deepEqual(
        (await search('towna', q)).people.map((p) => p.id),
        [env.seed.personA1],
        `towna ${q}`,
      );
      assert.deepEqual((await search('townb', q)).people, [], `townb ${q}`);
    }
    assert.deepEqual(
      (await search('townb', 'zw')).people.map((p) => p.name),
      ['张伟'],
    );
    assert.deepEqual((await search('towna', 'zw')).people, []);
    // the city sees both towns; a single letter is not a search
    assert.equal((await search('city1', 'zw')).people.length, 1);
    assert.deepEqual((await search('city1', 'l')).people, []);
  });

  test('a matter by its number, only where it is visible; the auditor finds no roster or matters', async () => {
    assert.deepEqual(
      (await search('towna', matterA1.code)).matters.map((m) => m.id),
      [matterA1.id],
    );
    assert.deepEqual(
      (await search('towna', matterA1.code.toLowerCase())).matters.map((m) => m.id),
      [matterA1.id],
    );
    // a number is no name: its letters do not find people by initials
    assert.deepEqual((await search('towna', 'LT2026')).people, []);
    assert.deepEqual((await search('townb', matterA1.code)).matters, []);
    const aud = await search('audadm', matterA1.code);
    assert.deepEqual(aud, { people: [], matters: [], meetings: [] });
    assert.deepEqual((await search('audadm', 'ltt')).people, []);
    const bad = await env.request(c.towna!, { method: 'GET', url: '/api/search?q=' });
    assert.equal(bad.statusCode, 400);
  });

  test("a list's last query is kept per user and read back only by that user", async () => {
    const put = await env.request(c.towna!, {
      method: 'PUT',
      url: '/api/me/list-prefs/matters',
      payload: { query: 'state=dispatched&page=2' },
    });
    assert.equal(put.statusCode, 200, put.body);
    const mine = await env.request(c.towna!, { method: 'GET', url: '/api/me/list-prefs/matters' });
    assert.deepEqual(mine.json(), { query: 'state=dispatched&page=2' });
    const other = await env.request(c.townb!, { method: 'GET', url: '/api/me/list-prefs/matters' });
    assert.deepEqual(other.json(), { query: null });
    await env.request(c.towna!, {
      method: 'PUT',
      url: '/api/me/list-prefs/matters',
      payload: { query: '' },
    });
    const cleared = await env.request(c.towna!, { method: 'GET', url: '/api/me/list-prefs/matters' });
    assert.deepEqual(cleared.json(), { query: '' });
    const unknown = await env.request(c.towna!, { method: 'GET', url: '/api/me/list-prefs/passwords' });
    assert.equal(unknown.statusCode, 400);
    const anon = await env.request(null, { method: 'GET', url: '/api/me/list-prefs/matters' });
    assert.equal(anon.statusCode, 401);
  });

  test("a table's column settings are kept per user, refused when malformed or too large", async () => {
    const url = '/api/me/table-prefs/matters';
    const none = await env.request(c.towna!, { method: 'GET', url });
    assert.equal(none.statusCode, 200, none.body);
    assert.deepEqual(none.json(), { pref: null });
    const pref = { hidden: ['category', 'raiser'], density: 'compact' };
    const put = await env.request(c.towna!, { method: 'PUT', url, payload: pref });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual((await env.request(c.towna!, { method: 'GET', url })).json(), { pref });
    // another user's settings of the same table are their own; another table of the same user is apart
    assert.deepEqual((await env.request(c.townb!, { method: 'GET', url })).json(), { pref: null });
    assert.deepEqual(
      (await env.request(c.towna!, { method: 'GET', url: '/api/me/table-prefs/roster' })).json(),
      { pref: null },
    );
    await env.request(c.townb!, { method: 'PUT', url, payload: { hidden: [], density: 'default' } });
    assert.deepEqual((await env.request(c.towna!, { method: 'GET', url })).json(), { pref });
    // a later write replaces the earlier one
    const shown = { hidden: [], density: 'default' };
    assert.equal((await env.request(c.towna!, { method: 'PUT', url, payload: shown })).statusCode, 200);
    assert.deepEqual((await env.request(c.towna!, { method: 'GET', url })).json(), { pref: shown });

    const refused = [
      { hidden: ['title'], density: 'tiny' },
      { hidden: ['title'] },
      { hidden: 'title', density: 'default' },
      { hidden: ['<script>'], density: 'default' },
      { hidden: ['x'.repeat(41)], density: 'default' },
      { hidden: ['code', 'code'], density: 'default' },
      { hidden: Array.from({ length: 25 }, (_, i) => `col${i}`), density: 'default' },
      { hidden: [], density: 'default', userId: 'someone-else' },
    ];
    for (const payload of refused) {
      const r = await env.request(c.towna!, { method: 'PUT', url, payload });
      assert.equal(r.statusCode, 400, JSON.stringify(payload));
    }
    // the largest accepted value stays small
    const largest = {
      hidden: Array.from({ length: 24 }, (_, i) => `c${i}`.padEnd(40, 'x')),
      density: 'compact',
    };
    assert.equal((await env.request(c.towna!, { method: 'PUT', url, payload: largest })).statusCode, 200);
    assert.ok(JSON.stringify(largest).length < 1100);
    assert.deepEqual((await env.request(c.towna!, { method: 'GET', url })).json(), { pref: largest });

    const unknown = await env.request(c.towna!, { method: 'GET', url: '/api/me/table-prefs/passwords' });
    assert.equal(unknown.statusCode, 400);
    assert.equal((await env.request(null, { method: 'GET', url })).statusCode, 401);
    const anonPut = await env.request(null, { method: 'PUT', url, payload: shown });
    assert.ok([401, 403].includes(anonPut.statusCode), String(anonPut.statusCode));
  });

  test('a person edit is audited with the masked subject and old → new values, the phone masked', async () => {
    const before = (
      await env.request(c.towna!, { method: 'GET', url: `/api/people/${env.seed.personA2}` })
    ).json();
    const r = await env.request(c.towna!, {
      method: 'PATCH',
      url: `/api/people/${env.seed.personA2}`,
      payload: { version: before.version, phone: '13912345678', major: '农学' },
    });
    assert.equal(r.statusCode, 200, r.body);
    const trail = await env.request(c.audadm!, {
      method: 'GET',
      url: `/api/audit?objectType=person&objectId=${env.seed.personA2}&action=person_update`,
    });
    assert.equal(trail.statusCode, 200, trail.body);
    const [row] = trail.json().items;
    assert.equal(row.actorDisplayName, 'towna');
    assert.equal(row.details.subject, '李某');
    assert.deepEqual(row.details.changes.major, { from: before.major ?? null, to: '农学' });
    assert.equal(row.details.changes.phone.masked, true);
    assert.equal(row.details.changes.phone.to, '139****5678');
    assert.doesNotMatch(trail.body, /13912345678|李强/);
  });
});
