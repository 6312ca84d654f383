import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** General purpose flags; bit 0 set means the entry is encrypted. */
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * The entries of a zip archive, read from its central directory (no decompression, so a zip bomb
 * costs nothing). Null when the archive structure is not intact.
 */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    if (at + 46 + nameLen > buf.length) return null;
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry names of a zip archive (central directory only); null when the structure is not intact. */
export function zipEntryNames(buf: Buffer): string[] | null {
  return zipEntries(buf)?.map((e) => e.name) ?? null;
}

/** The compressed bytes of an entry, located through its local header; null if they lie outside the file. */
export function zipEntryData(buf: Buffer, e: ZipEntry): Buffer | null {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const dataAt = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (dataAt + e.compressedSize > buf.length) return null;
  return buf.subarray(dataAt, dataAt + e.compressedSize);
}

/** How an entry's data compares with the size its central directory declares. */
export type InflatedSize = 'as-declared' | 'larger' | 'damaged';

/**
 * Whether an entry inflates to exactly its declared size. The output is counted and dropped as it
 * comes (nothing is kept), and inflation stops at the first byte past the declared size — so an
 * archive whose central directory lies about a bomb costs at most the size it declared.
 */
export function checkInflatedSize(buf: Buffer, e: ZipEntry): Promise<InflatedSize> {
  const data = zipEntryData(buf, e);
  if (!data) return Promise.resolve('damaged');
  if (e.method === 0) return Promise.resolve(data.length === e.size ? 'as-declared' : 'damaged');
  if (e.method !== 8) return Promise.resolve('damaged');
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let out = 0;
    let settled = false;
    const settle = (result: InflatedSize) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > e.size) settle('larger');
    });
    inflate.on('end', () => settle(out === e.size ? 'as-declared' : 'damaged'));
    inflate.on('error', () => settle('damaged'));
    inflate.end(data);
  });
}
