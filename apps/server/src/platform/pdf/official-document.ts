// An official document (公文) as PDF in the GB/T 9704-2012 layout, the same as the web's printable page:
// A4, type area 156 × 225 mm from 37 mm top / 28 mm left, red masthead, number, red rule, title,
// recipient, body, issuer and date at the bottom right under the seal, 抄送 at the foot of the last page.
import PDFDocument from 'pdfkit';
import { DOCUMENT_TEXTS, documentDate, mastheadSize, type DocumentLang } from '@xinhuo/shared';
import { breakLines } from './cjk-lines';
import { loadCjkFonts, type CjkFonts, type CjkWeight } from './cjk-fonts';
import { pageOf, pageStarts, type Flow, type FlowOp } from './page-flow';

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const AREA = { left: 28 * MM, top: 37 * MM, width: 156 * MM, height: 225 * MM };
const RED = '#e60012';
const TABLE_BORDER = 0.75;

/**
 * How tightly a document is set. The standard setting is GB/T 9704's 3号 body (16 pt) on a 28 pt line;
 * a document of the usual length that would run onto a second page by a few lines is set tighter,
 * step by step, before it is broken: the table first, then the spacing round the title and the
 * signature (the seal stays within a line of the body, as the standard asks), then the body down to
 * 4号 (14 pt) on a 22 pt line — the smallest this renderer uses. A document too long for one page
 * even then is set at the standard size over several pages.
 */
interface Density {
  body: { size: number; lineHeight: number };
  table: { size: number; lineHeight: number; padX: number; padY: number; margin: number };
  title: { size: number; lineHeight: number; before: number; after: number };
  /** From the last line of the body to the issuer's name. */
  signatureGap: number;
}

const DENSITIES: readonly Density[] = [
  {
    body: { size: 16, lineHeight: 28 },
    table: { size: 14, lineHeight: 22, padX: 6, padY: 4, margin: 10 },
    title: { size: 22, lineHeight: 36, before: 28, after: 28 },
    signatureGap: 40,
  },
  {
    body: { size: 16, lineHeight: 28 },
    table: { size: 12, lineHeight: 18, padX: 5, padY: 3, margin: 8 },
    title: { size: 22, lineHeight: 34, before: 20, after: 20 },
    signatureGap: 28,
  },
  {
    body: { size: 15, lineHeight: 25 },
    table: { size: 12, lineHeight: 17, padX: 4, padY: 2, margin: 6 },
    title: { size: 20, lineHeight: 30, before: 16, after: 16 },
    signatureGap: 25,
  },
  {
    body: { size: 14, lineHeight: 22 },
    table: { size: 11, lineHeight: 15.5, padX: 4, padY: 2, margin: 6 },
    title: { size: 20, lineHeight: 28, before: 12, after: 12 },
    signatureGap: 22,
  },
];

export interface DocCell {
  text: string;
  isHeader?: boolean;
  colSpan?: number;
  rowSpan?: number;
}

type DocBlock =
  | { kind: 'paragraph'; text: string }
  /** `columns` are fractions of the type area's width. */
  | { kind: 'table'; columns: readonly number[]; rows: readonly (readonly DocCell[])[] };

export interface OfficialDocumentSpec {
  /** The language it is worded in: dates and punctuation follow it. */
  lang: DocumentLang;
  /** 发文机关标志, printed in red. */
  masthead: string;
  docNo: string;
  title: string;
  /** 主送机关, followed by a full-width colon. */
  recipient: string;
  body: readonly DocBlock[];
  issuer: string;
  /** ISO date of issue (成文日期). */
  issuedOn: string;
  /** The text in the seal's placeholder, e.g. （盖章）. */
  sealLabel: string;
  /** 抄送 organs, if any. */
  copyTo?: { label: string; text: string };
}

interface TextStyle {
  weight: CjkWeight;
  size: number;
  lineHeight: number;
  color?: string;
  letterSpacing?: number;
  align?: 'left' | 'center' | 'justify';
  indent?: number;
}

/** Lays text and tables down the strip, from y = 0 at the top of the type area. */
class Typesetter {
  readonly flow: Flow = { ops: [], keeps: [], end: 0 };
  y = 0;
  lastLineTop = 0;

  constructor(
    private readonly fonts: CjkFonts,
    private readonly d: Density,
  ) {}

  widthOf(text: string, s: TextStyle): number {
    return this.fonts[s.weight].widthOf(text, s.size) + (s.letterSpacing ?? 0) * Array.from(text).length;
  }

  /** Break and place text at the cursor; returns the lines' count. */
  text(text: string, s: TextStyle, x = 0, width = AREA.width): number {
    const lines = breakLines(text, {
      width,
      firstLineIndent: s.indent,
      measure: (t) => this.widthOf(t, s),
    });
    lines.forEach((line, i) => this.line(line, s, x, width, i === 0, i === lines.length - 1));
    return lines.length;
  }

  private line(line: string, s: TextStyle, x: number, width: number, isFirst: boolean, isLast: boolean) {
    const n = Array.from(line).length;
    const ls = s.letterSpacing ?? 0;
    const inked = this.widthOf(line, s) - ls; // no spacing after the last character
    const indent = isFirst ? (s.indent ?? 0) : 0;
    let lx = x + indent;
    let spacing = ls;
    if (s.align === 'center') lx = x + (width - inked) / 2;
    if (s.align === 'justify' && !isLast && n > 1) {
      const slack = width - indent - inked;
      // A line cut short before a long Latin word is left ragged rather than spread apart.
      if (slack > 0 && slack < s.size * 3) spacing += slack / (n - 1);
    }
    this.flow.ops.push({
      kind: 'text',
      x: AREA.left + lx,
      y: this.y,
      lineHeight: s.lineHeight,
      text: line,
      weight: s.weight,
      size: s.size,
      color: s.color ?? '#000000',
      spacing,
    });
    this.lastLineTop = this.y;
    this.y += s.lineHeight;
    this.flow.end = Math.max(this.flow.end, this.y);
  }

  table(columns: readonly number[], rows: readonly (readonly DocCell[])[]) {
    const TABLE = this.d.table;
    const colX = columns.map((_, i) => columns.slice(0, i).reduce((a, b) => a + b, 0) * AREA.width);
    const colW = columns.map((f) => f * AREA.width);
    const taken: boolean[][] = rows.map(() => []);
    const placed: { cell: DocCell; row: number; col: number; cs: number; rs: number; lines: string[] }[] = [];
    rows.forEach((cells, r) => {
      let c = 0;
      for (const cell of cells) {
        while (taken[r]![c]) c++;
        const cs = Math.min(cell.colSpan ?? 1, columns.length - c);
        const rs = Math.min(cell.rowSpan ?? 1, rows.length - r);
        for (let i = r; i < r + rs; i++) for (let j = c; j < c + cs; j++) taken[i]![j] = true;
        const inner = colW.slice(c, c + cs).reduce((a, b) => a + b, 0) - 2 * TABLE.padX;
        const style = this.cellStyle(cell);
        const lines = breakLines(cell.text, { width: inner, measure: (t) => this.widthOf(t, style) });
        placed.push({ cell, row: r, col: c, cs, rs, lines });
        c += cs;
      }
    });
    const heightOf = (p: (typeof placed)[number]) => p.lines.length * TABLE.lineHeight + 2 * TABLE.padY;
    const rowH = rows.map((_, r) =>
      Math.max(
        TABLE.lineHeight + 2 * TABLE.padY,
        ...placed.filter((p) => p.row === r && p.rs === 1).map(heightOf),
      ),
    );
    for (const p of placed.filter((q) => q.rs > 1)) {
      const have = rowH.slice(p.row, p.row + p.rs).reduce((a, b) => a + b, 0);
      rowH[p.row + p.rs - 1]! += Math.max(0, heightOf(p) - have);
    }
    const top = this.y + TABLE.margin;
    const rowTop = rowH.map((_, r) => top + rowH.slice(0, r).reduce((a, b) => a + b, 0));
    // A page break inside a row leaves at least one line of it, with its padding, on either side.
    const edge = TABLE.padY + TABLE.lineHeight;
    rowTop.forEach((y, r) => this.flow.keeps.push([y, y + edge], [y + rowH[r]! - edge, y + rowH[r]!]));
    for (const p of placed) {
      const x = colX[p.col]!;
      const w = colW.slice(p.col, p.col + p.cs).reduce((a, b) => a + b, 0);
      const h = rowH.slice(p.row, p.row + p.rs).reduce((a, b) => a + b, 0);
      this.flow.ops.push({ kind: 'box', x: AREA.left + x, y: rowTop[p.row]!, w, h });
      const style = this.cellStyle(p.cell);
      // Header cells sit in the middle of their cell, data cells at the top (as on the web page).
      this.y = p.cell.isHeader
        ? rowTop[p.row]! + (h - p.lines.length * TABLE.lineHeight) / 2
        : rowTop[p.row]! + TABLE.padY;
      p.lines.forEach((line, i) => {
        this.line(line, style, x + TABLE.padX, w - 2 * TABLE.padX, i === 0, i === p.lines.length - 1);
        const op = this.flow.ops[this.flow.ops.length - 1]!;
        if (p.cell.isHeader && op.kind === 'text') {
          op.middleOf = { y: rowTop[p.row]!, h, index: i, lines: p.lines.length };
        }
      });
    }
    this.y = top + rowH.reduce((a, b) => a + b, 0) + TABLE.margin;
    this.lastLineTop = top + rowH.reduce((a, b) => a + b, 0) - rowH[rowH.length - 1]!;
    this.flow.end = Math.max(this.flow.end, this.y);
  }

  private cellStyle(cell: DocCell): TextStyle {
    return {
      weight: cell.isHeader ? 'bold' : 'regular',
      size: this.d.table.size,
      lineHeight: this.d.table.lineHeight,
      align: cell.isHeader ? 'center' : 'left',
    };
  }
}

function layout(
  spec: OfficialDocumentSpec,
  fonts: CjkFonts,
  d: Density,
): { flow: Flow; footer: Flow | null } {
  const BODY = d.body;
  const t = new Typesetter(fonts, d);
  const mast = mastheadSize(spec.masthead);
  // Masthead, number, rule and title open the first page together.
  t.y = -10 * MM;
  const head = { weight: 'bold', size: mast, lineHeight: mast * 1.3, color: RED, letterSpacing: 2 } as const;
  t.text(spec.masthead, { ...head, align: 'center' });
  t.y += 10 * MM;
  t.text(spec.docNo, { weight: 'regular', ...BODY, align: 'center' });
  t.y += 4 * MM;
  t.flow.ops.push({ kind: 'rule', x: AREA.left, y: t.y, w: AREA.width, lineWidth: 1.5, color: RED });
  t.y += d.title.before;
  t.text(spec.title, {
    weight: 'bold',
    size: d.title.size,
    lineHeight: d.title.lineHeight,
    letterSpacing: 4,
    align: 'center',
  });
  t.y += d.title.after;
  t.flow.keeps.push([-10 * MM, t.y]);

  const colon = DOCUMENT_TEXTS[spec.lang]['doc.colon'];
  t.text(`${spec.recipient}${colon}`, { weight: 'regular', ...BODY });
  for (const block of spec.body) {
    if (block.kind === 'paragraph') {
      t.text(block.text, { weight: 'regular', ...BODY, align: 'justify', indent: 2 * BODY.size });
    } else {
      t.table(block.columns, block.rows);
    }
  }

  // Issuer and date, centred on each other, 4 characters in from the right; never alone on a page.
  const lastBodyLine = t.lastLineTop;
  t.y += d.signatureGap;
  const sigTop = t.y;
  const sig = { weight: 'regular', ...BODY, align: 'center' } as const;
  const date = documentDate(spec.issuedOn, spec.lang);
  const sigW = Math.max(10 * BODY.size, t.widthOf(spec.issuer, sig), t.widthOf(date, sig));
  const sigX = AREA.width - 4 * BODY.size - sigW;
  t.text(spec.issuer, sig, sigX, sigW);
  t.text(date, sig, sigX, sigW);
  const seal = 21 * MM;
  t.flow.ops.push({
    kind: 'seal',
    y: sigTop,
    cx: AREA.left + sigX + sigW / 2,
    cy: (sigTop + t.y) / 2 - 0.1 * seal, // CSS: translate(-50%, -55%) of a 42 mm circle
    r: seal,
    label: spec.sealLabel,
  });
  t.flow.keeps.push([lastBodyLine, t.y]);

  if (!spec.copyTo) return { flow: t.flow, footer: null };
  const f = new Typesetter(fonts, d);
  f.y = 4;
  const style = { weight: 'regular', size: 14, lineHeight: BODY.lineHeight } as const;
  f.text(`${spec.copyTo.label}${colon}${spec.copyTo.text}`, style, 14, AREA.width - 28);
  f.flow.ops.push({ kind: 'rule', x: AREA.left, y: 0, w: AREA.width, lineWidth: 0.75, color: '#000000' });
  f.flow.ops.push({ kind: 'rule', x: AREA.left, y: f.y, w: AREA.width, lineWidth: 0.75, color: '#000000' });
  f.flow.end = f.y;
  return { flow: t.flow, footer: f.flow };
}

/** Pages of a laid-out document: where each starts, and its operations with the 版记 placed. */
function paginate({ flow, footer }: { flow: Flow; footer: Flow | null }) {
  const starts = pageStarts(flow, AREA.height);
  const ops: FlowOp[] = [...flow.ops];
  if (footer) {
    // 版记 at the foot of the last page, on a page of its own when the last one is too full.
    const last = starts[starts.length - 1]!;
    let top = last + AREA.height - footer.end;
    if (top < flow.end + 36) {
      starts.push(flow.end + 36);
      top = flow.end + 36 + AREA.height - footer.end;
    }
    for (const op of footer.ops) ops.push({ ...op, y: op.y + top });
  }
  return { starts, ops };
}

/** The loosest density at which the document fits one page, else the standard one (several pages). */
function fitted(spec: OfficialDocumentSpec, fonts: CjkFonts) {
  for (const d of DENSITIES) {
    const pages = paginate(layout(spec, fonts, d));
    if (pages.starts.length === 1) return pages;
  }
  return paginate(layout(spec, fonts, DENSITIES[0]!));
}

/** The document as a PDF file; the fonts are loaded on the first call. */
export async function renderOfficialDocument(spec: OfficialDocumentSpec): Promise<Buffer> {
  const fonts = await loadCjkFonts();
  const { starts, ops } = fitted(spec, fonts);

  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    lang: spec.lang,
    info: { Title: `${spec.title} ${spec.docNo}`, Author: spec.issuer, Creator: 'Xinhuo' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit accepts a parsed fontkit font, so the TTFs are parsed once per process, not per document.
  doc.registerFont('regular', fonts.regular.font as unknown as Buffer);
  doc.registerFont('bold', fonts.bold.font as unknown as Buffer);

  starts.forEach((start, k) => {
    doc.addPage({ size: [A4.width, A4.height], margin: 0 });
    const end = starts[k + 1] ?? Infinity;
    const toPage = (y: number) => AREA.top + y - start;
    for (const op of ops) {
      if (op.kind === 'box') {
        const a = Math.max(op.y, k === 0 ? -Infinity : start);
        const b = Math.min(op.y + op.h, end);
        if (b - a > 0.01)
          doc
            .lineWidth(TABLE_BORDER)
            .strokeColor('#000000')
            .rect(op.x, toPage(a), op.w, b - a)
            .stroke();
        continue;
      }
      if (op.kind === 'text' && op.middleOf) {
        const box = op.middleOf;
        if (pageOf(starts, box.y) !== k) continue;
        const part = Math.min(box.y + box.h, end) - Math.max(box.y, start);
        const y = Math.max(box.y, start) + (part - box.lines * op.lineHeight) / 2 + box.index * op.lineHeight;
        drawOp(doc, { ...op, y }, toPage, fonts);
        continue;
      }
      if (pageOf(starts, op.y) !== k) continue;
      drawOp(doc, op, toPage, fonts);
    }
    if (starts.length > 1) {
      // Page numbers: 4号 with a dash each side, 7 mm under the type area, outer side one character in.
      const label = `— ${k + 1} —`;
      const w = fonts.regular.widthOf(label, 14);
      const x = k % 2 === 0 ? AREA.left + AREA.width - 14 - w : AREA.left + 14;
      doc
        .font('regular')
        .fontSize(14)
        .fillColor('#000000')
        .text(label, x, AREA.top + AREA.height + 7 * MM, {
          lineBreak: false,
        });
    }
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function drawOp(doc: PDFKit.PDFDocument, op: FlowOp, toPage: (y: number) => number, fonts: CjkFonts) {
  switch (op.kind) {
    case 'text': {
      const f = fonts[op.weight];
      // Half-leading above and below, as a browser centres a line in its line box.
      const top = toPage(op.y) + (op.lineHeight - (f.ascent + f.descent) * op.size) / 2;
      doc
        .font(op.weight)
        .fontSize(op.size)
        .fillColor(op.color)
        .text(op.text, op.x, top, { lineBreak: false, characterSpacing: op.spacing });
      return;
    }
    case 'rule':
      doc
        .lineWidth(op.lineWidth)
        .strokeColor(op.color)
        .moveTo(op.x, toPage(op.y))
        .lineTo(op.x + op.w, toPage(op.y))
        .stroke();
      return;
    case 'seal': {
      const cy = toPage(op.cy);
      doc.save();
      doc.lineWidth(1.5).dash(4, { space: 3 }).strokeColor(RED, 0.45).circle(op.cx, cy, op.r).stroke();
      doc.undash();
      const w = fonts.regular.widthOf(op.label, 11);
      doc
        .font('regular')
        .fontSize(11)
        .fillColor(RED, 0.5)
        .text(op.label, op.cx - w / 2, cy - op.r + 5 * MM, { lineBreak: false });
      doc.restore();
      return;
    }
    case 'box':
      return;
  }
}
