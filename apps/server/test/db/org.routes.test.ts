import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrgDetail } from '@xinhuo/shared';
import { makeMatter } from '../helpers/factories';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

describe('organization tree', () => {
  let env: TestEnv;
  let city: string;
  let townA: string;
  before(async () => {
    env = await createTestEnv();
    city = await env.login('city1');
    townA = await env.login('towna');
  });
  after(() => env.close());

  test('a town user sees its own town as root and only its villages', async () => {
    const roots = (await env.request(townA, { method: 'GET', url: '/api/orgs/children' })).json().items;
    assert.deepEqual(
      roots.map((o: { name: string }) => o.name),
      ['A镇'],
    );
    const kids = (
      await env.request(townA, { method: 'GET', url: `/api/orgs/children?parentId=${env.seed.townA}` })
    ).json().items;
    assert.deepEqual(kids.map((o: { name: string }) => o.name).sort(), ['A1村', 'A2村']);
    assert.equal(
      (await env.request(townA, { method: 'GET', url: `/api/orgs/${env.seed.villageB1}` })).statusCode,
      404,
    );
    assert.equal(
      (await env.request(townA, { method: 'GET', url: `/api/orgs/children?parentId=${env.seed.cityId}` }))
        .statusCode,
      404,
    );
  });

  test('town staff cannot create organizations', async () => {
    const r = await env.request(townA, {
      method: 'POST',
      url: '/api/orgs',
      payload: {
        parentId: env.seed.townA,
        name: '新村',
        kind: 'village',
        subKind: 'village',
        partyOrgType: 'branch',
      },
    });
    assert.equal(r.statusCode, 403);
  });

  test('create, rename (history kept), move a village with its people, deactivate', async () => {
    const created = await env.request(city, {
      method: 'POST',
      url: '/api/orgs',
      payload: {
        parentId: env.seed.townA,
        name: '合并村',
        kind: 'village',
        subKind: 'village',
        partyOrgType: 'general_branch',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const v = created.json();
    const bad = await env.request(city, {
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: v.id, name: 'x', kind: 'village', subKind: 'village', partyOrgType: 'branch' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'ORG_INVALID_PARENT');
    const renamed = await env.request(city, {
      method: 'PATCH',
      url: `/api/orgs/${v.id}`,
      payload: { version: 1, name: '新合村' },
    });
    assert.equal(renamed.statusCode, 200);
    const stale = await env.request(city, {
      method: 'PATCH',
      url: `/api/orgs/${v.id}`,
      payload: { version: 1, name: '旧名' },
    });
    assert.equal(stale.statusCode, 409);
    const detail = (await env.request(city, { method: 'GET', url: `/api/orgs/${v.id}` })).json<OrgDetail>();
    assert.equal(detail.name, '新合村');
    assert.deepEqual(
      detail.ancestors.map((a) => a.name),
      ['测试市', 'A镇'],
    );
    assert.ok(
      detail.history.some(
        (h) => h.action === 'renamed' && (h.details as { name: { from: string } }).name.from === '合并村',
      ),
    );

    // Move village A2 (with its person and a matter it raised) from town A to town B: town A loses
    // them, town B gains them — every copy of the village's path moves with it.
    const matter = await makeMatter(env, { village: env.seed.villageA2 });
    const a2 = (await env.request(city, { method: 'GET', url: `/api/orgs/${env.seed.villageA2}` })).json();
    const moved = await env.request(city, {
      method: 'POST',
      url: `/api/orgs/${a2.id}/move`,
      payload: { version: a2.version, newParentId: env.seed.townB },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(
      (await env.request(townA, { method: 'GET', url: `/api/people/${env.seed.personA2}` })).statusCode,
      404,
    );
    const townB = await env.login('townb');
    assert.equal(
      (await env.request(townB, { method: 'GET', url: `/api/people/${env.seed.personA2}` })).statusCode,
      200,
    );
    assert.equal(
      (await env.request(townA, { method: 'GET', url: `/api/matters/${matter.id}` })).statusCode,
      404,
    );
    assert.equal(
      (await env.request(townB, { method: 'GET', url: `/api/matters/${matter.id}` })).statusCode,
      200,
    );
    const intoSelf = await env.request(city, {
      method: 'POST',
      url: `/api/orgs/${env.seed.townB}/move`,
      payload: { version: 1, newParentId: env.seed.townB },
    });
    assert.equal(intoSelf.statusCode, 400);

    const v2 = (await env.request(city, { method: 'GET', url: `/api/orgs/${v.id}` })).json();
    const off = await env.request(city, {
      method: 'POST',
      url: `/api/orgs/${v.id}/deactivate`,
      payload: { version: v2.version, reason: '村庄合并' },
    });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().isActive, false);
    const busy = await env.request(city, {
      method: 'POST',
      url: `/api/orgs/${env.seed.townB}/deactivate`,
      payload: { version: 1, reason: '撤并' },
    });
    assert.equal(busy.json().error.code, 'ORG_HAS_ACTIVE_CHILDREN');
  });
});
