import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { matterClient, sampleMatter } from '../helpers/matters';

/** A webhook receiver on 127.0.0.1 that records what it gets and answers with the given status. */
function receiver(status: () => number) {
  const got: { body: any; contentType: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      got.push({ body: JSON.parse(data), contentType: req.headers['content-type'] });
      res.writeHead(status()).end();
    });
  });
  return new Promise<{ url: string; got: typeof got; close(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?key=abc`,
        got,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('notifications in the app and by webhook', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let mc: ReturnType<typeof matterClient>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let hookStatus = 200;

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['city1', 'towna', 'townb', 'seca1', 'deptd']) cookies[u] = await env.login(u);
    mc = matterClient(env, cookies);
    hook = await receiver(() => hookStatus);
  });
  after(async () => {
    await hook.close();
    await env.close();
  });

  test('only the city may set a webhook, and only an http(s) URL without credentials', async () => {
    const put = (user: string, url: string | null) =>
      env.request(cookies[user]!, {
        method: 'PUT',
        url: `/api/orgs/${env.seed.deptD}/webhook`,
        payload: { url },
      });
    assert.equal((await put('towna', hook.url)).statusCode, 403);
    assert.equal((await put('city1', 'ftp://127.0.0.1/x')).json().error.code, 'WEBHOOK_URL_INVALID');
    assert.equal((await put('city1', 'http://u:p@127.0.0.1/x')).json().error.code, 'WEBHOOK_URL_INVALID');
    assert.equal((await put('city1', hook.url)).statusCode, 204);
    const got = await env.request(cookies.city1!, {
      method: 'GET',
      url: `/api/orgs/${env.seed.deptD}/webhook`,
    });
    assert.equal(got.json().url, hook.url);
  });

  test('an assignment notifies the unit in the app and by webhook after commit; the raiser hears too', async () => {
    const m = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    const town = (await env.request(cookies.towna!, { method: 'GET', url: '/api/notifications' })).json();
    assert.equal(town.items[0].kind, 'matter_registered');
    assert.match(town.items[0].text, /^新登记事项待交办：SX2026-\d{5}「村集体经济项目审批慢」$/);
    await mc.ok('towna', m.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD });
    const dept = (await env.request(cookies.deptd!, { method: 'GET', url: '/api/notifications' })).json();
    assert.equal(dept.unread, 1);
    assert.equal(dept.items[0].kind, 'matter_assigned');
    assert.equal(dept.items[0].objectId, m.id);
    assert.match(dept.items[0].text, /张组交〔2026〕1号/);
    const en = (
      await env.request(cookies.deptd!, {
        method: 'GET',
        url: '/api/notifications',
        headers: { 'accept-language': 'en' },
      })
    ).json();
    assert.match(en.items[0].text, /^New matter assigned: SX2026-/);
    const village = (await env.request(cookies.seca1!, { method: 'GET', url: '/api/notifications' })).json();
    assert.deepEqual(
      village.items.map((i: { kind: string }) => i.kind),
      ['matter_assigned'],
    );
    assert.equal(
      (await env.request(cookies.townb!, { method: 'GET', url: '/api/notifications' })).json().items.length,
      0,
    );

    await env.services.notify.flush();
    assert.equal(hook.got.length, 1);
    assert.equal(hook.got[0]!.body.kind, 'matter_assigned');
    assert.equal(hook.got[0]!.body.objectId, m.id);
    assert.match(hook.got[0]!.contentType ?? '', /application\/json/);
  });

  test('marking read: some, then all; others’ ids are ignored', async () => {
    const list = (await env.request(cookies.deptd!, { method: 'GET', url: '/api/notifications' })).json();
    const foreign = (await env.request(cookies.towna!, { method: 'GET', url: '/api/notifications' })).json()
      .items[0].id;
    const r = await env.request(cookies.deptd!, {
      method: 'POST',
      url: '/api/notifications/read',
      payload: { ids: [list.items[0].id, foreign] },
    });
    assert.equal(r.json().marked, 1);
    assert.equal(
      (await env.request(cookies.deptd!, { method: 'GET', url: '/api/notifications/unread-count' })).json()
        .unread,
      0,
    );
    assert.equal(
      (await env.request(cookies.towna!, { method: 'GET', url: '/api/notifications/unread-count' })).json()
        .unread,
      1,
    );
    await env.request(cookies.towna!, {
      method: 'POST',
      url: '/api/notifications/read',
      payload: { all: true },
    });
    assert.equal(
      (await env.request(cookies.towna!, { method: 'GET', url: '/api/notifications/unread-count' })).json()
        .unread,
      0,
    );
  });

  test('a failing webhook never blocks the work: the outbox keeps it for a retry', async () => {
    hookStatus = 500;
    const m = await mc.raise('seca1', sampleMatter(env.seed.villageA1));
    const d = await mc.ok('towna', m.id, { action: 'dispatch', version: 1, leadUnitId: env.seed.deptD });
    assert.equal(d.state, 'dispatched');
    await env.services.notify.flush();
    const db = env.services.db as unknown as Kysely<any>;
    const row = await db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('delivered_at', 'is', null)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.attempts), 1);
    assert.equal(row.last_error, 'HTTP 500');
    hookStatus = 200;
    env.clock.advance(10 * 60_000);
    const again = await env.services.notify.deliverDue();
    assert.deepEqual(again, { delivered: 1, failed: 0 });
    assert.equal(hook.got.length, 3);
  });
});
