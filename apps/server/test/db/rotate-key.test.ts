// Issue 10 item 10: the offline master-key rotation (rotate-key), on both databases: a data directory
// with people (sealed ID numbers and phones, blind index, row MACs), attachments and audit rows; the
// rotation through the command line; the server composed with the new key reads everything and the
// trail verifies, the old key is refused; a rotation refused while a server holds the data; a rotation
// stopped part-way resumes to a consistent end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compose, type Services } from '../../src/composition';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { createAuditTrail } from '../../src/platform/audit/audit';
import { createFieldCrypto } from '../../src/platform/crypto/field-crypto';
import { rotateMasterKey } from '../../src/cli-rotate-key';
import { loadConfig } from '../../src/platform/config';
import { freshDatabaseUrl } from '../helpers/test-env';
import { makeOrg, makePerson, type MadePerson } from '../helpers/factories';
import { sampleMatter } from '../helpers/matters';
import { runCli } from '../helpers/cli';
import { connectDatabase } from '../../src/platform/db/connect';
import type { PlatformDatabase } from '../../src/platform/platform-db';
import type { Database } from '../../src/database';
import { tamperAuditTables } from '../helpers/tamper';
import { sql } from 'kysely';

interface World {
  dir: string;
  dataDir: string;
  url: string | undefined;
  people: MadePerson[];
  matterId: string;
  files: { id: string; bytes: Buffer }[];
}

const open = (w: World, keyHex: string): Promise<Services> =>
  compose({
    databaseUrl: w.url,
    dataDir: w.dataDir,
    masterKey: Buffer.from(keyHex, 'hex'),
    auditAnchorFile: path.join(w.dataDir, 'audit-anchor.json'),
  });

async function buildWorld(keyHex: string, nPeople: number): Promise<World> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-rotate-'));
  const w: World = {
    dir,
    dataDir: path.join(dir, 'data'),
    url: await freshDatabaseUrl(),
    people: [],
    matterId: '',
    files: [],
  };
  const services = await open(w, keyHex);
  try {
    const city = await makeOrg({ services }, { name: '轮换市', kind: 'city' });
    const town = await makeOrg({ services }, { parent: city, name: '轮换镇', kind: 'town' });
    const village = await makeOrg({ services }, { parent: town, name: '轮换村' });
    for (let i = 0; i < nPeople; i++)
      w.people.push(await makePerson({ services }, { org: village, name: `轮换${i}` }));
    const [matterId] = await services.loop.matters.raiseMatters(SYSTEM_CALLER, [sampleMatter(village.id)]);
    w.matterId = matterId!;
    for (let i = 0; i < 3; i++) {
      const bytes = Buffer.from(`evidence ${i} ${randomBytes(8).toString('hex')}`);
      const item = await services.attachments.upload(SYSTEM_CALLER, 'matter', w.matterId, {
        name: `证据${i}.txt`,
        bytes,
      });
      w.files.push({ id: item.id, bytes });
    }
    await services.audit.exportAnchor();
  } finally {
    await services.close();
  }
  return w;
}

const env = (w: World, keyHex: string, extra: Record<string, string> = {}): Record<string, string> => ({
  XINHUO_DEMO: '0',
  XINHUO_MASTER_KEY: keyHex,
  XINHUO_DATA_DIR: w.dataDir,
  ...(w.url ? { DATABASE_URL: w.url } : {}),
  ...extra,
});

/** Everything readable under `keyHex`: people by id and by ID number, their phones, every attachment. */
async function assertReadable(w: World, keyHex: string): Promise<void> {
  const s = await open(w, keyHex);
  try {
    for (const p of w.people) {
      const got = await s.people.getPerson(SYSTEM_CALLER, p.id);
      assert.equal(got.name, p.name);
      assert.equal(await s.people.revealSensitive(SYSTEM_CALLER, p.id, 'idNumber', '轮换核对'), p.idNumber);
      assert.equal(await s.people.revealSensitive(SYSTEM_CALLER, p.id, 'phone', '轮换核对'), p.phone);
      const found = await s.people.signInCandidates(SYSTEM_CALLER, [p.idNumber], []);
      assert.equal(found.byId.get(p.idNumber)?.id, p.id, 'found by ID number (blind index)');
    }
    for (const f of w.files) {
      const opened = await s.attachments.open(SYSTEM_CALLER, 'matter', w.matterId, f.id);
      assert.deepEqual(opened.bytes, f.bytes);
    }
    const v = await s.audit.verify();
    assert.equal(v.ok, true, `${v.finding} ${v.message?.en}`);
  } finally {
    await s.close();
  }
}

describe('rotate-key: the master key rotated offline', () => {
  const oldKey = randomBytes(32).toString('hex');
  const newKey = randomBytes(32).toString('hex');
  let w: World;
  before(async () => {
    w = await buildWorld(oldKey, 6);
  });
  after(() => rmSync(w.dir, { recursive: true, force: true }));

  test('refused while a server holds the data; refused without or with a bad new key', async () => {
    const server = await open(w, oldKey);
    try {
      if (!w.url) {
        // The server's lock on the data directory (what main takes at start).
        const { holdDataDir } = await import('../../src/platform/backup/backup');
        const lock = holdDataDir(w.dataDir, 'server');
        try {
          const r = await runCli(['rotate-key'], env(w, oldKey, { XINHUO_NEW_MASTER_KEY: newKey }));
          assert.equal(r.code, 1, r.stdout);
          assert.match(r.stderr, /stop it before rotating the master key/);
        } finally {
          lock.release();
        }
      } else {
        const r = await runCli(['rotate-key'], env(w, oldKey, { XINHUO_NEW_MASTER_KEY: newKey }));
        assert.equal(r.code, 1, r.stdout);
        assert.match(r.stderr, /connection\(s\) from a Xinhuo server: stop it before rotating/);
      }
    } finally {
      await server.close();
    }
    const none = await runCli(['rotate-key'], env(w, oldKey));
    assert.equal(none.code, 1);
    assert.match(none.stderr, /needs the new key/);
    const same = await runCli(['rotate-key'], env(w, oldKey, { XINHUO_NEW_MASTER_KEY: oldKey }));
    assert.equal(same.code, 1);
    assert.match(same.stderr, /same as XINHUO_MASTER_KEY/);
    // Nothing changed: the old key still opens everything.
    await assertReadable(w, oldKey);
  });

  test('the rotation re-seals everything; the new key reads it all and verifies the trail, the old is refused', async () => {
    const r = await runCli(['rotate-key'], env(w, oldKey, { XINHUO_NEW_MASTER_KEY: newKey }));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /persons: 6 rows re-sealed/);
    assert.match(r.stdout, /attachment_contents: 3 rows re-sealed/);
    assert.match(r.stdout, /master key rotated k1 → k2/);
    assert.match(r.stdout, /final check: 6 people decrypted and found by ID number, 3 attachments opened/);
    const backup = /backup taken before it: (\S+)/.exec(r.stdout)?.[1];
    assert.ok(backup && existsSync(backup), 'the backup taken first exists');

    await assertReadable(w, newKey);
    const s = await open(w, newKey);
    try {
      const rows = await s.db.selectFrom('persons').select(['id_number_enc', 'phone_enc']).execute();
      for (const row of rows) assert.match(row.id_number_enc, /^k2:/);
      const files = await s.db.selectFrom('attachment_contents').select('key_id').execute();
      assert.deepEqual([...new Set(files.map((f) => f.key_id))], ['k2']);
      // New values are sealed under k2 as well.
      assert.match(s.crypto.encrypt('x'), /^k2:/);
    } finally {
      await s.close();
    }
    const verifyNew = await runCli(['audit:verify'], env(w, newKey));
    assert.equal(verifyNew.code, 0, verifyNew.stderr);
    // The old key: the server refuses to start, the trail does not verify under it.
    await assert.rejects(open(w, oldKey), /not the master key of this database \(key id k2\)/);
    const verifyOld = await runCli(['audit:verify'], env(w, oldKey));
    assert.equal(verifyOld.code, 1);
  });

  test('a second rotation (k2 → k3) keeps the whole trail verifiable', async () => {
    const third = randomBytes(32).toString('hex');
    const r = await runCli(['rotate-key'], env(w, newKey, { XINHUO_NEW_MASTER_KEY: third }));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /master key rotated k2 → k3/);
    await assertReadable(w, third);
  });
});

describe('rotate-key: stopped part-way, then resumed', () => {
  const oldKey = randomBytes(32).toString('hex');
  const newKey = randomBytes(32).toString('hex');
  let w: World;
  before(async () => {
    w = await buildWorld(oldKey, 5);
  });
  after(() => rmSync(w.dir, { recursive: true, force: true }));

  const config = (keyHex: string) => ({
    ...loadConfig(env(w, keyHex)),
  });

  test('a crash after some batches leaves a state the server refuses and the command completes', async () => {
    let batches = 0;
    await assert.rejects(
      rotateMasterKey({
        config: config(oldKey),
        newKey: Buffer.from(newKey, 'hex'),
        log: () => {},
        batchSize: 2,
        afterBatch: (table) => {
          batches++;
          if (table === 'persons' && batches === 2) throw new Error('simulated crash');
        },
      }),
      /simulated crash/,
    );
    // Part of the people are under k2, the rest still under k1; attachments not reached yet.
    const h = connectDatabase<Database>({ databaseUrl: w.url, dataDir: w.dataDir });
    try {
      const ids = (await h.db.selectFrom('persons').select('id_number_enc').execute()).map((r) =>
        r.id_number_enc.slice(0, 2),
      );
      assert.equal(ids.filter((k: string) => k === 'k2').length, 4);
      assert.equal(ids.filter((k: string) => k === 'k1').length, 1);
    } finally {
      await h.close();
    }
    // Neither key starts a server on the half-rotated data.
    await assert.rejects(open(w, oldKey), /rotation \(k1 → k2.*is not finished/);
    await assert.rejects(open(w, newKey), /rotation \(k1 → k2.*is not finished/);
    // Resuming with another new key is refused (it would mix two k2 keys).
    const other = randomBytes(32).toString('hex');
    await assert.rejects(
      rotateMasterKey({ config: config(oldKey), newKey: Buffer.from(other, 'hex'), log: () => {} }),
      /a rotation to another new key/,
    );
    const lines: string[] = [];
    const r = await rotateMasterKey({
      config: config(oldKey),
      newKey: Buffer.from(newKey, 'hex'),
      log: (m) => lines.push(m),
    });
    assert.ok(lines.some((l) => /resuming the rotation k1 → k2/.test(l)));
    assert.equal(r.rows.persons, 1, 'only the person left under k1');
    assert.equal(r.rows.attachment_contents, 3);
    assert.equal(r.check.oldKeyRefused, true);
    await assertReadable(w, newKey);
    // Run again after the end (as after a crash between the commit and the anchor): nothing to re-seal,
    // the anchor and the final check again.
    const again = await rotateMasterKey({
      config: config(oldKey),
      newKey: Buffer.from(newKey, 'hex'),
      log: () => {},
    });
    assert.deepEqual(again.rows, {});
    assert.equal(again.toKeyId, 'k2');
    // Rotating from a key that is not the database's is refused.
    await assert.rejects(
      rotateMasterKey({ config: config(other), newKey: Buffer.from(oldKey, 'hex'), log: () => {} }),
      /not the key of this database/,
    );
  });

  test('an altered row before the rotation breaks the trail under the new key', async () => {
    const raw = connectDatabase<PlatformDatabase>({ databaseUrl: w.url, dataDir: w.dataDir });
    try {
      await tamperAuditTables(
        raw.db,
        raw.dialect,
        sql`update audit_log set object_id = 'altered' where seq = 2`,
      );
    } finally {
      await raw.close();
    }
    const s = await open(w, newKey);
    try {
      const v = await s.audit.verify();
      assert.equal(v.ok, false);
      assert.equal(v.finding, 'AUDIT_CHAIN_BROKEN');
    } finally {
      await s.close();
    }
    // The same trail under the old key fails too (the rotation row is hashed under the new key).
    const h = connectDatabase<PlatformDatabase>({ databaseUrl: w.url, dataDir: w.dataDir });
    try {
      const v = await createAuditTrail({
        db: h.db,
        dialect: h.dialect,
        clock: { now: () => new Date() } as never,
        key: createFieldCrypto(Buffer.from(oldKey, 'hex')).auditKey,
      }).verify();
      assert.equal(v.ok, false);
    } finally {
      await h.close();
    }
  });
});
