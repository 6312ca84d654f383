import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

/** An instant at a Shanghai wall-clock time (UTC+8). */
const sh = (date: string, time: string) => new Date(new Date(`${date}T${time}:00Z`).getTime() - 8 * 3600_000);

interface Note {
  kind: string;
  text: string;
  objectType: string | null;
}
interface Counts {
  counts: { kind: string; count: number }[];
  total: number;
  overdue: number;
}

/**
 * The optional daily digest (issue 12 item 2): from the digest hour on, one notification a day to each
 * user who opted in and has work waiting, summing the My work counts the menu shows.
 */
describe('the daily digest of My work', () => {
  let env: TestEnv;
  const c: Record<string, string> = {};
  const get = async (user: string, url: string) => {
    const r = await env.request(c[user]!, { method: 'GET', url });
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  const digests = async (user: string): Promise<Note[]> =>
    (await get(user, '/api/notifications?kind=daily_digest&pageSize=200')).items;
  const optIn = async (user: string, enabled: boolean) => {
    const r = await env.request(c[user]!, { method: 'PUT', url: '/api/me/digest', payload: { enabled } });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { enabled });
  };

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T00:00:00Z' });
    for (const u of ['towna', 'townb', 'city1', 'seca1', 'deptd']) c[u] = await env.login(u);
    // A matter of village A1: town A and the city have it to dispatch.
    const mc = matterClient(env, c);
    await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    // A second one dispatched with town A as co-unit: town A has it to sign for, by a due date.
    const m2 = await mc.raise('seca1', sampleMatter(env.seed.villageA1, { title: 'A1村道路破损' }));
    await mc.ok('city1', m2.id, {
      action: 'dispatch',
      version: 1,
      leadUnitId: env.seed.deptD,
      coUnits: [{ unitId: env.seed.townA }],
      deadline: '2026-03-20',
    });
  });
  after(() => env.close());

  test('off until the user opts in; the switch is the user’s own', async () => {
    assert.deepEqual(await get('towna', '/api/me/digest'), { enabled: false });
    await optIn('towna', true);
    await optIn('seca1', true);
    assert.deepEqual(await get('towna', '/api/me/digest'), { enabled: true });
    assert.deepEqual(
      await get('townb', '/api/me/digest'),
      { enabled: false },
      'another user is not opted in',
    );
    const bad = await env.request(c.towna!, {
      method: 'PUT',
      url: '/api/me/digest',
      payload: { enabled: 'yes' },
    });
    assert.equal(bad.statusCode, 400);
    const anon = await env.request(null, { method: 'GET', url: '/api/me/digest' });
    assert.equal(anon.statusCode, 401);
  });

  test('none before the digest hour (08:00 Shanghai by default)', async () => {
    assert.deepEqual(await env.services.digest.sweep(sh('2026-03-02', '07:59')), {});
    assert.equal((await digests('towna')).length, 0);
  });

  test('one digest after two sweeps at 08:30, its figures the My work counts, to opted-in users with work', async () => {
    const counts: Counts = await get('towna', '/api/my-work/counts');
    assert.ok(counts.total > 0, 'town A has work waiting');
    assert.deepEqual(await env.services.digest.sweep(sh('2026-03-02', '08:30')), { daily_digest: 1 });
    assert.deepEqual(await env.services.digest.sweep(sh('2026-03-02', '08:31')), {}, 'once a day');
    // Nor does a sweep late in the same day.
    assert.deepEqual(await env.services.digest.sweep(sh('2026-03-02', '23:59')), {});
    const [d, ...more] = await digests('towna');
    assert.equal(more.length, 0);
    assert.equal(d!.objectType, 'my_work');
    const words: Record<string, string> = {
      to_dispatch: '待交办',
      to_sign: '待签收',
      to_handle: '待办理',
      to_decide_extension: '待审批延期',
      to_verify: '待核查',
      to_rate: '待评价',
    };
    const parts = counts.counts.map((k) => `${words[k.kind]} ${k.count}`);
    assert.equal(d!.text, `今日待办 ${counts.total} 项：${[...parts, `逾期 ${counts.overdue}`].join('、')}`);
    const n = (kind: string) => counts.counts.find((k) => k.kind === kind)?.count;
    assert.equal(n('to_dispatch'), 1);
    assert.equal(n('to_sign'), 1);
    // The city has work too but did not opt in; the village secretary opted in but nothing waits for them.
    assert.ok((await get('city1', '/api/my-work/counts')).total > 0);
    assert.equal((await digests('city1')).length, 0);
    assert.equal((await get('seca1', '/api/my-work/counts')).total, 0);
    assert.equal((await digests('seca1')).length, 0);
  });

  test('the next day brings the next digest, with overdue as the list marks it; none after opting out', async () => {
    env.clock.advance(40 * 86400_000);
    c.towna = await env.login('towna');
    const counts: Counts = await get('towna', '/api/my-work/counts');
    const list = (await get('towna', '/api/my-work?pageSize=200')).items as { overdue: boolean }[];
    assert.ok(counts.overdue > 0, 'forty days on, the matter is overdue');
    assert.equal(counts.overdue, list.filter((i) => i.overdue).length);
    assert.deepEqual(await env.services.digest.sweep(sh('2026-03-03', '09:00')), { daily_digest: 1 });
    const latest = (await digests('towna'))[0]!;
    assert.match(latest.text, new RegExp(`逾期 ${counts.overdue}$`));
    await optIn('towna', false);
    assert.deepEqual(await env.services.digest.sweep(sh('2026-03-04', '09:00')), {});
    assert.equal((await digests('towna')).length, 2);
  });
});
