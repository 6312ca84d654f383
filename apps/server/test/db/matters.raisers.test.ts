import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

describe('per-secretary statistics: matters raised by people of the roster', () => {
  let env: TestEnv;
  const c: Record<string, string> = {};
  const raisers = async (user: string, query = '') => {
    const r = await env.request(c[user]!, { method: 'GET', url: `/api/matters/raisers${query}` });
    return r;
  };

  before(async () => {
    env = await createTestEnv();
    for (const u of ['city1', 'towna', 'townb', 'seca1']) c[u] = await env.login(u);
    const mc = matterClient(env, c);
    const { villageA1, villageA2, personA1, personA2 } = env.seed;
    for (let i = 0; i < 3; i++)
      await mc.raise('towna', sampleMatter(villageA1, { raiserPersonId: personA1 }));
    await mc.raise('towna', sampleMatter(villageA2, { raiserPersonId: personA2 }));
    await mc.raise('towna', sampleMatter(villageA2, { raiserName: '来访群众' }));
  });
  after(() => env.close());

  test('the raiser linked to the roster gets the name from it; a typed name stays unlinked', async () => {
    const mc = matterClient(env, c);
    const r = await mc.raise(
      'towna',
      sampleMatter(env.seed.villageA1, { raiserPersonId: env.seed.personA1, raiserName: '别的名字' }),
    );
    const m = (await mc.get('towna', r.id)).json();
    assert.equal(m.raiserPersonId, env.seed.personA1);
    assert.equal(m.raiserName, '陆婷婷');
    // Someone of another village cannot be this village's raiser.
    const bad = await env.request(c.towna!, {
      method: 'POST',
      url: '/api/matters',
      payload: sampleMatter(env.seed.villageA1, { raiserPersonId: env.seed.personA2 }),
    });
    assert.equal(bad.statusCode, 400, bad.body);
  });

  test('counts per secretary, most first, only inside the caller’s subtree', async () => {
    const city = await raisers('city1');
    assert.equal(city.statusCode, 200, city.body);
    const body = city.json();
    assert.equal(body.total, 2);
    assert.deepEqual(
      body.items.map((i: { name: string; raised: number; villageId: string }) => [
        i.name,
        i.raised,
        i.villageId,
      ]),
      [
        ['陆婷婷', 4, env.seed.villageA1],
        ['李强', 1, env.seed.villageA2],
      ],
    );
    assert.equal(body.items[0].closed, 0);
    assert.equal(body.items[0].satisfactionRate, null, 'no closed matter rated yet');
    // Paged: the second page of size 1 is 李强, the total stays 2.
    const p2 = (await raisers('city1', '?page=2&pageSize=1')).json();
    assert.deepEqual([p2.total, p2.items.map((i: { name: string }) => i.name)], [2, ['李强']]);
    assert.equal((await raisers('towna')).json().total, 2);
    assert.deepEqual((await raisers('townb')).json().items, []);
    // Town B asking for town A's subtree: 404 like a missing org.
    assert.equal((await raisers('townb', `?orgId=${env.seed.townA}`)).statusCode, 404);
    assert.equal((await raisers('seca1')).statusCode, 403);
    // A period before the matters: none.
    assert.equal((await raisers('city1', '?from=2020-01-01&to=2020-12-31')).json().total, 0);
  });
});
