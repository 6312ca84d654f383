import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { AppError } from '../../src/platform/errors';
import { writeLrmx } from '../../src/platform/lrmx/lrmx';
import { readLrmxZip, writeLrmxZip } from '../../src/platform/lrmx/lrmx-zip';
import { readZip, writeZip } from '../../src/platform/files/zip';
import { sampleRecord } from '../helpers/lrmx-samples';

const refusedWith = (code: string) => (err: unknown) => {
  assert.ok(err instanceof AppError, String(err));
  assert.equal(err.code, code, String((err.cause as Error | undefined)?.message));
  return true;
};

const when = new Date(2026, 2, 1, 9, 30, 0);

/** Where each central directory record starts. */
function centralOffsets(zip: Buffer): number[] {
  const eocd = zip.length - 22;
  const out: number[] = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < zip.readUInt16LE(eocd + 10); n++) {
    out.push(at);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('a zip of .lrmx files', () => {
  test('export then import: the same records, names deduplicated, noise skipped', () => {
    const a = sampleRecord();
    const b = { ...sampleRecord(), idNumber: '440524188001010014' };
    const c = { ...sampleRecord(), name: 'a/b:c' };
    const zip = writeLrmxZip([a, b, c], when);
    const back = readLrmxZip(zip);
    assert.deepEqual(
      back.entries.map((e) => e.name),
      ['沈立新.lrmx', '沈立新(2).lrmx', 'a_b_c.lrmx'],
    );
    assert.deepEqual(
      back.entries.map((e) => ('record' in e ? e.record : e.error)),
      [a, b, c],
    );

    const mixed = writeZip(
      [
        { name: 'batch/', bytes: Buffer.alloc(0) },
        { name: 'batch/one.lrmx', bytes: writeLrmx(a) },
        { name: '__MACOSX/batch/._one.lrmx', bytes: Buffer.from('junk') },
        { name: 'batch/readme.txt', bytes: Buffer.from('hi') },
        { name: 'batch/old.lrm', bytes: Buffer.from('"x","y"') },
        { name: 'batch/bad.lrmx', bytes: Buffer.from('<!DOCTYPE x><Person/>') },
      ],
      when,
    );
    const r = readLrmxZip(mixed);
    assert.deepEqual(r.skipped, ['batch/', '__MACOSX/batch/._one.lrmx', 'batch/readme.txt']);
    assert.deepEqual(
      r.entries.map((e) => [e.name, 'record' in e ? e.record.name : e.error]),
      [
        ['batch/one.lrmx', '沈立新'],
        ['batch/old.lrm', 'LRMX_LEGACY_FORMAT'],
        ['batch/bad.lrmx', 'LRMX_DTD_REFUSED'],
      ],
    );
  });

  test('names in the local code page (GBK, no UTF-8 flag) are read', () => {
    const zip = writeZip([{ name: 'ab.lrmx', bytes: writeLrmx(sampleRecord()) }], when);
    const gbk = Buffer.from([0xcd, 0xf5, ...Buffer.from('.lrmx')]); // 王.lrmx
    for (const at of [0, centralOffsets(zip)[0]!]) {
      const flagsAt = at === 0 ? 6 : 8;
      zip.writeUInt16LE(0, at + flagsAt);
      gbk.copy(zip, at + (at === 0 ? 30 : 46));
    }
    assert.equal(readLrmxZip(zip).entries[0]!.name, '王.lrmx');
  });

  test('a zip bomb is refused from the central directory, without inflating', () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bomb = writeZip([{ name: 'bomb.lrmx', bytes: zeros }], when);
    const started = process.hrtime.bigint();
    assert.throws(
      () => readZip(bomb, () => true, { ...limits(), maxEntryBytes: 1 << 30 }),
      refusedWith('LRMX_ZIP_TOO_LARGE'),
    );
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 50, 'decided without inflating');
    // Under the import's limits the same entry is too large on its own: reported, never inflated.
    assert.deepEqual(
      readLrmxZip(bomb).entries.map((e) => ('error' in e ? e.error : 'read')),
      ['LRMX_TOO_LARGE'],
    );
  });

  test('a directory that lies about sizes: inflation stops one byte past the declared size', () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 0x61);
    const zip = writeZip([{ name: 'x.lrmx', bytes: big }], when);
    const at = centralOffsets(zip)[0]!;
    zip.writeUInt32LE(1000, at + 24); // declared: 1000 bytes
    assert.throws(() => readLrmxZip(zip), refusedWith('LRMX_ZIP_TOO_LARGE'));
  });

  test('too many entries or too much in total, refused before reading', () => {
    const many = writeZip(
      Array.from({ length: 20 }, (_, k) => ({ name: `${k}.lrmx`, bytes: Buffer.from('<Person/>') })),
      when,
    );
    assert.throws(
      () => readZip(many, () => true, { ...limits(), maxEntries: 10 }),
      refusedWith('LRMX_ZIP_TOO_LARGE'),
    );
    assert.throws(
      () => readZip(many, () => true, { ...limits(), maxTotalBytes: 100 }),
      refusedWith('LRMX_ZIP_TOO_LARGE'),
    );
  });

  test('unsafe names, encryption, damage and non-zips are refused', () => {
    for (const name of ['../evil.lrmx', 'a/../../evil.lrmx', '/etc/x.lrmx', 'C:\\x.lrmx', 'a\u0000.lrmx'])
      assert.throws(
        () => readLrmxZip(writeZip([{ name, bytes: Buffer.from('<Person/>') }], when)),
        refusedWith('LRMX_ZIP_INVALID'),
        name,
      );
    const encrypted = writeZip([{ name: 'a.lrmx', bytes: writeLrmx(sampleRecord()) }], when);
    encrypted.writeUInt16LE(0x0801, centralOffsets(encrypted)[0]! + 8);
    assert.throws(() => readLrmxZip(encrypted), refusedWith('LRMX_ZIP_INVALID'));

    const damaged = writeZip([{ name: 'a.lrmx', bytes: writeLrmx(sampleRecord()) }], when);
    damaged[60] = damaged[60]! ^ 0xff;
    assert.throws(() => readLrmxZip(damaged), refusedWith('LRMX_ZIP_INVALID'));

    assert.throws(() => readLrmxZip(Buffer.from('<Person/>')), refusedWith('LRMX_ZIP_INVALID'));
    assert.throws(() => readLrmxZip(writeZip([], when)), refusedWith('LRMX_ZIP_EMPTY'));
    assert.throws(
      () => readLrmxZip(writeZip([{ name: 'a.txt', bytes: Buffer.from('x') }], when)),
      refusedWith('LRMX_ZIP_EMPTY'),
    );
  });

  test('a stored entry (a photo does not deflate) reads back', () => {
    const noise = deflateRawSync(Buffer.from('seed')); // incompressible enough at this size
    const zip = writeZip([{ name: 'p.lrmx', bytes: noise }], when);
    assert.equal(zip.readUInt16LE(8), 0, 'stored');
    assert.deepEqual(readZip(zip, () => true, limits()).files[0]!.read(), noise);
  });
});

function limits() {
  return {
    maxArchiveBytes: 1 << 30,
    maxEntries: 100,
    maxEntryBytes: 1 << 20,
    maxTotalBytes: 1 << 30,
    maxRatio: 100,
    ratioFloorBytes: 64 * 1024,
  };
}
