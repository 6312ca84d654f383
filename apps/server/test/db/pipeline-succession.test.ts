import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineDashboard, SeatDetail, SuccessionOverview } from '@xinhuo/shared';
import { sql } from 'kysely';
import { seatsAtRisk } from '../../src/modules/pipeline';
import { findBenchOnDate } from '../../src/modules/pipeline/succession/succession.repository';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { makePerson } from '../helpers/factories';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

// Succession (issue 11 items 5 and 6) on SQLite and PostgreSQL: seats and bench scoped in SQL (another
// town's seat or candidate answers 404 like a missing id), recommendations and decisions audited in the
// transaction, the heat map's counts equal a direct count, the ranking shows its components, and the
// dashboard's series and cohort funnel follow the dated history.
describe('pipeline succession: seats, bench, records, heat map, dashboard', () => {
  let env: TestEnv;
  let city: string;
  let town: string;
  let otherTown: string;
  let tierId: string;
  let cohortId: string;
  let programId: string;
  let nominee: string; // a nominated candidate of town A
  let trained: string; // a candidate of town A in training
  let farCandidate: string; // a candidate of town B
  const DATE = '2025-12-01';
  const post = (cookie: string, url: string, payload: object, method: 'POST' | 'PUT' = 'POST') =>
    env.request(cookie, { method, url, payload });
  const get = (cookie: string, url: string) => env.request(cookie, { method: 'GET', url });
  const auditRows = (action: string) =>
    env.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  const seatOf = async (orgId: string, role: string, personId: string, start: string) => {
    const opened = await post(city, `/api/orgs/${orgId}/terms`, { committee: 'party', electionDate: start });
    assert.equal(opened.statusCode, 201, opened.body);
    const seated = await post(city, `/api/terms/${opened.json().id}/seats`, {
      personId,
      role,
      startDate: start,
    });
    assert.equal(seated.statusCode, 200, seated.body);
    return seated.json<{ endDate: string }>();
  };

  before(async () => {
    env = await createTestEnv({
      users: [
        ['city1', 'city_admin', 'cityId'],
        ['towna', 'town_staff', 'townA'],
        ['townb', 'town_staff', 'townB'],
      ],
    });
    [city, town, otherTown] = await Promise.all([env.login('city1'), env.login('towna'), env.login('townb')]);
    const s = env.services;
    const p = await post(city, '/api/pipeline/programs', {
      name: '测试薪火计划',
      periodFrom: '2024-01-01',
      periodTo: '2026-12-31',
      ownerOrgId: env.seed.cityId,
    });
    programId = p.json().id;
    const t = await post(city, `/api/pipeline/programs/${programId}/tiers`, {
      code: 'vanguard',
      nameZh: '青年尖兵村干',
      nameEn: 'Young vanguard village cadre',
      target: 70,
      hoursPerYear: 40,
      monthsMin: 24,
      monthsMax: 36,
      rules: [{ kind: 'max_age', years: 35 }],
    });
    tierId = t.json().id;
    const k = await post(city, '/api/pipeline/cohorts', {
      tierId,
      name: '2025年度',
      selectionDate: '2025-03-20',
      intakeTarget: 30,
    });
    cohortId = k.json().id;

    // Seats: A1 held by a secretary who turns 55 on 2025-12-01; B1 by a young one; A2 vacant.
    const oldSec = await makePerson(env, {
      org: env.seed.villageA1,
      name: '老书记',
      birthDate: '1970-12-01',
    });
    const youngSec = await makePerson(env, {
      org: env.seed.villageB1,
      name: '新书记',
      birthDate: '1985-03-01',
    });
    await seatOf(env.seed.villageA1, 'party_secretary', oldSec.id, '2024-01-08');
    await seatOf(env.seed.villageB1, 'party_secretary', youngSec.id, '2024-01-08');

    const nominate = async (cookie: string, org: string, name: string) => {
      const person = await makePerson(env, { org, name, birthDate: '1995-05-05' });
      const r = await post(cookie, '/api/pipeline/candidates', {
        personId: person.id,
        tierId,
        selectionDate: '2025-03-20',
        reason: '镇党委推荐',
        date: '2025-01-10',
      });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().id as string;
    };
    nominee = await nominate(town, env.seed.villageA2, '候选甲');
    trained = await nominate(town, env.seed.villageA2, '候选乙');
    farCandidate = await nominate(otherTown, env.seed.villageB1, '候选丙');
    // One candidate through every step to training, with an assessment, through the service itself.
    let version = 1;
    const step = async (b: object) => {
      await s.pipeline.step(SYSTEM_CALLER, trained, { version, ...b } as never);
      version++;
    };
    await step({ action: 'check_eligibility', date: '2025-02-01' });
    await step({ action: 'vet', date: '2025-02-10', team: ['王组长'], findings: '好', conclusion: '合格' });
    await step({ action: 'start_notice', date: '2025-03-03' });
    await step({ action: 'select', date: '2025-03-20', cohortId });
    await step({ action: 'start_training', date: '2025-04-01', mentorPersonId: oldSec.id, milestones: [] });
    await step({ action: 'assess', date: '2025-11-20', year: 2025, level: 'excellent' });
  });
  after(() => env.close());

  test("another town's seat or candidate answers 404 like a missing id", async () => {
    const missing = '00000000-0000-7000-8000-000000000000';
    const theirs = await get(otherTown, `/api/pipeline/succession/seats/${env.seed.villageA1}`);
    const none = await get(otherTown, `/api/pipeline/succession/seats/${missing}`);
    assert.equal(theirs.statusCode, 404);
    assert.equal(none.statusCode, 404);
    assert.equal(theirs.json().error.code, none.json().error.code);
    assert.equal(theirs.json().error.message, none.json().error.message);
    assert.equal((await get(town, `/api/pipeline/succession/seats/${env.seed.villageA1}`)).statusCode, 200);
    // Town A cannot bench town B's candidate, nor put its own on town B's seat.
    const bench = { forSeat: true, readiness: 'ready_now', rank: 1, date: '2025-11-01' };
    const foreign = await post(town, `/api/pipeline/succession/seats/${env.seed.villageA1}/bench`, {
      ...bench,
      candidateId: farCandidate,
    });
    assert.equal(foreign.statusCode, 404);
    const elsewhere = await post(town, `/api/pipeline/succession/seats/${env.seed.villageB1}/bench`, {
      ...bench,
      candidateId: nominee,
    });
    assert.equal(elsewhere.statusCode, 404);
    // The drill-down into another town's subtree is 404 too; the list holds only town A's seats.
    assert.equal((await get(town, `/api/pipeline/succession?orgId=${env.seed.townB}`)).statusCode, 404);
    const mine = (await get(town, `/api/pipeline/succession?date=${DATE}`)).json<SuccessionOverview>();
    assert.ok(mine.seats.length > 0);
    assert.ok(mine.seats.every((x) => x.townId === env.seed.townA));
  });

  test('flags at the threshold birthday; the bench and a ready successor; the heat map equals a direct count', async () => {
    const before = (await get(city, `/api/pipeline/succession?date=2025-11-30`)).json<SuccessionOverview>();
    const a1Before = before.seats.find((x) => x.orgId === env.seed.villageA1)!;
    assert.ok(!a1Before.flags.includes('age'));
    const on = (await get(city, `/api/pipeline/succession?date=${DATE}`)).json<SuccessionOverview>();
    const a1 = on.seats.find((x) => x.orgId === env.seed.villageA1)!;
    assert.deepEqual(a1.flags, ['age']);
    assert.equal(a1.incumbent!.age, 55);
    assert.deepEqual(on.seats.find((x) => x.orgId === env.seed.villageA2)!.flags, ['vacant']);
    assert.deepEqual(on.seats.find((x) => x.orgId === env.seed.villageB1)!.flags, []);

    const added = await post(town, `/api/pipeline/succession/seats/${env.seed.villageA1}/bench`, {
      candidateId: nominee,
      forSeat: true,
      readiness: 'ready_now',
      rank: 1,
      date: '2025-11-01',
    });
    assert.equal(added.statusCode, 201, added.body);
    const townWide = await post(town, `/api/pipeline/succession/seats/${env.seed.villageA1}/bench`, {
      candidateId: trained,
      forSeat: false,
      readiness: 'one_two_years',
      rank: 2,
      date: '2025-11-02',
    });
    assert.equal(townWide.statusCode, 201, townWide.body);
    const seat = townWide.json<SeatDetail>();
    assert.deepEqual(
      seat.entries.map((e) => [e.personName, e.readiness, e.rank, e.forSeat]),
      [
        ['候选甲', 'ready_now', 1, true],
        ['候选乙', 'one_two_years', 2, false],
      ],
    );
    assert.equal((await auditRows('pipeline_bench_add')).length, 2);
    const again = await post(town, `/api/pipeline/succession/seats/${env.seed.villageA1}/bench`, {
      candidateId: nominee,
      forSeat: true,
      readiness: 'later',
      rank: 3,
      date: '2025-11-03',
    });
    assert.equal(again.statusCode, 400);

    const now = (await get(city, `/api/pipeline/succession?date=${DATE}`)).json<SuccessionOverview>();
    const a1Now = now.seats.find((x) => x.orgId === env.seed.villageA1)!;
    assert.equal(a1Now.readyNow, 1);
    // The town-wide entry is on the bench of every seat of town A.
    assert.equal(now.seats.find((x) => x.orgId === env.seed.villageA2)!.bench, 1);
    // Before the entry's date it was not there.
    const earlier = (await get(city, `/api/pipeline/succession?date=2025-10-31`)).json<SuccessionOverview>();
    assert.equal(earlier.seats.find((x) => x.orgId === env.seed.villageA1)!.readyNow, 0);

    // Direct count: villages of each town without a ready-now entry (for the seat or for its town).
    const db = env.services.db;
    const villages = await db
      .selectFrom('orgs')
      .select(['id', 'parent_id'])
      .where('kind', '=', 'village')
      .execute();
    const ready = await db
      .selectFrom('pipeline_bench')
      .select(['village_org_id', 'town_org_id'])
      .where('readiness', '=', 'ready_now')
      .where('nominated_on', '<=', DATE)
      .execute();
    for (const cell of now.heat) {
      const mine = villages.filter((v) => v.parent_id === cell.orgId);
      const noReady = mine.filter(
        (v) =>
          !ready.some(
            (r) => r.village_org_id === v.id || (r.village_org_id === null && r.town_org_id === v.parent_id),
          ),
      );
      assert.equal(cell.seats, mine.length, cell.name);
      assert.equal(cell.noReadySuccessor, noReady.length, cell.name);
    }
    assert.equal(
      now.heat.reduce((a, c) => a + c.noReadySuccessor, 0),
      now.totals.noReadySuccessor,
    );
    // The query reminders use gives the same seats at risk and the same ready successors.
    const risky = await seatsAtRisk(db, SYSTEM_CALLER.scopePaths, DATE);
    assert.deepEqual(
      risky.map((x) => [x.orgId, x.hasReadySuccessor]).sort(),
      now.seats
        .filter((x) => x.flags.length > 0)
        .map((x) => [x.orgId, x.readyNow > 0])
        .sort(),
    );
    assert.ok(risky.some((x) => x.orgId === env.seed.villageA1 && x.hasReadySuccessor));
    const a = now.heat.find((c) => c.orgId === env.seed.townA)!;
    assert.equal(a.atRiskNoReady, 1); // A2: vacant, nobody ready; A1 is at risk but has a ready successor.
    // Drill down: town A's rows are its villages.
    const drill = (
      await get(city, `/api/pipeline/succession?date=${DATE}&orgId=${env.seed.townA}`)
    ).json<SuccessionOverview>();
    assert.deepEqual(
      drill.trail.map((x) => x.orgId),
      [env.seed.cityId, env.seed.townA],
    );
    assert.ok(drill.heat.every((c) => c.kind === 'village'));
    assert.equal(drill.heat.find((c) => c.orgId === env.seed.villageA2)!.atRiskNoReady, 1);
  });

  test('an at-risk seat ranks the trained candidates with every component; the threshold is the program setting', async () => {
    const seat = (
      await get(city, `/api/pipeline/succession/seats/${env.seed.villageA1}?date=${DATE}`)
    ).json<SeatDetail>();
    const r = seat.ranking.find((x) => x.candidateId === trained)!;
    assert.deepEqual(
      r.components.map((c) => c.key),
      ['hours', 'assessments', 'time', 'town'],
    );
    const pts = Object.fromEntries(r.components.map((c) => [c.key, c.points]));
    assert.equal(pts.assessments, 25); // excellent
    assert.equal(pts.town, 25); // from town A
    assert.equal(pts.time, 8.3); // 8 months (2025-04-01 → 12-01) of 24
    assert.equal(pts.hours, 0); // no training attended
    assert.equal(r.total, 58.3);
    // Not at risk: no ranking.
    const b1 = (
      await get(city, `/api/pipeline/succession/seats/${env.seed.villageB1}?date=${DATE}`)
    ).json<SeatDetail>();
    assert.deepEqual(b1.ranking, []);

    assert.equal(
      (await post(town, `/api/pipeline/programs/${programId}/succession`, { ageThreshold: 56 }, 'PUT'))
        .statusCode,
      403,
    );
    const set = await post(
      city,
      `/api/pipeline/programs/${programId}/succession`,
      { ageThreshold: 56 },
      'PUT',
    );
    assert.equal(set.statusCode, 204, set.body);
    const later = (
      await get(city, `/api/pipeline/succession/seats/${env.seed.villageA1}?date=${DATE}`)
    ).json<SeatDetail>();
    assert.deepEqual(later.flags, []);
    assert.equal(later.ageThreshold, 56);
    assert.equal((await auditRows('pipeline_succession_settings')).length, 1);
    await post(city, `/api/pipeline/programs/${programId}/succession`, { ageThreshold: 55 }, 'PUT');
  });

  test("the score reads the hours and training length of the tier's version in force on the reference date", async () => {
    // Clock 2026-03-02: a version from 2026-04-01 doubles the hours a year and halves the training length.
    const r = await post(city, `/api/pipeline/tiers/${tierId}/rules`, {
      effectiveFrom: '2026-04-01',
      rules: [{ kind: 'max_age', years: 35 }],
      hoursPerYear: 80,
      monthsMin: 12,
    });
    assert.equal(r.statusCode, 204, r.body);
    const scoreOn = async (date: string) => {
      const seat = (
        await get(city, `/api/pipeline/succession/seats/${env.seed.villageA1}?date=${date}`)
      ).json<SeatDetail>();
      const c = seat.ranking.find((x) => x.candidateId === trained)!;
      return Object.fromEntries(c.components.map((x) => [x.key, x]));
    };
    const before = await scoreOn('2026-03-20');
    assert.equal(before.hours!.basis.en, '0 of 80 required hours attended'); // 40 a year, 2 years
    assert.equal(before.time!.points, 11.5); // 11 months of 24
    const after = await scoreOn('2026-04-20');
    assert.equal(after.hours!.basis.en, '0 of 160 required hours attended'); // 80 a year, 2 years
    assert.equal(after.time!.points, 25); // 12 months of 12
  });

  test('a recommendation (town) and a decision (city only) are dated, attributed and audited', async () => {
    const url = `/api/pipeline/succession/seats/${env.seed.villageA1}/records`;
    const rec = await post(town, url, {
      kind: 'recommendation',
      candidateId: trained,
      date: '2025-11-25',
      note: '培养期表现优秀，推荐接任',
    });
    assert.equal(rec.statusCode, 201, rec.body);
    const refused = await post(town, url, {
      kind: 'decision',
      candidateId: trained,
      date: '2025-11-28',
      note: '同意',
    });
    assert.equal(refused.statusCode, 403);
    const foreign = await post(city, url, {
      kind: 'recommendation',
      candidateId: '00000000-0000-7000-8000-000000000000',
      date: '2025-11-28',
      note: '无此人',
    });
    assert.equal(foreign.statusCode, 404);
    const dec = await post(city, url, {
      kind: 'decision',
      candidateId: trained,
      date: '2025-11-28',
      note: '市委组织部研究同意',
    });
    assert.equal(dec.statusCode, 201, dec.body);
    const seat = dec.json<SeatDetail>();
    assert.deepEqual(
      seat.records.map((x) => [x.kind, x.date, x.actorName, x.personName]),
      [
        ['recommendation', '2025-11-25', 'towna', '候选乙'],
        ['decision', '2025-11-28', 'city1', '候选乙'],
      ],
    );
    const [recAudit] = await auditRows('pipeline_succession_recommendation');
    const [decAudit] = await auditRows('pipeline_succession_decision');
    assert.equal(recAudit!.object_id, env.seed.villageA1);
    assert.match(String(decAudit!.details), /市委组织部研究同意/);
    assert.equal((await auditRows('pipeline_succession_decision')).length, 1);
  });

  test('the dashboard over time: filled by year end and on the date, the cohort funnel, any reference date', async () => {
    const d = (await get(city, `/api/pipeline/dashboard?date=${DATE}`)).json<PipelineDashboard>();
    assert.deepEqual(d.points, ['2024-12-31', DATE]);
    const tier = d.tiers.find((x) => x.tierId === tierId)!;
    assert.equal(tier.target, 70);
    assert.deepEqual(tier.filled, [0, 1]);
    assert.equal(tier.averageAge, 30); // born 1995-05-05
    const k = d.cohorts.find((x) => x.cohortId === cohortId)!;
    assert.deepEqual([k.nominated, k.selected, k.placed], [3, 1, 0]);
    assert.equal(k.selectionRate, 33.3);
    assert.equal(k.placementRate, 0);
    // Before the selection nobody filled the tier and the cohort is not there yet.
    const early = (await get(city, `/api/pipeline/dashboard?date=2025-03-19`)).json<PipelineDashboard>();
    assert.deepEqual(early.tiers.find((x) => x.tierId === tierId)!.filled, [0, 0]);
    assert.equal(early.cohorts.length, 0);
    // Town B sees only its own: its candidate was nominated, none selected.
    const b = (await get(otherTown, `/api/pipeline/dashboard?date=${DATE}`)).json<PipelineDashboard>();
    assert.deepEqual(b.tiers.find((x) => x.tierId === tierId)!.filled, [0, 0]);
    assert.equal(b.cohorts.find((x) => x.cohortId === cohortId)!.nominated, 1);
    // The dashboard carries the succession page's heat map and totals, not its seat list.
    assert.ok(!('seats' in b.succession));
    const bSeats = (await get(otherTown, `/api/pipeline/succession?date=${DATE}`)).json<SuccessionOverview>();
    assert.ok(bSeats.seats.length > 0 && bSeats.seats.every((x) => x.townId === env.seed.townB));
    assert.deepEqual(b.succession.totals, bSeats.totals);
    assert.deepEqual(b.succession.heat, bSeats.heat);
  });

  test('the bench counts a candidate by its state on the reference date, not by its state today', async () => {
    // Town B's candidate goes on seat B1's bench, ready now, on 2025-11-05, and leaves the pipeline on
    // 2025-12-10: on 2025-12-01 it was on the bench (a ready successor), on 2025-12-15 it no longer is.
    const added = await post(otherTown, `/api/pipeline/succession/seats/${env.seed.villageB1}/bench`, {
      candidateId: farCandidate,
      forSeat: true,
      readiness: 'ready_now',
      rank: 1,
      date: '2025-11-05',
    });
    assert.equal(added.statusCode, 201, added.body);
    const seatOn = async (date: string) =>
      (await get(city, `/api/pipeline/succession?date=${date}`))
        .json<SuccessionOverview>()
        .seats.find((x) => x.orgId === env.seed.villageB1)!;
    assert.deepEqual([(await seatOn(DATE)).bench, (await seatOn(DATE)).readyNow], [1, 1]);
    const version = (await get(city, `/api/pipeline/candidates/${farCandidate}`)).json<{ version: number }>()
      .version;
    const exit = await post(city, `/api/pipeline/candidates/${farCandidate}/steps`, {
      action: 'exit',
      date: '2025-12-10',
      version,
      reason: '本人申请退出',
    });
    assert.equal(exit.statusCode, 200, exit.body);
    // Its state today is exited; on 2025-12-01 it was nominated and on the bench.
    const past = await seatOn(DATE);
    assert.deepEqual([past.bench, past.readyNow], [1, 1]);
    const later = await seatOn('2025-12-15');
    assert.deepEqual([later.bench, later.readyNow], [0, 0]);
    // The heat map and the seat's bench read the same state on the date.
    const heatB = async (date: string) =>
      (await get(city, `/api/pipeline/succession?date=${date}`))
        .json<SuccessionOverview>()
        .heat.find((c) => c.orgId === env.seed.townB)!.noReadySuccessor;
    assert.equal((await heatB('2025-12-15')) - (await heatB(DATE)), 1);
    const detail = async (date: string) =>
      (
        await get(city, `/api/pipeline/succession/seats/${env.seed.villageB1}?date=${date}`)
      ).json<SeatDetail>();
    const d1 = await detail(DATE);
    assert.deepEqual([d1.readyNow, d1.entries.map((e) => e.state)], [1, ['nominated']]);
    const d2 = await detail('2025-12-15');
    assert.deepEqual([d2.readyNow, d2.entries.map((e) => e.state)], [0, ['exited']]);
  });
  test("the paged seat list: the overview's seats filtered by town, flag and ready successor, sorted, cut into pages, scoped", async () => {
    type SeatList = { items: SuccessionOverview['seats']; total: number; page: number; pageSize: number };
    const all = (await get(city, `/api/pipeline/succession?date=${DATE}`)).json<SuccessionOverview>().seats;
    assert.ok(all.length >= 3);
    const list = async (cookie: string, query: string) => {
      const r = await get(cookie, `/api/pipeline/succession/seats?date=${DATE}&${query}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json<SeatList>();
    };
    const ids = (xs: { orgId: string }[]) => xs.map((x) => x.orgId);
    // Pages in the org tree's order cover the list once.
    const p1 = await list(city, 'pageSize=2&page=1');
    const p2 = await list(city, `pageSize=2&page=2`);
    assert.equal(p1.total, all.length);
    assert.deepEqual(ids([...p1.items, ...p2.items]), ids(all).slice(0, 4));
    // The filters equal a direct filter of the overview.
    assert.deepEqual(
      ids((await list(city, `townId=${env.seed.townA}&pageSize=200`)).items),
      ids(all.filter((s) => s.townId === env.seed.townA)),
    );
    assert.deepEqual(
      ids((await list(city, 'flag=any&pageSize=200')).items),
      ids(all.filter((s) => s.flags.length > 0)),
    );
    assert.deepEqual(
      ids((await list(city, 'flag=none&pageSize=200')).items),
      ids(all.filter((s) => s.flags.length === 0)),
    );
    assert.deepEqual(
      ids((await list(city, 'flag=vacant&pageSize=200')).items),
      ids(all.filter((s) => s.flags.includes('vacant'))),
    );
    assert.deepEqual(
      ids((await list(city, 'ready=no&pageSize=200')).items),
      ids(all.filter((s) => s.readyNow === 0)),
    );
    assert.deepEqual(
      ids((await list(city, 'ready=yes&pageSize=200')).items),
      ids(all.filter((s) => s.readyNow > 0)),
    );
    // The oldest incumbent first, vacant seats last; the earliest term end first.
    const byAge = (await list(city, 'sort=age&pageSize=200')).items;
    const ages = byAge.map((s) => s.incumbent?.age ?? null);
    assert.deepEqual(
      ages,
      [...ages].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a)),
    );
    assert.equal(byAge.length, all.length);
    const ends = (await list(city, 'sort=term_end&pageSize=200')).items.map((s) => s.termEnd);
    assert.deepEqual(
      ends,
      [...ends].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))),
    );
    // Scoped: a town sees its own seats only, another town's focus answers 404; no seats in the overview on request.
    const mine = await list(town, 'pageSize=200');
    assert.ok(mine.items.length > 0 && mine.items.every((s) => s.townId === env.seed.townA));
    assert.equal((await get(town, `/api/pipeline/succession/seats?orgId=${env.seed.townB}`)).statusCode, 404);
    // A town filter naming another town answers 404 as well, not an empty page.
    assert.equal(
      (await get(town, `/api/pipeline/succession/seats?townId=${env.seed.townB}`)).statusCode,
      404,
    );
    const bare = (
      await get(city, `/api/pipeline/succession?date=${DATE}&seats=none`)
    ).json<SuccessionOverview>();
    assert.deepEqual([bare.seats, bare.totals.seats], [[], all.length]);
  });

  test('the cached figures follow every write, also one made behind the services (another instance, a script)', async () => {
    // The dashboard, the overview, a seat's ranking and the hours report are cached by the pipeline data
    // version; triggers bump it in the writing transaction, so a write the services never saw shows at once.
    const db = env.services.db;
    const dashboard = async () =>
      (await get(city, `/api/pipeline/dashboard?date=${DATE}`)).json<PipelineDashboard>();
    const rankOf = async () =>
      (await get(city, `/api/pipeline/succession/seats/${env.seed.villageA1}?date=${DATE}`))
        .json<SeatDetail>()
        .ranking.find((x) => x.candidateId === trained)!;
    const hoursOf = async (personId: string) =>
      (await get(city, '/api/training/hours?year=2025&page=1&pageSize=100'))
        .json<{ items: { personId: string; hours: number }[] }>()
        .items.find((x) => x.personId === personId)?.hours ?? null;
    const { person_id: personId } = await db
      .selectFrom('pipeline_candidates')
      .select('person_id')
      .where('id', '=', trained)
      .executeTakeFirstOrThrow();
    const before = await dashboard();
    const hoursPts = (await rankOf()).components.find((c) => c.key === 'hours')!.points;
    assert.equal(await dashboard().then((d) => JSON.stringify(d)), JSON.stringify(before)); // a cached read
    assert.equal(await hoursOf(personId), null);

    // A birth date changed in SQL: the dashboard's average age follows.
    const tier = () => before.tiers.find((t) => t.tierId === tierId)!;
    await db.updateTable('persons').set({ birth_date: '1985-05-05' }).where('id', '=', personId).execute();
    const older = (await dashboard()).tiers.find((t) => t.tierId === tierId)!;
    assert.equal(older.averageAge, (tier().averageAge ?? 0) + 10);

    // An attended session of 2025 inserted in SQL: the ranking's hours and the hours report follow.
    const stamp = '2025-06-01T00:00:00.000Z';
    await db
      .insertInto('training_programs')
      .values({
        id: '01a00000-0000-7000-8000-00000000e001',
        name: '缓存测试班',
        kind: 'academy_course',
        year: 2025,
        owner_org_id: env.seed.cityId,
        org_path: (
          await db
            .selectFrom('orgs')
            .select('path')
            .where('id', '=', env.seed.cityId)
            .executeTakeFirstOrThrow()
        ).path,
        description: null,
        created_at: stamp,
        updated_at: stamp,
        version: 1,
      })
      .execute();
    const program = await db
      .selectFrom('training_programs')
      .select(['id', 'org_path'])
      .where('id', '=', '01a00000-0000-7000-8000-00000000e001')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('training_sessions')
      .values({
        id: '01a00000-0000-7000-8000-00000000e002',
        program_id: program.id,
        title: '缓存测试',
        session_date: '2025-06-01',
        start_time: '09:00',
        end_time: '12:00',
        venue: '党校',
        hours_tenths: 80,
        capacity: 10,
        org_path: program.org_path,
        created_at: stamp,
        updated_at: stamp,
        version: 1,
      })
      .execute();
    await db
      .insertInto('training_enrollments')
      .values({
        id: '01a00000-0000-7000-8000-00000000e003',
        session_id: '01a00000-0000-7000-8000-00000000e002',
        person_id: personId,
        source: 'person',
        enrolled_at: stamp,
        enrolled_by: null,
        attended: 1,
        signed_in_at: stamp,
        sign_in_method: 'staff',
        signed_in_by: null,
        rating: null,
        feedback: null,
        feedback_at: null,
      })
      .execute();
    assert.equal(await hoursOf(personId), 8);
    const after = (await rankOf()).components.find((c) => c.key === 'hours')!.points;
    assert.ok(after > hoursPts, `hours points ${hoursPts} -> ${after}`);

    // Undo, in SQL too: every figure is back to what it was.
    await db
      .deleteFrom('training_enrollments')
      .where('id', '=', '01a00000-0000-7000-8000-00000000e003')
      .execute();
    await db
      .deleteFrom('training_sessions')
      .where('id', '=', '01a00000-0000-7000-8000-00000000e002')
      .execute();
    await db.deleteFrom('training_programs').where('id', '=', program.id).execute();
    await db.updateTable('persons').set({ birth_date: '1995-05-05' }).where('id', '=', personId).execute();
    assert.equal(JSON.stringify(await dashboard()), JSON.stringify(before));
    assert.equal((await rankOf()).components.find((c) => c.key === 'hours')!.points, hoursPts);
    assert.equal(await hoursOf(personId), null);
  });

  test('the step dates on the candidate row and the bench on a date follow the history, whoever writes it', async () => {
    const db = env.services.db;
    // The first date of each kind of step, straight from the immutable history.
    const fromHistory = async () =>
      (
        await db
          .selectFrom('pipeline_candidates as c')
          .select([
            'c.id',
            sql<
              string | null
            >`(select min(e.event_date) from pipeline_events e where e.candidate_id = c.id)`.as('first'),
            ...(['nominate', 'select', 'start_training', 'place', 'exit'] as const).map((a) =>
              sql<
                string | null
              >`(select min(e.event_date) from pipeline_events e where e.candidate_id = c.id and e.action = ${a})`.as(
                a,
              ),
            ),
          ])
          .orderBy('c.id')
          .execute()
      ).map((r) => ({ ...r }));
    const onRow = async () =>
      (
        await db
          .selectFrom('pipeline_candidates')
          .select([
            'id',
            'first_step_on as first',
            'nominated_on as nominate',
            'selected_on as select',
            'training_on as start_training',
            'placed_on as place',
            'exited_on as exit',
          ])
          .orderBy('id')
          .execute()
      ).map((r) => ({ ...r }));
    // The bench on a date as the latest step on or before it says (the definition the row's dates replace).
    const benchByHistory = async (date: string) =>
      (
        await db
          .selectFrom('pipeline_bench as b')
          .select('b.id')
          .where('b.nominated_on', '<=', date)
          .where(
            sql<
              string | null
            >`(select e.to_state from pipeline_events e where e.candidate_id = b.candidate_id and e.event_date <= ${date} order by e.seq desc limit 1)`,
            'in',
            ['nominated', 'eligibility_checked', 'vetted', 'notice', 'selected', 'in_training'],
          )
          .execute()
      ).length;
    const dates = ['2024-12-31', '2025-01-10', '2025-03-19', '2025-06-30', '2026-01-01', '2030-01-01'];
    const cityPath = (
      await db.selectFrom('orgs').select('path').where('id', '=', env.seed.cityId).executeTakeFirstOrThrow()
    ).path;
    const agree = async () => {
      assert.deepEqual(await onRow(), await fromHistory());
      for (const d of dates)
        assert.equal(
          (await findBenchOnDate(db, [cityPath], d)).length,
          await benchByHistory(d),
          `bench on ${d}`,
        );
    };
    const rows = await onRow();
    assert.ok(rows.some((r) => r.start_training === '2025-04-01' && r.nominate === '2025-01-10'));
    await agree();
    // Steps written in SQL (a script, an import), one dated before the nomination: the row follows.
    const seqOf = async () =>
      Number(
        (
          await db
            .selectFrom('pipeline_events')
            .select((eb) => eb.fn.max('seq').as('m'))
            .where('candidate_id', '=', nominee)
            .executeTakeFirstOrThrow()
        ).m,
      );
    const put = async (id: string, action: 'exit' | 'objection', date: string) =>
      db
        .insertInto('pipeline_events')
        .values({
          id,
          candidate_id: nominee,
          seq: (await seqOf()) + 1,
          action,
          from_state: 'nominated',
          to_state: action === 'exit' ? 'exited' : 'nominated',
          event_date: date,
          actor_id: null,
          actor_name: 'script',
          reason: '测试',
          details_json: null,
          created_at: '2026-01-01T00:00:00Z',
        })
        .execute();
    const pipelineVersion = async () =>
      Number(
        (
          await db
            .selectFrom('data_versions')
            .select('version')
            .where('name', '=', 'pipeline')
            .executeTakeFirstOrThrow()
        ).version,
      );
    const v0 = await pipelineVersion();
    await put('01a00000-0000-7000-8000-00000000e101', 'objection', '2024-12-01');
    assert.ok((await pipelineVersion()) > v0, 'a step written in SQL bumps the pipeline version');
    await put('01a00000-0000-7000-8000-00000000e102', 'exit', '2025-06-01');
    const after = (await onRow()).find((r) => r.id === nominee)!;
    assert.equal(after.first, '2024-12-01');
    assert.equal(after.exit, '2025-06-01');
    await agree();
  });
});
