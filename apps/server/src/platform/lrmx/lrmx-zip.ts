// A batch of cadre records as a .zip of .lrmx files: read for an import, written for an export.
import { AppError } from '../errors';
import type { CadreRecord } from './cadre-record';
import { LRMX_MAX_BYTES, parseLrmx, writeLrmx, type LrmxErrorCode } from './lrmx';
import { readZip, writeZip, type ZipLimits } from '../files/zip';

/**
 * An import's archive: a county's roster fits (a few thousand files of tens of KiB); XML with a photo
 * compresses a few times, so a ratio of 100 on a sizeable entry is a bomb, not a cadre record.
 */
export const LRMX_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 64 * 1024 * 1024,
  maxEntries: 5000,
  maxEntryBytes: LRMX_MAX_BYTES,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 64 * 1024,
};

/** One file of the archive: its record, or why it was refused (the other files are still read). */
export type LrmxZipEntry =
  { name: string; record: CadreRecord } | { name: string; error: LrmxErrorCode; detail: string };

export interface LrmxZipContents {
  entries: LrmxZipEntry[];
  /** Entries that are not cadre records (other files, directories, macOS metadata). */
  skipped: string[];
}

/**
 * The cadre records of a .zip, each file read on its own: one bad file is reported and the rest read.
 * The archive as a whole is refused (LRMX_ZIP_INVALID, LRMX_ZIP_TOO_LARGE) before any inflation when
 * it is damaged, hostile or too big, and with LRMX_ZIP_EMPTY when it holds no .lrmx (or .lrm) file.
 */
export function readLrmxZip(buf: Buffer): LrmxZipContents {
  // Legacy .lrm files are kept so that each is reported as such instead of silently skipped.
  const zip = readZip(buf, (name) => /\.lrmx?$/i.test(name), LRMX_ZIP_LIMITS);
  const entries: LrmxZipEntry[] = zip.oversized.map((name) => ({
    name,
    error: 'LRMX_TOO_LARGE',
    detail: 'declared size over the limit (not inflated)',
  }));
  for (const f of zip.files) {
    // A damaged entry or a lying directory refuses the whole archive: it is thrown, not listed.
    const bytes = f.read();
    try {
      entries.push({ name: f.name, record: parseLrmx(bytes, f.name) });
    } catch (err) {
      if (!(err instanceof AppError) || !err.code.startsWith('LRMX_')) throw err;
      entries.push({
        name: f.name,
        error: err.code as LrmxErrorCode,
        detail: (err.cause as Error | undefined)?.message ?? '',
      });
    }
  }
  if (entries.length === 0) throw new AppError('LRMX_ZIP_EMPTY');
  return { entries, skipped: zip.skipped };
}

/** A file name from a person's name: characters no file system takes are replaced, never empty. */
function baseName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are among those replaced
  const safe = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').trim();
  return safe.slice(0, 60) || '未命名';
}

/** The export of many records: `姓名.lrmx` each, a second 张伟 as `张伟(2).lrmx`. */
export function writeLrmxZip(records: readonly CadreRecord[], modified: Date): Buffer {
  const used = new Map<string, number>();
  const files = records.map((r) => {
    const base = baseName(r.name);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { name: n === 1 ? `${base}.lrmx` : `${base}(${n}).lrmx`, bytes: writeLrmx(r) };
  });
  return writeZip(files, modified);
}
