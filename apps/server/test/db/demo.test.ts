import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { compose, type Services } from '../../src/composition';
import { ensureDemo, DEMO_PINYIN_EXAMPLE, DEMO_REF_DATE } from '../../src/demo/demo-city';
import { ARTICLE_PEOPLE } from '../../src/demo/names';
import { shanghaiDate } from '../../src/platform/clock';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { DEMO_TEST_BUILD, freshDatabaseUrl } from '../helpers/test-env';

describe('the demo city', () => {
  let services: Services;
  before(async () => {
    const url = await freshDatabaseUrl();
    services = await compose({
      databaseUrl: url,
      dataDir: '',
      masterKey: randomBytes(32),
      sqliteFile: ':memory:',
    });
    assert.equal(await ensureDemo(services, () => {}, DEMO_TEST_BUILD), true);
  });
  after(() => services.close());

  test("is built through the services and shows the article's figures on 2021-01-10", async () => {
    const st = await services.stats.rosterStats(SYSTEM_CALLER, undefined, DEMO_REF_DATE);
    assert.equal(st.orgName, '张家港市');
    assert.equal(st.organizations, 264);
    assert.equal(st.members, 1323);
    assert.ok(st.averageAge! >= 38.5 && st.averageAge! < 39.5, `average age ${st.averageAge}`);
    assert.ok(
      st.collegeOrAbove.share! >= 0.935 && st.collegeOrAbove.share! < 0.945,
      `college ${st.collegeOrAbove.share}`,
    );
    assert.equal(st.byChild.length, 9);
    assert.equal(
      st.byChild.reduce((a, t) => a + t.organizations, 0),
      264,
    );
    assert.ok(st.secretaryDirector.count > 0 && st.secretaryDirector.rate! < 1);
    const bands = st.ageBands.map((b) => b.count);
    assert.ok(bands[0]! > 0 && bands[6]! > 0, 'ages spread from under 30 to over 55');
  });

  test('has young postgraduate secretaries born after 1985, the pinyin example findable by its initials, and a second run does nothing', async () => {
    const young = await services.people.listPeople(
      SYSTEM_CALLER,
      { role: 'party_secretary', ageMax: 35, refDate: DEMO_REF_DATE },
      { offset: 0, limit: 50 },
    );
    assert.ok(young.items.filter((p) => p.education === '14' && p.birthDate >= '1985-01-01').length >= 3);
    const ltt = await services.people.listPeople(SYSTEM_CALLER, { q: 'ltt' }, { offset: 0, limit: 50 });
    assert.ok(ltt.items.some((p) => p.name === DEMO_PINYIN_EXAMPLE && p.orgName === '新塍村'));
    assert.equal(await ensureDemo(services, () => {}, DEMO_TEST_BUILD), false);
  });

  test('training: the 2011–2020 university class counts 277 graduates, most placed in villages; a 2026 of sessions with secretaries lecturing', async () => {
    const c = await services.training.classOverview(SYSTEM_CALLER);
    assert.deepEqual(
      { from: c.fromYear, to: c.toYear, cohorts: c.cohorts.length, trained: c.trainedTotal },
      { from: 2011, to: 2020, cohorts: 10, trained: 277 },
    );
    assert.ok(
      c.placedInVillagesTotal > 277 * 0.85 && c.placedInVillagesTotal < 277,
      `${c.placedInVillagesTotal}`,
    );
    assert.ok(
      c.cohorts.some((k) => k.students > k.graduated),
      'some students left',
    );
    const first = await services.training.getCohort(SYSTEM_CALLER, c.cohorts[0]!.id);
    const placed = first.members.find((s) => s.status === 'graduated' && s.placementOrgName);
    assert.ok(placed?.placementRole, 'a first placement with its position');
    const sessions = await services.training.listSessions(SYSTEM_CALLER, {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    assert.equal(new Set(sessions.map((s) => s.kind)).size, 6, 'every kind of training');
    assert.ok(sessions.every((s) => s.lecturers.length > 0 && s.attended > 0 && s.attended <= s.enrolled));
    const secretaries = new Set(
      (
        await services.people.listPeople(
          SYSTEM_CALLER,
          { role: 'party_secretary', refDate: '2026-04-01' },
          { offset: 0, limit: 1000 },
        )
      ).items.map((p) => p.id),
    );
    assert.ok(sessions.every((s) => s.lecturers.every((l) => secretaries.has(l.personId))));
    const lecturers = await services.training.lecturerStats(SYSTEM_CALLER, 2026);
    assert.ok(lecturers.items[0]!.averageRating! >= 3 && lecturers.items[0]!.averageRating! <= 5);
  });

  test('薪火计划: tiers 20 / 40 / 70, the first 兴村特岗书记 cohort of 26 from the organs, all 35 or under; some placed on the roster', async () => {
    const [program] = await services.pipeline.listPrograms(SYSTEM_CALLER);
    assert.equal(program!.name, '美美乡村·薪火计划');
    assert.deepEqual(
      program!.tiers.map((t) => [t.nameZh, t.target]),
      [
        ['乡村标杆书记', 20],
        ['兴村特岗书记', 40],
        ['青年尖兵村干', 70],
      ],
    );
    // The funnel and the average age come from the records: 76 organ cadres nominated and selected in
    // three cohorts, 12 of them placed.
    const special = program!.tiers[1]!;
    assert.deepEqual(special.funnel, { nominated: 76, vetted: 76, selected: 76, placed: 12 });
    assert.equal(special.filled, special.funnel.selected);
    assert.ok(special.averageAge! > 28 && special.averageAge! < 42, `average age ${special.averageAge}`);
    const cohorts = await services.pipeline.listCohorts(SYSTEM_CALLER, program!.tiers[1]!.id);
    assert.deepEqual(
      cohorts.map((k) => [k.name, k.selectionDate.slice(0, 4), k.members]),
      [
        ['第一批', '2020', 26],
        ['第二批', '2022', 25],
        ['第三批', '2024', 25],
      ],
    );
    assert.ok(cohorts[0]!.sendOffDate, 'the send-off ceremony');
    const first = await services.pipeline.listCandidates(
      SYSTEM_CALLER,
      { cohortId: cohorts[0]!.id },
      { offset: 0, limit: 100 },
    );
    assert.equal(first.total, 26);
    const organs = await services.db.selectFrom('orgs').select(['id', 'kind']).execute();
    const kindOf = new Map(organs.map((o) => [o.id, o.kind]));
    for (const c of first.items) {
      const d = await services.pipeline.getCandidate(SYSTEM_CALLER, c.id);
      const age = d.eligibility!.results.find((r) => r.rule.kind === 'max_age')!;
      assert.equal(age.outcome, 'pass', c.personName);
      assert.ok(d.birthDate > '1985-09-15', `${c.personName} born ${d.birthDate}`);
      const person = await services.people.getPerson(SYSTEM_CALLER, c.personId);
      assert.ok(['organ', 'department'].includes(kindOf.get(person.orgId)!), c.personName);
    }
    const placed = first.items.filter((c) => c.state === 'placed');
    assert.ok(placed.length >= 5, `placed ${placed.length}`);
    // The roster shows them: the village's current party secretary is the placed trainee.
    const d = await services.pipeline.getCandidate(SYSTEM_CALLER, placed[0]!.id);
    const placedEvent = d.events.find((e) => e.action === 'place')!;
    const seat = await services.db
      .selectFrom('positions')
      .select(['person_id', 'role', 'end_date'])
      .where('id', '=', String(placedEvent.details!.positionId))
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [seat.person_id, seat.role, seat.end_date],
      [placed[0]!.personId, 'party_secretary', null],
    );
  });

  test('succession: seats at risk today, some with a ready successor and some without; the dashboard over time shows 20 / 40 / 70 and the first cohort of 26', async () => {
    const o = await services.succession.overview(SYSTEM_CALLER, {});
    const risky = o.seats.filter((s) => s.flags.length > 0);
    assert.ok(
      risky.some((s) => s.readyNow > 0),
      'an at-risk seat with a ready successor',
    );
    assert.ok(
      risky.some((s) => s.readyNow === 0),
      'an at-risk seat with no one ready',
    );
    assert.ok(o.heat.some((c) => c.atRiskNoReady > 0));
    assert.equal(
      o.heat.reduce((a, c) => a + c.seats, 0),
      o.seats.length,
    );
    const ready = risky.find((s) => s.readyNow > 0)!;
    const seat = await services.succession.seat(SYSTEM_CALLER, ready.orgId, {});
    assert.ok(seat.ranking.length > 0 && seat.ranking[0]!.components.length === 4);
    const d = await services.succession.dashboard(SYSTEM_CALLER, {});
    assert.deepEqual(
      d.tiers.map((t) => t.target),
      [20, 40, 70],
    );
    const first = d.cohorts.find((k) => k.name === '第一批')!;
    assert.equal(first.selected, 26);
    assert.equal(first.selectionDate.slice(0, 4), '2020');
    // The series starts with the first selection (2020) and ends on today.
    assert.equal(d.points[0], '2020-12-31');
    assert.equal(d.tiers[1]!.filled[0], 26);
  });

  test('the people the article names have no invented records', async () => {
    assert.ok(ARTICLE_PEOPLE.has('王晶晶') && ARTICLE_PEOPLE.has('奚涛'));
    const named = await services.db
      .selectFrom('persons')
      .select('name')
      .where('name', 'in', [...ARTICLE_PEOPLE])
      .execute();
    assert.deepEqual(named, []);
  });

  test('the 2026 election renews every committee: younger, better educated, more 一肩挑, most secretaries re-elected', async () => {
    const stats = (date?: string) => services.stats.rosterStats(SYSTEM_CALLER, undefined, date);
    const [s21, s26, mid] = [
      await stats(DEMO_REF_DATE),
      await stats('2026-04-01'),
      await stats('2026-02-16'),
    ];
    // After the election (all held by the end of March) and in the middle of it, every village has one
    // committee of the same size: the old one until its election day, the new one from it.
    for (const st of [s26, mid]) {
      assert.equal(st.organizations, s21.organizations);
      assert.equal(st.members, s21.members);
      assert.equal(st.secretaryDirector.orgsWithSecretary, s21.organizations);
    }
    assert.ok(s26.averageAge! < s21.averageAge! - 1, `mean age ${s21.averageAge} → ${s26.averageAge}`);
    assert.ok(s26.averageAge! > 30, `mean age ${s26.averageAge}`);
    assert.ok(s26.collegeOrAbove.share! > s21.collegeOrAbove.share!, 'more 大专+');
    assert.ok(s26.collegeOrAbove.share! < 1, 'not every one');
    assert.ok(s26.secretaryDirector.rate! > s21.secretaryDirector.rate!, 'more 一肩挑');
    assert.ok(s26.secretaryDirector.rate! >= 0.92 && s26.secretaryDirector.rate! < 1, '一肩挑 toward 95%');
    assert.ok(s26.gender.female > s21.gender.female, 'more women');
    assert.ok(s26.bornAfter1990.share! > s21.bornAfter1990.share!, 'more born after 1990');
    // It was run as a campaign: every village went through to the finalize.
    const campaigns = await services.campaigns.listCampaigns(SYSTEM_CALLER, { offset: 0, limit: 10 });
    const c26 = campaigns.items.find((c) => c.electionDate.startsWith('2026'));
    assert.ok(c26, 'the 2026 campaign');
    const detail = await services.campaigns.getCampaign(SYSTEM_CALLER, c26.id);
    assert.equal(detail.progress.finalized, s21.organizations);
    assert.equal(detail.oneShoulderCount, s26.secretaryDirector.count);
    // Its last finalize froze the election's structure report, for the whole city.
    const frozen = await services.structureReports.listSnapshots(SYSTEM_CALLER, c26.id);
    assert.equal(frozen.items.length, 1);
    // Today (the dashboard's default date) shows the 2026 committees while their term runs.
    const today = shanghaiDate(new Date());
    if (today >= '2026-04-01' && today < '2031-01-01') {
      const now = await stats();
      assert.equal(now.members, s26.members);
      assert.equal(now.collegeOrAbove.count, s26.collegeOrAbove.count);
    }

    const secretaryOn = async (date: string) =>
      new Map(
        (
          await services.db
            .selectFrom('positions')
            .select(['org_id', 'person_id'])
            .where('role', '=', 'party_secretary')
            .where('start_date', '<=', date)
            .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', date)]))
            .execute()
        ).map((r) => [r.org_id, r.person_id]),
      );
    const [before, after] = [await secretaryOn(DEMO_REF_DATE), await secretaryOn('2026-04-01')];
    const reelected = [...after].filter(([org, person]) => before.get(org) === person).length / after.size;
    assert.ok(reelected > 0.55 && reelected < 0.95, `re-elected secretaries ${reelected}`);

    // The demo village account's village: its secretary and the pinyin example re-elected, 一肩挑.
    const xc = await services.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '新塍村')
      .executeTakeFirstOrThrow();
    assert.equal(after.get(xc.id), before.get(xc.id));
    const seats = await services.people.listPeople(
      SYSTEM_CALLER,
      { orgId: xc.id, refDate: '2026-04-01', role: 'party_deputy_secretary' },
      { offset: 0, limit: 10 },
    );
    assert.ok(seats.items.some((p) => p.name === DEMO_PINYIN_EXAMPLE));
    const director = await services.db
      .selectFrom('positions')
      .select('person_id')
      .where('org_id', '=', xc.id)
      .where('role', '=', 'director')
      .where('end_date', 'is', null)
      .executeTakeFirstOrThrow();
    assert.equal(director.person_id, after.get(xc.id));

    // Meetings list the secretaries in office on their day (the 2026 ones once their village elected).
    const listed = await services.db
      .selectFrom('meeting_participants as mp')
      .innerJoin('meetings as m', 'm.id', 'mp.meeting_id')
      .select(['mp.person_id', 'mp.org_id', 'm.meeting_date'])
      .where('mp.person_id', 'is not', null)
      .execute();
    assert.ok(listed.some((p) => p.meeting_date >= '2026-04-01'));
    const byDate = new Map<string, Map<string, string>>();
    for (const p of listed) {
      if (!byDate.has(p.meeting_date)) byDate.set(p.meeting_date, await secretaryOn(p.meeting_date));
      assert.equal(byDate.get(p.meeting_date)!.get(p.org_id!), p.person_id, `secretary on ${p.meeting_date}`);
    }
  });

  test('the audit chain of the whole build verifies', async () => {
    const r = await services.audit.verify();
    assert.equal(r.ok, true);
    assert.ok(r.checked > 5000);
  });
});
