import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { permissionsOf, type Permission, type Role } from '@xinhuo/shared';
import { makePerson, makeTrainingSession } from '../helpers/factories';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { sampleMatter } from '../helpers/matters';
import { findPii } from '../helpers/pii';

// A bounded slice of security.md's battery (B3 17–19, B4 28) that walks EVERY registered route, so a route
// added later is covered without editing this file: the authorization matrix (9 accounts + anonymous), the
// audit of every denial, byte-identical 404s for another town's records, and a scan of every JSON answer for
// a full ID number or phone.

const ACCOUNTS: readonly [string, Role][] = [
  ['city1', 'city_admin'],
  ['towna', 'town_staff'],
  ['townb', 'town_staff'],
  ['seca1', 'village_secretary'],
  ['deptd', 'dept_handler'],
  ['leader1', 'leader'],
  ['sysadm', 'sys_admin'],
  ['secadm', 'sec_admin'],
  ['audadm', 'audit_admin'],
];

/** Routes that end the caller's own session or password are exercised by their own tests, not the matrix. */
const SELF_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

function concreteUrl(url: string, id: string): string {
  return url.replace(/:[A-Za-z]+/g, (p) =>
    p === ':date' ? '2026-03-02' : p === ':code' ? 'no_such_code' : p === ':key' ? 'no_such_key' : id,
  );
}

/** An error body without its per-request id. */
const strip = (body: string) => body.replace(/"requestId":"[^"]*"/, '');

async function countDenials(env: TestEnv): Promise<number> {
  const r = await sql<{ n: number | string }>`
    select count(*) as n from audit_log where action = 'access_denied'`.execute(env.services.db);
  return Number(r.rows[0]!.n);
}

describe('security battery: every route × every role, scope and personal data', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  // The wall screen's display token (a town's): a principal of its own that holds `wall:view` only.
  let displayToken = '';
  before(async () => {
    env = await createTestEnv();
    for (const [u] of ACCOUNTS) cookies[u] = await env.login(u);
    const created = await env.request(cookies.sysadm!, {
      method: 'POST',
      url: '/api/admin/display-tokens',
      payload: { name: '会议室大屏', orgId: env.seed.townA },
    });
    assert.equal(created.statusCode, 201, created.body);
    displayToken = (JSON.parse(created.body) as { token: string }).token;
  });
  after(() => env.close());

  test('authorization matrix: 0 unexpected answers, every 403 audited, no full ID or phone in any answer', async () => {
    const routes = env.app.routeInventory.filter(
      (r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !('public' in r.access),
    );
    assert.ok(routes.length >= 60, `only ${routes.length} routes found`);
    const denialsBefore = await countDenials(env);
    let cells = 0;
    let forbidden = 0;
    const unexpected: string[] = [];
    const leaks: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      if (SELF_ENDING.has(key)) continue;
      const url = concreteUrl(route.url, randomUUID());
      // Raw uploads (attachments, the roster, LRMX and sign-in sheet imports) take octet-stream; JSON would stop at 415 before access.
      const upload = route.rawUpload;
      const send = (cookie: string | null, headers: Record<string, string> = {}) =>
        env.request(cookie, {
          method: route.method as 'GET',
          url,
          headers,
          ...(route.method === 'GET' || route.method === 'DELETE'
            ? {}
            : upload
              ? {
                  headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': 'a.txt' },
                  payload: Buffer.from('hello'),
                }
              : { payload: {} }),
        });
      const anon = await send(null);
      cells++;
      if (anon.statusCode !== 401) unexpected.push(`${key} anonymous → ${anon.statusCode}`);
      // The display token: 403 (audited) on every route but those that name `wall:view`, and no personal data there.
      const shown = await send(null, { authorization: `Bearer ${displayToken}` });
      cells++;
      const forDisplay = 'permission' in route.access && route.access.permission === 'wall:view';
      if (!forDisplay) {
        if (shown.statusCode !== 403)
          unexpected.push(`${key} display token → ${shown.statusCode} (expected 403)`);
        else forbidden++;
      } else if (shown.statusCode !== 200) unexpected.push(`${key} display token → ${shown.statusCode}`);
      const shownPii = findPii(shown.body);
      if (shownPii) leaks.push(`${key} display token: ${shownPii}`);
      for (const [user, role] of ACCOUNTS) {
        const r = await send(cookies[user]!);
        cells++;
        const held = permissionsOf([role]);
        const holds =
          'authenticated' in route.access ||
          ('permission' in route.access && held.includes(route.access.permission)) ||
          ('anyPermission' in route.access &&
            route.access.anyPermission.some((p: Permission) => held.includes(p)));
        if (!holds) {
          if (r.statusCode !== 403) unexpected.push(`${key} ${role} → ${r.statusCode} (expected 403)`);
          else forbidden++;
        } else if (r.statusCode === 401 || r.statusCode === 403) {
          unexpected.push(`${key} ${role} → ${r.statusCode} (holds the permission)`);
        }
        const type = String(r.headers['content-type'] ?? '');
        const pii = type.includes('json') && !route.url.endsWith('/reveal') ? findPii(r.body) : null;
        if (pii) leaks.push(`${key} ${role}: ${pii}`);
      }
    }
    const denialsAudited = (await countDenials(env)) - denialsBefore;
    console.log(
      `# matrix: ${routes.length} routes, ${cells} cells, ${forbidden} denials (${denialsAudited} audited), ${unexpected.length} unexpected, ${leaks.length} PII leaks`,
    );
    assert.deepEqual(unexpected, []);
    assert.deepEqual(leaks, []);
    assert.equal(denialsAudited, forbidden);
  });

  test("another town's records answer exactly like missing ones on every :id route", async () => {
    const persons: string[] = [env.seed.personB1];
    for (let i = 0; i < 49; i++) {
      const p = await makePerson(env, {
        name: `乙${i}`,
        org: env.seed.villageB1,
        birthDate: '1985-01-01',
        gender: i % 2 ? '1' : '2',
        phone: null,
      });
      persons.push(p.id);
    }
    const matter = await env.request(cookies['townb']!, {
      method: 'POST',
      url: '/api/matters',
      payload: sampleMatter(env.seed.villageB1),
    });
    assert.equal(matter.statusCode, 201, matter.body);
    const townBSession = await makeTrainingSession(env, { owner: env.seed.townB });
    const townBCohort = await env.services.training.createCohort(SYSTEM_CALLER, {
      name: '乙镇定制班',
      partner: '扬州大学',
      intakeYear: 2020,
      ownerOrgId: env.seed.townB,
    });
    const foreign: Record<string, string[]> = {
      people: persons,
      orgs: [env.seed.villageB1, env.seed.townB],
      matters: [matter.json().id],
      'training/people': persons.slice(0, 5),
      'training/sessions': [townBSession.sessionId],
      'training/class/cohorts': [townBCohort],
    };
    const routes = env.app.routeInventory.filter(
      (r) =>
        r.method === 'GET' &&
        /^\/api\/(people|orgs|matters|training\/people|training\/sessions|training\/class\/cohorts)\/:id(\/|$)/.test(
          r.url,
        ),
    );
    let probes = 0;
    const differ: string[] = [];
    for (const route of routes) {
      const kind = route.url.slice('/api/'.length, route.url.indexOf('/:id'));
      for (const id of foreign[kind]!) {
        const mine = await env.request(cookies['towna']!, { method: 'GET', url: concreteUrl(route.url, id) });
        const none = await env.request(cookies['towna']!, {
          method: 'GET',
          url: concreteUrl(route.url, randomUUID()),
        });
        probes += 2;
        // Identical apart from the per-request id (a 403 when the route itself is not the caller's).
        if (
          mine.statusCode !== none.statusCode ||
          ![403, 404].includes(mine.statusCode) ||
          strip(mine.body) !== strip(none.body)
        )
          differ.push(`${route.url} ${mine.statusCode}/${none.statusCode}`);
      }
    }
    console.log(`# idor: ${routes.length} routes, ${probes} probes, ${differ.length} differences`);
    assert.ok(routes.length >= 5);
    assert.deepEqual(differ, []);
  });
});
