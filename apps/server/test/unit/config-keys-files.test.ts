import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config';
import { connectDatabase } from '../../src/platform/db/connect';

const KEY = randomBytes(32).toString('hex');
const root = mkdtempSync(path.join(tmpdir(), 'xinhuo-config-'));
const modeOf = (f: string) => statSync(f).mode & 0o777;
let n = 0;
const freshDir = () => path.join(root, `d${++n}`, 'data');

describe('master key beside the data (item 12)', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  test('demo mode generates its key into the data folder (0600, folder 0700) and says where', () => {
    const dir = freshDir();
    const c = loadConfig({ XINHUO_DATA_DIR: dir });
    assert.equal(c.isDemo, true);
    assert.equal(c.masterKeyFile, path.join(dir, 'master.key'));
    assert.equal(modeOf(c.masterKeyFile), 0o600);
    assert.equal(modeOf(dir), 0o700);
    const again = loadConfig({ XINHUO_DATA_DIR: dir });
    assert.ok(again.masterKey.equals(c.masterKey), 'the demo key is read back');
  });

  test('outside demo mode a key file in the data folder refuses the start, naming the file', () => {
    const dir = freshDir();
    loadConfig({ XINHUO_DATA_DIR: dir }); // a demo run left its key behind
    const keyFile = path.join(dir, 'master.key');
    for (const env of [
      { XINHUO_DATA_DIR: dir, XINHUO_DEMO: '0' as const, XINHUO_MASTER_KEY: KEY },
      { XINHUO_DATA_DIR: dir, XINHUO_DEMO: '0' as const },
      { XINHUO_DATA_DIR: dir, DATABASE_URL: 'postgres://x@127.0.0.1:1/x', XINHUO_MASTER_KEY: KEY },
    ]) {
      assert.throws(
        () => loadConfig(env),
        (e: Error) => e.message.includes(keyFile) && /XINHUO_MASTER_KEY/.test(e.message),
      );
    }
  });

  test('outside demo mode the key comes from XINHUO_MASTER_KEY only, and none is written', () => {
    const dir = freshDir();
    assert.throws(
      () => loadConfig({ XINHUO_DATA_DIR: dir, XINHUO_DEMO: '0' }),
      /XINHUO_MASTER_KEY is required/,
    );
    const c = loadConfig({ XINHUO_DATA_DIR: dir, XINHUO_DEMO: '0', XINHUO_MASTER_KEY: KEY });
    assert.equal(c.isDemo, false);
    assert.equal(c.masterKeyFile, null);
    assert.equal(c.masterKey.toString('hex'), KEY);
    assert.equal(existsSync(path.join(dir, 'master.key')), false);
  });

  test('the audit anchor file defaults beside the data and can be placed elsewhere', () => {
    const dir = freshDir();
    const env = { XINHUO_DATA_DIR: dir, XINHUO_DEMO: '0' as const, XINHUO_MASTER_KEY: KEY };
    assert.equal(loadConfig(env).auditAnchorFile, path.join(dir, 'audit-anchor.json'));
    assert.equal(
      loadConfig({ ...env, XINHUO_AUDIT_ANCHOR_FILE: '/var/lib/anchors/x.json' }).auditAnchorFile,
      '/var/lib/anchors/x.json',
    );
  });
});

/** The one table these tests create to make SQLite write its files. */
interface ScratchDb {
  t: { x: number };
}

describe('database file modes (item 13)', () => {
  test('a new embedded database: folder 0700, xinhuo.db and its -wal/-shm 0600, whatever the umask', async () => {
    const dir = freshDir();
    const old = process.umask(0o022);
    try {
      const h = connectDatabase<ScratchDb>({ dataDir: dir });
      await h.db.schema.createTable('t').addColumn('x', 'integer').execute();
      for (const f of ['xinhuo.db', 'xinhuo.db-wal', 'xinhuo.db-shm']) {
        assert.equal(modeOf(path.join(dir, f)), 0o600, f);
      }
      assert.equal(modeOf(dir), 0o700);
      await h.close();
    } finally {
      process.umask(old);
    }
  });

  test('an existing world-readable database is narrowed to 0600 at start', async () => {
    const dir = freshDir();
    const h = connectDatabase<ScratchDb>({ dataDir: dir });
    await h.db.schema.createTable('t').addColumn('x', 'integer').execute();
    await h.close();
    const file = path.join(dir, 'xinhuo.db');
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o666);
    const h2 = connectDatabase<ScratchDb>({ dataDir: dir });
    assert.equal(modeOf(file), 0o600);
    assert.equal(modeOf(`${file}-wal`), 0o600);
    await h2.close();
  });
});
