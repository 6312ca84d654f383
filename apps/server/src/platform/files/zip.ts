// Zip archives, read defensively and written simply: the one reader of central directories for every
// upload that is a zip (an .xlsx or .docx package, a .zip of .lrmx files). Everything that can refuse an
// archive is decided from the central directory before a byte is inflated (entry count, declared sizes,
// compression ratio, names, encryption), and inflation is bounded by the declared size, so a directory
// that lies about a bomb costs at most what it declared. Zip64 and multi-disk archives are not read.
import { createInflateRaw, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { AppError } from '../errors';

export interface ZipEntry {
  name: string;
  /** General purpose flags; bit 0 set means the entry is encrypted. */
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Why a central directory is not read: damaged or unsupported, or over a limit given. */
class ZipStructureError extends Error {
  constructor(
    readonly kind: 'invalid' | 'too_large',
    detail: string,
  ) {
    super(detail);
  }
}

const UTF8_NAMES = 0x0800;
const ENCRYPTED = 0x0001;

/**
 * An entry name as its writer meant it: UTF-8 when flagged; otherwise ASCII, or GB18030 for the names
 * Chinese Windows tools write in the local code page (CP437, the format's default, is never meant here).
 */
function decodeName(bytes: Buffer, flags: number): string {
  const utf8 = flags & UTF8_NAMES || bytes.every((b) => b < 0x80);
  try {
    return new TextDecoder(utf8 ? 'utf-8' : 'gb18030', { fatal: true }).decode(bytes);
  } catch {
    throw new ZipStructureError('invalid', 'an entry name in no known encoding');
  }
}

/**
 * The entries of the central directory, without inflating anything. Multi-disk and zip64 archives are
 * refused, and so is a directory of more than `maxEntries` entries before any of them is read.
 */
function readCentralDirectory(buf: Buffer, maxEntries = Infinity): ZipEntry[] {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipStructureError('invalid', 'no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  if (buf.readUInt16LE(eocd + 4) !== 0 || count !== buf.readUInt16LE(eocd + 8))
    throw new ZipStructureError('invalid', 'a multi-disk archive');
  if (count === 0xffff || offset === 0xffffffff) throw new ZipStructureError('invalid', 'a zip64 archive');
  if (count > maxEntries) throw new ZipStructureError('too_large', `${count} entries`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50)
      throw new ZipStructureError('invalid', 'a broken central directory');
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    if (at + 46 + nameLen > buf.length) throw new ZipStructureError('invalid', 'a broken central directory');
    const flags = buf.readUInt16LE(at + 8);
    entries.push({
      name: decodeName(buf.subarray(at + 46, at + 46 + nameLen), flags),
      flags,
      method: buf.readUInt16LE(at + 10),
      crc: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * The entries of a zip archive, read from its central directory (no decompression, so a zip bomb
 * costs nothing). Null when the archive structure is not intact or not supported.
 */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  try {
    return readCentralDirectory(buf);
  } catch (err) {
    if (err instanceof ZipStructureError) return null;
    throw err;
  }
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

// ---- archives of small files read whole (a .zip of .lrmx): limits, names, inflation, and the writer ----

export interface ZipLimits {
  /** The archive itself. */
  maxArchiveBytes: number;
  /** Entries in the central directory, directories and skipped ones included. */
  maxEntries: number;
  /** One kept entry, uncompressed; a larger one is listed in `oversized`, never inflated. */
  maxEntryBytes: number;
  /** All kept entries together, uncompressed. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of an entry above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export interface ZipFile {
  name: string;
  bytes: Buffer;
}

/** A kept entry, inflated only when read (one at a time, so a batch never sits in memory twice). */
export interface ZipEntryReader {
  name: string;
  /**
   * The entry's bytes, inflated at most to its declared size and checked against its CRC. Throws
   * LRMX_ZIP_TOO_LARGE when the data inflates past the declared size, LRMX_ZIP_INVALID when damaged.
   */
  read(): Buffer;
}

export interface ZipContents {
  /** The kept entries, in the archive's order. */
  files: ZipEntryReader[];
  /** Kept by name but over `maxEntryBytes` by their declared size: not inflated. */
  oversized: string[];
  /** Entries left out: directories, macOS metadata, names `keep` refused. */
  skipped: string[];
}

const refuse = (code: 'LRMX_ZIP_INVALID' | 'LRMX_ZIP_TOO_LARGE', detail: string) =>
  new AppError(code, { cause: new Error(detail) });

/** A name that could point outside a folder if extracted, or that no file system would accept. */
function isUnsafeName(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (name === '' || /[\u0000-\u001f\u007f]/.test(name)) return true;
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return true;
  return path.split('/').some((segment) => segment === '..');
}

/** Directories and what macOS adds to archives it makes. */
function isNoise(name: string): boolean {
  const base = name.split('/').pop() ?? '';
  return name.endsWith('/') || name.startsWith('__MACOSX/') || base.startsWith('._') || base === '.DS_Store';
}

/** An entry's bytes, inflated at most to its declared size and checked against its CRC. */
function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  const data = zipEntryData(buf, e);
  if (!data) throw refuse('LRMX_ZIP_INVALID', `${e.name}: no local header, or cut short`);
  let bytes: Buffer;
  if (e.method === 0) bytes = data;
  else {
    try {
      // One byte more than declared is enough to know the directory lied.
      bytes = inflateRawSync(data, { maxOutputLength: e.size + 1 });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw refuse('LRMX_ZIP_TOO_LARGE', `${e.name} inflates past its declared size`);
      throw refuse('LRMX_ZIP_INVALID', `${e.name} does not inflate`);
    }
    if (bytes.length > e.size)
      throw refuse('LRMX_ZIP_TOO_LARGE', `${e.name} inflates past its declared size`);
  }
  if (bytes.length !== e.size || crc32(bytes) !== e.crc)
    throw refuse('LRMX_ZIP_INVALID', `${e.name} fails its size or CRC check`);
  return bytes;
}

/**
 * The entries of a zip archive whose names `keep` accepts, to be read one by one. Throws, before anything
 * is inflated, LRMX_ZIP_INVALID (not a zip, damaged directory, encryption, zip64, unsafe names such as
 * `../x`) or LRMX_ZIP_TOO_LARGE (too many entries, too much in total, an abnormal ratio).
 */
export function readZip(buf: Buffer, keep: (name: string) => boolean, limits: ZipLimits): ZipContents {
  if (buf.length > limits.maxArchiveBytes) throw refuse('LRMX_ZIP_TOO_LARGE', `${buf.length} bytes`);
  if (buf.length < 22 || buf.readUInt32LE(0) !== (buf.length === 22 ? 0x06054b50 : 0x04034b50))
    throw refuse('LRMX_ZIP_INVALID', 'not a zip archive');
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(buf, limits.maxEntries);
  } catch (err) {
    if (!(err instanceof ZipStructureError)) throw err;
    throw refuse(err.kind === 'too_large' ? 'LRMX_ZIP_TOO_LARGE' : 'LRMX_ZIP_INVALID', err.message);
  }
  const unsafe = entries.find((e) => isUnsafeName(e.name));
  if (unsafe) throw refuse('LRMX_ZIP_INVALID', `unsafe entry name ${JSON.stringify(unsafe.name)}`);
  const contents: ZipContents = { files: [], oversized: [], skipped: [] };
  const kept: ZipEntry[] = [];
  for (const e of entries) {
    if (isNoise(e.name) || !keep(e.name)) contents.skipped.push(e.name);
    else if (e.size > limits.maxEntryBytes) contents.oversized.push(e.name);
    else kept.push(e);
  }
  let total = 0;
  for (const e of kept) {
    if (e.flags & ENCRYPTED) throw refuse('LRMX_ZIP_INVALID', `${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw refuse('LRMX_ZIP_INVALID', `${e.name}: method ${e.method}`);
    if (e.size > limits.ratioFloorBytes && e.size > e.compressedSize * limits.maxRatio)
      throw refuse(
        'LRMX_ZIP_TOO_LARGE',
        `${e.name}: ratio ${Math.round(e.size / Math.max(1, e.compressedSize))}`,
      );
    total += e.size;
  }
  if (total > limits.maxTotalBytes) throw refuse('LRMX_ZIP_TOO_LARGE', `${total} bytes uncompressed`);
  for (const e of kept) contents.files.push({ name: e.name, read: () => inflateEntry(buf, e) });
  return contents;
}

/** MS-DOS date and time of an entry (local fields of the zip format, 2-second resolution). */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  };
}

/**
 * A zip archive of the files (UTF-8 names, flagged): each deflated, or stored when deflating does not
 * make it smaller (photos). At most 65,534 files (no zip64).
 */
export function writeZip(files: readonly ZipFile[], modified: Date): Buffer {
  if (files.length >= 0xffff) throw new Error('too many files for a zip without zip64');
  const { date, time } = dosDateTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const deflated = deflateRawSync(f.bytes);
    const stored = deflated.length >= f.bytes.length;
    const data = stored ? f.bytes : deflated;
    const crc = crc32(f.bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(f.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    local.copy(central, 8, 6, 28); // flags, method, time, date, crc, sizes, name length
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
