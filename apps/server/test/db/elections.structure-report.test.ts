import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { StructureFigures, StructureReport, StructureSnapshot } from '@xinhuo/shared';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { makePerson } from '../helpers/factories';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

// The election structure report (issue 9, item 4): a small city whose figures are worked out by hand
// below — ages on each term's election date, the age bands, 大专+ as the higher of full-time and
// in-service education, 一肩挑, re-elected vs new — the scope of a town, frozen snapshots, the .xlsx.
//
// Village A1 (town A). Previous terms 2021-01-08 → 2026-01-10, new ones from 2026-01-10:
//   prev  P1 1970-03-01 M 本科  secretary + director   age 50 (46–55)
//         P2 1980-06-15 F 高中  party member            age 40 (36–45)
//         P3 1965-01-20 M 高中  deputy director         age 55 (46–55)
//         P6 1988-08-08 M 本科  party member, resigned mid-term: not in the committee at its end
//   new   P4 1991-02-01 F 本科  secretary + director   age 34 (≤35)
//         P2                    party member (re-elected) age 45 (36–45)
//         P5 1986-01-10 M 本科  committee member        age 40, birthday that day (36–45)
// Village B1 (town B). Previous terms 2021-01-05 → 2026-01-12, new ones from 2026-01-12:
//   prev  Q1 1960-12-31 M 高中  secretary               age 60 (≥56)
//         Q2 1975-05-05 F 高中 full-time, 大专 in service: college; director   age 45 (36–45)
//   new   Q1                    secretary (re-elected)  age 65 (≥56)
//         Q3 1990-01-12 M 本科  director                age 36, birthday that day (36–45)
describe('election structure report', () => {
  let env: TestEnv;
  let city: string;
  let townA: string;
  let townB: string;
  let electionId: string;
  let townBElection: string;
  let newVillagersA1: string;

  before(async () => {
    env = await createTestEnv();
    city = await env.login('city1');
    townA = await env.login('towna');
    townB = await env.login('townb');
    const { people, terms } = env.services;
    const person = async (
      org: string,
      birthDate: string,
      gender: '1' | '2',
      fullTimeEducation: string,
      inServiceEducation: string | null = null,
    ) =>
      (
        await makePerson(env, {
          org,
          name: '结构测试',
          birthDate,
          gender,
          education: fullTimeEducation,
          inServiceEducation,
        })
      ).id;
    const { villageA1: a1, villageB1: b1 } = env.seed;
    const p1 = await person(a1, '1970-03-01', '1', '21');
    const p2 = await person(a1, '1980-06-15', '2', '61');
    const p3 = await person(a1, '1965-01-20', '1', '61');
    const p4 = await person(a1, '1991-02-01', '2', '21');
    const p5 = await person(a1, '1986-01-10', '1', '21');
    const p6 = await person(a1, '1988-08-08', '1', '21');
    const q1 = await person(b1, '1960-12-31', '1', '61');
    const q2 = await person(b1, '1975-05-05', '2', '61', '31');
    const q3 = await person(b1, '1990-01-12', '1', '21');

    const c = SYSTEM_CALLER;
    type Trx = Parameters<Parameters<typeof people.transaction>[0]>[0];
    const term = (
      trx: Trx,
      orgId: string,
      committee: 'party' | 'villagers',
      from: string,
      to: string,
      el?: string,
    ) =>
      terms.createTerm(trx, c, {
        orgId,
        committee,
        name: `${from.slice(0, 4)}届`,
        electionDate: from,
        startDate: from,
        endDate: to,
        electionId: el ?? null,
      });
    const seat = (
      trx: Trx,
      termId: string,
      personId: string,
      role: Parameters<typeof terms.appointPosition>[2]['role'],
      startDate: string,
    ) => terms.appointPosition(trx, c, { termId, personId, role, startDate });

    const prev = await people.transaction(async (trx) => {
      electionId = await terms.createElection(trx, c, {
        scopeOrgId: env.seed.cityId,
        name: '2026年换届',
        electionDate: '2026-01-10',
        termYears: 5,
      });
      townBElection = await terms.createElection(trx, c, {
        scopeOrgId: env.seed.townB,
        name: 'B镇补选',
        electionDate: '2026-02-01',
        termYears: 5,
      });
      const a1Party = await term(trx, a1, 'party', '2021-01-08', '2026-01-10');
      const a1Vill = await term(trx, a1, 'villagers', '2021-01-08', '2026-01-10');
      await seat(trx, a1Party, p1, 'party_secretary', '2021-01-08');
      await seat(trx, a1Party, p2, 'party_member', '2021-01-08');
      const p6Seat = await seat(trx, a1Party, p6, 'party_member', '2021-01-08');
      await seat(trx, a1Vill, p1, 'director', '2021-01-08');
      await seat(trx, a1Vill, p3, 'deputy_director', '2021-01-08');
      const b1Party = await term(trx, b1, 'party', '2021-01-05', '2026-01-12');
      const b1Vill = await term(trx, b1, 'villagers', '2021-01-05', '2026-01-12');
      await seat(trx, b1Party, q1, 'party_secretary', '2021-01-05');
      await seat(trx, b1Vill, q2, 'director', '2021-01-05');
      return { a1: [a1Party, a1Vill], b1: [b1Party, b1Vill], p6Seat };
    });
    // P6 resigned in 2023: out of the previous committee as it stood at its end.
    await terms.endSeat(c, prev.p6Seat, { endDate: '2023-05-01', reason: 'resigned' });
    await people.transaction(async (trx) => {
      // The election day: the previous terms' seats end, the new terms open.
      for (const t of prev.a1) await terms.endTermSeats(trx, c, t, '2026-01-10');
      for (const t of prev.b1) await terms.endTermSeats(trx, c, t, '2026-01-12');
      const a1PartyNew = await term(trx, a1, 'party', '2026-01-10', '2031-01-10', electionId);
      newVillagersA1 = await term(trx, a1, 'villagers', '2026-01-10', '2031-01-10', electionId);
      await seat(trx, a1PartyNew, p4, 'party_secretary', '2026-01-10');
      await seat(trx, a1PartyNew, p2, 'party_member', '2026-01-10');
      await seat(trx, newVillagersA1, p4, 'director', '2026-01-10');
      await seat(trx, newVillagersA1, p5, 'committee_member', '2026-01-10');
      const b1PartyNew = await term(trx, b1, 'party', '2026-01-12', '2031-01-12', electionId);
      const b1VillNew = await term(trx, b1, 'villagers', '2026-01-12', '2031-01-12', electionId);
      await seat(trx, b1PartyNew, q1, 'party_secretary', '2026-01-12');
      await seat(trx, b1VillNew, q3, 'director', '2026-01-12');
    });
  });
  after(() => env.close());

  const report = async (cookie: string, id = electionId) => {
    const r = await env.request(cookie, { method: 'GET', url: `/api/elections/${id}/structure-report` });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as StructureReport;
  };
  const bands = (f: StructureFigures) => f.ageBands.map((b) => b.count);

  test('the figures of each town and the city, both terms, as worked out by hand', async () => {
    const r = await report(city);
    assert.deepEqual(
      r.groups.map((g) => g.orgName),
      ['A镇', 'B镇'],
    );
    const [a, b] = r.groups as [StructureReport['groups'][0], StructureReport['groups'][0]];

    assert.equal(a.previous.organizations, 1);
    assert.equal(a.previous.headcount, 3);
    assert.equal(a.previous.partyCommittee, 2);
    assert.equal(a.previous.villagersCommittee, 2);
    assert.equal(a.previous.averageAge, 48.3); // (50 + 40 + 55) / 3
    assert.deepEqual(bands(a.previous), [0, 1, 2, 0]);
    assert.deepEqual(a.previous.collegeOrAbove, { count: 1, share: 1 / 3 });
    assert.deepEqual(a.previous.secretaryDirector, { count: 1, orgsWithSecretary: 1, rate: 1 });
    assert.equal(a.previous.reelected, null);

    assert.equal(a.current.headcount, 3);
    assert.equal(a.current.averageAge, 39.7); // (34 + 45 + 40) / 3
    assert.deepEqual(bands(a.current), [1, 2, 0, 0]);
    assert.deepEqual(a.current.women, { count: 2, share: 2 / 3 });
    assert.deepEqual(a.current.bornAfter1985, { count: 2, share: 2 / 3 });
    assert.deepEqual(a.current.bornAfter1990, { count: 1, share: 1 / 3 });
    assert.deepEqual(a.current.reelected, { count: 1, share: 1 / 3 });
    assert.deepEqual(a.current.newcomers, { count: 2, share: 2 / 3 });

    assert.equal(b.previous.averageAge, 52.5); // (60 + 45) / 2
    assert.deepEqual(bands(b.previous), [0, 1, 0, 1]);
    assert.deepEqual(b.previous.collegeOrAbove, { count: 1, share: 0.5 }); // Q2 by in-service education
    assert.deepEqual(b.previous.secretaryDirector, { count: 0, orgsWithSecretary: 1, rate: 0 });
    assert.equal(b.current.averageAge, 50.5); // (65 + 36) / 2
    assert.deepEqual(bands(b.current), [0, 1, 0, 1]);
    assert.deepEqual(b.current.reelected, { count: 1, share: 0.5 });

    const t = r.total;
    assert.equal(t.orgName, '测试市');
    assert.equal(t.current.organizations, 2);
    assert.equal(t.current.headcount, 5);
    assert.equal(t.current.averageAge, 44); // 220 / 5
    assert.equal(t.previous.averageAge, 50); // 250 / 5
    assert.deepEqual(bands(t.current), [1, 3, 0, 1]);
    assert.deepEqual(bands(t.previous), [0, 2, 2, 1]);
    assert.deepEqual(t.current.collegeOrAbove, { count: 3, share: 0.6 });
    assert.deepEqual(t.current.bornAfter1990, { count: 2, share: 0.4 });
    assert.deepEqual(t.current.secretaryDirector, { count: 1, orgsWithSecretary: 2, rate: 0.5 });
    assert.deepEqual(t.current.reelected, { count: 2, share: 0.4 });
  });

  test('town staff see their own town only; an election of another town is a 404 like a missing one', async () => {
    const r = await report(townA);
    assert.deepEqual(
      r.groups.map((g) => g.orgName),
      ['A镇'],
    );
    assert.equal(r.total.orgName, 'A镇');
    assert.equal(r.total.current.headcount, 3);
    const cityView = await report(city);
    assert.deepEqual(r.total.current, cityView.groups[0]!.current);
    // A village's secretary sees the total of their village, and no town row holding only part of a town.
    const village = await report(await env.login('seca1'));
    assert.deepEqual(village.groups, []);
    assert.equal(village.total.orgName, 'A1村');
    assert.deepEqual(village.total.current, cityView.groups[0]!.current);

    const other = await env.request(townA, {
      method: 'GET',
      url: `/api/elections/${townBElection}/structure-report`,
    });
    const missing = await env.request(townA, {
      method: 'GET',
      url: `/api/elections/01900000-0000-7000-8000-000000000000/structure-report`,
    });
    assert.equal(other.statusCode, 404);
    const withoutRequestId = (body: string) => body.replace(/"requestId":"[^"]*"/, '');
    assert.equal(withoutRequestId(other.body), withoutRequestId(missing.body));
    const list = await env.request(townA, { method: 'GET', url: '/api/structure-reports/elections' });
    assert.deepEqual(
      list.json().items.map((e: { name: string }) => e.name),
      ['2026年换届'],
    );
    assert.equal((await report(townB, townBElection)).groups.length, 0);
  });

  test('a snapshot stays as frozen after a roster edit, while the live report changes', async () => {
    const frozen = await env.request(city, {
      method: 'POST',
      url: `/api/elections/${electionId}/structure-report/snapshots`,
    });
    assert.equal(frozen.statusCode, 201, frozen.body);
    const before = await report(city);

    // A new committee member seated in A1 afterwards.
    const late = await makePerson(env, { org: env.seed.villageA1, birthDate: '1996-04-04', gender: '2' });
    const seated = await env.request(townA, {
      method: 'POST',
      url: `/api/terms/${newVillagersA1}/seats`,
      payload: { personId: late.id, role: 'deputy_director', startDate: '2026-01-10' },
    });
    assert.equal(seated.statusCode, 200, seated.body);
    const live = await report(city);
    assert.equal(live.total.current.headcount, 6);

    const read = await env.request(city, {
      method: 'GET',
      url: `/api/elections/${electionId}/structure-report/snapshots/${frozen.json().id}`,
    });
    assert.equal(read.statusCode, 200, read.body);
    const snap = read.json() as StructureSnapshot;
    assert.equal(snap.intact, true);
    assert.equal(snap.orgName, '测试市');
    assert.deepEqual(snap.report, before);
    assert.equal(snap.report.total.current.headcount, 5);

    // Town A's own snapshot covers town A; town B sees neither.
    const a = await env.request(townA, {
      method: 'POST',
      url: `/api/elections/${electionId}/structure-report/snapshots`,
    });
    assert.equal(a.statusCode, 201, a.body);
    const listA = await env.request(townA, {
      method: 'GET',
      url: `/api/elections/${electionId}/structure-report/snapshots`,
    });
    assert.deepEqual(
      listA.json().items.map((s: { orgName: string }) => s.orgName),
      ['A镇'],
    );
    const cityList = await env.request(city, {
      method: 'GET',
      url: `/api/elections/${electionId}/structure-report/snapshots`,
    });
    assert.equal(cityList.json().items.length, 2);
    const fromB = await env.request(townB, {
      method: 'GET',
      url: `/api/elections/${electionId}/structure-report/snapshots/${a.json().id}`,
    });
    assert.equal(fromB.statusCode, 404);
  });

  test('the .xlsx holds the figures by town and in total, with the change', async () => {
    const r = await env.request(city, {
      method: 'GET',
      url: `/api/elections/${electionId}/structure-report/export`,
    });
    assert.equal(r.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, '换届结构分析');
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['单位', '指标', '上届', '本届', '变化']);
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row, n) => {
      if (n > 1) {
        const v = [1, 2, 3, 4, 5].map((i) => row.getCell(i).value);
        rows.set(`${String(v[0])}|${String(v[1])}`, v.slice(2));
      }
    });
    // The late appointment above (本科, born 1996-04-04) is in the live report: A1 now has 4 members,
    // aged 34, 45, 40 and 29; 4 of the 6 in the city have college or above.
    assert.deepEqual(rows.get('A镇|平均年龄（岁）'), [48.3, 37, -11.3]);
    assert.deepEqual(rows.get('测试市（合计）|“两委”成员（人）'), [5, 6, 1]);
    assert.deepEqual(rows.get('测试市（合计）|大专及以上占比（%）'), [40, 66.7, 26.7]);
    assert.deepEqual(rows.get('B镇|书记、主任“一肩挑”比例（%）'), [0, 0, 0]);
    assert.deepEqual(rows.get('测试市（合计）|连任（人）'), [null, 2, null]);
  });
});
