// Reading and writing LRMX v3 files: one UTF-8 XML document, root <Person>, one element per field,
// the family under <JiaTingChengYuan><Item>…, the photo in Base64. Readers of the format must be
// order-insensitive and tolerate missing elements; the writer emits every element, even when empty.
import type { ErrorCode } from '@xinhuo/shared';
import { AppError } from '../errors';
import { checkFileKind } from '../files/file-kind';
import {
  emptyCadreRecord,
  FAMILY_ELEMENT,
  FAMILY_ELEMENTS,
  FAMILY_ITEM_ELEMENT,
  getText,
  isFamilyMemberSet,
  PHOTO_ELEMENT,
  RETIREMENT_ELEMENT,
  setText,
  TEXT_ELEMENTS,
  type CadreRecord,
  type FamilyMember,
} from './cadre-record';
import { isXmlChar, readXml, XmlReadError, type XmlElement } from './xml-reader';

/** The largest .lrmx read: real files are tens of KiB, most of it the photo. */
export const LRMX_MAX_BYTES = 4 * 1024 * 1024;
/** The largest photo accepted, decoded (ID photos are 20–200 KiB). */
export const LRMX_PHOTO_MAX_BYTES = 1024 * 1024;

/** A form has ~40 elements and a family item 6 (editors write up to 10 items): far below these. */
const LRMX_XML_LIMITS = { maxDepth: 8, maxElements: 2000 };

/** The version written into files this application produces. */
export const LRMX_WRITER_VERSION = '3.2.1.16';

/** An LRMX_* code of the error catalogue. */
export type LrmxErrorCode = Extract<ErrorCode, `LRMX_${string}`>;

/** Why a file is not read: the code says it to the user, the detail goes to the log and the import report. */
export function lrmxError(code: LrmxErrorCode, detail: string): AppError {
  return new AppError(code, { cause: new Error(detail) });
}

const startsWithBytes = (buf: Buffer, bytes: readonly number[]) =>
  buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);

/**
 * The file's text, if it is UTF-8: UTF-16 and UTF-32 (by BOM or by the zero bytes of "<?"), a declared
 * non-UTF-8 encoding (GB2312, GBK, GB18030…) and invalid UTF-8 are each refused and named.
 */
function decodeUtf8(bytes: Buffer): string {
  if (startsWithBytes(bytes, [0xff, 0xfe]) || startsWithBytes(bytes, [0xfe, 0xff]))
    throw lrmxError('LRMX_ENCODING', 'UTF-16 (byte order mark)');
  if (startsWithBytes(bytes, [0x3c, 0x00]) || startsWithBytes(bytes, [0x00, 0x3c]))
    throw lrmxError('LRMX_ENCODING', 'UTF-16 or UTF-32 (no byte order mark)');
  const body = startsWithBytes(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  // The declaration is ASCII in every ASCII-compatible encoding, so it can be read before decoding.
  const head = body.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared.trim()))
    throw lrmxError('LRMX_ENCODING', `declared encoding ${declared}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw lrmxError('LRMX_ENCODING', 'not valid UTF-8 (GB2312/GBK text?)');
  }
}

/** The photo's bytes from Base64 text (line-wrapped or not): size checked before decoding, kind by content. */
function decodePhoto(base64: string): Buffer | null {
  const text = base64.replace(/\s+/g, '');
  if (text === '') return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw lrmxError('LRMX_PHOTO_INVALID', 'not Base64');
  if ((text.length / 4) * 3 - (text.match(/=/g)?.length ?? 0) > LRMX_PHOTO_MAX_BYTES)
    throw lrmxError('LRMX_PHOTO_TOO_LARGE', `${text.length} Base64 characters`);
  const bytes = Buffer.from(text, 'base64');
  if (checkFileKind('jpg', bytes) !== null && checkFileKind('png', bytes) !== null)
    throw lrmxError('LRMX_PHOTO_INVALID', 'neither JPEG nor PNG by content');
  return bytes;
}

/** The first child of that name (a repeated element is read once, as the official editor does). */
const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);

function readFamily(el: XmlElement | undefined): FamilyMember[] {
  if (!el) return [];
  return el.children
    .filter((c) => c.name === FAMILY_ITEM_ELEMENT)
    .map((item) => {
      const m = {} as FamilyMember;
      for (const f of FAMILY_ELEMENTS) m[f.field] = child(item, f.element)?.text ?? '';
      return m;
    })
    .filter(isFamilyMemberSet);
}

/**
 * A cadre record from the bytes of an .lrmx file. Throws an AppError with an LRMX_* code for what is
 * refused: too large, the legacy .lrm format, not UTF-8, any DTD, malformed XML or another root, a photo
 * that is too large or not a JPEG/PNG image. `fileName`, when known, recognises a legacy .lrm by name.
 */
export function parseLrmx(bytes: Buffer, fileName?: string): CadreRecord {
  if (bytes.length > LRMX_MAX_BYTES) throw lrmxError('LRMX_TOO_LARGE', `${bytes.length} bytes`);
  if (fileName && /\.(lrm|pic)$/i.test(fileName)) throw lrmxError('LRMX_LEGACY_FORMAT', fileName);
  // A 2.0 file is GB2312 text of quoted, comma-separated fields: it opens with a quote.
  const firstByte = bytes.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (firstByte === 0x22) throw lrmxError('LRMX_LEGACY_FORMAT', 'quoted comma-separated fields');
  const text = decodeUtf8(bytes);
  let root: XmlElement;
  try {
    root = readXml(text, LRMX_XML_LIMITS);
  } catch (err) {
    if (err instanceof XmlReadError)
      throw lrmxError(err.kind === 'dtd' ? 'LRMX_DTD_REFUSED' : 'LRMX_MALFORMED', err.message);
    throw err;
  }
  if (root.name !== 'Person') throw lrmxError('LRMX_MALFORMED', `root element ${root.name}`);
  const record = emptyCadreRecord();
  for (const e of [...TEXT_ELEMENTS, RETIREMENT_ELEMENT]) {
    const el = child(root, e.element);
    if (el) setText(record, e.field, el.text);
  }
  record.family = readFamily(child(root, FAMILY_ELEMENT));
  record.photo = decodePhoto(child(root, PHOTO_ELEMENT)?.text ?? '');
  return record;
}

/**
 * Text as XML character data: markup characters escaped, CR as a reference (a literal one would be read
 * back as LF), characters XML cannot carry at all (C0 controls, lone surrogates, U+FFFE/U+FFFF) dropped.
 */
export function escapeXmlText(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (ch === '\r') out += '&#13;';
    else if (isXmlChar(cp) && !(cp >= 0xd800 && cp <= 0xdfff)) out += ch;
  }
  return out;
}

const EOL = '\r\n';

const elementLine = (indent: string, name: string, text: string) =>
  text === '' ? `${indent}<${name} />` : `${indent}<${name}>${escapeXmlText(text)}</${name}>`;

/**
 * The .lrmx file of a record: UTF-8 without BOM, CRLF between elements like the form editor, every
 * element present (empty ones as <X />), DaoLingNianYue only when set, family rows that have content.
 */
export function writeLrmx(record: CadreRecord): Buffer {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Person>'];
  for (const e of TEXT_ELEMENTS) {
    if (e.element === 'Version') continue;
    lines.push(elementLine('  ', e.element, getText(record, e.field)));
    if (e.element === 'RenMianLiYou') {
      // The family follows 任免理由, as on the printed form.
      const members = record.family.filter(isFamilyMemberSet);
      if (members.length === 0) lines.push(`  <${FAMILY_ELEMENT} />`);
      else {
        lines.push(`  <${FAMILY_ELEMENT}>`);
        for (const m of members) {
          lines.push(`    <${FAMILY_ITEM_ELEMENT}>`);
          for (const f of FAMILY_ELEMENTS) lines.push(elementLine('      ', f.element, m[f.field]));
          lines.push(`    </${FAMILY_ITEM_ELEMENT}>`);
        }
        lines.push(`  </${FAMILY_ELEMENT}>`);
      }
    }
  }
  lines.push(elementLine('  ', PHOTO_ELEMENT, record.photo ? record.photo.toString('base64') : ''));
  if (record.retirementMonth !== '')
    lines.push(elementLine('  ', RETIREMENT_ELEMENT.element, record.retirementMonth));
  lines.push(elementLine('  ', 'Version', record.version));
  lines.push('</Person>', '');
  return Buffer.from(lines.join(EOL), 'utf8');
}
