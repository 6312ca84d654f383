// The 干部任免审批表 as a PDF in its standard two-page layout: page 1 the table of personal data with the
// photo, education, posts and 简历; page 2 奖惩, 年度考核, 任免理由, the family table and the approval
// boxes. A printed form has fixed boxes, so text that does not fit its box is set smaller; what does not
// fit even at the smallest size goes on to a continuation page (续页) instead of being cut.
import PDFDocument from 'pdfkit';
import { loadCjkFonts, type CjkFonts } from '../pdf/cjk-fonts';
import { breakLines } from '../pdf/cjk-lines';
import type { CadreRecord, FamilyMember } from './cadre-record';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const LEFT = 20 * MM;
/** The grid's columns in mm: label, value, label, value, label, value, photo (170 mm in all). */
const COLS = [22, 27, 21, 26, 24, 22, 28].map((w) => w * MM);
const colX = (c: number) => LEFT + COLS.slice(0, c).reduce((a, b) => a + b, 0);
const span = (from: number, to: number) => COLS.slice(from, to + 1).reduce((a, b) => a + b, 0);

const TEXT_SIZE = 12;
const MIN_SIZE = 6;
const PAD = 1.5 * MM;

interface CellStyle {
  align?: 'center' | 'left';
  valign?: 'middle' | 'top';
  size?: number;
}

/** Draws text and rules on the current page of a pdfkit document. */
class FormPainter {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: CjkFonts,
  ) {}

  /**
   * A bordered box from column `from` to `to`, `y` and `h` in points, with text fitted inside; returns
   * the lines that did not fit even at the smallest size ('' when all did).
   */
  cell(from: number, to: number, y: number, h: number, text: string, style: CellStyle = {}): string {
    const x = colX(from);
    const w = span(from, to);
    this.doc.lineWidth(0.75).strokeColor('#000000').rect(x, y, w, h).stroke();
    return this.text(text, x + PAD, y + PAD, w - 2 * PAD, h - 2 * PAD, style);
  }

  /** Text broken into lines in a box, set smaller until it fits; returns the lines left over. */
  text(text: string, x: number, y: number, w: number, h: number, style: CellStyle = {}): string {
    if (text.trim() === '') return '';
    const font = this.fonts.regular;
    let size = style.size ?? TEXT_SIZE;
    let lines: string[];
    for (;;) {
      const s = size;
      lines = breakLines(text, { width: w, measure: (t) => font.widthOf(t, s) });
      if (lines.length * s * 1.4 <= h || size <= MIN_SIZE) break;
      size = Math.max(MIN_SIZE, size - 0.5);
    }
    const lineHeight = size * 1.4;
    const fits = Math.max(1, Math.floor(h / lineHeight + 1e-6));
    const rest = lines.slice(fits).join('\n');
    lines = lines.slice(0, fits);
    const block = lines.length * lineHeight;
    let top = style.valign === 'top' ? y : y + Math.max(0, (h - block) / 2);
    for (const line of lines) {
      const lw = font.widthOf(line, size);
      const lx = style.align === 'left' ? x : x + Math.max(0, (w - lw) / 2);
      // Half-leading above, as a browser centres a line in its line box.
      const baselineTop = top + (lineHeight - (font.ascent + font.descent) * size) / 2;
      this.doc.font('regular').fontSize(size).fillColor('#000000').text(line, lx, baselineTop, {
        lineBreak: false,
      });
      top += lineHeight;
    }
    return rest;
  }

  title(text: string, y: number) {
    const size = 22;
    const spaced = Array.from(text).join(' ');
    const w = this.fonts.bold.widthOf(spaced, size);
    this.doc
      .font('bold')
      .fontSize(size)
      .fillColor('#000000')
      .text(spaced, (PAGE.width - w) / 2, y, { lineBreak: false });
  }
}

/** yyyyMM (or yyyyMMdd) as the form prints it, yyyy.MM; anything else as it is (e.g. "200906；民盟"). */
export function formMonth(value: string): string {
  return value.trim().replace(/^(\d{4})(\d{2})(\d{2})?(?=$|[；;])/, '$1.$2');
}

/** Whole years from a yyyyMM birth month to a yyyyMM(dd) date, or null when either is not a date. */
export function ageAt(birthMonth: string, at: string): number | null {
  const b = /^(\d{4})(\d{2})/.exec(birthMonth.trim());
  const r = /^(\d{4})(\d{2})/.exec(at.trim());
  if (!b || !r) return null;
  const age = Number(r[1]) - Number(b[1]) - (Number(r[2]) < Number(b[2]) ? 1 : 0);
  return age >= 0 && age < 150 ? age : null;
}

/** Editors leave a deceased member's age blank: they test the work unit for these words. */
const isDeceased = (m: FamilyMember) => /已去世|已故|去世/.test(m.workUnitAndPost);

const joinLines = (...parts: string[]) => parts.filter((p) => p.trim() !== '').join('\n');

export interface CadreFormOptions {
  /** The date ages are computed at when the record has no 计算年龄时间: yyyy-MM-dd. */
  asOf: string;
}

/** What did not fit in a box of the form, for the continuation page. */
type Overflow = { label: string; text: string }[];

function pageOne(
  p: FormPainter,
  doc: PDFKit.PDFDocument,
  r: CadreRecord,
  ageDate: string,
  overflow: Overflow,
) {
  p.title('干部任免审批表', 16 * MM);
  let y = 30 * MM;
  const row = (h: number, draw: (y: number, h: number) => void) => {
    draw(y, h * MM);
    y += h * MM;
  };
  const label = (c: number, yy: number, h: number, text: string, to = c) => p.cell(c, to, yy, h, text);
  const age = ageAt(r.birthMonth, ageDate);
  const photoTop = y;
  row(14, (yy, h) => {
    label(0, yy, h, '姓  名');
    p.cell(1, 1, yy, h, r.name);
    label(2, yy, h, '性  别');
    p.cell(3, 3, yy, h, r.gender);
    label(4, yy, h, '出生年月\n（  岁）');
    p.cell(5, 5, yy, h, joinLines(formMonth(r.birthMonth), age === null ? '' : `（${age}岁）`));
  });
  row(14, (yy, h) => {
    label(0, yy, h, '民  族');
    p.cell(1, 1, yy, h, r.ethnicity);
    label(2, yy, h, '籍  贯');
    p.cell(3, 3, yy, h, r.nativePlace);
    label(4, yy, h, '出 生 地');
    p.cell(5, 5, yy, h, r.birthplace);
  });
  row(14, (yy, h) => {
    label(0, yy, h, '入  党\n时  间');
    p.cell(1, 1, yy, h, formMonth(r.partyJoin));
    label(2, yy, h, '参加工\n作时间');
    p.cell(3, 3, yy, h, formMonth(r.workStart));
    label(4, yy, h, '健康状况');
    p.cell(5, 5, yy, h, r.health);
  });
  row(16, (yy, h) => {
    label(0, yy, h, '专业技\n术职务');
    p.cell(1, 2, yy, h, r.professionalTitle);
    label(3, yy, h, '熟悉专业\n有何专长');
    p.cell(4, 5, yy, h, r.specialty);
  });
  // The photo box spans the first four rows of the last column.
  const photoH = y - photoTop;
  doc.lineWidth(0.75).rect(colX(6), photoTop, COLS[6]!, photoH).stroke();
  if (r.photo) {
    try {
      doc.image(r.photo, colX(6) + PAD, photoTop + PAD, {
        fit: [COLS[6]! - 2 * PAD, photoH - 2 * PAD],
        align: 'center',
        valign: 'center',
      });
    } catch {
      // A photo pdfkit cannot decode leaves the box empty rather than failing the whole form.
    }
  } else p.text('照  片', colX(6), photoTop, COLS[6]!, photoH);

  const eduTop = y;
  const education = (name: string, e: CadreRecord['fullTimeEducation']) =>
    row(16, (yy, h) => {
      label(1, yy, h, name);
      p.cell(2, 3, yy, h, joinLines(e.level, e.degree));
      label(4, yy, h, '毕业院校\n系及专业');
      // The same school for 学历 and 学位 (however broken into lines) is printed once.
      const squeeze = (t: string) => t.replace(/\s+/g, '');
      const schools =
        squeeze(e.degreeSchoolMajor) === squeeze(e.levelSchoolMajor)
          ? e.levelSchoolMajor
          : joinLines(e.levelSchoolMajor, e.degreeSchoolMajor);
      p.cell(5, 6, yy, h, schools);
    });
  education('全日制\n教  育', r.fullTimeEducation);
  education('在  职\n教  育', r.inServiceEducation);
  label(0, eduTop, y - eduTop, '学  历\n学  位');

  for (const [name, value] of [
    ['现 任 职 务', r.currentPost],
    ['拟 任 职 务', r.proposedPost],
    ['拟 免 职 务', r.proposedRemoval],
  ] as const)
    row(13, (yy, h) => {
      label(0, yy, h, name, 1);
      p.cell(2, 6, yy, h, value, { align: 'left' });
    });

  const bottom = PAGE.height - 15 * MM;
  label(0, y, bottom - y, '简\n\n\n\n历');
  const rest = p.cell(1, 6, y, bottom - y, r.resume, { align: 'left', valign: 'top' });
  if (rest) overflow.push({ label: '简历（续）', text: rest });
}

function pageTwo(p: FormPainter, r: CadreRecord, ageDate: string, overflow: Overflow) {
  let y = 15 * MM;
  const block = (name: string, title: string, text: string, h: number) => {
    p.cell(0, 0, y, h * MM, name);
    const rest = p.cell(1, 6, y, h * MM, text, { align: 'left', valign: 'top' });
    if (rest) overflow.push({ label: `${title}（续）`, text: rest });
    y += h * MM;
  };
  block('奖\n惩\n情\n况', '奖惩情况', r.rewardsAndPunishments, 40);
  block('年度考\n核结果', '年度考核结果', r.annualAssessment, 20);
  block('任免\n理由', '任免理由', r.appointmentReason, 22);

  // The family table: a header and at least 7 rows (up to 10 members fit; more are set in smaller rows).
  const members = r.family;
  const rows = Math.max(7, members.length);
  const familyH = 96 * MM;
  const headH = 10 * MM;
  const rowH = (familyH - headH) / rows;
  p.cell(0, 0, y, familyH, '家庭\n主要\n成员\n及重\n要社\n会关\n系');
  const cols: [number, number, string][] = [
    [1, 1, '称  谓'],
    [2, 2, '姓  名'],
    [3, 3, '年龄'],
    [4, 4, '政治面貌'],
    [5, 6, '工作单位及职务'],
  ];
  for (const [from, to, text] of cols) p.cell(from, to, y, headH, text);
  for (let k = 0; k < rows; k++) {
    const m = members[k];
    const top = y + headH + k * rowH;
    const age = m && !isDeceased(m) ? ageAt(m.birthMonth, ageDate) : null;
    const values = m
      ? [m.relation, m.name, age === null ? '' : String(age), m.politicalStatus, m.workUnitAndPost]
      : ['', '', '', '', ''];
    cols.forEach(([from, to], i) =>
      p.cell(from, to, top, rowH, values[i]!, { align: i === 4 ? 'left' : 'center', size: 10.5 }),
    );
  }
  y += familyH;

  const approval = (name: string, text: string, h: number) => {
    p.cell(0, 0, y, h * MM, name);
    p.cell(1, 6, y, h * MM, text, { align: 'left', valign: 'top' });
    p.text('年    月    日', colX(5), y + h * MM - 9 * MM, span(5, 6), 7 * MM);
    y += h * MM;
  };
  approval('呈报\n单位', r.reportingUnit, 26);
  // 审批机关意见 and 行政机关任免意见 side by side, each with its seal and date.
  const h = 50 * MM;
  p.cell(0, 0, y, h, '审批\n机关\n意见');
  p.cell(1, 2, y, h, '');
  p.text('（盖章）\n年    月    日', colX(1), y + h - 16 * MM, span(1, 2), 14 * MM);
  p.cell(3, 3, y, h, '行政\n机关\n任免\n意见');
  p.cell(4, 6, y, h, '');
  p.text('（盖章）\n年    月    日', colX(4), y + h - 16 * MM, span(4, 6), 14 * MM);
  y += h;

  p.text(`填表人：${r.filledBy}`, LEFT, y + 3 * MM, span(0, 3), 8 * MM, { align: 'left' });
  if (r.filledOn.trim())
    p.text(`填表时间：${formMonth(r.filledOn)}`, colX(4), y + 3 * MM, span(4, 6), 8 * MM, { align: 'left' });
}

/** The continuation page: each box's left-over lines under its label, the page shared in proportion. */
function continuation(p: FormPainter, overflow: Overflow) {
  p.title('干部任免审批表（续页）', 16 * MM);
  let y = 30 * MM;
  const room = PAGE.height - 15 * MM - y;
  const total = overflow.reduce((n, o) => n + o.text.split('\n').length, 0);
  for (const o of overflow) {
    const h = (room * o.text.split('\n').length) / total;
    p.cell(0, 0, y, h, o.label);
    p.cell(1, 6, y, h, o.text, { align: 'left', valign: 'top' });
    y += h;
  }
}

/**
 * The form of a record as a PDF of two A4 pages (a third, 续页, only for text that does not fit its box
 * even at the smallest size); the fonts are loaded on the first call.
 */
export async function renderCadreForm(record: CadreRecord, opts: CadreFormOptions): Promise<Buffer> {
  const fonts = await loadCjkFonts();
  const ageDate = record.ageReferenceDate.trim() || opts.asOf.replace(/-/g, '');
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    lang: 'zh-CN',
    info: { Title: `干部任免审批表 ${record.name}`, Creator: 'Xinhuo' },
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
  const painter = new FormPainter(doc, fonts);
  doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
  const overflow: Overflow = [];
  pageOne(painter, doc, record, ageDate, overflow);
  doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
  pageTwo(painter, record, ageDate, overflow);
  if (overflow.length > 0) {
    doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    continuation(painter, overflow);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
