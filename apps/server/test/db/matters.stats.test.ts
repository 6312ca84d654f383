import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import type { ActionBody, ActionInput } from '../../src/modules/matters';

/** Shanghai 10:00 on a date. */
const at = (date: string) => `${date}T02:00:00Z`;

describe('statistics and scorecards match a hand-checked scenario', () => {
  let env: TestEnv;
  const ids: Record<string, string> = {};
  const versions: Record<string, number> = {};

  before(async () => {
    env = await createTestEnv({ now: at('2026-03-02') });
    const { matters, workflow, meetings } = env.services.loop;
    const s = env.seed;
    const c = SYSTEM_CALLER;
    const act = async (key: string, date: string, input: ActionBody) => {
      env.clock.set(at(date));
      versions[key] = (
        await workflow.act(c, ids[key]!, { ...input, version: versions[key]! } as ActionInput)
      ).version;
    };
    const meeting = await meetings.createMeeting(c, {
      title: 'A镇书记讲给书记听（一季度）',
      meetingDate: '2026-03-02',
      hostLevel: 'town',
      hostOrgId: s.townA,
      venueOrgId: s.villageA1,
      participants: [
        { name: 'A镇党委书记', role: 'host', attended: true, spoke: true },
        { personId: s.personA1, name: '陆婷婷', role: 'speaker', attended: true, spoke: true },
        { personId: s.personA2, name: '李强', role: 'attendee', attended: true, spoke: false },
      ],
    });
    const raise = async (
      key: string,
      villageId: string,
      categoryCode: string,
      priorityCode: string,
      meetingId?: string,
    ) => {
      [ids[key]] = await matters.raiseMatters(c, [
        {
          title: key,
          description: '说明',
          categoryCode,
          priorityCode,
          villageId,
          raiserName: '书记',
          meetingId,
        },
      ]);
      versions[key] = 1;
    };
    await raise('M1', s.villageA1, 'village_economy', 'normal', meeting);
    await raise('M2', s.villageA1, 'beautiful_village', 'urgent', meeting);
    await raise('M3', s.villageA2, 'village_economy', 'normal');
    await raise('M4', s.villageA2, 'burden_reduction', 'normal');
    await raise('M5', s.villageB1, 'cadre_exchange', 'urgent');
    await raise('M6', s.villageA1, 'other', 'normal');

    // M1: on time all along, satisfied.
    await act('M1', '2026-03-02', { action: 'dispatch', leadUnitId: s.deptD });
    await act('M1', '2026-03-02', { action: 'sign' });
    await act('M1', '2026-03-05', { action: 'submit', resolution: '已办', signOffName: '局长' });
    await act('M1', '2026-03-05', { action: 'accept' });
    await act('M1', '2026-03-06', { action: 'rate', rating: 'satisfied' });
    // M2: urgent (due 03-05), signed late (03-04 > 03-03), resolved late (03-09), basically satisfied.
    await act('M2', '2026-03-02', { action: 'dispatch', leadUnitId: s.deptD });
    await act('M2', '2026-03-04', { action: 'sign' });
    await act('M2', '2026-03-09', { action: 'submit', resolution: '已办', signOffName: '局长' });
    await act('M2', '2026-03-09', { action: 'accept' });
    await act('M2', '2026-03-10', { action: 'rate', rating: 'basic' });
    // M3: returned by D (upheld) → town A; rejected once at verification; dissatisfied, closed after review.
    await act('M3', '2026-03-02', { action: 'dispatch', leadUnitId: s.deptD });
    await act('M3', '2026-03-02', { action: 'return', reason: '非本局职责' });
    await act('M3', '2026-03-02', { action: 'uphold_return', newLeadUnitId: s.townA, reason: '改派镇里' });
    await act('M3', '2026-03-03', { action: 'sign' });
    await act('M3', '2026-03-04', { action: 'submit', resolution: '已办', signOffName: '镇长' });
    await act('M3', '2026-03-04', { action: 'reject', reason: '材料不全' });
    await act('M3', '2026-03-05', { action: 'submit', resolution: '已补', signOffName: '镇长' });
    await act('M3', '2026-03-05', { action: 'accept' });
    await act('M3', '2026-03-06', { action: 'rate', rating: 'dissatisfied', comment: '不解决根本' });
    await act('M3', '2026-03-06', { action: 'close_dissatisfied', reason: '诉求超出政策' });
    // M4: not our responsibility. M5: urgent, signed, never answered. M6: still registered.
    await act('M4', '2026-03-02', { action: 'close_side', outcome: 'not_responsible', reason: '属司法事项' });
    await act('M5', '2026-03-02', { action: 'dispatch', leadUnitId: s.deptD });
    await act('M5', '2026-03-02', { action: 'sign' });
    env.clock.set(at('2026-03-13'));
    await env.services.loop.sweep.sweepDue(env.clock.now());
  });
  after(() => env.close());

  test('city summary for March', async () => {
    const cookie = await env.login('leader1');
    const r = await env.request(cookie, {
      method: 'GET',
      url: '/api/matters/stats?from=2026-03-01&to=2026-03-31',
    });
    assert.equal(r.statusCode, 200, r.body);
    const s = r.json();
    assert.equal(s.today, '2026-03-13');
    assert.deepEqual(s.meetings, { held: 1, speakers: 2, attended: 3 });
    const m = s.matters;
    assert.equal(m.raised, 6);
    assert.equal(m.open, 2);
    assert.equal(m.overdueNow, 1);
    assert.equal(m.closedSolved, 3);
    assert.deepEqual(m.sideExits, { notResponsible: 1, duplicate: 0, explained: 0 });
    assert.equal(m.closed, 4);
    assert.equal(m.closedLoopRate, 3 / 5, 'side exits are not in the denominator');
    assert.equal(m.resolved, 3);
    assert.equal(m.onTime, 2);
    assert.equal(m.onTimeRate, 2 / 4, 'the open overdue matter counts as late');
    assert.equal(m.avgHandlingWorkdays, 3.7, '(3 + 5 + 3) / 3 working days');
    assert.deepEqual(m.satisfaction, { satisfied: 1, basic: 1, dissatisfied: 1, noResponse: 0 });
    assert.equal(m.satisfactionRate, 2 / 3);
    assert.equal(m.rehandled, 1);
    assert.equal(m.raisedAtMeetings, 2);
    const child = Object.fromEntries(
      s.byChild.map((c: { name: string; raised: number }) => [c.name, c.raised]),
    );
    assert.deepEqual(child, { A镇: 5, B镇: 1 });
    const cat = Object.fromEntries(
      s.byCategory.map((c: { category: string; raised: number }) => [c.category, c.raised]),
    );
    assert.deepEqual(cat, {
      beautiful_village: 1,
      burden_reduction: 1,
      cadre_exchange: 1,
      other: 1,
      village_economy: 2,
    });
  });

  test('a town sees its own subtree; another period is empty', async () => {
    const cookie = await env.login('towna');
    const a = (
      await env.request(cookie, { method: 'GET', url: '/api/matters/stats?from=2026-03-01&to=2026-03-31' })
    ).json();
    assert.equal(a.orgName, 'A镇');
    assert.equal(a.matters.raised, 5);
    assert.equal(a.matters.overdueNow, 0);
    assert.deepEqual(a.byChild.map((c: { name: string }) => c.name).sort(), ['A1村', 'A2村']);
    const feb = (
      await env.request(cookie, { method: 'GET', url: '/api/matters/stats?from=2026-02-01&to=2026-02-28' })
    ).json();
    assert.equal(feb.matters.raised, 0);
    assert.equal(feb.meetings.held, 0);
  });

  test('unit scorecards: rates, supervision counts and the ranking', async () => {
    const cookie = await env.login('city1');
    const r = await env.request(cookie, {
      method: 'GET',
      url: '/api/matters/scorecards?from=2026-03-01&to=2026-03-31',
    });
    assert.equal(r.statusCode, 200, r.body);
    const [first, second] = r.json().items;
    assert.equal(first.unitName, 'A镇');
    assert.deepEqual(
      {
        assigned: first.assigned,
        sign: first.signOnTimeRate,
        onTime: first.onTimeRate,
        ret: first.returnRate,
        re: first.rehandleRate,
        sat: first.satisfactionRate,
        score: first.score,
        rank: first.rank,
      },
      { assigned: 1, sign: 1, onTime: 1, ret: 0, re: 1, sat: 0, score: 70, rank: 1 },
    );
    assert.equal(second.unitName, '农业农村局');
    assert.equal(second.assigned, 4);
    assert.equal(second.signOnTimeRate, 0.75, 'M2 signed a day late; the return counts as a timely answer');
    assert.equal(second.onTimeRate, 1 / 3, 'M1 on time; M2 late; M5 open and overdue');
    assert.equal(second.returnRate, 0.25, 'one upheld return out of four');
    assert.equal(second.rehandleRate, 0);
    assert.equal(second.satisfactionRate, 1);
    assert.deepEqual([second.urgeCount, second.superviseCount, second.circulateCount], [1, 1, 1]);
    assert.equal(second.score, 61.4);
    assert.equal(second.rank, 2);
  });

  test('the overdue-now list and the supervision order', async () => {
    const cookie = await env.login('deptd');
    const r = (await env.request(cookie, { method: 'GET', url: '/api/matters/overdue' })).json();
    assert.equal(r.total, 1);
    const [o] = r.items;
    assert.equal(o.title, 'M5');
    assert.equal(o.dueDate, '2026-03-05');
    assert.equal(o.overdueWorkdays, 6);
    assert.equal(o.escalationLevel, 3);
    const d = (await env.request(cookie, { method: 'GET', url: `/api/matters/${o.matterId}` })).json();
    const sup = d.supervisions.find((x: { kind: string }) => x.kind === 'supervise');
    assert.equal(sup.docNo, '张组督〔2026〕1号');
    const order = await env.request(cookie, { method: 'GET', url: `/api/supervisions/${sup.id}/order` });
    assert.equal(order.statusCode, 200);
    const { matter: _m, ...doc } = order.json() as Record<string, unknown>;
    assert.deepEqual(
      { ...doc, matter: undefined },
      {
        docNo: '张组督〔2026〕1号',
        issuedOn: '2026-03-13',
        unitName: '农业农村局',
        dueDate: '2026-03-05',
        overdueWorkdays: 6,
        matter: undefined,
      },
    );
    const assign = (
      await env.request(cookie, { method: 'GET', url: `/api/matters/${o.matterId}/assign-order` })
    ).json();
    assert.match(assign.docNo, /^张组交〔2026〕\d+号$/);
    assert.equal(assign.issuer, '测试市');
    assert.deepEqual(assign.units, [
      { name: '农业农村局', role: 'lead', signDue: '2026-03-03', dueDate: '2026-03-05' },
    ]);
    const other = await env.request(await env.login('townb'), {
      method: 'GET',
      url: `/api/supervisions/${sup.id}/order`,
    });
    assert.equal(other.statusCode, 200, "town B sees its own village's supervision order");
    const hidden = await env.request(await env.login('towna'), {
      method: 'GET',
      url: `/api/supervisions/${sup.id}/order`,
    });
    assert.equal(hidden.statusCode, 404);
  });

  test('the scorecards and the overdue list download as real workbooks with the same figures', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const rowsOf = async (payload: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(payload as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const city = await env.login('city1');
    const r = await env.request(city, {
      method: 'GET',
      url: '/api/matters/scorecards/export?from=2026-03-01&to=2026-03-31',
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(
      r.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.match(
      String(r.headers['content-disposition']),
      /^attachment; filename="scorecards-2026-03-01-2026-03-31\.xlsx"; filename\*=UTF-8''/,
    );
    const score = await rowsOf(r.rawPayload);
    assert.equal(score[0]![0], '排名');
    const json = (
      await env.request(city, { method: 'GET', url: '/api/matters/scorecards?from=2026-03-01&to=2026-03-31' })
    ).json().items as Record<string, number | string>[];
    assert.equal(score.length, json.length + 1);
    const pct = (v: unknown) => Math.round(Number(v) * 1000) / 10;
    json.forEach((u, i) => {
      assert.deepEqual(score[i + 1], [
        u.rank,
        u.unitName,
        u.assigned,
        u.led,
        u.completed,
        u.overdueOpen,
        pct(u.signOnTimeRate),
        pct(u.onTimeRate),
        pct(u.returnRate),
        pct(u.rehandleRate),
        pct(u.satisfactionRate),
        u.urgeCount,
        u.superviseCount,
        u.circulateCount,
        u.score,
      ]);
    });
    // The hand-checked figures of 农业农村局, as percentages.
    assert.deepEqual(score[2]!.slice(6, 11), [75, 33.3, 25, 0, 100]);

    const o = await env.request(await env.login('deptd'), {
      method: 'GET',
      url: '/api/matters/overdue/export',
    });
    assert.equal(o.statusCode, 200, o.body);
    const overdue = await rowsOf(o.rawPayload);
    assert.equal(overdue.length, 2, 'a header and the one overdue part');
    assert.deepEqual(overdue[1]!.slice(1, 2).concat(overdue[1]!.slice(5, 9)), [
      'M5',
      '农业农村局',
      '牵头',
      '2026-03-05',
      6,
    ]);
    const en = await env.request(city, {
      method: 'GET',
      url: '/api/matters/overdue/export',
      headers: { 'accept-language': 'en' },
    });
    assert.equal((await rowsOf(en.rawPayload))[0]![0], 'Code', 'headers in the reader’s language');

    const townA = await env.request(await env.login('towna'), {
      method: 'GET',
      url: '/api/matters/overdue/export',
    });
    assert.equal((await rowsOf(townA.rawPayload)).length, 1, "town A's export holds no other town's part");
    const dept = await env.request(await env.login('deptd'), {
      method: 'GET',
      url: '/api/matters/scorecards/export',
    });
    assert.equal(dept.statusCode, 403, 'scorecards are for matters:stats holders');
    const db = env.services.db;
    const audited = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['scorecard_export', 'overdue_export'])
      .execute();
    assert.equal(audited.length, 4);
  });
});
