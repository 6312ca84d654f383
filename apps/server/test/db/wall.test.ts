// The wall screen (大屏) and its display tokens: created by the system administrator only, shown once and
// stored hashed, reaching /api/wall and nothing else, revoked at the next request (also through another
// instance), and a wall answer with aggregates only — no name, ID number, phone or record id.
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Wall } from '@xinhuo/shared';
import { compose, type Services } from '../../src/composition';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { createDisplayTokenService } from '../../src/modules/auth/display-tokens.service';
import { sampleMatter } from '../helpers/matters';
import { makePerson } from '../helpers/factories';
import { DB_KIND, createTestEnv, type TestEnv } from '../helpers/test-env';

const ID_RE = /[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]/;
const PHONE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Created {
  item: { id: string; name: string; orgName: string; lastUsedAt: string | null; revokedAt: string | null };
  token: string;
  path: string;
}

describe('wall screen and display tokens', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  const personNames: string[] = [];
  before(async () => {
    env = await createTestEnv();
    for (const u of ['sysadm', 'city1', 'towna', 'leader1', 'secadm']) cookies[u] = await env.login(u);
    // People with phones in both towns, and a matter in each: figures to count, personal data to leak.
    // Each sits as party secretary of their village, so the roster figures count them.
    const { terms, people } = env.services;
    for (const [i, org] of [env.seed.villageA1, env.seed.villageA2, env.seed.villageB1].entries()) {
      const p = await makePerson(env, { name: `墙测${i}`, org, phone: `1391234567${i}` });
      personNames.push(p.name);
      await people.transaction(async (trx) => {
        const termId = await terms.createTerm(trx, SYSTEM_CALLER, {
          orgId: org,
          committee: 'party',
          name: '2026—2031届',
          electionDate: '2026-01-05',
          startDate: '2026-01-05',
          endDate: '2031-01-05',
        });
        await terms.appointPosition(trx, SYSTEM_CALLER, {
          personId: p.id,
          termId,
          role: 'party_secretary',
          startDate: '2026-01-05',
        });
      });
    }
    personNames.push('陆婷婷', '李强', '张伟');
    for (const [user, village] of [
      ['towna', env.seed.villageA1],
      ['city1', env.seed.villageB1],
    ] as const) {
      const r = await env.request(cookies[user]!, {
        method: 'POST',
        url: '/api/matters',
        payload: sampleMatter(village, { raiserName: '王建国' }),
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    personNames.push('王建国');
  });
  after(() => env.close());

  const create = async (cookie: string, body: Record<string, unknown>) =>
    env.request(cookie, { method: 'POST', url: '/api/admin/display-tokens', payload: body });
  const wall = (token: string) =>
    env.request(null, { method: 'GET', url: '/api/wall', headers: { authorization: `Bearer ${token}` } });

  test('only the system administrator creates tokens; the token is shown once, stored hashed, audited', async () => {
    for (const u of ['city1', 'towna', 'leader1', 'secadm'])
      assert.equal((await create(cookies[u]!, { name: '大屏', orgId: env.seed.townA })).statusCode, 403, u);
    const bad = await create(cookies.sysadm!, {
      name: '大屏',
      orgId: '00000000-0000-7000-8000-000000000000',
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const r = await create(cookies.sysadm!, { name: 'A镇会议室', orgId: env.seed.townA });
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json<Created>();
    assert.match(c.token, /^xhd_[A-Za-z0-9_-]{43}$/);
    assert.equal(c.path, `/wall#token=${c.token}`);
    assert.equal(c.item.orgName, 'A镇');
    const list = await env.request(cookies.sysadm!, { method: 'GET', url: '/api/admin/display-tokens' });
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(c.token), 'the list never shows a token');
    const row = await env.services.db
      .selectFrom('display_tokens')
      .selectAll()
      .where('id', '=', c.item.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, c.token);
    assert.ok(!JSON.stringify(row).includes(c.token.slice(4)), 'only the hash is stored');
    const audit = await env.services.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('object_id', '=', c.item.id)
      .execute();
    assert.deepEqual(audit, [{ action: 'display_token_created', actor_name: 'sysadm' }]);
  });

  test("a town's token shows that town's aggregates, computed like the statistics routes, without personal data", async () => {
    const c = (await create(cookies.sysadm!, { name: 'A镇大屏', orgId: env.seed.townA })).json<Created>();
    const r = await wall(c.token);
    assert.equal(r.statusCode, 200, r.body);
    const w = r.json<Wall>();
    const roster = await env.services.stats.rosterStats(
      {
        ...SYSTEM_CALLER,
        scopePaths: [(await env.services.orgs.loadInScope(SYSTEM_CALLER, env.seed.townA)).path],
      },
      env.seed.townA,
      undefined,
    );
    assert.equal(w.orgName, 'A镇');
    assert.equal(w.roster.members, roster.members);
    assert.equal(w.roster.organizations, roster.organizations);
    assert.deepEqual(
      w.roster.byChild.map((x) => x.name),
      roster.byChild.map((x) => x.name),
    );
    assert.ok(!w.roster.byChild.some((x) => x.name === 'B1村'), "another town's village never shows");
    // One matter raised in town A, one in town B: the town's wall counts its own.
    assert.equal(w.loop.totals.raised, 1);
    assert.equal(w.roster.members, 2, 'the two secretaries of town A');
    // No personal data anywhere in the answer: no name, ID number, phone, nor any record id.
    for (const name of personNames) assert.ok(!r.body.includes(name), `name ${name} in the wall answer`);
    assert.doesNotMatch(r.body, ID_RE);
    assert.doesNotMatch(r.body, PHONE_RE);
    assert.doesNotMatch(r.body, UUID_RE);
    // Last use is recorded (and listed).
    const list = await env.request(cookies.sysadm!, { method: 'GET', url: '/api/admin/display-tokens' });
    const item = list.json<{ items: Created['item'][] }>().items.find((x) => x.id === c.item.id)!;
    assert.ok(item.lastUsedAt, 'last use listed');
    // A signed-in leader previews the city's wall with their session; the city sees both matters.
    const city = await env.request(cookies.leader1!, { method: 'GET', url: '/api/wall' });
    assert.equal(city.statusCode, 200, city.body);
    assert.equal(city.json<Wall>().loop.totals.raised, 2);
  });

  test('the token reaches no other route: 403 and audited, even those open to any signed-in account', async () => {
    const c = (await create(cookies.sysadm!, { name: '只读', orgId: env.seed.townA })).json<Created>();
    const auth = { authorization: `Bearer ${c.token}` };
    for (const [method, url] of [
      ['GET', '/api/auth/me'],
      ['GET', '/api/stats/roster'],
      ['GET', '/api/matters/stats'],
      ['GET', `/api/people/${env.seed.personA1}`],
      ['GET', '/api/people'],
      ['GET', '/api/admin/display-tokens'],
      ['POST', '/api/auth/logout'],
      ['POST', '/api/admin/display-tokens'],
    ] as const) {
      const r = await env.request(null, {
        method,
        url,
        headers: auth,
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      assert.equal(r.statusCode, 403, `${method} ${url}: ${r.body}`);
    }
    const denials = await env.services.db
      .selectFrom('audit_log')
      .select(['object_id', 'actor_role'])
      .where('action', '=', 'access_denied')
      .where('actor_id', '=', c.item.id)
      .execute();
    assert.equal(denials.length, 8);
    assert.ok(denials.every((d) => d.actor_role === 'display'));
    // An unknown token is 401 with its own message; a session cookie wins over a token.
    const unknown = await wall('xhd_' + randomBytes(32).toString('base64url'));
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'DISPLAY_TOKEN_INVALID');
    const both = await env.request(cookies.towna!, { method: 'GET', url: '/api/auth/me', headers: auth });
    assert.equal(both.statusCode, 200);
  });

  test('revocation takes effect at the next request, also for another instance that had the token cached', async () => {
    const c = (await create(cookies.sysadm!, { name: '撤销', orgId: env.seed.cityId })).json<Created>();
    for (let i = 0; i < 3; i++) assert.equal((await wall(c.token)).statusCode, 200);
    // A second instance's resolver on the same database, its cache warm.
    const other = createDisplayTokenService({
      db: env.services.db,
      clock: env.clock,
      audit: env.services.audit,
    });
    assert.ok(await other.resolve(c.token));
    const r = await env.request(cookies.sysadm!, {
      method: 'POST',
      url: `/api/admin/display-tokens/${c.item.id}/revoke`,
      payload: {},
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.json<Created['item']>().revokedAt);
    const after = await wall(c.token);
    assert.equal(after.statusCode, 401);
    assert.equal(after.json<{ error: { code: string } }>().error.code, 'DISPLAY_TOKEN_INVALID');
    assert.equal(await other.resolve(c.token), null);
    const audit = await env.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', c.item.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['display_token_created', 'display_token_revoked'],
    );
    // Revoking again changes nothing; an unknown id is 404; only the system administrator revokes.
    const again = await env.request(cookies.sysadm!, {
      method: 'POST',
      url: `/api/admin/display-tokens/${c.item.id}/revoke`,
      payload: {},
    });
    assert.equal(again.statusCode, 200);
    const city = await env.request(cookies.city1!, {
      method: 'POST',
      url: `/api/admin/display-tokens/${c.item.id}/revoke`,
      payload: {},
    });
    assert.equal(city.statusCode, 403);
  });

  test(
    'a token revoked through another instance sharing the database is refused at the next request',
    { skip: DB_KIND !== 'postgres' && 'instances share a database on PostgreSQL' },
    async () => {
      const c = (await create(cookies.sysadm!, { name: '另一实例', orgId: env.seed.townA })).json<Created>();
      assert.equal((await wall(c.token)).statusCode, 200);
      const other: Services = await compose(
        { databaseUrl: process.env.XINHUO_TEST_DATABASE_URL, dataDir: '', masterKey: env.masterKey },
        { clock: env.clock },
      );
      try {
        await other.auth.displayTokens.revoke(SYSTEM_CALLER.actor, c.item.id);
        assert.equal((await wall(c.token)).statusCode, 401);
      } finally {
        await other.close();
      }
    },
  );
});
