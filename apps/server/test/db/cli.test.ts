// Issue 10 item 9: the command-line commands without a test of their own (help, migrate, create-admin,
// audit:verify), run as an operator runs them: child processes against a real data directory / database.
// backup, restore, export and import are tested in backup.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compose, type Services } from '../../src/composition';
import { runCli } from '../helpers/cli';
import { freshDatabaseUrl } from '../helpers/test-env';

const NEW_ADMIN_PASSWORD = 'Lantern#Quiet2026x';

describe('command line: help, migrate, create-admin, audit:verify', () => {
  let dir: string;
  let env: Record<string, string>;
  let url: string | undefined;
  const open = (): Promise<Services> =>
    compose({
      databaseUrl: url,
      dataDir: path.join(dir, 'data'),
      masterKey: Buffer.from(env.XINHUO_MASTER_KEY!, 'hex'),
      auditAnchorFile: path.join(dir, 'data', 'audit-anchor.json'),
    });

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-cli-'));
    url = await freshDatabaseUrl();
    env = {
      XINHUO_DEMO: '0',
      XINHUO_MASTER_KEY: randomBytes(32).toString('hex'),
      XINHUO_DATA_DIR: path.join(dir, 'data'),
      ...(url ? { DATABASE_URL: url } : {}),
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('help lists the commands; an unknown command fails with the help', async () => {
    const h = await runCli(['help'], env);
    assert.equal(h.code, 0);
    for (const c of ['backup', 'restore', 'export', 'import', 'audit:verify', 'create-admin', 'migrate'])
      assert.ok(h.stdout.includes(c), c);
    const u = await runCli(['frobnicate'], env);
    assert.notEqual(u.code, 0);
    assert.match(u.stderr, /unknown command frobnicate/);
  });

  test('migrate brings an empty database to the current schema, and again is a no-op', async () => {
    const first = await runCli(['migrate'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /migrations are current/);
    const services = await open();
    try {
      // The newest migration's table exists (and is empty).
      const n = await services.db
        .selectFrom('audit_saved_searches')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 0);
    } finally {
      await services.close();
    }
    const again = await runCli(['migrate'], env);
    assert.equal(again.code, 0, again.stderr);
  });

  test('create-admin: arguments checked; the account must change its password; roles kept separate', async () => {
    const noPassword = await runCli(['create-admin', '--username', 'ops-sys', '--role', 'sys_admin'], env);
    assert.equal(noPassword.code, 2);
    assert.match(noPassword.stderr, /XINHUO_NEW_PASSWORD/);
    const withPw = { ...env, XINHUO_NEW_PASSWORD: NEW_ADMIN_PASSWORD };
    const badRole = await runCli(['create-admin', '--username', 'ops-sys', '--role', 'root'], withPw);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /unknown role root/);
    const ok = await runCli(
      ['create-admin', '--username', 'ops-sys', '--role', 'sys_admin', '--display-name', '运维系统管理员'],
      withPw,
    );
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /created ops-sys \(sys_admin\) id /);
    const taken = await runCli(['create-admin', '--username', 'ops-sys', '--role', 'sys_admin'], withPw);
    assert.notEqual(taken.code, 0, 'a taken username is refused');
    const services = await open();
    try {
      const u = await services.db
        .selectFrom('users')
        .select(['id', 'display_name', 'must_change_password', 'is_active'])
        .where('username_norm', '=', 'ops-sys')
        .executeTakeFirstOrThrow();
      assert.equal(u.display_name, '运维系统管理员');
      assert.equal(u.must_change_password, 1);
      assert.equal(u.is_active, 1);
      const roles = await services.db
        .selectFrom('user_roles')
        .select('role')
        .where('user_id', '=', u.id)
        .execute();
      assert.deepEqual(
        roles.map((r) => r.role),
        ['sys_admin'],
      );
      // Audited as the system's own action.
      const rows = await services.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('object_id', '=', u.id)
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.action, JSON.parse(r.details).via]),
        [['user_create', 'bootstrap']],
      );
    } finally {
      await services.close();
    }
    // 三员分立: a separated administrator with an org scope is refused.
    const scoped = await runCli(
      [
        'create-admin',
        '--username',
        'ops-sec',
        '--role',
        'sec_admin',
        '--org',
        '01900000-0000-7000-8000-0000000000aa',
      ],
      withPw,
    );
    assert.notEqual(scoped.code, 0, 'a separated administrator never has an org scope');
  });

  test('audit:verify reports the intact trail and its row count', async () => {
    const r = await runCli(['audit:verify'], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /audit trail intact: \d+ rows verified/);
    assert.match(r.stdout, /审计日志完整/);
  });
});
