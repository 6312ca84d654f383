// The matter board's pages and kanban counts are cached by the matters and roster data versions, the day
// and the calendar (matters.service.ts): a write is seen at the very next read — also one made by another
// instance sharing the PostgreSQL database — and concurrent writers that audit and bump in either order
// never deadlock (the writers' lock, platform/db/data-version.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { DB_KIND, createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';
import { countOrEstimate } from '../../src/modules/matters/matters.repository';

interface Board {
  total: number;
  items: { id: string; state: string; isOverdue: boolean; leadUnit: { name: string } | null }[];
}

describe('matter board cache', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let mc: ReturnType<typeof matterClient>;
  const board = async (query = '') => {
    const r = await mc.list('towna', query);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as Board;
  };
  const counts = async () => {
    const r = await env.request(cookies.towna!, { method: 'GET', url: '/api/matters/counts' });
    assert.equal(r.statusCode, 200, r.body);
    return Object.fromEntries(
      (r.json().byState as { state: string; count: number }[]).map((c) => [c.state, c.count]),
    );
  };

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['towna', 'seca1', 'deptd']) cookies[u] = await env.login(u);
    mc = matterClient(env, cookies);
  });
  after(() => env.close());

  test('a raise, a dispatch and a renamed unit show at the next read; the same read again is the same page', async () => {
    const before = await board();
    const countsBefore = await counts();
    assert.deepEqual(await board(), before, 'a repeated read answers the same page');

    const m = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    const afterRaise = await board();
    assert.equal(afterRaise.total, before.total + 1);
    assert.equal(afterRaise.items[0]!.id, m.id, 'newest first');
    assert.equal(afterRaise.items[0]!.state, 'registered');
    assert.equal((await counts()).registered ?? 0, (countsBefore.registered ?? 0) + 1);

    await mc.ok('towna', m.id, {
      action: 'dispatch',
      version: 1,
      leadUnitId: env.seed.deptD,
      deadline: '2026-03-16',
    });
    const dispatched = (await board()).items.find((i) => i.id === m.id)!;
    assert.equal(dispatched.state, 'dispatched');
    assert.equal((await counts()).registered ?? 0, countsBefore.registered ?? 0);

    // The lead unit's name comes from the org tree (the roster data version).
    const unit = await env.services.orgs.getOrg(SYSTEM_CALLER, env.seed.deptD);
    await env.services.orgs.updateOrg(SYSTEM_CALLER, env.seed.deptD, {
      name: '县农业农村局（更名）',
      version: unit.version,
    });
    assert.equal((await board()).items.find((i) => i.id === m.id)!.leadUnit?.name, '县农业农村局（更名）');
  });

  test('every page of a query shows its total (cached apart from the pages), and a raise moves it on every page', async () => {
    for (let i = 0; i < 2; i++) await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    const first = await board('?pageSize=1&page=1');
    const second = await board('?pageSize=1&page=2');
    assert.ok(first.total >= 2);
    assert.equal(second.total, first.total);
    assert.notEqual(second.items[0]!.id, first.items[0]!.id);
    const filtered = await board('?pageSize=1&page=1&state=closed');
    assert.ok(filtered.total < first.total, 'another filter is another count');

    const m = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    const secondAfter = await board('?pageSize=1&page=2');
    assert.equal(secondAfter.total, first.total + 1, 'the cached total moved with the raise');
    assert.equal(secondAfter.items[0]!.id, first.items[0]!.id, 'the former first page is now the second');
    assert.equal((await board('?pageSize=1&page=1')).items[0]!.id, m.id);
    assert.equal((await board('?pageSize=1&page=1&state=closed')).total, filtered.total);
  });

  test('a new day is a new page: past its deadline the matter is overdue without any write', async () => {
    const m = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    await mc.ok('towna', m.id, {
      action: 'dispatch',
      version: 1,
      leadUnitId: env.seed.deptD,
      deadline: '2026-03-04',
    });
    assert.equal((await board()).items.find((i) => i.id === m.id)!.isOverdue, false);
    env.clock.set('2026-03-06T02:00:00Z');
    for (const u of Object.keys(cookies)) cookies[u] = await env.login(u); // four idle days end sessions
    assert.equal((await board()).items.find((i) => i.id === m.id)!.isOverdue, true);
    assert.ok((await board('?overdue=true')).items.some((i) => i.id === m.id));
  });

  test('concurrent raises and dispatches all succeed (writers that audit and bump never deadlock)', async () => {
    const raised = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        mc.raise('seca1', sampleMatter(env.seed.villageA1, { title: `并发事项${i}` })),
      ),
    );
    const before = await board();
    const results = await Promise.all(
      raised.map((m) =>
        mc.act('towna', m.id, {
          action: 'dispatch',
          version: 1,
          leadUnitId: env.seed.deptD,
          deadline: '2026-03-20',
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      raised.map(() => 200),
    );
    const after = await board('?pageSize=100');
    for (const m of raised) assert.equal(after.items.find((i) => i.id === m.id)?.state, 'dispatched');
    assert.equal(after.total, before.total);
  });

  test(
    'a matter raised through another instance sharing the database shows at the next read here',
    { skip: DB_KIND !== 'postgres' && 'instances share a database on PostgreSQL' },
    async () => {
      const other = await env.secondInstance();
      try {
        const before = await board();
        const [id] = await other.loop.matters.raiseMatters(SYSTEM_CALLER, [
          {
            title: '另一实例登记的事项',
            description: '由共享同一数据库的另一实例登记，本实例的看板缓存须立即反映。',
            categoryCode: 'village_economy',
            villageId: env.seed.villageA1,
            raiserName: '陆婷婷',
          },
        ]);
        const after = await board();
        assert.equal(after.total, before.total + 1);
        assert.equal(after.items[0]!.id, id);
      } finally {
        await other.close();
      }
    },
  );

  test('the total is counted exactly below the estimate threshold and when asked; beyond it, estimated on PostgreSQL only', async () => {
    const exact = await board();
    assert.equal(exact.total > 0, true);
    const r = await mc.list('towna', '?exactTotal=true');
    assert.equal(r.statusCode, 200, r.body);
    const asked = r.json() as Board & { totalEstimated: boolean };
    assert.equal(asked.total, exact.total);
    assert.equal(asked.totalEstimated, false);
    assert.equal((exact as Board & { totalEstimated: boolean }).totalEstimated, false, 'a town is counted');

    // The same query with a threshold of 0 (every scope "very large"): the planner's estimate on PostgreSQL,
    // a positive number flagged as estimated; SQLite has no estimate and always counts.
    const db = env.services.db;
    const v = { scopePaths: ['/'], userId: null };
    const all = await countOrEstimate(db, v, {}, Infinity);
    assert.equal(all.estimated, false);
    const est = await countOrEstimate(db, v, {}, 0);
    if (DB_KIND === 'postgres') {
      assert.equal(est.estimated, true);
      assert.ok(est.n >= 1, `an estimate of at least one row, got ${est.n}`);
    } else assert.deepEqual(est, all);
  });
});
