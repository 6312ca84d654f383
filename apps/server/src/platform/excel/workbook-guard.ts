import type { Readable } from 'node:stream';
import { AppError } from '../errors';
import { readCompoundFile } from '../files/cfb';
import { checkFileKind } from '../files/file-kind';
import { checkInflatedSize, zipEntries } from '../files/zip';

export interface WorkbookLimits {
  /** Largest upload, in bytes. */
  maxBytes: number;
  /** Most data rows (after the header). */
  maxRows: number;
  /** Most columns with a value, in any row. */
  maxColumns: number;
  /** Most bytes the whole package may declare once inflated. */
  maxUncompressedBytes: number;
  /** Highest inflated/compressed ratio of an entry declared above 1 MiB. */
  maxRatio: number;
  /** Most entries in the package. */
  maxEntries: number;
}

/**
 * Defaults sized for a county roster: 200,000 rows fit in about 20 MB of .xlsx; sheet XML
 * written by Excel, WPS or exceljs compresses 5–30×, so 100× is already suspicious.
 */
export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxBytes: 30 * 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 200,
  maxUncompressedBytes: 600 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 2_000,
};

const MiB = 1024 * 1024;
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The streams of an OOXML file encrypted with a password to open (MS-OFFCRYPTO): a compound file, not a zip. */
const ENCRYPTED_STREAMS = new Set(['ENCRYPTIONINFO', 'ENCRYPTEDPACKAGE']);

/** The upload's bytes, refused as soon as they pass the size limit (the rest is never read). */
export async function collectUpload(input: Buffer | Readable, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(input)) {
    if (input.length > maxBytes) throw new AppError('EXCEL_TOO_LARGE');
    return input;
  }
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += b.length;
    if (total > maxBytes) {
      input.destroy();
      throw new AppError('EXCEL_TOO_LARGE');
    }
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/**
 * Refuses what must not reach the XML parser, from the container alone: anything that is not an
 * .xlsx package (legacy .xls, CSV, HTML, PDF, an empty file), a password-protected workbook,
 * macros (.xlsm, VBA, Excel 4.0 macro sheets, ActiveX), and zip bombs — by the sizes the central
 * directory declares (nothing is inflated for that), then by inflating each entry only as far as
 * it declared, counting and dropping the output, so a directory that lies costs no more.
 */
export async function checkWorkbookPackage(buf: Buffer, limits: WorkbookLimits): Promise<void> {
  if (buf.length >= OLE.length && buf.subarray(0, OLE.length).equals(OLE)) {
    const cf = readCompoundFile(buf);
    if (cf?.entries.some((e) => ENCRYPTED_STREAMS.has(e.name.toUpperCase())))
      throw new AppError('EXCEL_ENCRYPTED');
    throw new AppError('EXCEL_NOT_XLSX');
  }
  const entries = zipEntries(buf);
  if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml')) throw new AppError('EXCEL_NOT_XLSX');
  if (entries.some((e) => (e.flags & 1) === 1)) throw new AppError('EXCEL_ENCRYPTED');
  const kind = checkFileKind('xlsx', buf);
  if (kind === 'ATTACHMENT_MACROS') throw new AppError('EXCEL_MACROS');
  if (kind) throw new AppError('EXCEL_NOT_XLSX');

  if (entries.length > limits.maxEntries) throw new AppError('EXCEL_ZIP_BOMB');
  let total = 0;
  for (const e of entries) {
    // 0xFFFFFFFF defers the size to a zip64 record: no workbook this size is accepted anyway.
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw new AppError('EXCEL_ZIP_BOMB');
    total += e.size;
    if (e.size > MiB && e.size > limits.maxRatio * Math.max(1, e.compressedSize))
      throw new AppError('EXCEL_ZIP_BOMB');
  }
  if (total > limits.maxUncompressedBytes) throw new AppError('EXCEL_ZIP_BOMB');
  for (const e of entries) {
    const inflated = await checkInflatedSize(buf, e);
    if (inflated === 'larger') throw new AppError('EXCEL_ZIP_BOMB');
    if (inflated === 'damaged') throw new AppError('EXCEL_NOT_XLSX');
  }
}
