import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

/*
 * A plain POSIX ustar archive of regular files, written and read in chunks (a database may be large).
 * `tar -xf backup.tar` unpacks it with the standard tool; the CLI reads it with readTar.
 */

const BLOCK = 512;
const CHUNK = 1 << 20;

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const field = (off: number, len: number, value: string) => h.write(value, off, len, 'utf8');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  field(0, 100, name);
  field(100, 8, octal(0o600, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(size, 12));
  field(136, 12, octal(Math.floor(mtime.getTime() / 1000), 12));
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const b of h) sum += b;
  field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** Write `out` holding each file (name in the archive → path on disk) in the order given. */
export function writeTar(out: string, files: readonly { name: string; path: string }[]): void {
  const fd = openSync(out, 'wx', 0o600);
  try {
    const buf = Buffer.alloc(CHUNK);
    for (const f of files) {
      const src = openSync(f.path, 'r');
      try {
        const st = fstatSync(src);
        writeSync(fd, header(f.name, st.size, st.mtime));
        let left = st.size;
        while (left > 0) {
          const n = readSync(src, buf, 0, Math.min(CHUNK, left), null);
          if (n === 0) throw new Error(`tar: ${f.path} shrank while being archived`);
          writeSync(fd, buf, 0, n);
          left -= n;
        }
        const pad = (BLOCK - (st.size % BLOCK)) % BLOCK;
        if (pad) writeSync(fd, Buffer.alloc(pad));
      } finally {
        closeSync(src);
      }
    }
    writeSync(fd, Buffer.alloc(BLOCK * 2));
  } finally {
    closeSync(fd);
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Byte offset of the entry's content in the archive. */
  offset: number;
}

/** The regular files of an archive written by writeTar (or any plain ustar); throws on a damaged header. */
export function listTar(file: string): TarEntry[] {
  const fd = openSync(file, 'r');
  try {
    const total = fstatSync(fd).size;
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    while (pos + BLOCK <= total) {
      readSync(fd, h, 0, BLOCK, pos);
      if (h.every((b) => b === 0)) return entries;
      const stored = parseInt(h.subarray(148, 156).toString('latin1').replace(/[\0 ]/g, ''), 8);
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      if (stored !== sum) throw new Error('not a backup archive (tar header checksum)');
      const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(h.subarray(124, 136).toString('latin1').replace(/[\0 ]/g, ''), 8);
      const type = String.fromCharCode(h[156]!);
      if (!Number.isSafeInteger(size) || pos + BLOCK + size > total)
        throw new Error('not a backup archive (truncated)');
      if (type === '0' || type === '\0') entries.push({ name, size, offset: pos + BLOCK });
      pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    throw new Error('not a backup archive (no end marker)');
  } finally {
    closeSync(fd);
  }
}

/** Copy one entry's content out of the archive to `dest` (created 0600, must not exist). */
export function extractEntry(file: string, entry: TarEntry, dest: string): void {
  const fd = openSync(file, 'r');
  const out = openSync(dest, 'wx', 0o600);
  try {
    const buf = Buffer.alloc(CHUNK);
    let done = 0;
    while (done < entry.size) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, entry.size - done), entry.offset + done);
      if (n === 0) throw new Error('not a backup archive (truncated)');
      writeSync(out, buf, 0, n);
      done += n;
    }
  } finally {
    closeSync(fd);
    closeSync(out);
  }
}
