import ExcelJS from 'exceljs';
import type { ImportColumn, LocalText } from './import-columns';
import { neutralizeCell } from './xlsx-writer';

export interface TemplateOptions {
  lang: 'zh-CN' | 'en';
  /** Name of the data sheet. */
  sheetName: LocalText;
  /** General instructions, one paragraph each, at the top of the 说明 sheet. */
  instructions?: readonly LocalText[];
  /** Rows below the header that get the drop-down lists and formats. */
  rows?: number;
}

/** Excel refuses an inline list (the quoted "a,b,c" formula) longer than 255 characters. */
const INLINE_LIST_MAX = 255;
const CODE_SHEET = { zh: '代码表', en: 'Codes' };
const HELP_SHEET = { zh: '说明', en: 'Instructions' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** Column letters of a 1-based column number (1 → A, 28 → AB). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** exceljs keeps range validations on the worksheet (its typings only declare the per-cell form). */
type RangeValidations = { add(range: string, validation: ExcelJS.DataValidation): void };
const validationsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: RangeValidations }).dataValidations;

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * The import template as a real .xlsx: the data sheet (header with a note on each cell, required
 * headers marked *, frozen; date columns formatted yyyy-mm-dd, identifier columns as text so a
 * long number keeps its digits; a drop-down list on each code-table column, inline when it fits
 * Excel's 255-character limit, otherwise a range on a hidden code sheet), then the 说明 sheet.
 */
export async function writeImportTemplate(
  columns: readonly ImportColumn[],
  options: TemplateOptions,
): Promise<Buffer> {
  const lang = options.lang === 'en' ? 'en' : 'zh';
  const rows = options.rows ?? 5000;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xinhuo';
  const ws = wb.addWorksheet(options.sheetName[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = wb.addWorksheet(HELP_SHEET[lang]);
  let codes: ExcelJS.Worksheet | null = null;
  let codeColumn = 0;

  columns.forEach((c, i) => {
    const n = i + 1;
    const col = ws.getColumn(n);
    col.width = c.width ?? (c.type === 'identifier' ? 22 : c.type === 'date' ? 14 : 16);
    if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
    if (c.type === 'identifier') col.numFmt = '@';
    const cell = ws.getCell(1, n);
    cell.value = c.header[lang] + (c.required ? '*' : '');
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.numFmt = 'General';
    const note = [c.required ? (lang === 'zh' ? '必填。' : 'Required.') : '', c.note?.[lang] ?? '']
      .join('')
      .trim();
    if (note) cell.note = note;

    const range = `${columnLetter(n)}2:${columnLetter(n)}${rows + 1}`;
    if (c.choices && c.choices.length > 0) {
      const inline = c.choices.join(',');
      let formula: string;
      if (inline.length <= INLINE_LIST_MAX && !c.choices.some((x) => /[,"]/.test(x))) {
        formula = `"${inline}"`;
      } else {
        codes ??= wb.addWorksheet(CODE_SHEET[lang], { state: 'hidden' });
        codeColumn += 1;
        const letter = columnLetter(codeColumn);
        codes.getCell(1, codeColumn).value = c.header[lang];
        c.choices.forEach((x, k) => (codes!.getCell(k + 2, codeColumn).value = neutralizeCell(x)));
        formula = `${quoteSheet(codes.name)}!$${letter}$2:$${letter}$${c.choices.length + 1}`;
      }
      validationsOf(ws).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        // A warning, not a stop: text outside the list is still taken, and the import suggests the nearest code.
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header[lang],
        error: lang === 'zh' ? '请从下拉列表中选择' : 'Please pick from the list',
      });
    } else if (c.type === 'date') {
      validationsOf(ws).add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header[lang],
        error: lang === 'zh' ? '请填写日期，如 2021-01-05' : 'Enter a date such as 2021-01-05',
      });
    }
  });

  help.getColumn(1).width = 18;
  help.getColumn(2).width = 8;
  help.getColumn(3).width = 60;
  help.getColumn(4).width = 40;
  let r = 1;
  help.getCell(r, 1).value = HELP_SHEET[lang];
  help.getCell(r, 1).font = { bold: true, size: 14 };
  r += 1;
  for (const p of options.instructions ?? []) {
    help.mergeCells(r, 1, r, 4);
    help.getCell(r, 1).value = p[lang];
    help.getCell(r, 1).alignment = { wrapText: true, vertical: 'top' };
    r += 1;
  }
  r += 1;
  const heads =
    lang === 'zh'
      ? ['列名', '必填', '说明', '可选值或格式']
      : ['Column', 'Required', 'Notes', 'Values or format'];
  heads.forEach((h, i) => {
    const cell = help.getCell(r, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  for (const c of columns) {
    r += 1;
    const values =
      c.choices && c.choices.length > 0
        ? c.choices.length <= 12
          ? c.choices.join('、')
          : lang === 'zh'
            ? `下拉列表（${c.choices.length} 项）`
            : `Drop-down list (${c.choices.length} entries)`
        : c.type === 'date'
          ? 'YYYY-MM-DD'
          : c.type === 'identifier'
            ? lang === 'zh'
              ? '文本格式（勿转为数字）'
              : 'Text (never a number)'
            : '';
    const line = [
      c.header[lang],
      c.required ? (lang === 'zh' ? '是' : 'Yes') : '',
      c.note?.[lang] ?? '',
      values,
    ];
    line.forEach((v, i) => {
      const cell = help.getCell(r, i + 1);
      cell.value = neutralizeCell(v);
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
