// The test factories make what they claim: every override lands, and makeMatter reaches each state.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MatterDetail, Me, MatterState, Person } from '@xinhuo/shared';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { makeMatter, makeMeeting, makeOrg, makePerson, makeUser } from '../helpers/factories';

describe('test factories', () => {
  let env: TestEnv;
  let city1: string;
  before(async () => {
    env = await createTestEnv();
    city1 = await env.login('city1');
  });
  after(() => env.close());

  test('makeOrg and makePerson apply their overrides', async () => {
    const town = await makeOrg(env, { parent: env.seed.cityId, kind: 'town', name: '新镇' });
    const village = await makeOrg(env, { parent: town, subKind: 'community' });
    assert.equal(town.name, '新镇');
    assert.equal(village.parentId, town.id);
    assert.equal(village.kind, 'village');
    assert.equal(village.subKind, 'community');
    const p = await makePerson(env, { org: village, gender: '2', birthDate: '1991-07-08', education: '31' });
    const got = (await env.request(city1, { method: 'GET', url: `/api/people/${p.id}` })).json<Person>();
    assert.equal(got.orgId, village.id);
    assert.equal(got.gender, '2');
    assert.equal(got.birthDate, '1991-07-08');
    assert.equal(got.fullTimeEducation, '31');
  });

  test('makeUser: an account granted by two parties, activated, signed in with its scope', async () => {
    const u = await makeUser(env, { roles: ['town_staff'], scope: [env.seed.townB] });
    const me = (await env.request(u.cookie, { method: 'GET', url: '/api/auth/me' })).json<Me>();
    assert.equal(me.id, u.id);
    assert.deepEqual(me.roles, ['town_staff']);
    assert.deepEqual(
      me.scopeOrgs.map((o) => o.id),
      [env.seed.townB],
    );
  });

  test('makeMatter drives a matter to every state it is asked for', async () => {
    const states: MatterState[] = [
      'registered',
      'dispatched',
      'returned',
      'in_progress',
      'submitted',
      'awaiting_feedback',
      'dissatisfied',
      'closed',
    ];
    const meeting = await makeMeeting(env, { host: env.seed.townA, venue: env.seed.villageA1 });
    for (const state of states) {
      const m = await makeMatter(env, { village: env.seed.villageA1, state, lead: env.seed.deptD, meeting });
      const got = (
        await env.request(city1, { method: 'GET', url: `/api/matters/${m.id}` })
      ).json<MatterDetail>();
      assert.equal(got.state, state);
      assert.equal(got.version, m.version);
      assert.equal(got.meetingId, meeting.id);
    }
  });
});
