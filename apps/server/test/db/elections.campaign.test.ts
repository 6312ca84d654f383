import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CampaignDetail,
  CampaignOrgDetail,
  CampaignPage,
  Committee,
  PositionRole,
  Term,
} from '@xinhuo/shared';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { makePerson } from '../helpers/factories';
import { createTestEnv, testIdNumber, type TestEnv } from '../helpers/test-env';

// The term election as a campaign (换届, issue 9 item 4): a city campaign over towns A and B, run
// through the routes from nomination to finalize — the workflow's refusals, 资格联审, the notice in
// working days across the Spring Festival and its 调休, objections, results and 一肩挑, the finalize
// that closes the previous terms and opens the new ones (all or nothing), scope and the audit trail.
describe('term election campaign', () => {
  let env: TestEnv;
  let city: string;
  let townA: string;
  let townB: string;
  let campaignId: string;
  const p: Record<string, string> = {};
  const missing = '01900000-0000-7000-8000-000000000000';

  const get = (cookie: string, url: string) => env.request(cookie, { method: 'GET', url });
  const send = (cookie: string, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    env.request(cookie, { method, url, ...(payload ? { payload } : {}) });
  const part = (org: string) => `/api/elections/${campaignId}/orgs/${org}`;
  const detail = async (cookie: string, org: string) => {
    const r = await get(cookie, part(org));
    assert.equal(r.statusCode, 200, r.body);
    return r.json<CampaignOrgDetail>();
  };
  const step = async (cookie: string, org: string, action: string, extra: object = {}) => {
    const { version } = await detail(cookie, org);
    return send(cookie, 'POST', `${part(org)}/transition`, { action, version, ...extra });
  };
  const candidateOf = (d: CampaignOrgDetail, personId: string, role: PositionRole) =>
    d.seats.flatMap((s) => s.candidates).find((c) => c.personId === personId && c.role === role)!;
  const nominate = async (
    cookie: string,
    org: string,
    personId: string,
    committee: Committee,
    role: PositionRole,
  ) => {
    const r = await send(cookie, 'POST', `${part(org)}/candidates`, { committee, role, personId });
    assert.equal(r.statusCode, 201, r.body);
    return candidateOf(r.json<CampaignOrgDetail>(), personId, role).id;
  };
  /** Check every item of the negative list for a candidate: pass, except the codes given as failed. */
  const vet = async (cookie: string, org: string, candidateId: string, failed: string[] = []) => {
    const d = await detail(cookie, org);
    const checks = d.vettingItems.map((i) => ({
      itemId: i.id,
      outcome: failed.includes(i.code) ? 'fail' : 'pass',
      note: failed.includes(i.code) ? '法院系统查询' : null,
    }));
    const r = await send(cookie, 'PUT', `${part(org)}/candidates/${candidateId}/vetting`, { checks });
    assert.equal(r.statusCode, 200, r.body);
    return r.json<CampaignOrgDetail>();
  };
  const expectError = (
    r: { statusCode: number; json: () => { error: { code: string } } },
    status: number,
    code: string,
  ) => {
    assert.equal(r.statusCode, status, JSON.stringify(r.json()));
    assert.equal(r.json().error.code, code);
  };

  before(async () => {
    env = await createTestEnv();
    city = await env.login('city1');
    townA = await env.login('towna');
    townB = await env.login('townb');
    const mk = async (key: string, name: string, org: string, birthDate: string, education = '21') => {
      p[key] = (await makePerson(env, { org, name, birthDate, education })).id;
    };
    await mk('oldSec', '老书记', env.seed.villageA1, '1962-04-04', '61');
    await mk('oldDir', '老主任', env.seed.villageA1, '1965-05-05', '61');
    await mk('x', '甲候选', env.seed.villageA1, '1988-08-08');
    await mk('s2', '乙候选', env.seed.villageA1, '1990-09-09');
    await mk('y', '丙委员', env.seed.villageA1, '1993-03-03');
    await mk('z', '丁委员', env.seed.villageA1, '1995-05-05');
    await mk('f', '戊未过', env.seed.villageA1, '1980-01-01');
    await mk('a2Sec', '己书记', env.seed.villageA2, '1970-07-07');
    await mk('a2New', '庚新任', env.seed.villageA2, '1991-01-01');
    await mk('far', '远方', env.seed.villageB1, '1985-06-06');
    // The 2021 committees of A1 and A2 (their terms ran out on 2026-01-08; they serve until the election).
    const open = async (org: string, committee: Committee, personId: string, role: PositionRole) => {
      const term = await env.services.terms.openTerm(SYSTEM_CALLER, org, {
        committee,
        electionDate: '2021-01-08',
      });
      await env.services.terms.appoint(SYSTEM_CALLER, term.id, { personId, role, startDate: '2021-01-08' });
    };
    // An older term never marked ended (history): the 2026 election must leave it as it is.
    await env.services.terms.openTerm(SYSTEM_CALLER, env.seed.villageA1, {
      committee: 'party',
      electionDate: '2016-01-08',
      endDate: '2021-01-07',
    });
    await open(env.seed.villageA1, 'party', p.oldSec!, 'party_secretary');
    await open(env.seed.villageA1, 'villagers', p.oldDir!, 'director');
    await open(env.seed.villageA2, 'party', p.a2Sec!, 'party_secretary');
  });
  after(() => env.close());

  test('the city creates a campaign over its villages with the default negative list', async () => {
    const bad = await send(city, 'POST', '/api/elections', {
      scopeOrgId: env.seed.cityId,
      name: '2026年村（社区）“两委”换届',
      electionDate: '2026-03-20',
      timetable: { nominationDate: '2026-02-09', vettingDate: '2026-02-02' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, 'vettingDate');
    const r = await send(city, 'POST', '/api/elections', {
      scopeOrgId: env.seed.cityId,
      name: '2026年村（社区）“两委”换届',
      electionDate: '2026-03-20',
      timetable: { nominationDate: '2026-02-02', vettingDate: '2026-02-09', noticeStartDate: '2026-02-12' },
    });
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json<CampaignDetail>();
    campaignId = c.id;
    assert.equal(c.orgCount, 3);
    assert.equal(c.termYears, 5);
    assert.equal(c.noticeWorkdays, 5);
    assert.deepEqual(
      c.vettingItems.map((i) => i.code),
      [
        'criminal_record',
        'organized_crime',
        'family_planning',
        'dishonest_debtor',
        'party_discipline',
        'long_absence',
      ],
    );
    assert.equal(c.progress.planning, 3);
    // Each town sees the campaign with its own villages only.
    const a = (await get(townA, '/api/elections')).json<CampaignPage>();
    assert.deepEqual([a.total, a.items[0]!.orgCount], [1, 2]);
    const b = (await get(townB, '/api/elections')).json<CampaignPage>();
    assert.deepEqual([b.total, b.items[0]!.orgCount], [1, 1]);
    const orgs = await get(townA, `/api/elections/${campaignId}/orgs?pageSize=1`);
    assert.deepEqual([orgs.json().total, orgs.json().items.length], [2, 1]);
    // A town cannot start a campaign over the city.
    const townWide = await send(townA, 'POST', '/api/elections', {
      scopeOrgId: env.seed.cityId,
      name: '越权',
      electionDate: '2026-03-20',
    });
    assert.equal(townWide.statusCode, 400);
    // A town runs one for its own villages, with its own negative list; another town's village is refused.
    const own = {
      scopeOrgId: env.seed.townA,
      name: 'A镇补选',
      electionDate: '2026-06-18',
      noticeWorkdays: 7,
      vettingItems: [{ code: 'absent', zh: '长期外出', en: 'Long absent' }],
    };
    const withB1 = await send(townA, 'POST', '/api/elections', {
      ...own,
      orgIds: [env.seed.villageA1, env.seed.villageB1],
    });
    assert.equal(withB1.statusCode, 400);
    assert.equal(withB1.json().error.fields[0].path, 'orgIds');
    const town = await send(townA, 'POST', '/api/elections', { ...own, orgIds: [env.seed.villageA2] });
    assert.equal(town.statusCode, 201, town.body);
    const t = town.json<CampaignDetail>();
    assert.deepEqual([t.orgCount, t.noticeWorkdays, t.vettingItems.map((i) => i.zh)], [1, 7, ['长期外出']]);
    assert.equal((await get(townB, `/api/elections/${t.id}`)).statusCode, 404);
  });

  test('illegal steps and stale versions are refused', async () => {
    const a1 = env.seed.villageA1;
    expectError(await step(townA, a1, 'open_voting'), 409, 'CAMPAIGN_ILLEGAL_STEP');
    expectError(await step(townA, a1, 'start_notice'), 409, 'CAMPAIGN_ILLEGAL_STEP');
    const { version } = await detail(townA, a1);
    expectError(await send(townA, 'POST', `${part(a1)}/finalize`, { version }), 409, 'CAMPAIGN_ILLEGAL_STEP');
    expectError(
      await send(townA, 'POST', `${part(a1)}/candidates`, {
        committee: 'party',
        role: 'party_secretary',
        personId: p.x,
      }),
      409,
      'CAMPAIGN_ILLEGAL_STEP',
    );
    const stale = await send(townA, 'POST', `${part(a1)}/transition`, {
      action: 'open_nomination',
      version: version + 5,
    });
    expectError(stale, 409, 'VERSION_CONFLICT');
    assert.equal((await step(townA, a1, 'open_nomination')).statusCode, 200);
    expectError(await step(townA, a1, 'open_nomination'), 409, 'CAMPAIGN_ILLEGAL_STEP');
    expectError(await step(townA, a1, 'start_vetting'), 422, 'CAMPAIGN_NO_CANDIDATES');
  });

  test('candidates per seat: from the roster in scope or a new person with a valid ID', async () => {
    const a1 = env.seed.villageA1;
    await nominate(townA, a1, p.oldSec!, 'party', 'party_secretary');
    await nominate(townA, a1, p.x!, 'party', 'party_secretary');
    await nominate(townA, a1, p.s2!, 'party', 'party_secretary');
    await nominate(townA, a1, p.y!, 'party', 'party_member');
    await nominate(townA, a1, p.f!, 'party', 'party_member');
    await nominate(townA, a1, p.x!, 'villagers', 'director');
    await nominate(townA, a1, p.z!, 'villagers', 'committee_member');
    const withdrawn = await send(
      townA,
      'DELETE',
      `${part(a1)}/candidates/${candidateOf(await detail(townA, a1), p.oldSec!, 'party_secretary').id}`,
    );
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    expectError(
      await send(townA, 'POST', `${part(a1)}/candidates`, {
        committee: 'party',
        role: 'party_member',
        personId: p.y,
      }),
      409,
      'CAMPAIGN_CANDIDATE_DUPLICATE',
    );
    const mismatch = await send(townA, 'POST', `${part(a1)}/candidates`, {
      committee: 'party',
      role: 'director',
      personId: p.y,
    });
    assert.equal(mismatch.statusCode, 400);
    assert.equal(mismatch.json().error.fields[0].path, 'role');
    const far = await send(townA, 'POST', `${part(a1)}/candidates`, {
      committee: 'party',
      role: 'party_member',
      personId: p.far,
    });
    assert.equal(far.statusCode, 400);
    assert.equal(far.json().error.fields[0].path, 'personId');

    const idNumber = testIdNumber('1996-06-16', '2');
    const newPerson = {
      name: '辛新人',
      idNumber,
      ethnicity: '01',
      politicalStatus: '13',
      fullTimeEducation: '21',
    };
    const wrongDigit = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    const bad = await send(townA, 'POST', `${part(a1)}/candidates`, {
      committee: 'villagers',
      role: 'deputy_director',
      newPerson: { ...newPerson, idNumber: wrongDigit },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, 'newPerson.idNumber');
    const ok = await send(townA, 'POST', `${part(a1)}/candidates`, {
      committee: 'villagers',
      role: 'deputy_director',
      newPerson,
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const d = ok.json<CampaignOrgDetail>();
    const w = d.seats.find((s) => s.role === 'deputy_director')!.candidates[0]!;
    assert.equal(w.personName, '辛新人');
    assert.equal(w.incumbent, false);
    p.w = w.personId;
    const person = await get(townA, `/api/people/${w.personId}`);
    assert.equal(person.json().orgId, a1);
    assert.equal(d.candidateCount, 7);
    assert.deepEqual(
      d.seats.map((s) => [s.role, s.candidates.length]),
      [
        ['party_secretary', 2],
        ['party_deputy_secretary', 0],
        ['party_member', 2],
        ['director', 1],
        ['deputy_director', 1],
        ['committee_member', 1],
      ],
    );
  });

  test('资格联审: every item checked before the notice; a failed candidate goes no further', async () => {
    const a1 = env.seed.villageA1;
    assert.equal((await step(townA, a1, 'start_vetting')).statusCode, 200);
    expectError(
      await send(townA, 'POST', `${part(a1)}/candidates`, {
        committee: 'party',
        role: 'party_member',
        personId: p.a2New,
      }),
      409,
      'CAMPAIGN_ILLEGAL_STEP',
    );
    let d = await detail(townA, a1);
    const all = d.seats.flatMap((s) => s.candidates);
    for (const c of all.filter((c) => c.personId !== p.f && c.personId !== p.z)) await vet(townA, a1, c.id);
    // Z checked on all items but one: the notice cannot start.
    const z = candidateOf(d, p.z!, 'committee_member');
    const partial = d.vettingItems.slice(1).map((i) => ({ itemId: i.id, outcome: 'pass' }));
    assert.equal(
      (await send(townA, 'PUT', `${part(a1)}/candidates/${z.id}/vetting`, { checks: partial })).statusCode,
      200,
    );
    d = await vet(townA, a1, candidateOf(d, p.f!, 'party_member').id, ['dishonest_debtor']);
    expectError(await step(townA, a1, 'start_notice'), 422, 'CAMPAIGN_VETTING_INCOMPLETE');
    assert.equal(candidateOf(d, p.z!, 'committee_member').vetting, 'pending');
    d = await vet(townA, a1, z.id);
    const f = candidateOf(d, p.f!, 'party_member');
    assert.equal(f.vetting, 'failed');
    assert.equal(f.checks.find((c) => c.outcome === 'fail')!.checkedByName, 'towna');
    assert.equal(candidateOf(d, p.z!, 'committee_member').vetting, 'passed');
    const unknownItem = await send(townA, 'PUT', `${part(a1)}/candidates/${z.id}/vetting`, {
      checks: [{ itemId: missing, outcome: 'pass' }],
    });
    assert.equal(unknownItem.json().error.fields[0].path, 'checks.0.itemId');
  });

  test('the notice runs 5 working days across the Spring Festival and its 调休', async () => {
    const a1 = env.seed.villageA1;
    // From Thu 12 Feb: 12, 13, Sat 14 (调休 working day), then the holiday 15–23 Feb, then 24 and 25.
    const r = await step(townA, a1, 'start_notice');
    assert.equal(r.statusCode, 200, r.body);
    const d = r.json<CampaignOrgDetail>();
    assert.equal(d.state, 'notice');
    assert.deepEqual(d.notice, { startDate: '2026-02-12', workdays: 5, endDate: '2026-02-25', ended: true });
  });

  test('objections must be resolved before voting opens', async () => {
    const a1 = env.seed.villageA1;
    const y = candidateOf(await detail(townA, a1), p.y!, 'party_member');
    const early = await send(townA, 'POST', `${part(a1)}/objections`, {
      candidateId: y.id,
      receivedOn: '2026-02-11',
      content: '早于公示',
    });
    assert.equal(early.statusCode, 400);
    const late = await send(townA, 'POST', `${part(a1)}/objections`, {
      receivedOn: '2026-02-26',
      content: '公示期满后',
    });
    assert.equal(late.json().error.fields[0].path, 'receivedOn');
    const r = await send(townA, 'POST', `${part(a1)}/objections`, {
      candidateId: y.id,
      receivedOn: '2026-02-13',
      content: '群众反映该候选人长期在外务工',
    });
    assert.equal(r.statusCode, 201, r.body);
    const objection = r.json<CampaignOrgDetail>().objections[0]!;
    expectError(await step(townA, a1, 'open_voting'), 422, 'CAMPAIGN_OBJECTIONS_OPEN');
    const url = `${part(a1)}/objections/${objection.id}/resolve`;
    const resolution = { resolution: '经核实已返乡，异议不成立' };
    assert.equal((await send(townA, 'POST', url, resolution)).statusCode, 200);
    expectError(await send(townA, 'POST', url, resolution), 409, 'CAMPAIGN_OBJECTION_RESOLVED');
    assert.equal((await step(townA, a1, 'open_voting')).statusCode, 200);
  });

  test('results: a failed candidate gets none, one secretary, and 一肩挑 is computed', async () => {
    const a1 = env.seed.villageA1;
    let d = await detail(townA, a1);
    const id = (personId: string, role: PositionRole) => candidateOf(d, personId, role).id;
    const put = (results: object[]) =>
      send(townA, 'PUT', `${part(a1)}/results`, { version: d.version, results });
    expectError(
      await put([{ candidateId: id(p.f!, 'party_member'), votes: 10, elected: false }]),
      422,
      'CAMPAIGN_CANDIDATE_FAILED_VETTING',
    );
    expectError(
      await put([
        { candidateId: id(p.x!, 'party_secretary'), votes: 300, elected: true },
        { candidateId: id(p.s2!, 'party_secretary'), votes: 280, elected: true },
      ]),
      422,
      'CAMPAIGN_SEAT_OVERFILLED',
    );
    const party = await put([
      { candidateId: id(p.x!, 'party_secretary'), votes: 300, elected: true },
      { candidateId: id(p.s2!, 'party_secretary'), votes: 120, elected: false },
      { candidateId: id(p.y!, 'party_member'), votes: 260, elected: true },
    ]);
    assert.equal(party.statusCode, 200, party.body);
    d = party.json<CampaignOrgDetail>();
    expectError(
      await send(townA, 'POST', `${part(a1)}/finalize`, { version: d.version }),
      422,
      'CAMPAIGN_RESULTS_INCOMPLETE',
    );
    d = await detail(townA, a1);
    const rest = await put([
      { candidateId: id(p.x!, 'director'), votes: 410, elected: true },
      { candidateId: id(p.w!, 'deputy_director'), votes: 380, elected: true },
      { candidateId: id(p.z!, 'committee_member'), votes: 350, elected: true },
    ]);
    assert.equal(rest.statusCode, 200, rest.body);
    d = rest.json<CampaignOrgDetail>();
    assert.deepEqual(d.oneShoulderPerson, { personId: p.x, personName: '甲候选' });
    assert.equal(d.oneShoulder, true);
    assert.equal(d.electedCount, 5);
  });

  test('finalize: previous seats end on the election day, the new terms open with the elected; once only', async () => {
    const a1 = env.seed.villageA1;
    const d = await detail(townA, a1);
    expectError(
      await send(townA, 'POST', `${part(a1)}/finalize`, { version: d.version - 1 }),
      409,
      'VERSION_CONFLICT',
    );
    const r = await send(townA, 'POST', `${part(a1)}/finalize`, { version: d.version });
    assert.equal(r.statusCode, 200, r.body);
    const done = r.json<CampaignOrgDetail>();
    assert.equal(done.state, 'finalized');
    assert.deepEqual(done.nextActions, []);
    expectError(
      await send(townA, 'POST', `${part(a1)}/finalize`, { version: done.version }),
      409,
      'CAMPAIGN_ILLEGAL_STEP',
    );

    const terms = (await get(townA, `/api/orgs/${a1}/terms`)).json<{ items: Term[] }>().items;
    const find = (committee: Committee, start: string) =>
      terms.find((t) => t.committee === committee && t.startDate === start)!;
    const newParty = find('party', '2026-03-20');
    assert.equal(newParty.id, done.partyTermId);
    assert.deepEqual(
      [newParty.name, newParty.endDate, newParty.endedOn],
      ['2026—2031届', '2031-03-20', null],
    );
    const seats = (t: Term) => t.seats.map((s) => [s.personId, s.role, s.startDate, s.endDate]).sort();
    assert.deepEqual(
      seats(newParty),
      [
        [p.x, 'party_secretary', '2026-03-20', null],
        [p.y, 'party_member', '2026-03-20', null],
      ].sort(),
    );
    const newVillagers = find('villagers', '2026-03-20');
    assert.equal(newVillagers.id, done.villagersTermId);
    assert.deepEqual(
      seats(newVillagers),
      [
        [p.x, 'director', '2026-03-20', null],
        [p.w, 'deputy_director', '2026-03-20', null],
        [p.z, 'committee_member', '2026-03-20', null],
      ].sort(),
    );
    for (const committee of ['party', 'villagers'] as const) {
      const old = find(committee, '2021-01-08');
      assert.equal(old.endedOn, '2026-03-20');
      assert.deepEqual(
        old.seats.map((s) => [s.endDate, s.endReason]),
        [['2026-03-20', 'term_expired']],
      );
    }
    assert.deepEqual(
      [find('party', '2016-01-08').endDate, find('party', '2016-01-08').endedOn],
      ['2021-01-07', null],
    );
    const c = (await get(townA, `/api/elections/${campaignId}`)).json<CampaignDetail>();
    assert.deepEqual([c.progress.finalized, c.finalizedCount, c.oneShoulderCount], [1, 1, 1]);
    const partId = (
      await env.services.db
        .selectFrom('campaign_orgs')
        .select('id')
        .where('org_id', '=', a1)
        .executeTakeFirstOrThrow()
    ).id;
    const audited = await env.services.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('object_id', '=', partId)
      .execute();
    const actions = new Set(audited.map((a) => a.action));
    for (const a of [
      'campaign_step',
      'campaign_candidate_add',
      'campaign_candidate_remove',
      'campaign_vetting_check',
      'campaign_objection',
      'campaign_objection_resolve',
      'campaign_results',
      'campaign_finalize',
    ])
      assert.ok(actions.has(a), a);
    const termEnds = await env.services.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'term_end')
      .execute();
    assert.ok(termEnds.some((t) => t.object_id === find('party', '2021-01-08').id));
  });

  test("another town's org, candidate and objection ids answer 404 like missing ones", async () => {
    const a1 = env.seed.villageA1;
    const d = await detail(townA, a1);
    const candidate = d.seats.flatMap((s) => s.candidates)[0]!.id;
    const pairs: [string, 'GET' | 'POST' | 'PUT', string, string, object?][] = [
      ['GET', 'GET', part(a1), part(missing)],
      [
        'step',
        'POST',
        `${part(a1)}/transition`,
        `${part(missing)}/transition`,
        { action: 'start_vetting', version: 1 },
      ],
      [
        'vet',
        'PUT',
        `${part(env.seed.villageB1)}/candidates/${candidate}/vetting`,
        `${part(env.seed.villageB1)}/candidates/${missing}/vetting`,
        { checks: [{ itemId: missing, outcome: 'pass' }] },
      ],
      [
        'objection',
        'POST',
        `${part(env.seed.villageB1)}/objections/${d.objections[0]!.id}/resolve`,
        `${part(env.seed.villageB1)}/objections/${missing}/resolve`,
        { resolution: '试探' },
      ],
    ];
    for (const [name, method, theirs, none, body] of pairs) {
      const a = method === 'GET' ? await get(townB, theirs) : await send(townB, method, theirs, body);
      const b = method === 'GET' ? await get(townB, none) : await send(townB, method, none, body);
      assert.equal(a.statusCode, 404, `${name}: ${a.body}`);
      assert.equal(b.statusCode, 404, name);
      assert.equal(a.json().error.message, b.json().error.message, name);
    }
    assert.equal((await get(townB, part(env.seed.villageB1))).statusCode, 200);
    const list = (await get(townB, `/api/elections/${campaignId}/orgs`)).json();
    assert.deepEqual(
      list.items.map((o: { orgId: string }) => o.orgId),
      [env.seed.villageB1],
    );
    const denied = await env.services.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'access_denied')
      .where('object_type', '=', 'campaign_org')
      .execute();
    assert.ok(denied.some((x) => x.object_id === a1));
  });

  test('results before the notice has ended are refused; a notice ending on election day too', async () => {
    const a2 = env.seed.villageA2;
    assert.equal((await step(city, a2, 'open_nomination')).statusCode, 200);
    const sec = await nominate(city, a2, p.a2New!, 'party', 'party_secretary');
    const dir = await nominate(city, a2, p.a2New!, 'villagers', 'director');
    assert.equal((await step(city, a2, 'start_vetting')).statusCode, 200);
    await vet(city, a2, sec);
    await vet(city, a2, dir);
    // From Mon 16 March the 5th working day is Fri 20 March, the election day itself.
    expectError(
      await step(city, a2, 'start_notice', { noticeStartDate: '2026-03-16' }),
      422,
      'CAMPAIGN_NOTICE_TOO_LATE',
    );
    const r = await step(city, a2, 'start_notice', { noticeStartDate: '2026-03-02' });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json<CampaignOrgDetail>().notice, {
      startDate: '2026-03-02',
      workdays: 5,
      endDate: '2026-03-06',
      ended: false,
    });
    const d = await detail(city, a2);
    expectError(
      await send(city, 'PUT', `${part(a2)}/results`, {
        version: d.version,
        results: [{ candidateId: sec, votes: 1, elected: true }],
      }),
      422,
      'CAMPAIGN_NOTICE_NOT_ENDED',
    );
    expectError(await step(city, a2, 'open_voting'), 422, 'CAMPAIGN_NOTICE_NOT_ENDED');
    // Days pass: the sessions idle out, so the city signs in again.
    env.clock.set('2026-03-06T15:00:00Z'); // 23:00 in Shanghai: still the last day of the notice
    city = await env.login('city1');
    expectError(await step(city, a2, 'open_voting'), 422, 'CAMPAIGN_NOTICE_NOT_ENDED');
    env.clock.set('2026-03-09T02:00:00Z');
    city = await env.login('city1');
    assert.equal((await step(city, a2, 'open_voting')).statusCode, 200);
    const v = await detail(city, a2);
    const ok = await send(city, 'PUT', `${part(a2)}/results`, {
      version: v.version,
      results: [
        { candidateId: sec, votes: 500, elected: true },
        { candidateId: dir, votes: 520, elected: true },
      ],
    });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test('finalize is all or nothing: a failure after the party term was written leaves nothing changed', async () => {
    const a2 = env.seed.villageA2;
    // A villagers' term already opened for April: the new one (from 20 March) overlaps it, so the
    // finalize fails after it has closed the old party term and opened and filled the new one.
    await env.services.terms.openTerm(SYSTEM_CALLER, a2, {
      committee: 'villagers',
      electionDate: '2026-04-01',
    });
    const snapshot = async () => ({
      part: await env.services.db
        .selectFrom('campaign_orgs')
        .selectAll()
        .where('org_id', '=', a2)
        .executeTakeFirstOrThrow(),
      terms: (await get(city, `/api/orgs/${a2}/terms`)).json(),
      positions: await env.services.db
        .selectFrom('positions')
        .selectAll()
        .where('org_id', '=', a2)
        .orderBy('id')
        .execute(),
      audit: (
        await env.services.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    });
    const before = await snapshot();
    const r = await send(city, 'POST', `${part(a2)}/finalize`, { version: before.part.version });
    expectError(r, 409, 'TERM_OVERLAP');
    const afterwards = await snapshot();
    assert.deepEqual(afterwards, before);
    assert.equal(afterwards.part.state, 'voting');
    const oldSeat = afterwards.positions.find((x) => x.person_id === p.a2Sec)!;
    assert.equal(oldSeat.end_date, null);
  });
});
