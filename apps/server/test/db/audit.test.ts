import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { createTestEnv, DB_KIND, freshDatabaseUrl, type TestEnv } from '../helpers/test-env';
import { createAuditTrail, signAuditHead, SYSTEM_ACTOR } from '../../src/platform/audit/audit';
import { compose } from '../../src/composition';
import { tamperAuditTables } from '../helpers/tamper';
import { platformView } from '../../src/platform/platform-db';

describe('audit trail', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  test('writes are audited in the same transaction: a failed write leaves no trace and no row', async () => {
    const before = (await sql<{ n: number }>`select count(*) as n from audit_log`.execute(env.services.db))
      .rows[0]!.n;
    await assert.rejects(
      env.services.db.transaction().execute(async (trx) => {
        await env.services.audit.record(
          trx,
          { userId: null, username: 'x', role: null, ip: null, requestId: null, sessionHash: null },
          { action: 'person_update' },
        );
        throw new Error('boom');
      }),
    );
    const after = (await sql<{ n: number }>`select count(*) as n from audit_log`.execute(env.services.db))
      .rows[0]!.n;
    assert.equal(Number(after), Number(before));
  });

  test('the database refuses UPDATE and DELETE on the trail', async () => {
    await assert.rejects(
      sql`update audit_log set action = 'x' where seq = 1`.execute(env.services.db),
      /append-only/,
    );
    await assert.rejects(sql`delete from audit_log where seq = 1`.execute(env.services.db), /append-only/);
  });

  test('the auditor reads and verifies the trail; both are audited', async () => {
    const aud = await env.login('audadm');
    const list = await env.request(aud, { method: 'GET', url: '/api/audit?action=user_create&pageSize=50' });
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().total, 9);
    const v = await env.request(aud, { method: 'GET', url: '/api/audit/verify' });
    assert.equal(v.json().ok, true);
    assert.ok(v.json().checked > 20);
    const searches = await env.request(aud, { method: 'GET', url: '/api/audit?action=audit_search' });
    assert.ok(searches.json().total >= 1);
  });

  test('tampering is reported at the first broken row', async () => {
    // Bypass the trigger as the superuser/file owner would, then verify.
    await asSuperuser(env, sql`update audit_log set details = '{"forged":true}' where seq = 5`);
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.firstBrokenSeq, 5);
    assert.equal(r.finding, 'AUDIT_CHAIN_BROKEN');
    assert.match(r.message!.en, /seq 5\b/);
    assert.match(r.message!.zh, /第 5 条/);
  });
});

/** Run tampering SQL with the append-only triggers out of the way, as a superuser or the file owner can. */
const asSuperuser = (env: TestEnv, ...statements: RawBuilder<unknown>[]) =>
  tamperAuditTables(platformView(env.services.db), DB_KIND, ...statements);

const ROWS_WRITTEN = 120;

describe('audit trail truncation and tampering (signed head, exported anchor)', () => {
  let env: TestEnv;
  let dir: string;
  let anchorFile: string;
  let lastSeq: number;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xinhuo-anchor-'));
    anchorFile = path.join(dir, 'audit-anchor.json');
    env = await createTestEnv({ users: [['audadm', 'audit_admin', null]], auditAnchorFile: anchorFile });
    for (let i = 0; i < ROWS_WRITTEN; i++) {
      await env.services.audit.recordAlone(SYSTEM_ACTOR, { action: 'test_event', details: { i } });
    }
    assert.deepEqual((await env.services.audit.exportAnchor()).exported, true);
    lastSeq = Number(
      (await sql<{ m: number }>`select max(seq) as m from audit_log`.execute(env.services.db)).rows[0]!.m,
    );
  });
  afterEach(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an intact trail verifies against its signed head and the anchor file', async () => {
    const r = await env.services.audit.verify();
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.checked, lastSeq);
    assert.equal(r.headSeq, lastSeq);
    assert.equal(r.anchorSeq, lastSeq);
    assert.equal(r.finding, null);
    assert.equal(statSync(anchorFile).mode & 0o777, 0o600);
  });

  test("deleting the last 50 rows fails verify: truncated after seq N (service and the auditor's route)", async () => {
    await asSuperuser(env, sql`delete from audit_log where seq > ${lastSeq - 50}`);
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.finding, 'AUDIT_TRAIL_TRUNCATED');
    assert.equal(r.truncatedAfterSeq, lastSeq - 50);
    assert.equal(r.firstBrokenSeq, lastSeq - 49);
    assert.match(r.message!.en, new RegExp(`truncated after seq ${lastSeq - 50}\\b`));
    assert.match(r.message!.zh, new RegExp(`第 ${lastSeq - 50} 条之后被截断`));
    const aud = await env.login('audadm');
    const v = await env.request(aud, { method: 'GET', url: '/api/audit/verify' });
    assert.equal(v.statusCode, 200);
    assert.equal(v.json().ok, false);
    assert.equal(v.json().finding, 'AUDIT_TRAIL_TRUNCATED');
    // Writes go on after the cut (the login, the verify itself), yet the head stays ahead as evidence.
    const again = await env.services.audit.verify();
    assert.equal(again.ok, false);
    assert.equal(again.headSeq, lastSeq);
  });

  test('writing past the cut does not launder it: the head no longer matches the trail', async () => {
    await asSuperuser(env, sql`delete from audit_log where seq > ${lastSeq - 50}`);
    for (let i = 0; i < 60; i++) await env.services.audit.recordAlone(SYSTEM_ACTOR, { action: 'test_event' });
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.finding, 'AUDIT_HEAD_MISMATCH');
    assert.equal(r.firstBrokenSeq, lastSeq);
    // And the anchor is never moved onto the rewritten trail.
    const e = await env.services.audit.exportAnchor();
    assert.equal(e.exported, false);
  });

  test('deleting every row fails verify (truncated after seq 0)', async () => {
    await asSuperuser(env, sql`delete from audit_log`);
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.finding, 'AUDIT_TRAIL_TRUNCATED');
    assert.equal(r.truncatedAfterSeq, 0);
  });

  test('deleting every row and the head row fails: through the anchor file', async () => {
    await asSuperuser(env, sql`delete from audit_log`, sql`delete from audit_head`);
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.finding, 'AUDIT_TRAIL_TRUNCATED');
    assert.equal(r.anchorSeq, lastSeq);
    assert.equal(r.headSeq, null);
  });

  test('deleting every row and the head row, the anchor file gone too: the missing head fails', async () => {
    await asSuperuser(env, sql`delete from audit_log`, sql`delete from audit_head`);
    rmSync(anchorFile);
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.finding, 'AUDIT_HEAD_MISSING');
  });

  test('an emptied trail with a re-signed empty head (the key holder) fails: the database has data', async () => {
    const mac = signAuditHead(env.services.crypto.auditKey, 0, '0'.repeat(64));
    await asSuperuser(
      env,
      sql`delete from audit_log`,
      sql`update audit_head set seq = 0, row_hash = ${'0'.repeat(64)}, mac = ${mac}`,
    );
    rmSync(anchorFile);
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.finding, 'AUDIT_TRAIL_EMPTY_WITH_DATA');
    assert.equal(r.truncatedAfterSeq, 0);
  });

  test('cutting the tail and moving the head back without the key fails (unsigned head); it is never signed later', async () => {
    const cut = lastSeq - 50;
    const row = await env.services.db
      .selectFrom('audit_log')
      .select('row_hash')
      .where('seq', '=', cut)
      .executeTakeFirstOrThrow();
    await asSuperuser(
      env,
      sql`delete from audit_log where seq > ${cut}`,
      sql`update audit_head set seq = ${cut}, row_hash = ${(row as { row_hash: string }).row_hash}, mac = ''`,
    );
    await env.services.audit.recordAlone(SYSTEM_ACTOR, { action: 'test_event' });
    rmSync(anchorFile);
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.finding, 'AUDIT_HEAD_INVALID');
  });

  test('the anchor file catches a tail cut even when the head was re-signed by a key holder', async () => {
    const cut = lastSeq - 50;
    const hashAt = (
      await sql<{ row_hash: string }>`select row_hash from audit_log where seq = ${cut}`.execute(
        env.services.db,
      )
    ).rows[0]!.row_hash;
    const mac = signAuditHead(env.services.crypto.auditKey, cut, hashAt);
    await asSuperuser(
      env,
      sql`delete from audit_log where seq > ${cut}`,
      sql`update audit_head set seq = ${cut}, row_hash = ${hashAt}, mac = ${mac}`,
    );
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.finding, 'AUDIT_TRAIL_TRUNCATED');
    assert.equal(r.truncatedAfterSeq, cut);
    assert.equal(r.anchorSeq, lastSeq);
  });

  test('the five tamper scenarios are each reported at the right seq', async () => {
    const db = env.services.db;
    const verifyAfter = async (...stmts: RawBuilder<unknown>[]) => {
      await asSuperuser(env, ...stmts);
      return env.services.audit.verify();
    };
    // 1. modify one field
    let r = await verifyAfter(sql`update audit_log set action = 'forged' where seq = 40`);
    assert.deepEqual([r.finding, r.firstBrokenSeq], ['AUDIT_CHAIN_BROKEN', 40]);
    await asSuperuser(env, sql`update audit_log set action = 'test_event' where seq = 40`);
    assert.equal((await env.services.audit.verify()).ok, true, 'restored');
    // 2. delete one row
    const saved = (await sql`select * from audit_log where seq = 41`.execute(db)).rows[0] as Record<
      string,
      unknown
    >;
    r = await verifyAfter(sql`delete from audit_log where seq = 41`);
    assert.deepEqual([r.finding, r.firstBrokenSeq], ['AUDIT_CHAIN_BROKEN', 41]);
    await asSuperuser(
      env,
      sql`insert into audit_log ${sql.raw(`(${Object.keys(saved).join(', ')})`)} values (${sql.join(Object.values(saved))})`,
    );
    assert.equal((await env.services.audit.verify()).ok, true, 'restored');
    // 3. insert a forged row at the end (without the key its hash cannot be right)
    r = await verifyAfter(
      sql`insert into audit_log (seq, ts, action, outcome, details, prev_hash, row_hash)
          select seq + 1, ts, 'forged', 'success', '{}', row_hash, ${'f'.repeat(64)} from audit_log where seq = ${lastSeq}`,
    );
    assert.deepEqual([r.finding, r.firstBrokenSeq], ['AUDIT_CHAIN_BROKEN', lastSeq + 1]);
    await asSuperuser(env, sql`delete from audit_log where seq = ${lastSeq + 1}`);
    assert.equal((await env.services.audit.verify()).ok, true, 'restored');
    // 4. reorder two rows (swap their contents)
    r = await verifyAfter(
      sql`update audit_log set seq = -1 where seq = 30`,
      sql`update audit_log set seq = 30 where seq = 31`,
      sql`update audit_log set seq = 31 where seq = -1`,
    );
    assert.deepEqual([r.finding, r.firstBrokenSeq], ['AUDIT_CHAIN_BROKEN', 30]);
    await asSuperuser(
      env,
      sql`update audit_log set seq = -1 where seq = 30`,
      sql`update audit_log set seq = 30 where seq = 31`,
      sql`update audit_log set seq = 31 where seq = -1`,
    );
    assert.equal((await env.services.audit.verify()).ok, true, 'restored');
    // 5. truncate the tail
    r = await verifyAfter(sql`delete from audit_log where seq > ${lastSeq - 3}`);
    assert.deepEqual([r.finding, r.truncatedAfterSeq], ['AUDIT_TRAIL_TRUNCATED', lastSeq - 3]);
  });

  test('concurrent writers (two instances on PostgreSQL) keep the head on the last row: no deadlock, no lost seq', async () => {
    const writers = [env.services];
    if (DB_KIND === 'postgres') {
      // A second instance on the same database, with the same master key (as a second server has).
      writers.push(
        await compose({
          databaseUrl: process.env.XINHUO_TEST_DATABASE_URL,
          dataDir: '',
          masterKey: env.masterKey,
        }),
      );
    }
    const second = writers[1];
    const trail =
      second &&
      createAuditTrail({
        db: second.db,
        dialect: second.dialect,
        clock: env.clock,
        key: env.services.crypto.auditKey,
      });
    const each = 60;
    await Promise.all(
      Array.from({ length: each * 2 }, (_, i) =>
        (i % 2 && trail ? trail : env.services.audit).recordAlone(SYSTEM_ACTOR, {
          action: 'test_event',
          details: { i },
        }),
      ),
    );
    if (second) await second.close();
    const r = await env.services.audit.verify();
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.headSeq, lastSeq + each * 2);
    assert.equal(r.checked, lastSeq + each * 2);
  });

  test('the head only moves forward: the database refuses deleting it or moving it back', async () => {
    const db = env.services.db;
    await assert.rejects(sql`delete from audit_head`.execute(db), /only moves forward/);
    await assert.rejects(sql`update audit_head set seq = seq - 1`.execute(db), /only moves forward/);
    await assert.rejects(sql`update audit_head set mac = 'x'`.execute(db), /only moves forward/);
    if (DB_KIND === 'postgres')
      await assert.rejects(sql`truncate audit_head`.execute(db), /only moves forward/);
  });
});

describe('upgrading a database that already has a trail', () => {
  test('the anchor migration signs a head at the current end, in its own transaction; verify passes, writes go on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xinhuo-upgrade-'));
    const url = await freshDatabaseUrl();
    const config = {
      databaseUrl: url,
      dataDir: dir,
      sqliteFile: path.join(dir, 'x.db'),
      masterKey: randomBytes(32),
    };
    try {
      const first = await compose(config);
      for (let i = 0; i < 25; i++) await first.audit.recordAlone(SYSTEM_ACTOR, { action: 'test_event' });
      // Back to the schema before the anchor migration (as an older version left it).
      if (DB_KIND === 'postgres') {
        await sql`drop table audit_head`.execute(first.db);
        await sql`drop function audit_head_forward_only`.execute(first.db);
      } else {
        await sql`drop table audit_head`.execute(first.db);
      }
      await sql`delete from schema_migrations where name = '2026-12-06-audit-anchor'`.execute(first.db);
      await first.close();
      const upgraded = await compose(config);
      const r = await upgraded.audit.verify();
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.headSeq, 25);
      await upgraded.audit.recordAlone(SYSTEM_ACTOR, { action: 'test_event' });
      const r2 = await upgraded.audit.verify();
      assert.equal(r2.ok, true, JSON.stringify(r2));
      assert.equal(r2.headSeq, 26);
      await upgraded.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
