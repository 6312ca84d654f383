import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RosterStats, Term } from '@xinhuo/shared';
import { makePerson } from '../helpers/factories';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

// Terms and seats kept in the web (issue 9, item 1): open a term, appoint, end a seat, 届中调整 with 备案,
// end a term — each rule, the scope, the audit trail and the statistics by date.
describe('terms and seats', () => {
  let env: TestEnv;
  let town: string;
  let otherTown: string;
  let people: { a: string; b: string; c: string; d: string; far: string };
  let partyTerm: Term;

  const post = (cookie: string, url: string, payload: object) =>
    env.request(cookie, { method: 'POST', url, payload });

  before(async () => {
    env = await createTestEnv();
    town = await env.login('towna');
    otherTown = await env.login('townb');
    const mk = async (name: string, org: string, birthDate = '1985-03-03') =>
      (await makePerson(env, { org, name, birthDate })).id;
    people = {
      a: await mk('甲书记', env.seed.villageA1),
      b: await mk('乙委员', env.seed.villageA1),
      c: await mk('丙接任', env.seed.villageA1, '1995-06-06'),
      d: await mk('丁主任', env.seed.villageA1),
      far: await mk('远方', env.seed.villageB1),
    };
  });
  after(() => env.close());

  test('a term opens for five years after its election by default, named by its years', async () => {
    const r = await post(town, `/api/orgs/${env.seed.villageA1}/terms`, {
      committee: 'party',
      electionDate: '2021-01-08',
    });
    assert.equal(r.statusCode, 201, r.body);
    partyTerm = r.json();
    assert.equal(partyTerm.endDate, '2026-01-08');
    assert.equal(partyTerm.name, '2021—2026届');
    assert.equal(partyTerm.endedOn, null);
  });

  test('a second term of the same committee overlapping the first is refused', async () => {
    const r = await post(town, `/api/orgs/${env.seed.villageA1}/terms`, {
      committee: 'party',
      electionDate: '2024-01-01',
    });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, 'TERM_OVERLAP');
    const bad = await post(town, `/api/orgs/${env.seed.villageA1}/terms`, {
      committee: 'villagers',
      electionDate: '2021-01-08',
      endDate: '2020-01-01',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, 'endDate');
  });

  test('appointments: dates inside the term, committee roles, one person once per role', async () => {
    const url = `/api/terms/${partyTerm.id}/seats`;
    const ok = await post(town, url, {
      personId: people.a,
      role: 'party_secretary',
      startDate: '2021-01-08',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(
      (await post(town, url, { personId: people.b, role: 'party_member', startDate: '2021-01-08' }))
        .statusCode,
      200,
    );

    const before = await post(town, url, {
      personId: people.c,
      role: 'party_member',
      startDate: '2020-12-31',
    });
    assert.equal(before.statusCode, 400);
    assert.deepEqual(before.json().error.fields[0], {
      path: 'startDate',
      reason: 'SEAT_DATE_OUTSIDE_TERM',
      message: '日期应在届次起止日期之内',
    });
    const wrongCommittee = await post(town, url, {
      personId: people.c,
      role: 'director',
      startDate: '2021-02-01',
    });
    assert.equal(wrongCommittee.json().error.fields[0].path, 'role');
    const twice = await post(town, url, {
      personId: people.b,
      role: 'party_member',
      startDate: '2022-01-01',
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'POSITION_OVERLAP');
  });

  test('at most one secretary at a time, in zh and en', async () => {
    const url = `/api/terms/${partyTerm.id}/seats`;
    const body = { personId: people.c, role: 'party_secretary', startDate: '2022-01-01' };
    const zh = await post(town, url, body);
    assert.equal(zh.statusCode, 409);
    assert.equal(zh.json().error.code, 'SEAT_ROLE_TAKEN');
    const en = await env.request(town, {
      method: 'POST',
      url,
      payload: body,
      headers: { 'accept-language': 'en' },
    });
    assert.match(en.json().error.message, /one secretary or director at a time/);
  });

  test("another town's term, seat and org answer 404 like missing ones; its people cannot be seated", async () => {
    const seatId = partyTerm.id;
    const missing = '01900000-0000-7000-8000-000000000000';
    for (const [url, body] of [
      [`/api/terms/${seatId}/seats`, { personId: people.far, role: 'party_member', startDate: '2021-02-01' }],
      [`/api/terms/${seatId}/end`, { endDate: '2025-01-01' }],
    ] as const) {
      const other = await post(otherTown, url, body);
      const none = await post(otherTown, url.replace(seatId, missing), body);
      assert.equal(other.statusCode, 404);
      assert.equal(none.statusCode, 404);
      assert.equal(other.json().error.message, none.json().error.message);
    }
    const list = await env.request(otherTown, {
      method: 'GET',
      url: `/api/orgs/${env.seed.villageA1}/terms`,
    });
    assert.equal(list.statusCode, 404);
    const far = await post(town, `/api/terms/${partyTerm.id}/seats`, {
      personId: people.far,
      role: 'party_member',
      startDate: '2021-02-01',
    });
    assert.equal(far.statusCode, 400);
    assert.equal(far.json().error.fields[0].path, 'personId');
  });

  test('ending a seat: not before it starts, not after the term, once only; audited', async () => {
    const term = await listParty();
    const seat = term.seats.find((s) => s.personId === people.b)!;
    const early = await post(town, `/api/seats/${seat.id}/end`, {
      endDate: '2020-01-01',
      reason: 'resigned',
    });
    assert.equal(early.json().error.fields[0].reason, 'SEAT_END_BEFORE_START');
    const late = await post(town, `/api/seats/${seat.id}/end`, { endDate: '2027-01-01', reason: 'resigned' });
    assert.equal(late.json().error.fields[0].reason, 'SEAT_DATE_OUTSIDE_TERM');
    const badReason = await post(town, `/api/seats/${seat.id}/end`, {
      endDate: '2023-01-01',
      reason: 'fired',
    });
    assert.equal(badReason.statusCode, 400);
    const ok = await post(town, `/api/seats/${seat.id}/end`, { endDate: '2023-01-01', reason: 'resigned' });
    assert.equal(ok.statusCode, 200, ok.body);
    const ended = ok.json<Term>().seats.find((s) => s.id === seat.id)!;
    assert.deepEqual([ended.endDate, ended.endReason], ['2023-01-01', 'resigned']);
    const again = await post(town, `/api/seats/${seat.id}/end`, { endDate: '2023-02-01', reason: 'other' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'SEAT_ALREADY_ENDED');
    const audited = await env.services.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'position_end')
      .execute();
    assert.ok(audited.some((a) => a.object_id === seat.id));
  });

  test('届中调整 ends the seat and seats the successor in one transaction, with its 备案 listed', async () => {
    const term = await listParty();
    const secretary = term.seats.find((s) => s.role === 'party_secretary')!;
    const body = {
      date: '2024-03-01',
      reason: 'transferred',
      successorPersonId: people.c,
      filingNumber: '张组备〔2024〕3号',
      filingDate: '2024-03-05',
      approvingBody: '中共张家港市委组织部',
      note: '工作调动',
    };
    // A successor out of scope: nothing is written, the secretary still sits.
    const refused = await post(town, `/api/seats/${secretary.id}/adjust`, {
      ...body,
      successorPersonId: people.far,
    });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.fields[0].path, 'successorPersonId');
    assert.equal((await listParty()).seats.find((s) => s.id === secretary.id)!.endDate, null);

    const r = await post(town, `/api/seats/${secretary.id}/adjust`, body);
    assert.equal(r.statusCode, 200, r.body);
    const after = r.json<Term>();
    const old = after.seats.find((s) => s.id === secretary.id)!;
    const successor = after.seats.find((s) => s.personId === people.c)!;
    assert.deepEqual([old.endDate, old.endReason], ['2024-03-01', 'transferred']);
    assert.deepEqual(
      [successor.role, successor.startDate, successor.endDate],
      ['party_secretary', '2024-03-01', null],
    );
    assert.equal(after.adjustments.length, 1);
    assert.deepEqual(
      {
        ...after.adjustments[0],
        id: undefined,
        createdAt: undefined,
      },
      {
        id: undefined,
        createdAt: undefined,
        endedSeatId: secretary.id,
        endedPersonName: '甲书记',
        successorSeatId: successor.id,
        successorPersonName: '丙接任',
        role: 'party_secretary',
        date: '2024-03-01',
        reason: 'transferred',
        filingNumber: '张组备〔2024〕3号',
        filingDate: '2024-03-05',
        approvingBody: '中共张家港市委组织部',
        note: '工作调动',
      },
    );
    const again = await post(town, `/api/seats/${secretary.id}/adjust`, {
      ...body,
      successorPersonId: people.d,
    });
    assert.equal(again.json().error.code, 'SEAT_ALREADY_ENDED');
  });

  test('statistics by date read the seat held on that date', async () => {
    const c = await env.login('city1');
    const on = async (d: string) =>
      (
        await env.request(c, {
          method: 'GET',
          url: `/api/stats/roster?orgId=${env.seed.villageA1}&refDate=${d}`,
        })
      ).json<RosterStats>();
    const before = await on('2024-02-29');
    const after = await on('2024-03-01');
    assert.equal(before.members, 1); // 甲 (乙 resigned in 2023)
    assert.equal(after.members, 1); // 丙
    assert.equal(before.averageAge, 38);
    assert.equal(after.averageAge, 28);
  });

  test('concurrent ends of one seat: one wins, the other is refused, nothing doubled', async () => {
    const term = await listParty();
    const seat = term.seats.find((s) => s.personId === people.c)!;
    const [x, y] = await Promise.all([
      post(town, `/api/seats/${seat.id}/end`, { endDate: '2025-01-01', reason: 'resigned' }),
      post(town, `/api/seats/${seat.id}/end`, { endDate: '2025-02-01', reason: 'retired' }),
    ]);
    assert.deepEqual([x.statusCode, y.statusCode].sort(), [200, 409]);
    const ends = await env.services.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'position_end')
      .where('object_id', '=', seat.id)
      .execute();
    assert.equal(ends.length, 1);
  });

  test('ending a term ends its open seats on that day (届满); an ended term takes no one', async () => {
    const r = await post(town, `/api/orgs/${env.seed.villageA1}/terms`, {
      committee: 'villagers',
      electionDate: '2021-01-08',
    });
    const vt = r.json<Term>();
    await post(town, `/api/terms/${vt.id}/seats`, {
      personId: people.d,
      role: 'director',
      startDate: '2021-01-08',
    });
    const tooEarly = await post(town, `/api/terms/${vt.id}/end`, { endDate: '2021-01-01' });
    assert.equal(tooEarly.statusCode, 400);
    const ended = await post(town, `/api/terms/${vt.id}/end`, { endDate: '2025-12-31' });
    assert.equal(ended.statusCode, 200, ended.body);
    const t = ended.json<Term>();
    assert.equal(t.endedOn, '2025-12-31');
    assert.equal(t.endDate, '2025-12-31');
    assert.deepEqual(
      t.seats.map((s) => [s.endDate, s.endReason]),
      [['2025-12-31', 'term_expired']],
    );
    const again = await post(town, `/api/terms/${vt.id}/end`, { endDate: '2025-12-31' });
    assert.equal(again.json().error.code, 'TERM_ENDED');
    const late = await post(town, `/api/terms/${vt.id}/seats`, {
      personId: people.b,
      role: 'committee_member',
      startDate: '2022-01-01',
    });
    assert.equal(late.json().error.code, 'TERM_ENDED');
    // The next term may start the day the last one ended; one director at a time still holds across terms.
    const next = await post(town, `/api/orgs/${env.seed.villageA1}/terms`, {
      committee: 'villagers',
      electionDate: '2025-12-31',
    });
    assert.equal(next.statusCode, 201, next.body);
    const seat = await post(town, `/api/terms/${next.json<Term>().id}/seats`, {
      personId: people.d,
      role: 'director',
      startDate: '2025-12-31',
    });
    assert.equal(seat.statusCode, 200, seat.body);
  });

  test('a village secretary reads the terms of the village but cannot change them (roster:write)', async () => {
    const sec = await env.login('seca1');
    const list = await env.request(sec, { method: 'GET', url: `/api/orgs/${env.seed.villageA1}/terms` });
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().items.length, 3);
    const write = await post(sec, `/api/orgs/${env.seed.villageA1}/terms`, {
      committee: 'party',
      electionDate: '2030-01-01',
    });
    assert.equal(write.statusCode, 403);
  });

  async function listParty(): Promise<Term> {
    const r = await env.request(town, { method: 'GET', url: `/api/orgs/${env.seed.villageA1}/terms` });
    return r.json<{ items: Term[] }>().items.find((t) => t.id === partyTerm.id)!;
  }
});
