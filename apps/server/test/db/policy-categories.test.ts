import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MatterCatalog, MatterCategory, MatterDetail, PolicyVersionListOfKind } from '@xinhuo/shared';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

// Issue 10 item 5: the loop's matter categories are a policy kind with effective dates. Today is Monday
// 2026-03-02 (Shanghai); version 1 is the categories the loop had (from the migration).
describe('matter categories: dated versions decide what a new matter may take; old matters keep theirs', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let mc: ReturnType<typeof matterClient>;
  const url = '/api/policy/matter_categories/versions';
  let oldMatter: MatterDetail;

  const at = async (iso: string, users = ['city1', 'towna', 'seca1']) => {
    env.clock.set(iso);
    for (const u of users) cookies[u] = await env.login(u);
  };
  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    await at('2026-03-02T02:00:00Z', ['city1', 'towna', 'seca1', 'deptd']);
    mc = matterClient(env, cookies);
  });
  after(() => env.close());

  const list = async () => {
    const r = await env.request(cookies.city1!, { method: 'GET', url });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as PolicyVersionListOfKind<'matter_categories'>;
  };
  const publish = (effectiveFrom: string, categories: MatterCategory[], lang = 'zh-CN') =>
    env.request(cookies.city1!, {
      method: 'POST',
      url,
      payload: { effectiveFrom, body: { categories } },
      headers: { 'accept-language': lang },
    });
  const newest = async () =>
    structuredClone((await list()).items.find((v) => v.status !== 'cancelled')!.body);
  const offered = async () =>
    (
      (
        await env.request(cookies.seca1!, { method: 'GET', url: '/api/matters/catalog' })
      ).json() as MatterCatalog
    ).categories
      .filter((c) => c.isActive)
      .map((c) => c.code);
  const raise = (categoryCode: string) =>
    env.request(cookies.seca1!, {
      method: 'POST',
      url: '/api/matters',
      payload: sampleMatter(env.seed.villageA1, { categoryCode }),
    });
  const elderCare: MatterCategory = {
    code: 'elder_care',
    nameZh: '农村养老服务',
    nameEn: 'Rural elderly care',
    defaultUnitId: null,
    isActive: true,
  };

  test('version 1 holds the categories the loop had, in force from the start', async () => {
    const l = await list();
    assert.deepEqual(
      l.items.map((v) => [v.version, v.status, v.effectiveFrom]),
      [[1, 'in_force', '2000-01-01']],
    );
    assert.deepEqual(
      l.items[0]!.body.categories.map((c) => c.code),
      ['village_economy', 'beautiful_village', 'burden_reduction', 'cadre_exchange', 'other'],
    );
    assert.deepEqual(
      await offered(),
      l.items[0]!.body.categories.map((c) => c.code),
    );
    oldMatter = (await mc.raise('seca1', sampleMatter(env.seed.villageA1))) as MatterDetail;
    assert.equal(oldMatter.categoryName, '村级经济发展');
    assert.equal(oldMatter.categoryNameRaised, null);
  });

  test('a category added from Wednesday is not offered before its date and is from it', async () => {
    const body = await newest();
    const r = await publish('2026-03-04', [...body.categories, elderCare]);
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().status, 'scheduled');
    assert.equal(r.json().version, 2);
    assert.ok(!(await offered()).includes('elder_care'));
    const early = await raise('elder_care');
    assert.equal(early.statusCode, 400, early.body);
    assert.equal(early.json().error.code, 'MATTER_CATEGORY_INVALID');
    const audit = await env.services.db
      .selectFrom('audit_log')
      .select(['object_id'])
      .where('action', '=', 'policy_version_create')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.object_id),
      ['matter_categories:2'],
    );

    await at('2026-03-04T01:00:00Z');
    assert.ok((await offered()).includes('elder_care'));
    const ok = await raise('elder_care');
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal((ok.json() as MatterDetail).categoryName, '农村养老服务');
    assert.deepEqual(
      (await list()).items.map((v) => [v.version, v.status]),
      [
        [2, 'in_force'],
        [1, 'superseded'],
      ],
    );
  });

  test('a retired and renamed category is refused for a new matter from its date; old matters keep it', async () => {
    const body = await newest();
    const economy = body.categories.find((c) => c.code === 'village_economy')!;
    economy.isActive = false;
    economy.nameZh = '村级经济发展（旧）';
    economy.nameEn = 'Village economy (old)';
    assert.equal((await publish('2026-03-05', body.categories)).statusCode, 201);
    assert.equal((await raise('village_economy')).statusCode, 201, 'still open on Wednesday');

    await at('2026-03-05T01:00:00Z');
    const refused = await raise('village_economy');
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().error.code, 'MATTER_CATEGORY_INVALID');
    assert.ok(!(await offered()).includes('village_economy'));
    // The old matter keeps its category: lists show today's name, its page the name it was raised under.
    const d = (await mc.get('towna', oldMatter.id)).json() as MatterDetail;
    assert.equal(d.category, 'village_economy');
    assert.equal(d.categoryName, '村级经济发展（旧）');
    assert.equal(d.categoryNameRaised, '村级经济发展');
    const board = (await mc.list('towna', '?category=village_economy')).json() as {
      items: { id: string; categoryName: string }[];
      total: number;
    };
    assert.equal(board.total, 2);
    assert.ok(board.items.every((i) => i.categoryName === '村级经济发展（旧）'));
    // The retired category is still listed in the catalogue (inactive), so filters and statistics name it.
    const catalog = (
      await env.request(cookies.seca1!, { method: 'GET', url: '/api/matters/catalog' })
    ).json() as MatterCatalog;
    assert.deepEqual(
      catalog.categories.find((c) => c.code === 'village_economy'),
      { ...economy, isActive: false },
    );
  });

  test('a scheduled version can be withdrawn; its date is free again; a date held is refused (zh and en)', async () => {
    const body = await newest();
    const later = structuredClone(body.categories);
    later.find((c) => c.code === 'other')!.nameZh = '其他事项';
    const v = await publish('2026-03-10', later);
    assert.equal(v.statusCode, 201, v.body);
    const taken = await publish('2026-03-10', body.categories, 'en');
    assert.equal(taken.statusCode, 400, taken.body);
    assert.deepEqual(
      taken.json().error.fields.map((f: { path: string; reason: string }) => [f.path, f.reason]),
      [['effectiveFrom', 'DATE_TAKEN']],
    );
    assert.match(taken.json().error.fields[0].message, /already takes effect on this date/);
    const takenZh = await publish('2026-03-10', body.categories);
    assert.match(takenZh.json().error.fields[0].message, /该日期已有一个待生效的版本/);

    const cancel = await env.request(cookies.city1!, {
      method: 'POST',
      url: `${url}/${v.json().version}/cancel`,
      payload: { reason: '名称再议' },
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(cancel.json().status, 'cancelled');
    const again = await publish('2026-03-10', body.categories);
    assert.equal(again.statusCode, 201, again.body);
    await at('2026-03-10T01:00:00Z');
    const l = await list();
    assert.deepEqual(
      l.items.slice(0, 3).map((x) => [x.effectiveFrom, x.status]),
      [
        ['2026-03-10', 'in_force'],
        ['2026-03-10', 'cancelled'],
        ['2026-03-05', 'superseded'],
      ],
    );
    const catalog = (
      await env.request(cookies.seca1!, { method: 'GET', url: '/api/matters/catalog' })
    ).json() as MatterCatalog;
    assert.equal(catalog.categories.find((c) => c.code === 'other')!.nameZh, '其他');
  });

  test('a past date, a removed category, a repeated code and a foreign default unit are refused (zh and en)', async () => {
    const body = await newest();
    const past = await publish('2026-03-09', body.categories, 'en');
    assert.equal(past.statusCode, 400, past.body);
    assert.equal(past.json().error.code, 'EFFECTIVE_DATE_PAST');
    assert.match(past.json().error.message, /cannot be before today/);
    assert.match((await publish('2026-03-09', body.categories)).json().error.message, /生效日期不能早于今天/);

    const removed = await publish(
      '2026-03-20',
      body.categories.filter((c) => c.code !== 'elder_care'),
      'en',
    );
    assert.equal(removed.statusCode, 400, removed.body);
    assert.deepEqual(removed.json().error.fields[0], {
      path: 'body.categories',
      reason: 'CATEGORY_REMOVED',
      message: 'A published category cannot be removed, only retired: matters still use it',
    });
    const twice = await publish('2026-03-20', [...body.categories, body.categories[0]!]);
    assert.equal(twice.statusCode, 400, twice.body);
    assert.deepEqual(twice.json().error.fields[0], {
      path: 'body.categories',
      reason: 'DUPLICATE_CODE',
      message: '代码重复：每一项的代码须不同',
    });
    const badName = await publish('2026-03-20', [{ ...elderCare, code: 'Bad Code' }, ...body.categories]);
    assert.equal(badName.json().error.fields[0].path, 'body.categories.0.code');

    // A default unit outside the caller's scope (the town's administrator publishes nothing: 403 first).
    const town = await env.request(cookies.towna!, {
      method: 'POST',
      url,
      payload: { effectiveFrom: '2026-03-20', body },
    });
    assert.equal(town.statusCode, 403, town.body);
    const unit = structuredClone(body.categories);
    unit[0]!.defaultUnitId = '00000000-0000-4000-8000-000000000000';
    const foreign = await publish('2026-03-20', unit);
    assert.equal(foreign.statusCode, 400, foreign.body);
    assert.equal(foreign.json().error.fields[0].path, 'body.categories.0.defaultUnitId');
    unit[0]!.defaultUnitId = env.seed.deptD;
    assert.equal((await publish('2026-03-20', unit)).statusCode, 201);
  });

  test('the old one-category route still works: it publishes a version in force today', async () => {
    const before = (await list()).items.length;
    const r = await env.request(cookies.city1!, {
      method: 'PUT',
      url: '/api/matters/categories/road_safety',
      payload: { nameZh: '道路交通安全', nameEn: 'Road safety', isActive: true },
    });
    assert.equal(r.statusCode, 204, r.body);
    const l = await list();
    assert.equal(l.items.length, before + 1);
    const v = l.items.find((x) => x.status === 'in_force')!;
    assert.equal(v.effectiveFrom, '2026-03-10');
    assert.equal(v.body.categories.at(-1)!.code, 'road_safety');
    assert.ok((await offered()).includes('road_safety'));
    assert.equal((await raise('road_safety')).statusCode, 201);
  });
});
