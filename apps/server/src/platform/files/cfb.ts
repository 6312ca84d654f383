/**
 * A reader of the Compound File Binary format (MS-CFB), the container of legacy Office files
 * (.doc, .xls, .ppt): just enough to list the directory and read a stream, the way Office finds
 * them — header, FAT (through the DIFAT), the directory's sector chain, the mini stream.
 * Every chain is bounded by the file's own sector count, so a looping or oversized chain ends as
 * "not a compound file" instead of a hang.
 */

const MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const MAX_REGULAR = 0xfffffffa;

interface CfbEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

export interface CompoundFile {
  entries: CfbEntry[];
  /** A stream's bytes (regular sectors, or the mini stream when smaller than the cutoff); null if its chain is broken. */
  read(entry: CfbEntry): Buffer | null;
}

/** The directory and streams of a compound file, or null when the structure is not intact. */
export function readCompoundFile(buf: Buffer): CompoundFile | null {
  try {
    return parse(buf);
  } catch {
    // A read past the end of a malformed file (RangeError): not an intact compound file.
    return null;
  }
}

function parse(buf: Buffer): CompoundFile | null {
  if (buf.length < 512 || !buf.subarray(0, 8).equals(MAGIC)) return null;
  if (buf.readUInt16LE(0x1c) !== 0xfffe) return null;
  const major = buf.readUInt16LE(0x1a);
  const shift = buf.readUInt16LE(0x1e);
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) return null;
  const sectorSize = 1 << shift;
  const miniShift = buf.readUInt16LE(0x20);
  if (miniShift !== 6) return null;
  const sectorCount = Math.floor((buf.length - sectorSize) / sectorSize) + 1;
  const sectorAt = (n: number) => {
    const at = (n + 1) * sectorSize;
    return n <= MAX_REGULAR && at + sectorSize <= buf.length ? buf.subarray(at, at + sectorSize) : null;
  };
  const perSector = sectorSize / 4;

  // The FAT's sectors: 109 in the header, then the DIFAT chain.
  const fatSectorCount = buf.readUInt32LE(0x2c);
  if (fatSectorCount > sectorCount) return null;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++)
    fatSectors.push(buf.readUInt32LE(0x4c + i * 4));
  let difat = buf.readUInt32LE(0x44);
  for (let hops = 0; fatSectors.length < fatSectorCount; hops++) {
    const s = hops <= sectorCount ? sectorAt(difat) : null;
    if (!s) return null;
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatSectorCount; i++)
      fatSectors.push(s.readUInt32LE(i * 4));
    difat = s.readUInt32LE((perSector - 1) * 4);
  }
  const fat: number[] = [];
  for (const n of fatSectors) {
    const s = sectorAt(n);
    if (!s) return null;
    for (let i = 0; i < perSector; i++) fat.push(s.readUInt32LE(i * 4));
  }

  /** The sectors of a chain, in order; null if it leaves the file, loops or never ends. */
  const chain = (start: number, table: readonly number[], limit: number): number[] | null => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let n = start; n !== END_OF_CHAIN; n = table[n]!) {
      if (n === FREE || n > MAX_REGULAR || n >= table.length || seen.has(n) || out.length >= limit)
        return null;
      seen.add(n);
      out.push(n);
    }
    return out;
  };
  const readRegular = (start: number, size: number): Buffer | null => {
    const sectors = chain(start, fat, sectorCount);
    if (!sectors) return null;
    const parts: Buffer[] = [];
    for (const n of sectors) {
      const s = sectorAt(n);
      if (!s) return null;
      parts.push(s);
    }
    const all = Buffer.concat(parts);
    return all.length >= size ? all.subarray(0, size) : null;
  };

  // The directory: 128-byte entries along its own chain.
  const dirSectors = chain(buf.readUInt32LE(0x30), fat, sectorCount);
  if (!dirSectors || dirSectors.length === 0) return null;
  const entries: CfbEntry[] = [];
  for (const n of dirSectors) {
    const s = sectorAt(n);
    if (!s) return null;
    for (let at = 0; at + 128 <= s.length; at += 128) {
      const type = s[at + 0x42]!;
      if (type === 0) continue; // unallocated
      const nameBytes = Math.min(s.readUInt16LE(at + 0x40), 64);
      const name = s.toString('utf16le', at, at + Math.max(0, nameBytes - 2));
      entries.push({
        name,
        type,
        start: s.readUInt32LE(at + 0x74),
        size: major === 3 ? s.readUInt32LE(at + 0x78) : Number(s.readBigUInt64LE(at + 0x78)),
      });
    }
  }
  const root = entries.find((e) => e.type === 5);
  if (!root) return null;

  const cutoff = buf.readUInt32LE(0x38);
  let mini: { fat: number[]; stream: Buffer } | null | undefined;
  const miniParts = () => {
    if (mini !== undefined) return mini;
    const miniFatBytes = readRegular(buf.readUInt32LE(0x3c), buf.readUInt32LE(0x40) * sectorSize);
    const stream = root.size > 0 ? readRegular(root.start, root.size) : Buffer.alloc(0);
    mini =
      miniFatBytes && stream
        ? {
            fat: Array.from({ length: miniFatBytes.length / 4 }, (_, i) => miniFatBytes.readUInt32LE(i * 4)),
            stream,
          }
        : null;
    return mini;
  };

  return {
    entries,
    read(entry) {
      if (entry.size === 0) return Buffer.alloc(0);
      if (entry.type === 5 || entry.size >= cutoff) return readRegular(entry.start, entry.size);
      const m = miniParts();
      if (!m) return null;
      const sectors = chain(entry.start, m.fat, m.fat.length);
      if (!sectors) return null;
      const all = Buffer.concat(sectors.map((n) => m.stream.subarray(n * 64, n * 64 + 64)));
      return all.length >= entry.size ? all.subarray(0, entry.size) : null;
    },
  };
}
