import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

describe('matter workflow over HTTP', () => {
  let env: TestEnv;
  let mc: ReturnType<typeof matterClient>;
  before(async () => {
    // Monday 2026-03-02 10:00 Shanghai.
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    const cookies: Record<string, string> = {};
    for (const u of ['city1', 'towna', 'townb', 'seca1', 'deptd', 'leader1', 'audadm'])
      cookies[u] = await env.login(u);
    mc = matterClient(env, cookies);
  });
  after(() => env.close());

  test('an anonymous request is 401, a three-admin account 403', async () => {
    assert.equal((await env.request(null, { method: 'GET', url: '/api/matters' })).statusCode, 401);
    const r = await mc.list('audadm');
    assert.equal(r.statusCode, 403);
  });

  test('the full loop: raise → assign → sign → extension → submit → reject → resubmit → accept → dissatisfied → reopen → satisfied', async () => {
    const m = await mc.raise(
      'seca1',
      sampleMatter(env.seed.villageA1, { raiserPersonId: env.seed.personA1, raiserName: undefined }),
    );
    assert.equal(m.state, 'registered');
    assert.equal(m.raiserName, '陆婷婷');
    assert.equal(m.source, 'direct');
    assert.match(m.code, /^SX2026-\d{5}$/);
    assert.deepEqual(m.availableActions, []);
    assert.equal(
      (await mc.get('deptd', m.id)).statusCode,
      404,
      'not assigned yet: the department cannot see it',
    );

    const town = (await mc.get('towna', m.id)).json();
    assert.deepEqual(town.availableActions, ['dispatch', 'close_side']);
    let d = await mc.ok('towna', m.id, {
      action: 'dispatch',
      version: 1,
      leadUnitId: env.seed.deptD,
      coUnits: [{ unitId: env.seed.townA }],
      priorityCode: 'normal',
    });
    assert.equal(d.state, 'dispatched');
    assert.equal(d.dispatchNo, '张组交〔2026〕1号');
    // 一般: 10 working days from Monday 03-02 → Monday 03-16; sign-for within 1 working day.
    assert.equal(d.deadline, '2026-03-16');
    const lead = d.assignments.find((a: { role: string }) => a.role === 'lead');
    const co = d.assignments.find((a: { role: string }) => a.role === 'co');
    assert.equal(lead.signDue, '2026-03-03');
    assert.equal(co.dueDate, '2026-03-12', 'the co-unit answers two working days before the lead');

    const seen = (await mc.get('deptd', m.id)).json();
    assert.deepEqual(seen.availableActions, ['sign', 'return']);
    assert.deepEqual(seen.myAssignmentIds, [lead.id]);

    const forbidden = await mc.act('seca1', m.id, { action: 'accept', version: d.version });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().error.code, 'MATTER_ACTION_FORBIDDEN');

    d = await mc.ok('deptd', m.id, { action: 'sign', version: d.version });
    assert.equal(d.state, 'in_progress');
    const stale = await mc.act('towna', m.id, { action: 'sign', version: d.version - 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
    d = await mc.ok('towna', m.id, { action: 'sign', version: d.version });
    assert.equal(d.state, 'in_progress', 'a co-unit signing does not move the matter');
    const again = await mc.act('deptd', m.id, { action: 'sign', version: d.version });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'MATTER_ILLEGAL_TRANSITION');

    d = await mc.ok('deptd', m.id, {
      action: 'progress',
      version: d.version,
      note: '已与自然资源和规划局会商',
    });
    d = await mc.ok('deptd', m.id, {
      action: 'request_extension',
      version: d.version,
      requestedDue: '2026-03-20',
      reason: '需省厅批复',
    });
    assert.deepEqual(d.extension, { requestedDue: '2026-03-20', reason: '需省厅批复' });
    const dup = await mc.act('deptd', m.id, {
      action: 'request_extension',
      version: d.version,
      requestedDue: '2026-03-25',
      reason: '再延',
    });
    assert.equal(dup.json().error.code, 'MATTER_EXTENSION_PENDING');
    d = await mc.ok('towna', m.id, { action: 'decide_extension', version: d.version, approve: true });
    assert.equal(d.deadline, '2026-03-20');
    assert.equal(d.originalDeadline, '2026-03-16');
    assert.equal(d.extension, null);

    d = await mc.ok('towna', m.id, { action: 'co_reply', version: d.version, reply: '镇里已协调用地指标' });
    d = await mc.ok('deptd', m.id, {
      action: 'submit',
      version: d.version,
      resolution: '已完成审批',
      signOffName: '李局长',
    });
    assert.equal(d.state, 'submitted');
    const noReason = await mc.act('towna', m.id, { action: 'reject', version: d.version, reason: '' });
    assert.equal(noReason.statusCode, 400);
    d = await mc.ok('towna', m.id, { action: 'reject', version: d.version, reason: '批复文件未附' });
    assert.equal(d.state, 'in_progress');
    assert.equal(d.rehandleCount, 1);
    d = await mc.ok('deptd', m.id, {
      action: 'submit',
      version: d.version,
      resolution: '已完成审批，批复附后',
      signOffName: '李局长',
    });
    d = await mc.ok('towna', m.id, { action: 'accept', version: d.version });
    assert.equal(d.state, 'awaiting_feedback');
    assert.equal(d.isOnTime, true);
    assert.equal(d.handlingWorkdays, 0);
    assert.equal(d.feedbackDue, '2026-03-09');

    const bare = await mc.act('seca1', m.id, { action: 'rate', version: d.version, rating: 'dissatisfied' });
    assert.equal(bare.json().error.code, 'MATTER_REASON_REQUIRED');
    d = await mc.ok('seca1', m.id, {
      action: 'rate',
      version: d.version,
      rating: 'dissatisfied',
      comment: '厂房仍未开工',
    });
    assert.equal(d.state, 'dissatisfied');
    d = await mc.ok('city1', m.id, { action: 'reopen', version: d.version, reason: '督促落实开工' });
    assert.equal(d.state, 'in_progress');
    assert.equal(d.reopenCount, 1);
    assert.equal(d.deadline, '2026-03-16', 'a reopened matter gets a fresh handling period of its tier');
    d = await mc.ok('deptd', m.id, {
      action: 'submit',
      version: d.version,
      resolution: '已开工',
      signOffName: '李局长',
    });
    d = await mc.ok('city1', m.id, { action: 'accept', version: d.version });
    d = await mc.ok('seca1', m.id, { action: 'rate', version: d.version, rating: 'satisfied' });
    assert.equal(d.state, 'closed');
    assert.equal(d.outcome, 'solved');
    assert.equal(d.satisfaction, 'satisfied');
    assert.deepEqual(d.availableActions, []);

    const actions = d.events.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, [
      'raise',
      'dispatch',
      'sign',
      'sign',
      'progress',
      'request_extension',
      'decide_extension',
      'co_reply',
      'submit',
      'reject',
      'submit',
      'accept',
      'rate',
      'reopen',
      'submit',
      'accept',
      'rate',
    ]);
    assert.equal(d.events[1].actorName, 'towna');
    assert.equal(d.events[9].reason, '批复文件未附');
    const db = env.services.db;
    const audit = await db.selectFrom('audit_log').select('action').where('object_id', '=', m.id).execute();
    const names = audit.map((a: { action: string }) => a.action);
    assert.equal(
      names.filter((a: string) => a.startsWith('matter_') && a !== 'matter_action_denied').length,
      actions.length,
    );
    assert.ok(names.includes('matter_action_denied'), "the village secretary's attempt to verify is audited");
    assert.equal((await env.services.audit.verify()).ok, true);
  });

  test('退单: upheld → reassigned with a new 交办单, the deadline kept; overruled → back to the unit', async () => {
    const m = await mc.raise(
      'towna',
      sampleMatter(env.seed.villageA2, { categoryCode: 'beautiful_village', raiserName: '李强' }),
    );
    assert.equal(m.source, 'on_behalf');
    let d = await mc.ok('city1', m.id, {
      action: 'dispatch',
      version: 1,
      leadUnitId: env.seed.deptD,
      priorityCode: 'urgent',
    });
    assert.equal(d.deadline, '2026-03-05');
    const noReason = await mc.act('deptd', m.id, { action: 'return', version: d.version, reason: '' });
    assert.equal(noReason.statusCode, 400);
    d = await mc.ok('deptd', m.id, { action: 'return', version: d.version, reason: '属住建职责' });
    assert.equal(d.state, 'returned');
    assert.deepEqual(d.availableActions, []);
    const city = (await mc.get('city1', m.id)).json();
    assert.deepEqual(city.availableActions, ['uphold_return', 'overrule_return', 'close_side']);
    const badUnit = await mc.act('city1', m.id, {
      action: 'uphold_return',
      version: d.version,
      newLeadUnitId: env.seed.villageA1,
      reason: '改派',
    });
    assert.equal(badUnit.json().error.code, 'MATTER_UNIT_INVALID');
    d = await mc.ok('city1', m.id, {
      action: 'uphold_return',
      version: d.version,
      newLeadUnitId: env.seed.townA,
      reason: '改由镇里牵头',
    });
    assert.equal(d.state, 'dispatched');
    assert.equal(d.deadline, '2026-03-05', 'the clock started at the first dispatch');
    assert.match(d.dispatchNo, /^张组交〔2026〕\d+号$/);
    const withdrawn = d.assignments.find((a: { unitId: string }) => a.unitId === env.seed.deptD);
    assert.equal(withdrawn.status, 'withdrawn');
    assert.equal(withdrawn.returnRuling, 'upheld');
    d = await mc.ok('towna', m.id, { action: 'sign', version: d.version });
    assert.equal(d.state, 'in_progress');

    const m2 = await mc.raise('towna', sampleMatter(env.seed.villageA2, { raiserName: '李强' }));
    d = await mc.ok('towna', m2.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD });
    d = await mc.ok('deptd', m2.id, { action: 'return', version: d.version, reason: '不属本局' });
    d = await mc.ok('towna', m2.id, {
      action: 'overrule_return',
      version: d.version,
      reason: '属农业农村局职责',
    });
    assert.equal(d.state, 'in_progress');
    assert.equal(d.assignments[0].status, 'signed');
    assert.equal(d.assignments[0].returnRuling, 'overruled');
    assert.deepEqual((await mc.get('deptd', m2.id)).json().availableActions, [
      'progress',
      'request_extension',
      'submit',
    ]);
  });

  test('side exits are closed but not solved, and need a reason', async () => {
    const m = await mc.raise('towna', sampleMatter(env.seed.villageA1, { raiserName: '陆婷婷' }));
    const first = await mc.raise('towna', sampleMatter(env.seed.villageA1, { raiserName: '陆婷婷' }));
    const bad = await mc.act('towna', m.id, {
      action: 'close_side',
      version: 1,
      outcome: 'duplicate',
      reason: '重复',
    });
    assert.equal(bad.statusCode, 400, 'a duplicate names what it duplicates');
    const d = await mc.ok('towna', m.id, {
      action: 'close_side',
      version: 1,
      outcome: 'duplicate',
      reason: '与前一事项重复',
      duplicateOfId: first.id,
    });
    assert.equal(d.state, 'closed');
    assert.equal(d.outcome, 'duplicate');
    assert.equal(d.duplicateOfId, first.id);
    assert.equal(d.satisfaction, null);
  });

  test('bad input is refused with field paths, unknown fields included', async () => {
    const r = await env.request(null, { method: 'GET', url: '/api/matters' });
    assert.equal(r.statusCode, 401);
    const cookie = await env.login('towna');
    const unknown = await env.request(cookie, {
      method: 'POST',
      url: '/api/matters',
      payload: { ...sampleMatter(env.seed.villageA1), state: 'closed' },
    });
    assert.equal(unknown.statusCode, 400);
    const otherTown = await env.request(cookie, {
      method: 'POST',
      url: '/api/matters',
      payload: sampleMatter(env.seed.villageB1),
    });
    assert.equal(otherTown.statusCode, 400);
    assert.equal(otherTown.json().error.code, 'MATTER_VILLAGE_INVALID');
    const badCat = await env.request(cookie, {
      method: 'POST',
      url: '/api/matters',
      payload: sampleMatter(env.seed.villageA1, { categoryCode: 'nope' }),
    });
    assert.equal(badCat.json().error.code, 'MATTER_CATEGORY_INVALID');
    const en = await env.request(cookie, {
      method: 'POST',
      url: '/api/matters/01900000-0000-7000-8000-000000000000/transitions',
      payload: { action: 'sign', version: 1 },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 404);
    const wrongAction = await env.request(cookie, {
      method: 'POST',
      url: '/api/matters/01900000-0000-7000-8000-000000000000/transitions',
      payload: { action: 'close_no_response', version: 1 },
    });
    assert.equal(wrongAction.statusCode, 400, 'the sweep-only action is not part of the API');
  });
});
