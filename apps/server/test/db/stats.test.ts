import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, testIdNumber, type TestEnv } from '../helpers/test-env';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import type { PositionRole, RosterStats } from '@xinhuo/shared';

// A hand-checked scenario: town A has villages A1 and A2; B has B1. On 2021-01-10:
// A1: secretary (1985-06-01, m, 本科) who is also director (一肩挑), member (1995-03-01, f, 高中)
// A2: secretary (1970-01-10, m, 大专 in service) — not director; a former secretary whose seat ended 2021-01-05
// B1: secretary (1990-01-01, f, 硕士) also director.
describe('roster statistics', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
    const { people, terms } = env.services;
    const c = SYSTEM_CALLER;
    const s = env.seed;
    await people.transaction(async (trx) => {
      const term = async (orgId: string, committee: 'party' | 'villagers') =>
        terms.createTerm(trx, c, {
          orgId,
          committee,
          name: '2021—2026届',
          electionDate: '2021-01-05',
          startDate: '2021-01-05',
          endDate: '2026-01-05',
        });
      const person = (
        name: string,
        orgId: string,
        birth: string,
        g: '1' | '2',
        ft: string,
        is: string | null = null,
      ) =>
        people.insertPerson(trx, c, {
          name,
          idNumber: testIdNumber(birth, g),
          ethnicity: '01',
          politicalStatus: '01',
          fullTimeEducation: ft,
          inServiceEducation: is,
          orgId,
        });
      const seat = (personId: string, termId: string, role: PositionRole, startDate = '2021-01-05') =>
        terms.appointPosition(trx, c, { personId, termId, role, startDate });
      const a1p = await term(s.villageA1, 'party');
      const a1v = await term(s.villageA1, 'villagers');
      const a2p = await term(s.villageA2, 'party');
      const b1p = await term(s.villageB1, 'party');
      const b1v = await term(s.villageB1, 'villagers');
      const sa1 = await person('甲', s.villageA1, '1985-06-01', '1', '21');
      await seat(sa1, a1p, 'party_secretary');
      await seat(sa1, a1v, 'director');
      await seat(await person('乙', s.villageA1, '1995-03-01', '2', '61'), a1p, 'party_member');
      await seat(await person('丙', s.villageA2, '1970-01-10', '1', '61', '31'), a2p, 'party_secretary');
      const old = await person('丁', s.villageA2, '1960-01-01', '1', '61');
      const oldTerm = await terms.createTerm(trx, c, {
        orgId: s.villageA2,
        committee: 'party',
        name: '2016—2021届',
        electionDate: '2016-01-05',
        startDate: '2016-01-05',
        endDate: '2021-01-05',
      });
      await seat(old, oldTerm, 'party_secretary', '2016-01-05');
      await trx
        .updateTable('positions')
        .set({ end_date: '2021-01-05' })
        .where('term_id', '=', oldTerm)
        .execute();
      const sb1 = await person('戊', s.villageB1, '1990-01-01', '2', '14');
      await seat(sb1, b1p, 'party_secretary');
      await seat(sb1, b1v, 'director');
    });
  });
  after(() => env.close());

  test('city totals on the reference date', async () => {
    const c = await env.login('city1');
    const st = (
      await env.request(c, { method: 'GET', url: '/api/stats/roster?refDate=2021-01-10' })
    ).json<RosterStats>();
    assert.equal(st.organizations, 3);
    assert.equal(st.members, 4);
    // Ages on 2021-01-10: 35, 25, 51 (birthday that day), 31 → mean 35.5
    assert.equal(st.averageAge, 35.5);
    assert.deepEqual(st.collegeOrAbove, { count: 3, share: 0.75 });
    assert.deepEqual(st.gender, { male: 2, female: 2 });
    assert.deepEqual(st.bornAfter1985, { count: 3, share: 0.75 });
    assert.deepEqual(st.bornAfter1990, { count: 2, share: 0.5 });
    assert.deepEqual(st.secretaryDirector, { count: 2, orgsWithSecretary: 3, rate: 2 / 3 });
    const bands = Object.fromEntries(st.ageBands.map((b) => [b.band, b.count]));
    assert.deepEqual(bands, {
      '<=30': 1,
      '31-35': 2,
      '36-40': 0,
      '41-45': 0,
      '46-50': 0,
      '51-55': 1,
      '>55': 0,
    });
    const byTown = Object.fromEntries(st.byChild.map((t) => [t.name, t]));
    assert.equal(byTown['A镇'].members, 3);
    assert.equal(byTown['A镇'].organizations, 2);
    assert.equal(byTown['B镇'].members, 1);
    assert.equal(byTown['B镇'].secretaryDirectorRate, 1);
  });

  test('an earlier date counts the seats held then', async () => {
    const c = await env.login('city1');
    const st = (
      await env.request(c, { method: 'GET', url: '/api/stats/roster?refDate=2020-06-01' })
    ).json<RosterStats>();
    assert.equal(st.members, 1);
    assert.equal(st.averageAge, 60);
  });

  test("a town's statistics cover only its subtree, and another town's org is 404", async () => {
    const t = await env.login('towna');
    const st = (
      await env.request(t, { method: 'GET', url: '/api/stats/roster?refDate=2021-01-10' })
    ).json<RosterStats>();
    assert.equal(st.orgName, 'A镇');
    assert.equal(st.members, 3);
    assert.deepEqual(st.byChild.map((v: { name: string }) => v.name).sort(), ['A1村', 'A2村']);
    assert.equal(
      (await env.request(t, { method: 'GET', url: `/api/stats/roster?orgId=${env.seed.townB}` })).statusCode,
      404,
    );
  });

  test('a roster write shows in the next statistics read (the cache keys on the data version)', async () => {
    const c = await env.login('city1');
    const get = async () =>
      (
        await env.request(c, { method: 'GET', url: '/api/stats/roster?refDate=2021-01-10' })
      ).json<RosterStats>();
    const before = await get();
    await env.services.people.transaction(async (trx) => {
      const { people, terms } = env.services;
      const term = (
        await trx
          .selectFrom('terms')
          .select('id')
          .where('org_id', '=', env.seed.villageB1)
          .where('committee', '=', 'party')
          .executeTakeFirstOrThrow()
      ).id;
      const id = await people.insertPerson(trx, SYSTEM_CALLER, {
        name: '己',
        idNumber: testIdNumber('1992-04-04', '1'),
        ethnicity: '01',
        politicalStatus: '01',
        fullTimeEducation: '21',
        orgId: env.seed.villageB1,
      });
      await terms.appointPosition(trx, SYSTEM_CALLER, {
        personId: id,
        termId: term,
        role: 'party_member',
        startDate: '2021-01-05',
      });
    });
    const after = await get();
    assert.equal(after.members, before.members + 1);
  });
});
