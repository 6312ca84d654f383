// Issue 7 items 11, 13 (HSTS) and the audit:verify command line: the demo builder's own guard, the
// public demo password refused outside demo mode, HSTS behind https only, truncation seen by the CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { compose } from '../../src/composition';
import { buildApp } from '../../src/app';
import { DEMO_PASSWORD, ensureDemo } from '../../src/demo/demo-city';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit';
import { createTestEnv, DB_KIND, freshDatabaseUrl, ORIGIN, type TestEnv } from '../helpers/test-env';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

function cli(args: string[], env: Record<string, string | undefined>) {
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...env };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    env: full,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('the demo builder guards its public password (item 11)', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ users: [['audadm', 'audit_admin', null]] });
  });
  after(() => env.close());

  test('ensureDemo refuses outside demo mode, and on PostgreSQL even in demo mode; no account is made', async () => {
    await env.services.db
      .deleteFrom('orgs')
      .execute()
      .catch(() => undefined); // not needed: refusal comes first
    await assert.rejects(
      ensureDemo(env.services, () => {}, { demoMode: false }),
      /DEMO_REFUSED/,
    );
    if (DB_KIND === 'postgres')
      await assert.rejects(
        ensureDemo(env.services, () => {}, { demoMode: true }),
        /DEMO_REFUSED/,
      );
    const demoUsers = await env.services.db
      .selectFrom('users')
      .select('username')
      .where('username', 'like', 'demo-%')
      .execute();
    assert.deepEqual(demoUsers, []);
  });

  test('`cli demo` against PostgreSQL or outside demo mode refuses, zh and en, and creates nothing', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-cli-demo-'));
    try {
      const url = DB_KIND === 'postgres' ? await freshDatabaseUrl() : undefined;
      const r = cli(['demo'], {
        XINHUO_DATA_DIR: dataDir,
        XINHUO_MASTER_KEY: randomBytes(32).toString('hex'),
        DATABASE_URL: url,
        XINHUO_DEMO: url ? undefined : '0',
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /demo mode on the embedded SQLite database/);
      assert.match(r.stderr, /仅可在演示模式下/);
      if (url) {
        const tables = await sql<{
          n: number;
        }>`select count(*) as n from information_schema.tables where table_name = 'users'`.execute(
          env.services.db,
        );
        // freshDatabaseUrl wiped the schema the env used; the refused command created none.
        assert.equal(Number(tables.rows[0]!.n), 0);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the public demo password outside demo mode (item 11, defence in depth)', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ users: [['audadm', 'audit_admin', null]] });
    // An account that holds the public password anyway (a demo built by an older version, a copied database).
    await env.services.auth.bootstrapAccount(SYSTEM_ACTOR, {
      username: 'demo-city',
      displayName: 'demo-city',
      password: DEMO_PASSWORD,
      roles: ['city_admin'],
      orgIds: [env.seed.cityId],
    });
  });
  after(() => env.close());

  test('outside demo mode a login with the public demo password is refused like a wrong password, and audited', async () => {
    const r = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-city', password: DEMO_PASSWORD },
    });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'AUTH_INVALID_CREDENTIALS');
    const wrong = await env.request(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-city', password: 'Wrong#Pass2024x' },
    });
    const body = (x: typeof r) => ({ ...x.json().error, requestId: undefined });
    assert.deepEqual(body(r), body(wrong), 'the same answer as a wrong password');
    assert.equal(r.cookies.length, 0);
    const rows = await env.services.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'details'])
      .where('action', '=', 'login_failed')
      .execute();
    assert.ok(rows.some((x) => x.details.includes('public_demo_password') && x.outcome === 'denied'));
  });

  test('in demo mode the same login works', async () => {
    const demoApp = await buildApp(env.services, {
      logLevel: 'silent',
      publicOrigin: ORIGIN,
      demoMode: true,
    });
    try {
      const r = await demoApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: ORIGIN },
        payload: { username: 'demo-city', password: DEMO_PASSWORD },
      });
      assert.equal(r.statusCode, 200, r.body);
    } finally {
      await demoApp.close();
    }
  });
});

describe('HSTS (item 13)', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ users: [['audadm', 'audit_admin', null]] });
  });
  after(() => env.close());

  const sample: {
    method: 'GET' | 'POST';
    url: string;
    payload?: object | string;
    headers?: Record<string, string>;
  }[] = [
    { method: 'GET', url: '/healthz' },
    { method: 'GET', url: '/api/auth/me' },
    { method: 'GET', url: '/api/no-such-route' },
    { method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } },
    { method: 'POST', url: '/api/auth/login', payload: 'a=b', headers: { 'content-type': 'text/plain' } },
  ];

  test('sent on every response when the public origin is https', async () => {
    const origin = 'https://xinhuo.example.gov.cn';
    const app = await buildApp(env.services, { logLevel: 'silent', publicOrigin: origin });
    try {
      for (const s of sample) {
        const r = await app.inject({
          ...s,
          headers: { origin, ...s.headers },
        });
        assert.equal(
          r.headers['strict-transport-security'],
          'max-age=31536000; includeSubDomains',
          `${s.method} ${s.url} → ${r.statusCode}`,
        );
      }
    } finally {
      await app.close();
    }
  });

  test('not sent when the public origin is http (or not set)', async () => {
    for (const s of sample) {
      const r = await env.request(null, s);
      assert.equal(r.headers['strict-transport-security'], undefined, `${s.method} ${s.url}`);
    }
  });
});

describe('`npm run audit:verify` sees truncation (item 5, command line)', () => {
  test('intact → exit 0; the last 50 rows deleted → exit 1 "truncated after seq N" in en and zh', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-cli-verify-'));
    const key = randomBytes(32).toString('hex');
    const url = await freshDatabaseUrl();
    const env = { XINHUO_DATA_DIR: dataDir, XINHUO_MASTER_KEY: key, XINHUO_DEMO: '0', DATABASE_URL: url };
    try {
      const services = await compose({
        databaseUrl: url,
        dataDir,
        masterKey: Buffer.from(key, 'hex'),
        auditAnchorFile: path.join(dataDir, 'audit-anchor.json'),
      });
      for (let i = 0; i < 80; i++) await services.audit.recordAlone(SYSTEM_ACTOR, { action: 'test_event' });
      await services.audit.exportAnchor();
      const ok = cli(['audit:verify'], env);
      assert.equal(ok.status, 0, ok.stdout + ok.stderr);
      assert.match(ok.stdout, /audit trail intact: 80 rows verified/);
      if (DB_KIND === 'postgres') {
        await sql`alter table audit_log disable trigger user`.execute(services.db);
        await sql`delete from audit_log where seq > 30`.execute(services.db);
        await sql`alter table audit_log enable trigger user`.execute(services.db);
      } else {
        await sql`drop trigger audit_log_no_delete`.execute(services.db);
        await sql`delete from audit_log where seq > 30`.execute(services.db);
      }
      await services.close();
      const bad = cli(['audit:verify'], env);
      assert.equal(bad.status, 1, bad.stdout + bad.stderr);
      assert.match(bad.stderr, /truncated after seq 30\b/);
      assert.match(bad.stderr, /第 30 条之后被截断/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
