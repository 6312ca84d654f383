import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestEnv, DB_KIND, type TestEnv } from '../helpers/test-env';

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
    if (DB_KIND === 'postgres') {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(env.services.db);
      await sql`update audit_log set details = '{"forged":true}' where seq = 5`.execute(env.services.db);
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(env.services.db);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(env.services.db);
      await sql`update audit_log set details = '{"forged":true}' where seq = 5`.execute(env.services.db);
    }
    const r = await env.services.audit.verify();
    assert.equal(r.ok, false);
    assert.equal(r.firstBrokenSeq, 5);
  });
});
