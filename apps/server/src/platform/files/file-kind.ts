import { inflateRawSync } from 'node:zlib';
import { ATTACHMENT_KINDS, type AttachmentExtension } from '@xinhuo/shared';
import { readCompoundFile, type CompoundFile } from './cfb';
import { zipEntries, zipEntryData, type ZipEntry } from './zip';

export { zipEntryNames } from './zip';

/** Why a file was refused, as an error code of the catalogue. */
export type FileKindProblem = 'ATTACHMENT_CONTENT_MISMATCH' | 'ATTACHMENT_MACROS';

const startsWith = (buf: Buffer, bytes: readonly number[], at = 0) =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

/** The folder an OOXML package of each extension must contain (read from the zip's central directory). */
const OOXML_PART: Partial<Record<AttachmentExtension, string>> = {
  docx: 'word/',
  xlsx: 'xl/',
  pptx: 'ppt/',
};

/** Largest [Content_Types].xml read: real ones are a few KiB; more is refused, never inflated further. */
const CONTENT_TYPES_MAX = 256 * 1024;

/** One entry's bytes, stored or deflated, inflating at most CONTENT_TYPES_MAX bytes; null otherwise. */
function readSmallEntry(buf: Buffer, e: ZipEntry): Buffer | null {
  if (e.size > CONTENT_TYPES_MAX || e.compressedSize > buf.length) return null;
  const data = zipEntryData(buf, e);
  if (!data) return null;
  if (e.method === 0) return data;
  if (e.method !== 8) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: CONTENT_TYPES_MAX });
  } catch {
    return null;
  }
}

/** XML text as a parser would see it: UTF-8 or UTF-16 by BOM, character references and entities decoded. */
function xmlText(bytes: Buffer): string {
  const text =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? bytes.toString('utf16le')
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? Buffer.from(bytes).swap16().toString('utf16le')
        : bytes.toString('utf8');
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(
      /&(lt|gt|amp|quot|apos);/g,
      (_, n: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[n]!,
    );
}

/**
 * Content types that carry code Office runs or loads: VBA projects (whatever the part is called),
 * macro-enabled main documents, Excel 4.0 macro sheets, Word VBA data, ActiveX controls.
 */
const MACRO_CONTENT_TYPE = /vbaproject|macroenabled|macrosheet|vbadata|activex/i;
/** Part names that are macro or ActiveX parts whatever the content types say. */
const MACRO_PART = /(^|\/)vbaproject\.bin$|(^|\/)activex\//i;

/** An OOXML package: the right folder for the extension, one [Content_Types].xml, no macro part. */
function checkOoxml(ext: AttachmentExtension, buf: Buffer): FileKindProblem | null {
  if (!startsWith(buf, ZIP)) return 'ATTACHMENT_CONTENT_MISMATCH';
  const entries = zipEntries(buf);
  const part = OOXML_PART[ext]!;
  if (!entries || !entries.some((e) => e.name.startsWith(part))) return 'ATTACHMENT_CONTENT_MISMATCH';
  // Part names are case-insensitive in OPC: exactly one content-types part, however it is spelled.
  const types = entries.filter((e) => e.name.toLowerCase() === '[content_types].xml');
  if (types.length !== 1) return 'ATTACHMENT_CONTENT_MISMATCH';
  if (entries.some((e) => MACRO_PART.test(e.name))) return 'ATTACHMENT_MACROS';
  const xml = readSmallEntry(buf, types[0]!);
  if (!xml) return 'ATTACHMENT_CONTENT_MISMATCH';
  return MACRO_CONTENT_TYPE.test(xmlText(xml)) ? 'ATTACHMENT_MACROS' : null;
}

/** The stream each legacy format keeps its document in (BIFF5 workbooks call it "Book"). */
const OLE_MAIN_STREAM: Partial<Record<AttachmentExtension, readonly string[]>> = {
  doc: ['WORDDOCUMENT'],
  xls: ['WORKBOOK', 'BOOK'],
  ppt: ['POWERPOINT DOCUMENT'],
};

/** Storages and streams that hold a VBA project (Excel: _VBA_PROJECT_CUR, Word: Macros, both: VBA). */
const OLE_MACRO_NAMES = new Set(['_VBA_PROJECT_CUR', '_VBA_PROJECT', 'VBA', 'MACROS']);

/** Excel 4.0 macro sheets and VBA module sheets, declared in the workbook's BOUNDSHEET records. */
function workbookHasMacroSheets(stream: Buffer): boolean {
  for (let at = 0; at + 4 <= stream.length;) {
    const type = stream.readUInt16LE(at);
    const len = stream.readUInt16LE(at + 2);
    if (type === 0x002f) return false; // FILEPASS: what follows is encrypted (Excel asks for the password first)
    if (type === 0x0085 && len >= 6 && at + 10 <= stream.length) {
      const sheetType = stream[at + 4 + 5]!;
      if (sheetType === 0x01 || sheetType === 0x06) return true;
    }
    if (type === 0x000a) return false; // EOF of the globals substream: every sheet is declared before it
    at += 4 + len;
  }
  return false;
}

/** A PowerPoint document with a VBAInfo record (0x03FF): its VBA project sits in an embedded storage. */
function presentationHasVba(stream: Buffer): boolean {
  let budget = 200_000;
  const walk = (from: number, to: number, depth: number): boolean => {
    for (let at = from; at + 8 <= to && budget-- > 0;) {
      const verInstance = stream.readUInt16LE(at);
      const type = stream.readUInt16LE(at + 2);
      const len = stream.readUInt32LE(at + 4);
      const end = Math.min(to, at + 8 + len);
      if (type === 0x03ff) return true;
      if ((verInstance & 0x0f) === 0x0f && depth < 16 && walk(at + 8, end, depth + 1)) return true;
      at = end;
    }
    return false;
  };
  return walk(0, stream.length, 0);
}

/** A legacy Office file: an intact compound file with the format's main stream and no VBA project or macro sheet. */
function checkOle(ext: AttachmentExtension, buf: Buffer): FileKindProblem | null {
  const cf: CompoundFile | null = readCompoundFile(buf);
  if (!cf) return 'ATTACHMENT_CONTENT_MISMATCH';
  // Every allocated directory entry counts, reachable from the root or not.
  if (cf.entries.some((e) => OLE_MACRO_NAMES.has(e.name.toUpperCase()))) return 'ATTACHMENT_MACROS';
  const main = cf.entries.find((e) => e.type === 2 && OLE_MAIN_STREAM[ext]!.includes(e.name.toUpperCase()));
  if (!main) return 'ATTACHMENT_CONTENT_MISMATCH';
  if (ext === 'xls' || ext === 'ppt') {
    let stream: Buffer | null;
    try {
      stream = cf.read(main);
    } catch {
      stream = null;
    }
    if (!stream) return 'ATTACHMENT_CONTENT_MISMATCH';
    if (ext === 'xls' ? workbookHasMacroSheets(stream) : presentationHasVba(stream))
      return 'ATTACHMENT_MACROS';
  }
  return null;
}

/** Well-formed UTF-8 text without NUL bytes (what a .txt attachment must be). */
function isPlainText(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks that the content is what the extension says, by its leading bytes and (for Office files)
 * its structure; the extension alone, or a browser's Content-Type, is never trusted.
 * Returns null when the file is acceptable, or the problem.
 */
export function checkFileKind(ext: AttachmentExtension, buf: Buffer): FileKindProblem | null {
  switch (ATTACHMENT_KINDS[ext].family) {
    case 'pdf':
      return startsWith(buf, PDF) ? null : 'ATTACHMENT_CONTENT_MISMATCH';
    case 'jpeg':
      return startsWith(buf, JPEG) ? null : 'ATTACHMENT_CONTENT_MISMATCH';
    case 'png':
      return startsWith(buf, PNG) ? null : 'ATTACHMENT_CONTENT_MISMATCH';
    case 'webp':
      return startsWith(buf, RIFF) && startsWith(buf, WEBP, 8) ? null : 'ATTACHMENT_CONTENT_MISMATCH';
    case 'ole':
      return startsWith(buf, OLE) ? checkOle(ext, buf) : 'ATTACHMENT_CONTENT_MISMATCH';
    case 'text':
      return isPlainText(buf) ? null : 'ATTACHMENT_CONTENT_MISMATCH';
    case 'ooxml':
      return checkOoxml(ext, buf);
  }
}
