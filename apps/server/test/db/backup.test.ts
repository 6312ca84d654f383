import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
  readdirSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { compose, type Services } from '../../src/composition';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { holdDataDir, MANIFEST_FORMAT, type BackupManifest } from '../../src/platform/backup/backup';
import { BackupError } from '../../src/platform/backup/messages';
import { extractEntry, listTar, writeTar } from '../../src/platform/backup/tar';
import { runScheduledBackup } from '../../src/platform/backup/schedule';
import type { DataDirLock } from '../../src/platform/db/sqlite-backup';
import { DB_KIND, freshDatabaseUrl, TEST_PASSWORD } from '../helpers/test-env';
import { makeOrg, makePerson } from '../helpers/factories';
import { sampleMatter } from '../helpers/matters';
import { runCli } from '../helpers/cli';
import { rosterRow, rosterWorkbook } from '../helpers/roster-workbook';
import { testIdNumber } from '../helpers/factories';

/*
 * Backup and restore through the command line an operator uses (child processes), against a database
 * that the test process writes to meanwhile, as a running server would.
 */

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `xinhuo-${name}-`));

interface World {
  dir: string;
  dataDir: string;
  keyHex: string;
  services: Services;
  villageA: string;
  villageB: string;
  townA: string;
  matters: string[];
}

async function openWorld(databaseUrl?: string): Promise<World> {
  const dir = tmp('bk');
  const dataDir = path.join(dir, 'data');
  const keyHex = randomBytes(32).toString('hex');
  const services = await openServices(dataDir, keyHex, databaseUrl);
  const city = await makeOrg({ services }, { name: '备份市', kind: 'city' });
  const townA = await makeOrg({ services }, { parent: city, name: '甲镇', kind: 'town' });
  const townB = await makeOrg({ services }, { parent: city, name: '乙镇', kind: 'town' });
  const villageA = await makeOrg({ services }, { parent: townA, name: '甲一村' });
  const villageB = await makeOrg({ services }, { parent: townB, name: '乙一村' });
  const [matterId] = await services.loop.matters.raiseMatters(SYSTEM_CALLER, [sampleMatter(villageA.id)]);
  await services.audit.exportAnchor();
  return {
    dir,
    dataDir,
    keyHex,
    services,
    villageA: villageA.id,
    villageB: villageB.id,
    townA: townA.id,
    matters: [matterId!],
  };
}

function openServices(dataDir: string, keyHex: string, databaseUrl?: string): Promise<Services> {
  return compose({
    databaseUrl,
    dataDir,
    masterKey: Buffer.from(keyHex, 'hex'),
    auditAnchorFile: path.join(dataDir, 'audit-anchor.json'),
  });
}

function cliEnv(w: World, dataDir = w.dataDir, databaseUrl?: string): Record<string, string> {
  return {
    XINHUO_DEMO: '0',
    XINHUO_MASTER_KEY: w.keyHex,
    XINHUO_DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

/**
 * A write of the simulated server, retried when SQLite answers SQLITE_BUSY: the CLI writes its own audit
 * row into the live database, and a deferred transaction of this process that read before that commit
 * cannot then write (SQLITE_BUSY_SNAPSHOT, no busy wait). A refused write was not acknowledged and left
 * nothing behind (rolled back); it is made again.
 */
async function retryBusy<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY') || attempt >= 20) throw e;
      busyRetries++;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
let busyRetries = 0;

/**
 * One write of the load: a person (sealed ID number and phone) and an attachment (sealed file) on a
 * matter (a new one every 20 writes: a record takes 20 attachments), each acknowledged in turn.
 */
async function writeOne(w: World, i: number): Promise<void> {
  const birth = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  await retryBusy(() =>
    makePerson({ services: w.services }, { org: w.villageA, name: `写入${i}`, birthDate: birth }),
  );
  if (i % 20 === 0 && i > 0) {
    const [id] = await retryBusy(() =>
      w.services.loop.matters.raiseMatters(SYSTEM_CALLER, [sampleMatter(w.villageA)]),
    );
    w.matters.push(id!);
  }
  await retryBusy(() =>
    w.services.attachments.upload(SYSTEM_CALLER, 'matter', w.matters.at(-1)!, {
      name: `证据${i}.txt`,
      bytes: Buffer.from(`payload ${i} ${'x'.repeat(i % 50)}`),
    }),
  );
}

async function count(s: Services, table: 'persons' | 'attachments' | 'audit_log'): Promise<number> {
  const r = await s.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function manifestOf(file: string): BackupManifest {
  const dir = tmp('manifest');
  try {
    const e = listTar(file).find((x) => x.name === 'manifest.json')!;
    extractEntry(file, e, path.join(dir, 'm.json'));
    return JSON.parse(readFileSync(path.join(dir, 'm.json'), 'utf8')) as BackupManifest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every attachment of the matters opens (decrypts, hash checked) to the bytes written for its name. */
async function assertAttachmentsDecrypt(s: Services, matters: readonly string[]): Promise<number> {
  let opened = 0;
  for (const matterId of matters) {
    const list = await s.attachments.list(SYSTEM_CALLER, 'matter', matterId).catch(() => ({ items: [] }));
    for (const a of list.items) {
      const i = Number(/^证据(\d+)\.txt$/.exec(a.name)![1]);
      const file = await s.attachments.open(SYSTEM_CALLER, 'matter', matterId, a.id);
      assert.equal(file.bytes.toString(), `payload ${i} ${'x'.repeat(i % 50)}`);
      opened++;
    }
  }
  return opened;
}

/** Rebuild an archive after changing its database: a consistent manifest, so only the content is wrong. */
function repack(file: string, out: string, change: (dbFile: string) => void): void {
  const dir = tmp('repack');
  try {
    const entries = listTar(file);
    for (const e of entries) extractEntry(file, e, path.join(dir, e.name));
    change(path.join(dir, 'xinhuo.db'));
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
    for (const f of m.files) {
      const bytes = readFileSync(path.join(dir, f.name));
      f.bytes = bytes.length;
      f.sha256 = createHash('sha256').update(bytes).digest('hex');
    }
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
    writeTar(
      out,
      entries.map((e) => ({ name: e.name, path: path.join(dir, e.name) })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('backup and restore on SQLite', { skip: DB_KIND !== 'sqlite' }, () => {
  let w: World;
  let serverLock: DataDirLock;
  let backupFile: string;
  const acked = { before: 0, after: 0 };

  before(async () => {
    w = await openWorld();
    // The test process plays the running server: it holds the data directory's lock and writes.
    serverLock = holdDataDir(w.dataDir, 'server');
  });
  after(async () => {
    serverLock?.release();
    await w?.services.close();
    if (w) rmSync(w.dir, { recursive: true, force: true });
  });

  test('a second server on the same data directory is refused while the first holds it', () => {
    assert.throws(
      () => holdDataDir(w.dataDir, 'server'),
      (e: unknown) =>
        e instanceof BackupError && e.code === 'DATA_DIR_IN_USE' && e.text('zh').includes('数据目录'),
    );
  });

  test('a backup taken while writes run holds every acknowledged write and restores into a fresh directory', async () => {
    let written = 0;
    let stop = false;
    for (; written < 15; written++) await writeOne(w, written);
    // A steady load (a write every few milliseconds), as users of a running server make.
    const load = (async () => {
      while (!stop) {
        await writeOne(w, written);
        written++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    acked.before = written;
    backupFile = path.join(w.dir, 'backups', 'now.tar');
    const r = await runCli(['backup', backupFile], cliEnv(w));
    acked.after = written;
    stop = true;
    await load;
    assert.equal(r.code, 0, r.stderr + r.stdout);
    console.log(
      `backup during writes: ${r.ms} ms, ${acked.after - acked.before} writes acknowledged meanwhile, ` +
        `${busyRetries} writes retried after SQLITE_BUSY`,
    );
    assert.match(r.stdout, /backup written and verified/);
    assert.match(r.stdout, /备份已写入并校验通过/);
    assert.ok(acked.after > acked.before, `writes ran during the backup (${acked.before} → ${acked.after})`);

    const m = manifestOf(backupFile);
    assert.equal(m.format, MANIFEST_FORMAT);
    assert.deepEqual(
      m.files.map((f) => f.name).sort(),
      ['audit-anchor.json', 'xinhuo.db'],
      'the database and the anchor; never the key',
    );
    const persons = m.rowCounts.persons!;
    assert.ok(
      persons >= acked.before && persons <= acked.after,
      `${persons} in [${acked.before}, ${acked.after}]`,
    );
    const atts = m.rowCounts.attachments!;
    assert.ok(persons - atts === 0 || persons - atts === 1, 'a snapshot: each write whole or not at all');
    assert.equal(m.rowCounts.attachment_contents, atts);
    // The key's bytes are nowhere in the archive.
    const raw = readFileSync(backupFile);
    assert.equal(raw.indexOf(Buffer.from(w.keyHex, 'hex')), -1);
    assert.equal(raw.indexOf(Buffer.from(w.keyHex)), -1);

    const fresh = path.join(w.dir, 'fresh');
    const rr = await runCli(['restore', backupFile, '--data-dir', fresh], cliEnv(w, fresh));
    assert.equal(rr.code, 0, rr.stderr + rr.stdout);
    assert.match(rr.stdout, /audit trail intact/);

    const verify = await runCli(['audit:verify'], cliEnv(w, fresh));
    assert.equal(verify.code, 0, verify.stderr + verify.stdout);

    const restored = await openServices(fresh, w.keyHex);
    try {
      assert.equal(await count(restored, 'persons'), persons);
      assert.equal(await count(restored, 'attachments'), atts);
      assert.equal(await assertAttachmentsDecrypt(restored, w.matters), atts);
      const audit = await restored.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'backup_restored')
        .execute();
      assert.equal(audit.length, 1, 'the restore is audited in the restored trail');
    } finally {
      await restored.close();
    }
    const backupsAudited = await w.services.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'backup_created')
      .execute();
    assert.deepEqual(backupsAudited, [{ action: 'backup_created', object_id: 'now.tar' }]);
  });

  test('restore refuses a data directory a server holds, and leaves it as it was', async () => {
    const before = readFileSync(path.join(w.dataDir, 'xinhuo.db')).length;
    const r = await runCli(['restore', backupFile], cliEnv(w));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /stop it before restoring/);
    assert.match(r.stderr, /请先停止服务再恢复/);
    assert.ok(readFileSync(path.join(w.dataDir, 'xinhuo.db')).length >= before);
    assert.deepEqual(
      readdirSync(w.dataDir).filter((n) => n.startsWith('replaced-') || n.startsWith('.restore-')),
      [],
    );
  });

  test('restore refuses a corrupted backup (hash mismatch) and writes nothing', async () => {
    const bad = path.join(w.dir, 'bad.tar');
    copyFileSync(backupFile, bad);
    const bytes = readFileSync(bad);
    const db = listTar(bad).find((e) => e.name === 'xinhuo.db')!;
    bytes[db.offset + Math.floor(db.size / 2)]! ^= 0xff;
    writeFileSync(bad, bytes);
    const target = path.join(w.dir, 'target-bad');
    const r = await runCli(['restore', bad, '--data-dir', target], cliEnv(w, target));
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /SHA-256 of xinhuo\.db does not match/);
    assert.match(r.stderr, /备份文件已损坏/);
    assert.equal(existsSync(path.join(target, 'xinhuo.db')), false);
  });

  test('restore refuses a backup from a newer schema, and one made under another key', async () => {
    const newer = path.join(w.dir, 'newer.tar');
    repack(backupFile, newer, (dbFile) => {
      const db = new SQLite(dbFile);
      db.prepare('insert into schema_migrations (name, applied_at) values (?, ?)').run(
        '2099-01-01-future',
        'x',
      );
      db.close();
    });
    const target = path.join(w.dir, 'target-newer');
    const r = await runCli(['restore', newer, '--data-dir', target], cliEnv(w, target));
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /newer Xinhuo \(schema 2099-01-01-future\)/);
    assert.match(r.stderr, /更新版本/);
    assert.equal(existsSync(path.join(target, 'xinhuo.db')), false);

    const other = { ...cliEnv(w, target), XINHUO_MASTER_KEY: randomBytes(32).toString('hex') };
    const k = await runCli(['restore', backupFile, '--data-dir', target], other);
    assert.equal(k.code, 1, k.stdout);
    assert.match(k.stderr, /another master key/);
    assert.equal(existsSync(path.join(target, 'xinhuo.db')), false);
  });

  test('restore over an existing directory keeps the replaced database and anchor aside', async () => {
    const target = path.join(w.dir, 'fresh');
    const r = await runCli(['restore', backupFile, '--data-dir', target], cliEnv(w, target));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const aside = readdirSync(target).filter((n) => n.startsWith('replaced-'));
    assert.equal(aside.length, 1);
    assert.deepEqual(readdirSync(path.join(target, aside[0]!)).sort(), ['audit-anchor.json', 'xinhuo.db']);
  });

  test('scheduled backups keep the newest N and are audited', async () => {
    const dir = path.join(w.dir, 'scheduled');
    const files: string[] = [];
    for (let i = 0; i < 3; i++)
      files.push(
        await runScheduledBackup({
          cfg: {
            dataDir: w.dataDir,
            masterKey: Buffer.from(w.keyHex, 'hex'),
            auditAnchorFile: path.join(w.dataDir, 'audit-anchor.json'),
            toolEnv: {},
          },
          dir,
          keep: 2,
          audit: w.services.audit,
          now: new Date(2026, 10, 30, 2, 30, i),
        }),
      );
    assert.deepEqual(
      readdirSync(dir).sort(),
      files
        .slice(1)
        .map((f) => path.basename(f))
        .sort(),
    );
    const rows = await w.services.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'backup_created')
      .where('object_id', 'like', 'xinhuo-%')
      .execute();
    assert.equal(rows.length, 3);
  });
});

describe(
  'backup and restore on PostgreSQL (pg_dump -Fc, pg_restore)',
  { skip: DB_KIND !== 'postgres' },
  () => {
    let w: World;
    let url: string;
    before(async () => {
      url = (await freshDatabaseUrl())!;
      w = await openWorld(url);
      for (let i = 0; i < 12; i++) await writeOne(w, i);
    });
    after(async () => {
      await w?.services.close().catch(() => {});
      if (w) rmSync(w.dir, { recursive: true, force: true });
    });

    test('a round trip restores the rows, the audit chain and the sealed attachments', async () => {
      const file = path.join(w.dir, 'pg.tar');
      const b = await runCli(['backup', file], cliEnv(w, w.dataDir, url));
      assert.equal(b.code, 0, b.stderr + b.stdout);
      const m = manifestOf(file);
      assert.equal(m.dialect, 'postgres');
      assert.deepEqual(m.files.map((f) => f.name).sort(), ['audit-anchor.json', 'xinhuo.dump']);
      assert.equal(m.rowCounts.persons, 12);
      assert.equal(m.rowCounts.attachment_contents, 12);
      const raw = readFileSync(file);
      assert.equal(raw.indexOf(Buffer.from(w.keyHex, 'hex')), -1);

      // Changes after the backup, which the restore takes back.
      for (let i = 12; i < 15; i++) await writeOne(w, i);

      // A connected server (this process's pool) stops the restore, also after it has been quiet for longer
      // than pg's default idle timeout (10 s), which used to close every connection of a quiet server.
      await new Promise((resolve) => setTimeout(resolve, 10_500));
      const busy = await runCli(['restore', file], cliEnv(w, w.dataDir, url));
      assert.equal(busy.code, 1, busy.stdout);
      assert.match(busy.stderr, /connection\(s\) from a Xinhuo server/);
      assert.equal(await count(w.services, 'persons'), 15);

      await w.services.close();
      const r = await runCli(['restore', file], cliEnv(w, w.dataDir, url));
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.match(r.stdout, /audit trail intact/);
      const aside = readdirSync(w.dataDir).filter((n) => /^replaced-.*\.dump$/.test(n));
      assert.equal(aside.length, 1, 'the replaced database is dumped aside first');

      w.services = await openServices(w.dataDir, w.keyHex, url);
      assert.equal(await count(w.services, 'persons'), 12);
      assert.equal(await assertAttachmentsDecrypt(w.services, w.matters), 12);
      const v = await w.services.audit.verify();
      assert.equal(v.ok, true, JSON.stringify(v));
    });
  },
);

describe('command-line export and import act as the named account, within its scope', () => {
  let w: World;
  let url: string | undefined;
  before(async () => {
    url = await freshDatabaseUrl();
    w = await openWorld(url);
    await makePerson({ services: w.services }, { org: w.villageA, name: '甲村人' });
    await makePerson({ services: w.services }, { org: w.villageB, name: '乙村人' });
    await w.services.auth.bootstrapAccount(SYSTEM_CALLER.actor, {
      username: 'towna-cli',
      displayName: '甲镇干事',
      password: TEST_PASSWORD,
      roles: ['town_staff'],
      orgIds: [w.townA],
    });
  });
  after(async () => {
    await w?.services.close();
    if (w) rmSync(w.dir, { recursive: true, force: true });
  });

  test('export roster as a town account holds its town only; the export is audited under its name', async () => {
    const out = path.join(w.dir, 'roster.xlsx');
    const r = await runCli(['export', 'roster', out, '--as', 'towna-cli'], cliEnv(w, w.dataDir, url));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /roster: 1 rows written/);
    const m = await runCli(
      ['export', 'matters', path.join(w.dir, 'm.xlsx'), '--as', 'towna-cli'],
      cliEnv(w, w.dataDir, url),
    );
    assert.equal(m.code, 0, m.stderr + m.stdout);
    assert.match(m.stdout, /matters: 1 rows written/);
    const audited = await w.services.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('actor_name', '=', 'towna-cli')
      .execute();
    assert.ok(
      audited.some((a) => a.action === 'matter_export'),
      JSON.stringify(audited),
    );
  });

  test('import as a town account: the dry run reports the other town’s village as not found', async () => {
    const file = path.join(w.dir, 'import.xlsx');
    writeFileSync(
      file,
      await rosterWorkbook([
        rosterRow('甲一村', { name: '新甲', idNumber: testIdNumber('1986-03-04', '1') }),
        rosterRow('乙一村', { name: '新乙', idNumber: testIdNumber('1987-03-04', '1') }),
      ]),
    );
    const before = await count(w.services, 'persons');
    const r = await runCli(['import', 'roster', file, '--as', 'towna-cli'], cliEnv(w, w.dataDir, url));
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /rows 2, with errors 1/);
    assert.match(r.stdout, /IMPORT_ORG_NOT_FOUND × 1/);
    assert.match(r.stdout, /row 3 org/);
    assert.equal(await count(w.services, 'persons'), before, 'nothing written');

    const ok = path.join(w.dir, 'import-ok.xlsx');
    writeFileSync(
      ok,
      await rosterWorkbook([
        rosterRow('甲一村', { name: '新甲', idNumber: testIdNumber('1986-03-04', '1') }),
      ]),
    );
    const dry = await runCli(
      ['import', 'roster', ok, '--as', 'towna-cli', '--dry-run'],
      cliEnv(w, w.dataDir, url),
    );
    assert.equal(dry.code, 0, dry.stderr + dry.stdout);
    assert.match(dry.stdout, /nothing written/);
    assert.equal(await count(w.services, 'persons'), before);
    const done = await runCli(['import', 'roster', ok, '--as', 'towna-cli'], cliEnv(w, w.dataDir, url));
    assert.equal(done.code, 0, done.stderr + done.stdout);
    assert.match(done.stdout, /committed: created 1/);
    assert.equal(await count(w.services, 'persons'), before + 1);
  });

  test('an unknown or not yet activated account cannot act', async () => {
    const r = await runCli(
      ['export', 'roster', path.join(w.dir, 'x.xlsx'), '--as', 'nobody'],
      cliEnv(w, w.dataDir, url),
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /AUTH_INVALID_CREDENTIALS/);
  });
});
