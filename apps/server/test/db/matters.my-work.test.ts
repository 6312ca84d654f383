import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

interface Item {
  kind: string;
  matterId: string;
  assignmentId: string | null;
  due: string | null;
  overdue: boolean;
  villageName: string;
  unitName: string | null;
}
interface Note {
  id: string;
  kind: string;
  objectId: string | null;
  isRead: boolean;
}

/**
 * My work (我的待办) against the workflow: each user's list holds exactly the items the rules table lets
 * them act on now, its counts agree with it, notifications go to the desk that must act and are read
 * once the item they ask for is handled.
 */
describe('my work and notifications addressed to who must act', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let mc: ReturnType<typeof matterClient>;
  const USERS = ['city1', 'towna', 'townb', 'seca1', 'deptd', 'leader1'];

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    for (const u of USERS) cookies[u] = await env.login(u);
    mc = matterClient(env, cookies);
  });
  after(() => env.close());

  const get = async (user: string, url: string) => {
    const r = await env.request(cookies[user]!, { method: 'GET', url });
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  /** The whole list (every page), checked against the counts: per kind, total, and the kind filter. */
  async function work(user: string): Promise<Item[]> {
    const counts = await get(user, '/api/my-work/counts');
    const items: Item[] = [];
    for (let page = 1; ; page++) {
      const p = await get(user, `/api/my-work?page=${page}&pageSize=2`);
      assert.deepEqual(p.counts, counts.counts);
      assert.equal(p.total, counts.total);
      items.push(...p.items);
      if (p.items.length < 2) break;
    }
    assert.equal(items.length, counts.total, `${user}: the list holds what the counts say`);
    for (const { kind, count } of counts.counts as { kind: string; count: number }[]) {
      const one = await get(user, `/api/my-work?kind=${kind}&pageSize=200`);
      assert.equal(one.total, count);
      assert.equal(one.items.length, count);
      assert.ok(one.items.every((i: Item) => i.kind === kind));
      assert.equal(items.filter((i) => i.kind === kind).length, count, `${user} ${kind}`);
    }
    return items;
  }
  const kindsOf = async (user: string, matterId: string) =>
    (await work(user))
      .filter((i) => i.matterId === matterId)
      .map((i) => i.kind)
      .sort();
  const notes = async (user: string, query = ''): Promise<Note[]> =>
    (await get(user, `/api/notifications?pageSize=200${query}`)).items;
  const version = async (id: string) => (await mc.get('city1', id)).json().version as number;

  let m1: { id: string };
  let m2: { id: string };

  test('who may act on a new matter: the town of its village (and the city), nobody in another town', async () => {
    m1 = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    m2 = await mc.raise(
      'townb',
      sampleMatter(env.seed.villageB1, { title: 'B1村道路破损', raiserName: '张伟' }),
    );
    assert.deepEqual(await kindsOf('towna', m1.id), ['to_dispatch']);
    assert.deepEqual(await kindsOf('towna', m2.id), []);
    assert.deepEqual(await kindsOf('townb', m2.id), ['to_dispatch']);
    assert.deepEqual(await kindsOf('townb', m1.id), []);
    assert.deepEqual(await kindsOf('city1', m1.id), ['to_dispatch']);
    // The raiser, the department and a read-only leader have nothing to do yet.
    for (const u of ['seca1', 'deptd', 'leader1']) assert.deepEqual(await kindsOf(u, m1.id), [], u);
    // The kinds offered follow the permissions: a village secretary rates, a department handles.
    const kinds = async (u: string) =>
      (await get(u, '/api/my-work/counts')).counts.map((c: { kind: string }) => c.kind);
    assert.deepEqual(await kinds('seca1'), ['to_rate']);
    assert.deepEqual(await kinds('deptd'), ['to_sign', 'to_handle']);
    assert.deepEqual(await kinds('leader1'), []);
    assert.deepEqual(await kinds('towna'), [
      'to_dispatch',
      'to_sign',
      'to_handle',
      'to_decide_extension',
      'to_verify',
    ]);
  });

  test('a new matter notifies the town desk that dispatches it, not the city', async () => {
    const town = await notes('towna');
    assert.deepEqual(
      town.filter((n) => n.objectId === m1.id).map((n) => n.kind),
      ['matter_registered'],
    );
    assert.equal((await notes('city1')).filter((n) => n.objectId === m1.id).length, 0);
    assert.equal((await notes('townb')).filter((n) => n.objectId === m1.id).length, 0);
  });

  test('dispatching, signing and handling move the item to the next party and mark its notification read', async () => {
    const before = (await get('towna', '/api/notifications/summary')) as {
      unread: number;
      byKind: { kind: string; unread: number }[];
    };
    assert.deepEqual(before.byKind, [{ kind: 'matter_registered', unread: 1 }]);
    await mc.ok('towna', m1.id, {
      action: 'dispatch',
      version: await version(m1.id),
      leadUnitId: env.seed.deptD,
      coUnits: [{ unitId: env.seed.townA }],
      deadline: '2026-03-20',
    });
    // The town's 待交办 is done: its notification is read for everyone at the desk.
    assert.deepEqual(await kindsOf('towna', m1.id), ['to_sign']);
    assert.deepEqual(await kindsOf('city1', m1.id), []);
    const registered = (await notes('towna')).find((n) => n.kind === 'matter_registered')!;
    assert.equal(registered.isRead, true);
    assert.equal(
      (await get('towna', '/api/notifications/summary')).byKind.some(
        (k: { kind: string }) => k.kind === 'matter_registered',
      ),
      false,
    );

    const dept = await work('deptd');
    assert.deepEqual(
      dept.map((i) => [i.kind, i.matterId, i.unitName, i.due, i.overdue]),
      [['to_sign', m1.id, '农业农村局', '2026-03-03', false]],
    );
    const assigned = () => notes('deptd', '&kind=matter_assigned');
    assert.equal((await assigned())[0]!.isRead, false);
    assert.equal((await get('deptd', '/api/notifications?read=false')).unread, 1);
    await mc.ok('deptd', m1.id, {
      action: 'sign',
      version: await version(m1.id),
      assignmentId: dept[0]!.assignmentId,
    });
    assert.equal((await assigned())[0]!.isRead, true);
    assert.equal((await get('deptd', '/api/notifications/unread-count')).unread, 0);
    // The town's own co-unit part is still to sign: signing for the department did not read the town's.
    assert.equal((await notes('towna', '&kind=matter_assigned'))[0]!.isRead, false);
    assert.deepEqual(await kindsOf('deptd', m1.id), ['to_handle']);

    await mc.ok('deptd', m1.id, {
      action: 'request_extension',
      version: await version(m1.id),
      requestedDue: '2026-03-27',
      reason: '需补充材料',
    });
    assert.deepEqual(await kindsOf('towna', m1.id), ['to_decide_extension', 'to_sign']);
    assert.deepEqual(await kindsOf('townb', m1.id), []);
    await mc.ok('towna', m1.id, { action: 'decide_extension', version: await version(m1.id), approve: true });
    assert.equal((await notes('towna', '&kind=extension_requested'))[0]!.isRead, true);
    assert.deepEqual(await kindsOf('towna', m1.id), ['to_sign']);

    await mc.ok('deptd', m1.id, {
      action: 'submit',
      version: await version(m1.id),
      resolution: '已协调审批部门完成批复。',
      signOffName: '王局长',
    });
    assert.deepEqual(await kindsOf('deptd', m1.id), []);
    // The co-unit may still sign for and answer its part while the lead's reply waits for 核查.
    assert.deepEqual(await kindsOf('towna', m1.id), ['to_sign', 'to_verify']);
    await mc.ok('towna', m1.id, { action: 'accept', version: await version(m1.id) });
    assert.equal((await notes('towna', '&kind=matter_submitted'))[0]!.isRead, true);
    assert.deepEqual(await kindsOf('towna', m1.id), []);

    const rate = await work('seca1');
    assert.deepEqual(
      rate.map((i) => [i.kind, i.matterId, i.villageName, i.unitName]),
      [['to_rate', m1.id, 'A1村', '农业农村局']],
    );
    await mc.ok('seca1', m1.id, { action: 'rate', version: await version(m1.id), rating: 'satisfied' });
    assert.equal((await notes('seca1', '&kind=feedback_requested'))[0]!.isRead, true);
    assert.deepEqual(await work('seca1'), []);
    for (const u of USERS) assert.deepEqual(await kindsOf(u, m1.id), [], u);
  });

  test('the notification centre filters by read and kind and marks one kind read', async () => {
    const all = await notes('towna');
    const unread = await notes('towna', '&read=false');
    const read = await notes('towna', '&read=true');
    assert.equal(unread.length + read.length, all.length);
    assert.ok(unread.every((n) => !n.isRead) && read.every((n) => n.isRead));
    const summary = await get('towna', '/api/notifications/summary');
    assert.equal(summary.unread, unread.length);
    const one = summary.byKind[0] as { kind: string; unread: number };
    const r = await env.request(cookies.towna!, {
      method: 'POST',
      url: '/api/notifications/read',
      payload: { all: true, kind: one.kind },
    });
    assert.equal(r.json().marked, one.unread);
    assert.equal((await get('towna', '/api/notifications/summary')).unread, unread.length - one.unread);
    const bad = await env.request(cookies.towna!, { method: 'GET', url: '/api/notifications?kind=nope' });
    assert.equal(bad.statusCode, 400);
  });

  test('overdue first, and the board filters by the supervision step reached', async () => {
    // Two matters of town A to the department: one due soon, one later; the sweep runs past the first.
    const late = await mc.raise('seca1', sampleMatter(env.seed.villageA1, { title: '灌溉渠渗漏' }));
    const later = await mc.raise('seca1', sampleMatter(env.seed.villageA1, { title: '村卫生室缺医生' }));
    for (const [m, deadline] of [
      [late, '2026-03-04'],
      [later, '2026-03-31'],
    ] as const) {
      await mc.ok('towna', m.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD, deadline });
      const part = (await work('deptd')).find((i) => i.matterId === m.id)!;
      await mc.ok('deptd', m.id, { action: 'sign', version: 2, assignmentId: part.assignmentId });
    }
    env.clock.set('2026-03-10T01:00:00Z');
    await env.services.loop.sweep.sweepDue(env.clock.now());
    // A week on, the sessions have lapsed.
    for (const u of USERS) cookies[u] = await env.login(u);
    const dept = await work('deptd');
    assert.deepEqual(
      dept.map((i) => [i.matterId, i.due, i.overdue]),
      [
        [late.id, '2026-03-04', true],
        [later.id, '2026-03-31', false],
      ],
    );
    // 3 working days late: 督办 (level 2) reached, 通报 not yet.
    const board = async (q: string) =>
      (await get('city1', `/api/matters?pageSize=200${q}`)).items.map((i: { id: string }) => i.id);
    assert.deepEqual(await board('&escalation=2'), [late.id]);
    assert.deepEqual(await board('&escalation=1'), []);
    assert.deepEqual(await board('&escalation=3'), []);
    assert.equal((await get('city1', '/api/matters/counts?escalation=2')).byState.length, 1);
    assert.deepEqual(await get('towna', '/api/matters?escalation=2').then((p) => p.total), 1);
    assert.equal((await get('townb', '/api/matters?escalation=2')).total, 0);
    const bad = await env.request(cookies.city1!, { method: 'GET', url: '/api/matters?escalation=4' });
    assert.equal(bad.statusCode, 400);
    // The supervision notices are the department's to act on: submitting reads them.
    const urges = () => notes('deptd', '&read=false');
    assert.ok((await urges()).some((n) => n.objectId === late.id && ['urge', 'supervise'].includes(n.kind)));
    await mc.ok('deptd', late.id, {
      action: 'submit',
      version: await version(late.id),
      resolution: '渠道已修复。',
      signOffName: '王局长',
    });
    assert.equal((await urges()).filter((n) => n.objectId === late.id).length, 0);
  });
});
