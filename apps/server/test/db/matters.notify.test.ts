import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { createNotifier } from '../../src/platform/notify/notifier';
import type { WebhookPolicy } from '../../src/platform/notify/webhook-guard';
import { matterClient, sampleMatter } from '../helpers/matters';

/**
 * A webhook receiver on 127.0.0.1 that records what it gets and answers with the given status (and
 * headers); `connections` counts every TCP connection, so a test can prove none was opened.
 */
function receiver(status: () => number, headers: () => Record<string, string> = () => ({})) {
  const got: { body: Record<string, unknown>; contentType: string | undefined }[] = [];
  const stats = { connections: 0 };
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      got.push({ body: JSON.parse(data), contentType: req.headers['content-type'] });
      res.writeHead(status(), headers()).end();
    });
  });
  server.on('connection', () => stats.connections++);
  return new Promise<{
    url: string;
    port: number;
    got: typeof got;
    stats: typeof stats;
    close(): Promise<void>;
  }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/hook?key=abc`,
        port,
        got,
        stats,
        close: () => new Promise((r) => server.close(() => r())),
      });
    }),
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
    // The town dispatched the first matter (its notice is handled, so read); a second one waits.
    await mc.raise('seca1', sampleMatter(env.seed.villageA1, { title: '村道路灯损坏' }));
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
    const db = env.services.db;
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

  test('a webhook to this machine, the metadata address or the intranet cannot be saved (zh/en, field named)', async () => {
    const put = (url: string, lang = 'zh') =>
      env.request(cookies.city1!, {
        method: 'PUT',
        url: `/api/orgs/${env.seed.deptD}/webhook`,
        payload: { url },
        headers: { 'accept-language': lang },
      });
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://0xa9fea9fe/',
      'http://[::ffff:169.254.169.254]/',
      'http://10.0.0.8/hook',
      'http://192.168.1.20:8080/hook',
      'http://100.64.0.1/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://0.0.0.0:3000/',
      'http://localhost:3000/api/admin',
      'http://metadata.google.internal/',
    ]) {
      const r = await put(url);
      assert.equal(r.statusCode, 400, url);
      assert.equal(r.json().error.code, 'WEBHOOK_URL_NOT_ALLOWED', url);
      assert.equal(r.json().error.fields[0].path, 'url', url);
    }
    const zh = (await put('http://169.254.169.254/')).json().error;
    assert.match(zh.message, /内网/);
    assert.match(zh.fields[0].message, /169\.254\.169\.254/);
    const en = (await put('http://169.254.169.254/', 'en')).json().error;
    assert.match(en.message, /private, link-local or reserved/);
    assert.match(en.fields[0].message, /link-local/);
    assert.equal((await put('gopher://example.com/')).json().error.code, 'WEBHOOK_URL_INVALID');
    // The earlier (test-allowed loopback) URL is still the one configured.
    const got = await env.request(cookies.city1!, {
      method: 'GET',
      url: `/api/orgs/${env.seed.deptD}/webhook`,
    });
    assert.equal(got.json().url, hook.url);
  });

  describe('delivery re-checks the target and never connects to a refused address', () => {
    const db = () => env.services.db;
    let seq = 0;
    /** An outbox row as a URL stored before this check existed (or by hand in the database) would leave. */
    async function pending(url: string): Promise<string> {
      const id = `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
      const now = env.clock.now().toISOString();
      await db()
        .insertInto('notification_outbox')
        .values({
          id,
          notification_id: id,
          org_id: env.seed.deptD,
          url,
          payload: '{"kind":"test"}',
          attempts: 0,
          next_attempt_at: now,
          claimed_until: null,
          delivered_at: null,
          last_error: null,
          created_at: now,
        })
        .execute();
      return id;
    }
    const rowOf = (id: string) =>
      db().selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const notifierWith = (webhooks: WebhookPolicy) =>
      createNotifier({ db: db(), clock: env.clock, audit: env.services.audit, webhooks });

    test('production policy: a loopback receiver is refused, recorded and audited, and gets no connection', async () => {
      const trap = await receiver(() => 200);
      try {
        const id = await pending(trap.url);
        const r = await notifierWith({}).deliverDue();
        assert.deepEqual(r, { delivered: 0, failed: 1 });
        const row = await rowOf(id);
        assert.equal(row.last_error, 'refused: loopback');
        assert.equal(row.delivered_at, null);
        assert.equal(Number(row.attempts), 6, 'a refusal is final: never retried');
        assert.equal(trap.stats.connections, 0);
        const audit = await db()
          .selectFrom('audit_log')
          .select(['outcome', 'object_id', 'details'])
          .where('action', '=', 'webhook_refused')
          .execute();
        assert.equal(audit.length, 1);
        assert.equal(audit[0]!.outcome, 'denied');
        assert.equal(audit[0]!.object_id, env.seed.deptD);
        // Retried later: nothing happens, still no connection.
        env.clock.advance(24 * 3600_000);
        assert.deepEqual(await notifierWith({}).deliverDue(), { delivered: 0, failed: 0 });
        assert.equal(trap.stats.connections, 0);
      } finally {
        await trap.close();
      }
    });

    test('after name resolution: a name resolving to loopback, or to one bad address among good ones, is refused unconnected', async () => {
      const trap = await receiver(() => 200);
      try {
        // Under the tests-only allowance 127.0.0.1 itself passes, so "mixed" proves every address
        // is checked: without that, the delivery would go to the first (loopback) answer.
        const resolve = async (host: string) =>
          ({ 'rebind.example.test': ['127.0.0.1'], 'mixed.example.test': ['127.0.0.1', '10.0.0.1'] })[host] ??
          [];
        const strict = await pending(`http://rebind.example.test:${trap.port}/hook`);
        assert.deepEqual(await notifierWith({ resolve }).deliverDue(), { delivered: 0, failed: 1 });
        assert.equal((await rowOf(strict)).last_error, 'refused: loopback');
        const mixed = await pending(`http://mixed.example.test:${trap.port}/hook`);
        assert.deepEqual(await notifierWith({ resolve, allowLoopbackForTests: true }).deliverDue(), {
          delivered: 0,
          failed: 1,
        });
        assert.equal((await rowOf(mixed)).last_error, 'refused: private');
        assert.equal(trap.stats.connections, 0);
        // The same allowance and a name resolving only to loopback: delivered, to the checked address.
        const fine = await pending(`http://fine.example.test:${trap.port}/hook`);
        const only = async () => ['127.0.0.1'];
        assert.deepEqual(await notifierWith({ resolve: only, allowLoopbackForTests: true }).deliverDue(), {
          delivered: 1,
          failed: 0,
        });
        assert.notEqual((await rowOf(fine)).delivered_at, null);
        assert.equal(trap.stats.connections, 1);
      } finally {
        await trap.close();
      }
    });

    test('a redirect is not followed, so a receiver cannot bounce the post elsewhere', async () => {
      const inner = await receiver(() => 200);
      const bouncer = await receiver(
        () => 307,
        () => ({ location: inner.url }),
      );
      try {
        const id = await pending(bouncer.url);
        const r = await notifierWith({ allowLoopbackForTests: true }).deliverDue();
        assert.deepEqual(r, { delivered: 0, failed: 1 });
        assert.equal((await rowOf(id)).last_error, 'HTTP 307 (redirects are not followed)');
        assert.equal(bouncer.got.length, 1);
        assert.equal(inner.stats.connections, 0);
      } finally {
        await inner.close();
        await bouncer.close();
      }
    });
  });
});
