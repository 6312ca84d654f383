import { ATTACHMENT_KINDS, type AttachmentExtension } from '@xinhuo/shared';

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

/**
 * The entry names of a zip archive, read from its central directory (no decompression, so a zip
 * bomb costs nothing). Null when the archive structure is not intact.
 */
export function zipEntryNames(buf: Buffer): string[] | null {
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
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    if (at + 46 + nameLen > buf.length) return null;
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
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
      return startsWith(buf, OLE) ? null : 'ATTACHMENT_CONTENT_MISMATCH';
    case 'text':
      return isPlainText(buf) ? null : 'ATTACHMENT_CONTENT_MISMATCH';
    case 'ooxml': {
      if (!startsWith(buf, ZIP)) return 'ATTACHMENT_CONTENT_MISMATCH';
      const names = zipEntryNames(buf);
      const part = OOXML_PART[ext];
      if (!names || !names.includes('[Content_Types].xml') || !names.some((n) => n.startsWith(part!)))
        return 'ATTACHMENT_CONTENT_MISMATCH';
      if (names.some((n) => /vbaProject\.bin$/i.test(n))) return 'ATTACHMENT_MACROS';
      return null;
    }
  }
}
