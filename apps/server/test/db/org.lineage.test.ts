import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrgDetail } from '@xinhuo/shared';
import { createTestEnv, testIdNumber, type TestEnv } from '../helpers/test-env';
import { SYSTEM_CALLER, type Caller } from '../../src/platform/caller';
import { createLineageService } from '../../src/modules/org';

// Towns A (villages A1, A2) and B (B1); the clock stands at 2026-03-02. One person with a party
// secretary's seat in each village of A and two members in B1, on a term running 2021-01-05 → 2026-12-31.
describe('organizations with history: merge, split, rename', () => {
  let env: TestEnv;
  let city: string;
  const ids: Record<string, string> = {};
  before(async () => {
    env = await createTestEnv();
    city = await env.login('city1');
    const { people, terms } = env.services;
    const s = env.seed;
    await people.transaction(async (trx) => {
      const term = (orgId: string) =>
        terms.createTerm(trx, SYSTEM_CALLER, {
          orgId,
          committee: 'party',
          name: '2021—2026届',
          electionDate: '2021-01-05',
          startDate: '2021-01-05',
          endDate: '2026-12-31',
        });
      const person = (name: string, orgId: string, birth: string) =>
        people.insertPerson(trx, SYSTEM_CALLER, {
          name,
          idNumber: testIdNumber(birth, '1'),
          ethnicity: '01',
          politicalStatus: '01',
          fullTimeEducation: '21',
          orgId,
        });
      const seat = (personId: string, termId: string, role: 'party_secretary' | 'party_member') =>
        terms.appointPosition(trx, SYSTEM_CALLER, { personId, termId, role, startDate: '2021-01-05' });
      const a1 = await term(s.villageA1);
      const a2 = await term(s.villageA2);
      const b1 = await term(s.villageB1);
      ids.sa1 = await person('甲', s.villageA1, '1980-02-01');
      ids.sa2 = await person('丙', s.villageA2, '1975-03-01');
      ids.b1x = await person('戊', s.villageB1, '1988-04-01');
      ids.b1y = await person('己', s.villageB1, '1992-05-01');
      await seat(ids.sa1, a1, 'party_secretary');
      await seat(ids.sa2, a2, 'party_secretary');
      await seat(ids.b1x, b1, 'party_secretary');
      await seat(ids.b1y, b1, 'party_member');
    });
  });
  after(() => env.close());

  const stats = async (orgId: string, refDate: string) =>
    (
      await env.request(city, { method: 'GET', url: `/api/stats/roster?orgId=${orgId}&refDate=${refDate}` })
    ).json();
  const detail = async (id: string): Promise<OrgDetail> =>
    (await env.request(city, { method: 'GET', url: `/api/orgs/${id}` })).json();

  test('a crash in the middle of a merge leaves nothing written', async () => {
    const failing = createLineageService({
      ...env.services,
      matters: {
        moveOpenMatters: () => Promise.reject(new Error('injected crash')),
      },
    });
    await assert.rejects(
      failing.mergeVillages(SYSTEM_CALLER, {
        sourceIds: [env.seed.villageA1, env.seed.villageA2],
        effectiveDate: '2026-02-01',
        newVillage: { name: '半村', subKind: 'village', partyOrgType: 'branch' },
        reason: '区划调整',
      }),
      /injected crash/,
    );
    const a1 = await detail(env.seed.villageA1);
    assert.equal(a1.isActive, true);
    assert.deepEqual(a1.successors, []);
    const kids = (
      await env.request(city, { method: 'GET', url: `/api/orgs/children?parentId=${env.seed.townA}` })
    ).json().items;
    assert.deepEqual(kids.map((o: { name: string }) => o.name).sort(), ['A1村', 'A2村']);
    const p = await env.services.people.getPerson(SYSTEM_CALLER, ids.sa1!);
    assert.equal(p.orgId, env.seed.villageA1);
    assert.equal((await stats(env.seed.townA, '2026-02-15')).members, 2);
  });

  test('town staff cannot merge (403); a town-scoped writer gets 404 for another town and 403 for its own', async () => {
    const towna = await env.login('towna');
    const r = await env.request(towna, {
      method: 'POST',
      url: '/api/orgs/merge',
      payload: {
        sourceIds: [env.seed.villageA1, env.seed.villageA2],
        effectiveDate: '2026-02-01',
        targetId: env.seed.villageA1,
        reason: '区划调整',
      },
    });
    assert.equal(r.statusCode, 403);
    const townB = (await env.services.orgs.loadInScope(SYSTEM_CALLER, env.seed.townB)).path;
    const writer: Caller = {
      ...SYSTEM_CALLER,
      userId: null,
      scopePaths: [townB],
      permissions: ['org:write', 'org:read'],
    };
    const input = {
      sourceIds: [env.seed.villageA1, env.seed.villageA2],
      effectiveDate: '2026-02-01',
      targetId: env.seed.villageA1,
      reason: '区划调整',
    };
    await assert.rejects(env.services.lineage.mergeVillages(writer, input), { code: 'NOT_FOUND' });
    await assert.rejects(
      env.services.lineage.splitVillage(writer, env.seed.villageB1, {
        version: 1,
        effectiveDate: '2026-02-01',
        parts: [
          { name: 'X村', subKind: 'village', partyOrgType: 'branch' },
          { name: 'Y村', subKind: 'village', partyOrgType: 'branch' },
        ],
        personParts: {},
        mattersPart: 0,
        reason: '区划调整',
      }),
      { code: 'FORBIDDEN' },
    );
    assert.equal((await detail(env.seed.villageA1)).isActive, true);
  });

  test('merge A1 and A2 into a new village: statistics before the date show the old villages, after it the new one', async () => {
    const r = await env.request(city, {
      method: 'POST',
      url: '/api/orgs/merge',
      payload: {
        sourceIds: [env.seed.villageA1, env.seed.villageA2],
        effectiveDate: '2026-02-01',
        newVillage: { name: 'A联村', subKind: 'village', partyOrgType: 'general_branch' },
        reason: '区划调整',
      },
    });
    assert.equal(r.statusCode, 200, r.body);
    const res = r.json();
    assert.deepEqual(res.moved, { persons: 4, positions: 2, matters: 0 });
    const merged = res.targets[0].id as string;
    ids.merged = merged;

    const before = await stats(env.seed.townA, '2026-01-15');
    assert.equal(before.organizations, 2);
    assert.equal(before.members, 2);
    assert.deepEqual(before.byChild.map((c: { name: string }) => c.name).sort(), ['A1村', 'A2村']);
    const afterwards = await stats(env.seed.townA, '2026-02-15');
    assert.equal(afterwards.organizations, 1);
    assert.equal(afterwards.members, 2);
    assert.deepEqual(
      afterwards.byChild.map((c: { name: string; members: number }) => [c.name, c.members]),
      [['A联村', 2]],
    );
    // The city counts the villages that existed on each date.
    assert.equal((await stats(env.seed.cityId, '2026-01-15')).organizations, 3);
    assert.equal((await stats(env.seed.cityId, '2026-02-15')).organizations, 2);

    const a1 = await detail(env.seed.villageA1);
    assert.equal(a1.isActive, false);
    assert.equal(a1.validTo, '2026-02-01');
    assert.deepEqual(a1.successors, [
      { orgId: merged, name: 'A联村', kind: 'merge', effectiveDate: '2026-02-01' },
    ]);
    const m = await detail(merged);
    assert.equal(m.validFrom, '2026-02-01');
    assert.deepEqual(m.predecessors.map((p) => p.name).sort(), ['A1村', 'A2村']);
    const p = await env.services.people.getPerson(SYSTEM_CALLER, ids.sa1!);
    assert.equal(p.orgId, merged);
    const audit = await env.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'org_merge')
      .execute();
    assert.equal(audit.length, 1);
  });

  test('rename with an effective date: earlier dates keep the old name; an earlier rename date is refused', async () => {
    const b1 = await detail(env.seed.villageB1);
    const r = await env.request(city, {
      method: 'PATCH',
      url: `/api/orgs/${env.seed.villageB1}`,
      payload: { version: b1.version, name: 'B1新村', effectiveDate: '2026-02-10' },
    });
    assert.equal(r.statusCode, 200, r.body);
    const named = (d: string) =>
      stats(env.seed.townB, d).then((s) => s.byChild.map((c: { name: string }) => c.name));
    assert.deepEqual(await named('2026-02-01'), ['B1村']);
    assert.deepEqual(await named('2026-02-20'), ['B1新村']);
    const d = await detail(env.seed.villageB1);
    assert.deepEqual(d.formerNames, [{ name: 'B1村', validTo: '2026-02-10' }]);
    const again = await env.request(city, {
      method: 'PATCH',
      url: `/api/orgs/${env.seed.villageB1}`,
      payload: { version: d.version, name: 'B1旧村', effectiveDate: '2026-02-05' },
    });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error.code, 'ORG_EFFECTIVE_DATE_INVALID');
    const future = await env.request(city, {
      method: 'PATCH',
      url: `/api/orgs/${env.seed.villageB1}`,
      payload: { version: d.version, name: 'B1旧村', effectiveDate: '2027-01-01' },
    });
    assert.equal(future.statusCode, 400);
  });

  test('split B1 into two: each person goes to the part chosen with their seat', async () => {
    const b1 = await detail(env.seed.villageB1);
    const r = await env.request(city, {
      method: 'POST',
      url: `/api/orgs/${env.seed.villageB1}/split`,
      payload: {
        version: b1.version,
        effectiveDate: '2026-02-20',
        parts: [
          { name: 'B1东村', subKind: 'village', partyOrgType: 'branch' },
          { name: 'B1西村', subKind: 'community', partyOrgType: 'branch' },
        ],
        personParts: { [ids.b1y!]: 1 },
        reason: '区划调整',
      },
    });
    assert.equal(r.statusCode, 200, r.body);
    const [east, west] = r.json().targets as { id: string; name: string }[];
    assert.deepEqual(r.json().moved, { persons: 3, positions: 2, matters: 0 });
    assert.equal((await env.services.people.getPerson(SYSTEM_CALLER, ids.b1y!)).orgId, west!.id);
    assert.equal((await env.services.people.getPerson(SYSTEM_CALLER, ids.b1x!)).orgId, east!.id);
    const before = await stats(env.seed.townB, '2026-02-15');
    assert.deepEqual(
      before.byChild.map((c: { name: string; members: number }) => [c.name, c.members]),
      [['B1新村', 2]],
    );
    const afterwards = await stats(env.seed.townB, '2026-02-25');
    assert.deepEqual(
      afterwards.byChild
        .map((c: { name: string; members: number }) => [c.name, c.members])
        .sort((a: string[], b: string[]) => a[0]!.localeCompare(b[0]!)),
      [
        ['B1东村', 1],
        ['B1西村', 1],
      ],
    );
    const d = await detail(env.seed.villageB1);
    assert.deepEqual(d.successors.map((x) => x.name).sort(), ['B1东村', 'B1西村']);
  });
});
