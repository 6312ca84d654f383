import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nextRun, parseCron } from '../../src/platform/backup/cron';
import { backupFileName, pruneBackups } from '../../src/platform/backup/schedule';
import { extractEntry, listTar, writeTar } from '../../src/platform/backup/tar';
import { loadConfig } from '../../src/platform/config';

const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi);

test('a daily time fires at that minute, today if still ahead, else tomorrow', () => {
  const spec = parseCron('30 2 * * *');
  assert.deepEqual(nextRun(spec, at(2026, 11, 30, 1, 0)), at(2026, 11, 30, 2, 30));
  assert.deepEqual(nextRun(spec, at(2026, 11, 30, 2, 30)), at(2026, 12, 1, 2, 30));
});

test('steps, lists and weekdays', () => {
  assert.deepEqual(nextRun(parseCron('0 */6 * * *'), at(2026, 11, 30, 7, 10)), at(2026, 11, 30, 12, 0));
  // 2026-11-30 is a Monday: the next Thursday is 12-03.
  assert.deepEqual(nextRun(parseCron('15 3 * * 1,4'), at(2026, 11, 30, 4, 0)), at(2026, 12, 3, 3, 15));
  assert.deepEqual(nextRun(parseCron('0,30 * * * *'), at(2026, 11, 30, 4, 5)), at(2026, 11, 30, 4, 30));
});

test('what the subset does not support is refused with the reason', () => {
  assert.throws(() => parseCron('30 2 * *'), /five fields/);
  assert.throws(() => parseCron('30 2 1 * *'), /day-of-month and month must be \*/);
  assert.throws(() => parseCron('61 2 * * *'), /minute must be 0–59/);
  assert.throws(() => parseCron('0 24 * * *'), /hour must be 0–23/);
  assert.throws(() => parseCron('0 2 * * 7'), /day-of-week must be 0–6/);
});

test('the configuration takes the backup directory and schedule together, keeping 7 by default', () => {
  const base = { XINHUO_DEMO: '0', XINHUO_MASTER_KEY: 'a'.repeat(64), XINHUO_DATA_DIR: os.tmpdir() };
  const c = loadConfig({ ...base, XINHUO_BACKUP_DIR: '/srv/backups', XINHUO_BACKUP_CRON: '30 2 * * *' });
  assert.equal(c.backupSchedule?.dir, '/srv/backups');
  assert.equal(c.backupSchedule?.keep, 7);
  assert.throws(() => loadConfig({ ...base, XINHUO_BACKUP_DIR: '/srv/backups' }), /set together/);
  assert.throws(
    () => loadConfig({ ...base, XINHUO_BACKUP_DIR: '/x', XINHUO_BACKUP_CRON: 'daily' }),
    /five fields/,
  );
  assert.equal(loadConfig(base).backupSchedule, null);
  // The tools' environment never carries the key.
  const t = loadConfig({ ...base, PATH: '/usr/bin', PGSSLMODE: 'require' }).toolEnv;
  assert.deepEqual(t, { PATH: '/usr/bin', PGSSLMODE: 'require' });
});

test('pruning keeps the newest N of our files and never touches others', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-prune-'));
  try {
    const names = [1, 2, 3, 4].map((d) => backupFileName(at(2026, 11, d, 2, 30)));
    for (const n of [...names, 'keep-me.tar']) writeFileSync(path.join(dir, n), 'x');
    assert.deepEqual(pruneBackups(dir, 2), [names[1], names[0]]);
    assert.deepEqual(pruneBackups(dir, 2), [], 'a second prune removes nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the tar round trip keeps every byte; a damaged header is refused', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-tar-'));
  try {
    const a = Buffer.alloc(1500, 7);
    const b = Buffer.from('{"x":1}\n');
    writeFileSync(path.join(dir, 'a'), a);
    writeFileSync(path.join(dir, 'b'), b);
    const out = path.join(dir, 'o.tar');
    writeTar(out, [
      { name: 'a.bin', path: path.join(dir, 'a') },
      { name: 'b.json', path: path.join(dir, 'b') },
    ]);
    const entries = listTar(out);
    assert.deepEqual(
      entries.map((e) => [e.name, e.size]),
      [
        ['a.bin', 1500],
        ['b.json', 8],
      ],
    );
    extractEntry(out, entries[0]!, path.join(dir, 'a2'));
    assert.deepEqual(readFileSync(path.join(dir, 'a2')), a);
    const bytes = readFileSync(out);
    bytes[10] = 0x41;
    writeFileSync(out, bytes);
    assert.throws(() => listTar(out), /checksum/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
