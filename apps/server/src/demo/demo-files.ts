import { deflateSync } from 'node:zlib';
import { writeXlsxSheet } from '../platform/excel/xlsx-writer';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A real RGB PNG of width × height: a sky-to-field gradient tinted by `hue` (0–1), standing in for a
 * site photo in the demo data and the tests.
 */
export function pngImage(width: number, height: number, hue = 0.3): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    const sky = y < height * 0.55;
    for (let x = 0; x < width; x++) {
      const t = y / height;
      const r = sky ? 120 + 80 * t : 60 + 120 * hue;
      const g = sky ? 170 + 60 * t : 120 + 60 * (1 - hue) + 20 * Math.sin(x / 3);
      const b = sky ? 230 : 50;
      row.set([Math.round(r) & 255, Math.round(g) & 255, Math.round(b) & 255], 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A meeting's sign-in sheet (签到表) as a real .xlsx. */
export function signInSheet(participants: readonly { name: string; attended: boolean; spoke: boolean }[]) {
  return writeXlsxSheet(
    '签到表',
    [
      { header: '序号', width: 6 },
      { header: '姓名', width: 14 },
      { header: '签到', width: 8 },
      { header: '交流发言', width: 10 },
    ],
    participants.map((p, i) => [i + 1, p.name, p.attended ? '已到' : '请假', p.spoke ? '是' : '']),
  );
}
