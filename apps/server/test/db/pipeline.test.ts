import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { CandidateDetail, Program, Term } from '@xinhuo/shared';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { makeOrg, makePerson } from '../helpers/factories';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

// 薪火计划 (issue 11): scope in SQL (a town cannot see or nominate another town's people: 404), the
// trainee sees only their own record, an override needs the permission and a reason and is audited,
// illegal steps are refused, the notice gates selection, and placement writes the roster seat in the
// same transaction as the step.
describe('pipeline: candidates, scope, override, notice and placement', () => {
  let env: TestEnv;
  let city: string;
  let town: string;
  let otherTown: string;
  let trainee: string;
  let lonelyTrainee: string;
  let tierId: string;
  let cohortId: string;
  let young: string;
  let old: string;
  let farAway: string;
  let mentor: string;
  let term: Term;
  const post = (cookie: string, url: string, payload: object) =>
    env.request(cookie, { method: 'POST', url, payload });
  const get = (cookie: string, url: string) => env.request(cookie, { method: 'GET', url });
  const auditRows = (action: string) =>
    env.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  before(async () => {
    env = await createTestEnv({
      users: [
        ['city1', 'city_admin', 'cityId'],
        ['towna', 'town_staff', 'townA'],
        ['townb', 'town_staff', 'townB'],
        ['leader1', 'leader', 'cityId'],
        ['trainee1', 'trainee', null],
        ['trainee2', 'trainee', null],
      ],
    });
    [city, town, otherTown, trainee, lonelyTrainee] = await Promise.all([
      env.login('city1'),
      env.login('towna'),
      env.login('townb'),
      env.login('trainee1'),
      env.login('trainee2'),
    ]);
    young = (await makePerson(env, { org: env.seed.villageA2, name: '年轻人', birthDate: '1990-07-01' })).id;
    old = (await makePerson(env, { org: env.seed.villageA2, name: '年长者', birthDate: '1980-07-01' })).id;
    farAway = (await makePerson(env, { org: env.seed.villageB1, name: '外镇人', birthDate: '1991-01-01' }))
      .id;
    mentor = (await makePerson(env, { org: env.seed.villageA1, name: '导师', birthDate: '1970-01-01' })).id;
    // 48 hours of training attended in 2025 by the young nominee (the tier asks 40 a year); the older
    // one was enrolled in the second session but did not come, so has none: hours count only when attended.
    const tp = await post(city, '/api/training/programs', {
      name: '支部书记学院农村分院2025年班',
      kind: 'academy_course',
      year: 2025,
      ownerOrgId: env.seed.cityId,
    });
    assert.equal(tp.statusCode, 201, tp.body);
    for (const day of ['2025-05-12', '2025-06-16']) {
      const s = await post(city, '/api/training/sessions', {
        programId: tp.json().id,
        title: `乡村振兴专题培训 ${day}`,
        sessionDate: day,
        startTime: '08:30',
        endTime: '17:30',
        venue: '市委党校',
        hours: 24,
        capacity: 50,
      });
      assert.equal(s.statusCode, 201, s.body);
      const sid = s.json().id as string;
      const enrolled = await post(city, `/api/training/sessions/${sid}/enroll`, {
        by: 'person',
        personIds: day === '2025-06-16' ? [young, old] : [young],
      });
      assert.equal(enrolled.statusCode, 200, enrolled.body);
      const signed = await post(city, `/api/training/sessions/${sid}/sign-in`, { personIds: [young] });
      assert.equal(signed.statusCode, 200, signed.body);
    }
    const p = await post(city, '/api/pipeline/programs', {
      name: '测试薪火计划',
      periodFrom: '2021-01-01',
      periodTo: '2023-12-31',
      ownerOrgId: env.seed.cityId,
    });
    assert.equal(p.statusCode, 201, p.body);
    const t = await post(city, `/api/pipeline/programs/${p.json().id}/tiers`, {
      code: 'special_post',
      nameZh: '兴村特岗书记',
      nameEn: 'Special-post village secretary',
      target: 40,
      hoursPerYear: 60,
      monthsMin: 24,
      monthsMax: 36,
      rules: [
        { kind: 'max_age', years: 35 },
        { kind: 'political_status', codes: ['01', '02'] },
        { kind: 'min_training_hours', hours: 40 },
      ],
    });
    assert.equal(t.statusCode, 201, t.body);
    tierId = t.json().id;
    const k = await post(city, '/api/pipeline/cohorts', {
      tierId,
      name: '第一批',
      selectionDate: '2025-11-01',
      sendOffDate: '2025-11-20',
      intakeTarget: 26,
    });
    assert.equal(k.statusCode, 201, k.body);
    cohortId = k.json().id;
    // The village where the trainee will be placed: a party term with a sitting secretary.
    const opened = await post(town, `/api/orgs/${env.seed.villageA1}/terms`, {
      committee: 'party',
      electionDate: '2021-01-08',
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const seated = await post(town, `/api/terms/${opened.json().id}/seats`, {
      personId: env.seed.personA1,
      role: 'party_secretary',
      startDate: '2021-01-08',
    });
    assert.equal(seated.statusCode, 200, seated.body);
    term = seated.json();
  });
  after(() => env.close());

  const nominate = (cookie: string, personId: string) =>
    post(cookie, '/api/pipeline/candidates', {
      personId,
      tierId,
      selectionDate: '2025-06-30',
      reason: '镇党委推荐',
    });
  const step = async (cookie: string, id: string, body: object) => {
    const cur = await get(city, `/api/pipeline/candidates/${id}`);
    return post(cookie, `/api/pipeline/candidates/${id}/steps`, { version: cur.json().version, ...body });
  };

  test("a town cannot nominate or see another town's people: 404, like a missing id", async () => {
    const refused = await nominate(town, farAway);
    assert.equal(refused.statusCode, 404);
    const missing = await nominate(town, '00000000-0000-7000-8000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.equal(refused.json().error.code, missing.json().error.code);
    assert.equal(refused.json().error.message, missing.json().error.message);

    const theirs = await nominate(otherTown, farAway);
    assert.equal(theirs.statusCode, 201, theirs.body);
    const id = theirs.json<CandidateDetail>().id;
    assert.equal((await get(town, `/api/pipeline/candidates/${id}`)).statusCode, 404);
    assert.equal((await get(otherTown, `/api/pipeline/candidates/${id}`)).statusCode, 200);
    const listA = (await get(town, '/api/pipeline/candidates')).json();
    assert.ok(!listA.items.some((c: { id: string }) => c.id === id));
    const listCity = (await get(city, '/api/pipeline/candidates')).json();
    assert.ok(listCity.items.some((c: { id: string }) => c.id === id));
    // Steps on it from town A are 404 as well, and town staff do not run the city's steps.
    assert.equal((await step(town, id, { action: 'check_eligibility', date: '2025-07-01' })).statusCode, 404);
    const checked = await step(otherTown, id, { action: 'check_eligibility', date: '2025-07-01' });
    assert.equal(checked.statusCode, 200, checked.body);
    const vet = await step(otherTown, id, {
      action: 'vet',
      date: '2025-07-02',
      team: ['王组长'],
      findings: '表现良好',
      conclusion: '同意',
    });
    assert.equal(vet.statusCode, 403);
  });

  test('illegal steps are refused with a clear error; the same person is not nominated twice', async () => {
    const r = await nominate(town, young);
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json<CandidateDetail>();
    assert.deepEqual(c.nextActions, ['check_eligibility', 'exit']);
    const sel = await step(city, c.id, { action: 'select', date: '2025-07-01', cohortId });
    assert.equal(sel.statusCode, 409);
    assert.equal(sel.json().error.code, 'PIPELINE_ILLEGAL_STEP');
    const place = await step(city, c.id, { action: 'place', date: '2025-07-01', orgId: env.seed.villageA1 });
    assert.equal(place.json().error.code, 'PIPELINE_ILLEGAL_STEP');
    const again = await nominate(town, young);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'PIPELINE_ALREADY_CANDIDATE');
  });

  test('an ineligible candidate shows the failing rule; the override needs the permission and a reason, audited', async () => {
    const c = (await nominate(town, old)).json<CandidateDetail>();
    const checked = await step(town, c.id, { action: 'check_eligibility', date: '2025-07-01' });
    assert.equal(checked.statusCode, 200, checked.body);
    const d = checked.json<CandidateDetail>();
    assert.equal(d.eligible, false);
    const age = d.eligibility!.results.find((x) => x.rule.kind === 'max_age')!;
    assert.equal(age.outcome, 'fail');
    assert.match(age.reason.zh, /44 岁/);
    // Enrolled in a session but absent: no hours, read from the training records.
    const hours = d.eligibility!.results.find((x) => x.rule.kind === 'min_training_hours')!;
    assert.equal(hours.outcome, 'fail');
    assert.doesNotMatch(hours.reason.zh, /无数据/);

    const vet = {
      action: 'vet',
      date: '2025-07-02',
      team: ['王组长'],
      findings: '表现良好',
      conclusion: '同意',
    };
    const refused = await step(city, c.id, vet);
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'PIPELINE_NOT_ELIGIBLE');

    const byTown = await post(town, `/api/pipeline/candidates/${c.id}/override`, {
      version: d.version,
      reason: '经市委组织部研究同意破格',
    });
    assert.equal(byTown.statusCode, 403);
    const noReason = await post(city, `/api/pipeline/candidates/${c.id}/override`, {
      version: d.version,
      reason: '同意',
    });
    assert.equal(noReason.statusCode, 400);
    const ok = await post(city, `/api/pipeline/candidates/${c.id}/override`, {
      version: d.version,
      reason: '经市委组织部研究同意破格考察',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json<CandidateDetail>().overrideReason, '经市委组织部研究同意破格考察');
    const audited = await auditRows('pipeline_override');
    assert.equal(audited.length, 1);
    assert.equal(audited[0]!.object_id, c.id);
    assert.match(String(audited[0]!.details), /研究同意破格考察/);
    assert.equal((await step(city, c.id, vet)).statusCode, 200);
  });

  test('the city takes a nominee to selection: notice end on working days, objections block, then placed', async () => {
    const listed = (
      await get(city, `/api/pipeline/candidates?state=nominated&q=${encodeURIComponent('年轻')}`)
    ).json();
    assert.equal(listed.total, 1);
    const id = listed.items[0].id as string;
    const checked = (
      await step(city, id, { action: 'check_eligibility', date: '2025-07-01' })
    ).json<CandidateDetail>();
    assert.equal(checked.eligible, true);
    // 48 hours attended in 2025 against the 40 asked: the rule passes on the training records.
    const hours = checked.eligibility!.results.find((x) => x.rule.kind === 'min_training_hours')!;
    assert.equal(hours.outcome, 'pass');
    assert.equal(
      (
        await step(city, id, {
          action: 'vet',
          date: '2025-07-02',
          team: ['王组长', '李组员'],
          findings: '群众评价好',
          conclusion: '拟选定',
        })
      ).statusCode,
      200,
    );
    // 2025-09-29 + 5 working days: 09-29, 09-30, 10-09, 10-10 and the 调休 Saturday 10-11.
    const notice = (
      await step(city, id, { action: 'start_notice', date: '2025-09-29' })
    ).json<CandidateDetail>();
    assert.deepEqual(notice.notice, { start: '2025-09-29', end: '2025-10-11', workdays: 5 });
    const sheet = (await get(city, `/api/pipeline/candidates/${id}/notice`)).json();
    assert.equal(sheet.end, '2025-10-11');

    const early = await step(city, id, { action: 'select', date: '2025-10-11', cohortId });
    assert.equal(early.json().error.code, 'PIPELINE_NOTICE_NOT_ENDED');
    const withObjection = (
      await post(city, `/api/pipeline/candidates/${id}/objections`, {
        date: '2025-10-09',
        text: '反映其工作作风问题',
      })
    ).json<CandidateDetail>();
    const blocked = await step(city, id, { action: 'select', date: '2025-10-13', cohortId });
    assert.equal(blocked.json().error.code, 'PIPELINE_OBJECTIONS_OPEN');
    const resolved = await post(
      city,
      `/api/pipeline/candidates/${id}/objections/${withObjection.objections[0]!.id}/resolve`,
      { date: '2025-10-10', resolution: '经核实不属实' },
    );
    assert.equal(resolved.statusCode, 200, resolved.body);
    const selected = await step(city, id, { action: 'select', date: '2025-10-13', cohortId });
    assert.equal(selected.statusCode, 200, selected.body);
    assert.equal(selected.json<CandidateDetail>().cohortName, '第一批');

    const training = await step(city, id, {
      action: 'start_training',
      date: '2025-11-20',
      mentorPersonId: mentor,
      milestones: [{ title: '驻村实践', due: '2026-06-30' }],
    });
    assert.equal(training.statusCode, 200, training.body);
    assert.equal(training.json<CandidateDetail>().mentor?.name, '导师');

    // The tier's fill counts selected, in training and placed people in the caller's scope.
    const programs = (await get(city, '/api/pipeline/programs')).json<{ items: Program[] }>();
    const tier = programs.items[0]!.tiers[0]!;
    assert.equal(tier.target, 40);
    assert.ok(tier.filled >= 1);

    // No party term runs in A2: the placement is refused and nothing of it is written.
    const positionsBefore = await env.services.db.selectFrom('positions').select('id').execute();
    const noTerm = await step(city, id, { action: 'place', date: '2025-12-15', orgId: env.seed.villageA2 });
    assert.equal(noTerm.json().error.code, 'PIPELINE_NO_PARTY_TERM');
    assert.equal((await get(city, `/api/pipeline/candidates/${id}`)).json().state, 'in_training');
    assert.equal(
      (await env.services.db.selectFrom('positions').select('id').execute()).length,
      positionsBefore.length,
    );

    const placed = await step(city, id, { action: 'place', date: '2025-12-15', orgId: env.seed.villageA1 });
    assert.equal(placed.statusCode, 200, placed.body);
    const d = placed.json<CandidateDetail>();
    assert.equal(d.state, 'placed');
    assert.equal(d.placedOrgName, 'A1村');
    // The roster: the previous secretary's seat ended that day, the new one started in the same term.
    const terms = (await get(town, `/api/orgs/${env.seed.villageA1}/terms`)).json<{ items: Term[] }>().items;
    const seats = terms.find((t) => t.id === term.id)!.seats.filter((s) => s.role === 'party_secretary');
    assert.deepEqual(
      seats.map((s) => [s.personName, s.startDate, s.endDate, s.endReason]),
      [
        ['陆婷婷', '2021-01-08', '2025-12-15', 'transferred'],
        ['年轻人', '2025-12-15', null, null],
      ],
    );
    // Every step dated, attributed and in order; the history is the record's own.
    assert.deepEqual(
      d.events.map((e) => e.action),
      [
        'nominate',
        'check_eligibility',
        'vet',
        'start_notice',
        'objection',
        'objection_resolved',
        'select',
        'start_training',
        'place',
      ],
    );
    assert.ok(d.events.every((e) => e.actorName.length > 0 && e.date.length === 10));
    assert.deepEqual(d.nextActions, []);
  });

  test('the Excel export is scoped like the list and audited with its row count', async () => {
    const listed = (await get(town, '/api/pipeline/candidates?pageSize=200')).json();
    const r = await get(town, '/api/pipeline/candidates/export');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /spreadsheetml/);
    assert.equal(r.rawPayload.subarray(0, 2).toString(), 'PK');
    const audited = await auditRows('pipeline_export');
    assert.equal(audited.length, 1);
    assert.match(String(audited[0]!.details), new RegExp(`"rows":${listed.total}`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
    );
    assert.equal(rows.length, 1 + listed.total);
    assert.ok(!rows.some((row) => row.includes('外镇人')), "no other town's candidate");
    // Masked: the birth date to the month, no ID or phone number anywhere.
    assert.ok(rows.slice(1).every((row) => /^\d{4}-\d{2}$/.test(row[2]!)));
    assert.ok(!rows.flat().some((v) => /\d{11,}/.test(v)));
  });

  test('a trainee sees only their own record; no list, no other record', async () => {
    const id = (await get(city, `/api/pipeline/candidates?state=placed`)).json().items[0].id as string;
    const user = await env.services.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'trainee1')
      .executeTakeFirstOrThrow();
    // The trainee's account is linked to the candidate's person (the system administrator's link).
    const { person_id } = await env.services.db
      .selectFrom('pipeline_candidates')
      .select('person_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await env.services.auth.personLinks.link(SYSTEM_CALLER.actor, user.id, person_id);
    const mine = await get(trainee, '/api/pipeline/me');
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(mine.json<CandidateDetail>().id, id);
    assert.equal((await get(trainee, '/api/pipeline/candidates')).statusCode, 403);
    assert.equal((await get(trainee, `/api/pipeline/candidates/${id}`)).statusCode, 403);
    assert.equal((await get(trainee, '/api/pipeline/programs')).statusCode, 403);
    assert.equal((await get(lonelyTrainee, '/api/pipeline/me')).statusCode, 404);
    // Town staff and the city have no "own record" route.
    assert.equal((await get(town, '/api/pipeline/me')).statusCode, 403);
  });

  test('an organ sees and nominates its own cadres only; rank is read from the person', async () => {
    const organ = await makeOrg(env, { parent: env.seed.cityId, name: '市发改委', kind: 'organ' });
    const cadre = (await makePerson(env, { org: organ, name: '机关干部', birthDate: '1992-01-01' })).id;
    await env.services.people.setCadreRank(SYSTEM_CALLER, cadre, 'middle_deputy');
    // The 2025 version was written in 2024, before its date (a version is never dated in the past).
    const present = env.clock.now().toISOString();
    env.clock.set('2024-12-30T02:00:00Z');
    try {
      await env.services.pipeline.addRuleSet(SYSTEM_CALLER, tierId, {
        effectiveFrom: '2025-01-01',
        rules: [
          { kind: 'max_age', years: 35 },
          { kind: 'source_org_kind', kinds: ['organ'] },
          { kind: 'rank', ranks: ['middle_chief', 'middle_deputy'] },
        ],
      });
    } finally {
      env.clock.set(present);
    }
    const c = (await nominate(city, cadre)).json<CandidateDetail>();
    const d = (
      await step(city, c.id, { action: 'check_eligibility', date: '2025-07-01' })
    ).json<CandidateDetail>();
    assert.equal(d.eligibility!.effectiveFrom, '2025-01-01');
    assert.deepEqual(
      d.eligibility!.results.map((x) => [x.rule.kind, x.outcome]),
      [
        ['max_age', 'pass'],
        ['source_org_kind', 'pass'],
        ['rank', 'pass'],
      ],
    );
    // A village person under the 2025 rules fails on the source org kind.
    const v = (await nominate(city, mentor)).json<CandidateDetail>();
    const vd = (
      await step(city, v.id, { action: 'check_eligibility', date: '2025-07-01' })
    ).json<CandidateDetail>();
    assert.equal(vd.eligible, false);
    assert.equal(vd.eligibility!.results.find((x) => x.rule.kind === 'source_org_kind')!.outcome, 'fail');
    assert.equal((await get(town, `/api/pipeline/candidates/${c.id}`)).statusCode, 404);
  });
});
