import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { CandidateStepBody, PersonCareer } from '@xinhuo/shared';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { makeOrg, makePerson, testIdNumber } from '../helpers/factories';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { webhookReceiver } from '../helpers/webhook-receiver';

// 薪火计划 items 9 and 11: the person's career line across the programs (content, order, hours per
// year; scoped like the person: 404 out of scope) and the reminders of the daily sweep — sent once per
// item and key day, to the right addressees, in the app and through the orgs' webhooks.

const S = SYSTEM_CALLER;

const receiver = () => webhookReceiver<{ kind: string; orgId: string; objectId: string | null }>('hook');

describe('pipeline: the career line and the reminders', () => {
  let env: TestEnv;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const c: Record<string, string> = {};
  let youth: string;
  let special: string;
  let benchmark: string;
  const cohorts: Record<string, string> = {};
  let careerPerson: string;
  let traineePerson: string;
  let noticeCandidate: string;
  let traineeUserId: string;
  const get = (who: string, url: string) => env.request(c[who]!, { method: 'GET', url });

  /** Take a person through the workflow on the given days (services, as the city). */
  async function walk(
    tierId: string,
    personId: string,
    d: { nom: string; notice?: string; select?: string; train?: string; place?: string; exit?: string },
  ): Promise<string> {
    const p = env.services.pipeline;
    const id = await p.nominate(S, {
      personId,
      tierId,
      selectionDate: d.nom,
      reason: '组织推荐',
      date: d.nom,
    });
    const step = async (b: Record<string, unknown> & Pick<CandidateStepBody, 'action' | 'date'>) =>
      p.step(S, id, { ...b, version: (await p.getCandidate(S, id)).version } as never);
    if (!d.notice) return id;
    await step({ action: 'check_eligibility', date: d.nom });
    await step({ action: 'vet', date: d.nom, team: ['王组长'], findings: '表现良好', conclusion: '同意' });
    await step({ action: 'start_notice', date: d.notice });
    if (!d.select) return id;
    await step({ action: 'select', date: d.select, cohortId: cohorts[tierId]! });
    if (!d.train) return id;
    await step({
      action: 'start_training',
      date: d.train,
      mentorPersonId: env.seed.personA1,
      milestones: [],
    });
    if (d.place) await step({ action: 'place', date: d.place, orgId: env.seed.villageA1 });
    if (d.exit) await step({ action: 'exit', date: d.exit, reason: '转入兴村特岗书记培养' });
    return id;
  }

  before(async () => {
    env = await createTestEnv({
      users: [
        ['city1', 'city_admin', 'cityId'],
        ['towna', 'town_staff', 'townA'],
        ['townb', 'town_staff', 'townB'],
        ['trainee1', 'trainee', null],
      ],
    });
    for (const u of ['city1', 'towna', 'townb', 'trainee1']) c[u] = await env.login(u);
    traineeUserId = (
      await env.services.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'trainee1')
        .executeTakeFirstOrThrow()
    ).id;
    hook = await receiver();
    for (const org of [env.seed.cityId, env.seed.townA]) {
      const put = await env.request(c.city1!, {
        method: 'PUT',
        url: `/api/orgs/${org}/webhook`,
        payload: { url: hook.url },
      });
      assert.equal(put.statusCode, 204, put.body);
    }
    const p = env.services.pipeline;
    const program = await p.createProgram(S, {
      name: '美美乡村·薪火计划',
      periodFrom: '2019-01-01',
      periodTo: '2027-12-31',
      ownerOrgId: env.seed.cityId,
    });
    const tier = async (code: string, nameZh: string, nameEn: string, target: number) => {
      const id = await p.addTier(S, program, {
        code,
        nameZh,
        nameEn,
        target,
        hoursPerYear: 40,
        monthsMin: 24,
        monthsMax: 36,
        rules: [{ kind: 'max_age', years: 45 }],
      });
      cohorts[id] = await p.createCohort(S, {
        tierId: id,
        name: '第一批',
        selectionDate: '2019-01-01',
        sendOffDate: null,
        intakeTarget: 30,
      });
      return id;
    };
    youth = await tier('youth_vanguard', '青年尖兵村干', 'Young vanguard village cadre', 70);
    special = await tier('special_post', '兴村特岗书记', 'Special-post village secretary', 40);
    benchmark = await tier('benchmark', '乡村标杆书记', 'Benchmark village secretary', 20);
    // A1's party term, its secretary seated: the special-post placement takes the seat over.
    const term = await env.services.terms.openTerm(S, env.seed.villageA1, {
      committee: 'party',
      electionDate: '2021-01-08',
    });
    await env.services.terms.appoint(S, term.id, {
      personId: env.seed.personA1,
      role: 'party_secretary',
      startDate: '2021-01-08',
    });
    careerPerson = (await makePerson(env, { org: env.seed.villageA2, name: '沈青', birthDate: '1990-05-01' }))
      .id;
    traineePerson = (
      await makePerson(env, { org: env.seed.villageA2, name: '顾学员', birthDate: '1992-02-01' })
    ).id;
  });
  after(async () => {
    await hook.close();
    await env.close();
  });

  test('the career line: class → 青年尖兵 → 特岗 → secretary seat → 标杆, in date order, with hours per year', async () => {
    const t = env.services.training;
    const klass = await t.createCohort(S, {
      name: '2008级定制村干班',
      partner: '扬州大学',
      intakeYear: 2008,
      ownerOrgId: env.seed.cityId,
    });
    await t.addStudent(S, klass, {
      person: { id: careerPerson },
      status: 'graduated',
      graduationDate: '2012-06-30',
      placementOrgId: env.seed.villageA2,
      placementRole: '村委委员',
      placementDate: '2012-07-01',
    });
    await walk(youth, careerPerson, {
      nom: '2019-03-01',
      notice: '2019-03-11',
      select: '2019-04-01',
      train: '2019-05-06',
      exit: '2021-12-31',
    });
    const sp = await walk(special, careerPerson, {
      nom: '2022-01-10',
      notice: '2022-01-17',
      select: '2022-02-14',
      train: '2022-03-01',
      place: '2024-03-01',
    });
    const bm = await walk(benchmark, careerPerson, { nom: '2025-03-03' });
    // Hours: two sessions attended in 2024, one of two in 2025 (the other enrolled, not attended).
    const prog = await t.createProgram(S, {
      name: '春培',
      kind: 'spring_training',
      year: 2024,
      ownerOrgId: env.seed.cityId,
    });
    for (const [day, hours, attended] of [
      ['2024-03-12', 8, true],
      ['2024-11-05', 3.5, true],
      ['2025-04-08', 6, true],
      ['2025-05-08', 4, false],
    ] as const) {
      const sid = await t.createSession(S, {
        programId: prog,
        title: `专题培训 ${day}`,
        sessionDate: day,
        startTime: '09:00',
        endTime: '12:00',
        venue: '市委党校',
        hours,
        capacity: 40,
      });
      await t.enroll(S, sid, { by: 'person', personIds: [careerPerson] });
      if (attended) await t.signIn(S, sid, [careerPerson]);
    }

    const r = await get('towna', `/api/people/${careerPerson}/career`);
    assert.equal(r.statusCode, 200, r.body);
    const career = r.json<PersonCareer>();
    assert.deepEqual(
      career.steps.map((s) => [s.date, s.kind, s.tierCode ?? s.cohortName, s.orgName]),
      [
        ['2008-09-01', 'class_enrolled', '2008级定制村干班', null],
        ['2012-06-30', 'class_graduated', '2008级定制村干班', null],
        ['2012-07-01', 'class_placed', '2008级定制村干班', 'A2村'],
        ['2019-03-01', 'nominated', 'youth_vanguard', null],
        ['2019-04-01', 'selected', 'youth_vanguard', null],
        ['2019-05-06', 'training_started', 'youth_vanguard', null],
        ['2021-12-31', 'exited', 'youth_vanguard', null],
        ['2022-01-10', 'nominated', 'special_post', null],
        ['2022-02-14', 'selected', 'special_post', null],
        ['2022-03-01', 'training_started', 'special_post', null],
        // The placement is the secretary seat (the seat's own start is not shown twice).
        ['2024-03-01', 'placed', 'special_post', 'A1村'],
        ['2025-03-03', 'nominated', 'benchmark', null],
      ],
    );
    const placed = career.steps.find((s) => s.kind === 'placed')!;
    assert.equal(placed.candidateId, sp);
    assert.equal(placed.state, 'placed');
    assert.equal(career.steps.at(-1)!.candidateId, bm);
    assert.equal(career.steps.find((s) => s.kind === 'selected')!.cohortName, '第一批');
    assert.deepEqual(career.hoursByYear, [
      { year: 2024, hours: 11.5, sessions: 2 },
      { year: 2025, hours: 6, sessions: 1 },
    ]);

    // The seat the person held before the pipeline shows as a seat: A1's earlier secretary.
    const before = (await get('city1', `/api/people/${env.seed.personA1}/career`)).json<PersonCareer>();
    assert.deepEqual(
      before.steps.map((s) => [s.date, s.kind, s.orgName]),
      [
        ['2021-01-08', 'seat_started', 'A1村'],
        ['2024-03-01', 'seat_ended', 'A1村'],
      ],
    );
  });

  test('the career line is scoped like the person: 404 out of scope, like a missing id; 403 without the reading permission', async () => {
    const other = await get('townb', `/api/people/${careerPerson}/career`);
    const missing = await get('townb', '/api/people/00000000-0000-7000-8000-000000000000/career');
    assert.equal(other.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(other.json().error.code, missing.json().error.code);
    assert.equal(other.json().error.message, missing.json().error.message);
    assert.equal((await get('city1', `/api/people/${careerPerson}/career`)).statusCode, 200);
    assert.equal((await get('trainee1', `/api/people/${careerPerson}/career`)).statusCode, 403);
  });

  test('an objection notifies the city desk at once, in the app and through its webhook', async () => {
    const objPerson = (
      await makePerson(env, { org: env.seed.villageA1, name: '公示人', birthDate: '1991-03-01' })
    ).id;
    noticeCandidate = await walk(special, objPerson, { nom: '2026-02-16', notice: '2026-03-02' });
    const raised = await env.request(c.city1!, {
      method: 'POST',
      url: `/api/pipeline/candidates/${noticeCandidate}/objections`,
      payload: { date: '2026-03-03', text: '反映其工作作风问题' },
    });
    assert.equal(raised.statusCode, 200, raised.body);
    const mine = (await get('city1', '/api/notifications?kind=pipeline_objection')).json();
    assert.equal(mine.items.length, 1);
    assert.match(mine.items[0].text, /公示人.*异议/);
    assert.equal(mine.items[0].objectId, noticeCandidate);
    // Town staff do not run the notice: not theirs.
    assert.equal((await get('towna', '/api/notifications?kind=pipeline_objection')).json().items.length, 0);
    await env.services.notify.deliverDue();
    const sent = hook.got.filter((b) => b.kind === 'pipeline_objection');
    assert.deepEqual(
      sent.map((b) => [b.orgId, b.objectId]),
      [[env.seed.cityId, noticeCandidate]],
    );
  });

  test('the daily sweep: notice ending, session reminders, hours shortfall in Q4, training ending — once per item and day, to the right people', async () => {
    const rem = env.services.reminders;
    const at = (day: string) => new Date(`${day}T02:00:00Z`);
    const end = (await env.services.pipeline.getCandidate(S, noticeCandidate)).notice!.end;
    assert.equal(end, '2026-03-06');

    // The trainee: in training since 2024-01-15 (36 months at most: ends 2027-01-15), with an account.
    await walk(special, traineePerson, {
      nom: '2023-10-09',
      notice: '2023-10-16',
      select: '2023-11-06',
      train: '2024-01-15',
    });
    await env.services.auth.personLinks.link(S.actor, traineeUserId, traineePerson);
    // A session on 2026-03-10: the trainee (an account), two more of town A, one of town B.
    const a1 = (await makePerson(env, { org: env.seed.villageA1, name: '甲一' })).id;
    const a2 = (await makePerson(env, { org: env.seed.villageA2, name: '甲二' })).id;
    const b1 = (await makePerson(env, { org: env.seed.villageB1, name: '乙一' })).id;
    const t = env.services.training;
    const prog = await t.createProgram(S, {
      name: '一亩三分地论坛',
      kind: 'field_forum',
      year: 2026,
      ownerOrgId: env.seed.cityId,
    });
    const session = await t.createSession(S, {
      programId: prog,
      title: '村级集体经济发展',
      sessionDate: '2026-03-10',
      startTime: '14:00',
      endTime: '17:00',
      venue: '市委党校报告厅',
      hours: 3,
      capacity: 40,
    });
    await t.enroll(S, session, { by: 'person', personIds: [traineePerson, a1, a2, b1] });

    assert.deepEqual(await rem.sweep(at('2026-03-04')), {});
    assert.deepEqual(await rem.sweep(at('2026-03-05')), { pipeline_notice_ending: 1 });
    assert.deepEqual(await rem.sweep(at('2026-03-05')), {}, 'once per item and day');
    assert.deepEqual(await rem.sweep(at('2026-03-06')), { pipeline_notice_ending: 1 });
    const endings = (await get('city1', '/api/notifications?kind=pipeline_notice_ending')).json().items;
    assert.deepEqual(
      endings.map((n: { text: string }) => n.text).sort(),
      [
        '公示人（兴村特岗书记）任前公示明日（2026-03-06）期满',
        '公示人（兴村特岗书记）任前公示今日（2026-03-06）期满',
      ].sort(),
    );

    // The day before the session: the trainee hears of it; the others through their town's desk, one each.
    assert.deepEqual(await rem.sweep(at('2026-03-09')), { training_session_reminder: 3 });
    assert.deepEqual(await rem.sweep(at('2026-03-09')), {});
    const traineeSees = await env.services.notify.listMine(
      { userId: traineeUserId, orgIds: [], audiences: [] },
      { kind: 'training_session_reminder', offset: 0, limit: 10 },
    );
    assert.equal(traineeSees.length, 1);
    assert.match(traineeSees[0]!.params.text!.zh, /明日培训：村级集体经济发展/);
    const townA = (await get('towna', '/api/notifications?kind=training_session_reminder')).json().items;
    const townB = (await get('townb', '/api/notifications?kind=training_session_reminder')).json().items;
    assert.equal(townA.length, 1);
    assert.match(townA[0].text, /本单位 2 人/);
    assert.equal(townB.length, 1);
    assert.match(townB[0].text, /本单位 1 人/);

    // Not in Q4: no shortfall. In October: the trainee (0 hours of 40) once a month, to them and town A.
    assert.deepEqual(await rem.sweep(at('2026-09-30')), {});
    assert.deepEqual(await rem.sweep(at('2026-10-12')), { training_hours_shortfall: 1 });
    assert.deepEqual(await rem.sweep(at('2026-10-13')), {});
    const short = (await get('towna', '/api/notifications?kind=training_hours_shortfall')).json().items;
    assert.equal(short.length, 1);
    assert.match(short[0].text, /顾学员2026年培训 0 学时，低于兴村特岗书记每年 40 学时的要求/);
    assert.equal(
      (await get('townb', '/api/notifications?kind=training_hours_shortfall')).json().items.length,
      0,
    );
    // Training ends 2027-01-15: within three months from 2026-10-15, once.
    assert.deepEqual(await rem.sweep(at('2026-10-15')), { pipeline_training_ending: 1 });
    assert.deepEqual(await rem.sweep(at('2026-10-20')), {});
    assert.deepEqual(await rem.sweep(at('2026-11-02')), { training_hours_shortfall: 1 });
    const ending = (await get('city1', '/api/notifications?kind=pipeline_training_ending')).json().items;
    assert.equal(ending.length, 1);
    assert.match(ending[0].text, /2027-01-15/);

    // Recorded once per kind, item and key day; audited by sweep; the webhooks of the city and town A.
    const rows = await env.services.db.selectFrom('pipeline_reminders').selectAll().execute();
    assert.equal(rows.length, 1 + 2 + 3 + 2 + 1);
    const audits = await env.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'pipeline_reminders')
      .execute();
    assert.equal(audits.length, 6);
    await env.services.notify.flush();
    await env.services.notify.deliverDue();
    const kinds = (org: string) =>
      hook.got
        .filter((b) => b.orgId === org)
        .map((b) => b.kind)
        .sort();
    assert.deepEqual(kinds(env.seed.cityId), [
      'pipeline_notice_ending',
      'pipeline_notice_ending',
      'pipeline_objection',
      'pipeline_training_ending',
    ]);
    assert.deepEqual(kinds(env.seed.townA), [
      'training_hours_shortfall',
      'training_hours_shortfall',
      'training_session_reminder',
    ]);
  });

  test('the cohort page: tier, dates, target and members by stage within the scope; the export masked and audited', async () => {
    const id = cohorts[special]!;
    const r = await get('city1', `/api/pipeline/cohorts/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    const k = r.json();
    assert.equal(k.tierCode, 'special_post');
    assert.equal(k.name, '第一批');
    assert.equal(k.intakeTarget, 30);
    // 沈青 placed, 顾学员 in training (公示人 never selected: not a member).
    assert.equal(k.members, 2);
    assert.equal(k.placed, 1);
    assert.deepEqual(
      [...k.byState].sort((a: { state: string }, b: { state: string }) => a.state.localeCompare(b.state)),
      [
        { state: 'in_training', n: 1 },
        { state: 'placed', n: 1 },
      ],
    );
    const theirs = (await get('townb', `/api/pipeline/cohorts/${id}`)).json();
    assert.equal(theirs.members, 0, "town B sees none of town A's members");
    assert.equal(
      (await get('city1', '/api/pipeline/cohorts/00000000-0000-7000-8000-000000000000')).statusCode,
      404,
    );

    const x = await get('towna', '/api/pipeline/cohorts/export');
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
    );
    assert.equal(rows[0]![1], '批次');
    const members = rows.slice(1).filter((row) => !!row[5]);
    assert.deepEqual(members.map((row) => row[5]).sort(), ['沈青', '沈青', '顾学员'].sort());
    assert.ok(
      members.every((row) => /^\d{4}-\d{2}$/.test(row[7]!)),
      'birth month only',
    );
    assert.ok(!rows.flat().some((v) => /\d{11,}/.test(v)), 'no ID or phone number');
    const audits = await env.services.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'pipeline_cohort_export')
      .execute();
    assert.equal(audits.length, 1);
  });

  test('职级 is a field of the person (create, edit, read) and the eligibility rule on rank reads it', async () => {
    const organ = await makeOrg(env, { parent: env.seed.cityId, name: '市农业农村局', kind: 'organ' });
    const made = await env.request(c.city1!, {
      method: 'POST',
      url: '/api/people',
      payload: {
        name: '机关青年',
        idNumber: testIdNumber('1993-04-05', '1'),
        ethnicity: '01',
        politicalStatus: '01',
        orgId: organ.id,
        cadreRank: 'staff',
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id as string;
    const read = (await get('city1', `/api/people/${id}`)).json();
    assert.equal(read.cadreRank, 'staff');
    const tier = await env.services.pipeline.addTier(
      S,
      (await env.services.pipeline.listPrograms(S))[0]!.id,
      {
        code: 'organ_rank',
        nameZh: '机关中层',
        nameEn: 'Organ middle level',
        target: 5,
        hoursPerYear: 0,
        monthsMin: 12,
        monthsMax: 24,
        rules: [{ kind: 'rank', ranks: ['middle_chief', 'middle_deputy'] }],
      },
    );
    const check = async () => {
      const cand = await env.services.pipeline.nominate(S, {
        personId: id,
        tierId: tier,
        selectionDate: '2026-03-01',
        reason: '机关推荐',
      });
      const v = (await env.services.pipeline.getCandidate(S, cand)).version;
      await env.services.pipeline.step(S, cand, {
        action: 'check_eligibility',
        date: '2026-03-01',
        version: v,
      });
      const d = await env.services.pipeline.getCandidate(S, cand);
      await env.services.pipeline.step(S, cand, {
        action: 'exit',
        date: '2026-03-01',
        version: d.version,
        reason: '测试结束',
      });
      return d.eligibility!.results.find((x) => x.rule.kind === 'rank')!.outcome;
    };
    assert.equal(await check(), 'fail', '一般干部 is not 中层');
    const edited = await env.request(c.city1!, {
      method: 'PATCH',
      url: `/api/people/${id}`,
      payload: { version: read.version, cadreRank: 'middle_deputy' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal((await get('city1', `/api/people/${id}`)).json().cadreRank, 'middle_deputy');
    assert.equal(await check(), 'pass');
    const bad = await env.request(c.city1!, {
      method: 'PATCH',
      url: `/api/people/${id}`,
      payload: { version: read.version + 1, cadreRank: 'general' },
    });
    assert.equal(bad.statusCode, 400);
  });
});
