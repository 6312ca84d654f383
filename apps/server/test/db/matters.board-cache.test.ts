// The matter board's pages and kanban counts are cached by the matters and roster data versions, the day
// and the calendar (matters.service.ts): a write is seen at the very next read — also one made by another
// instance sharing the PostgreSQL database — and concurrent writers that audit and bump in either order
// never deadlock (the writers' lock, platform/db/data-version.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compose, type Services } from '../../src/composition';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { DB_KIND, createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

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
      const other: Services = await compose(
        {
          databaseUrl: process.env.XINHUO_TEST_DATABASE_URL,
          dataDir: '',
          masterKey: env.masterKey,
        },
        { clock: env.clock },
      );
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
});
