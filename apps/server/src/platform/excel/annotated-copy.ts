import type ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import { matchHeader, type ImportColumn } from './import-columns';
import { cellText } from './cell-text';
import { HEADER_SEARCH_ROWS, firstVisibleSheet } from './import-reader';
import { columnLetter } from './import-template';
import { DEFAULT_WORKBOOK_LIMITS, checkWorkbookPackage, type WorkbookLimits } from './workbook-guard';
import { neutralizeCell, writeStreamedWorkbook } from './xlsx-writer';

/** A problem found on an uploaded row: a column key or 1-based column number, or null for the row as a whole. */
export interface CellIssue {
  row: number;
  column: string | number | null;
  message: string;
}

export interface AnnotateOptions {
  lang: 'zh-CN' | 'en';
  limits?: Partial<WorkbookLimits>;
}

/** Excel's own "light red fill" of conditional formatting. */
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const TEXT = {
  zh: { column: '错误说明', sheet: '问题汇总', row: '行号', col: '列', message: '问题', whole: '整行' },
  en: { column: 'Problems', sheet: 'Problems', row: 'Row', col: 'Column', message: 'Problem', whole: 'Row' },
};

/** What a copied cell holds: the value the user sees (a formula's result, never the formula). */
function copiedValue(v: CellValue): CellValue {
  if (v && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    const r = (v as { result?: CellValue }).result;
    return r === undefined ? null : r;
  }
  return v;
}

/**
 * A copy of the uploaded workbook's data sheet with the problems on it: each cell with a problem
 * filled light red with its messages as a comment, a column after the last used one with every
 * problem of the row, and a summary sheet listing them all. The user's values and cell styles are
 * copied as they are (formulas as their results); streamed in and out, read twice (first for the
 * sheet's width, so the added column overwrites nothing). Other sheets are not copied.
 */
export async function writeAnnotatedCopy(
  buf: Buffer,
  columns: readonly ImportColumn[],
  issues: readonly CellIssue[],
  options: AnnotateOptions,
): Promise<Buffer> {
  const limits = { ...DEFAULT_WORKBOOK_LIMITS, ...options.limits };
  await checkWorkbookPackage(buf, limits);
  const t = TEXT[options.lang === 'en' ? 'en' : 'zh'];

  // First pass: the sheet's width (the added column goes after it) and its header row.
  let width = 0;
  let headerRow = 0;
  let positions = new Map<string, number>();
  const headerNames = new Map<number, string>();
  for await (const sheet of firstVisibleSheet(buf)) {
    for await (const batch of sheet.batches)
      for (const row of batch) {
        const cells = row.values as CellValue[];
        for (let c = cells.length - 1; c > width; c--) {
          if (cells[c] !== null && cells[c] !== undefined) {
            width = c;
            break;
          }
        }
        if (headerRow === 0 && row.number <= HEADER_SEARCH_ROWS) {
          const texts = cells.map((v) => cellText(v, 'text').text);
          const match = matchHeader(texts, columns);
          if (match.positions.size > 0) {
            headerRow = row.number;
            positions = match.positions;
            texts.forEach((text, i) => headerNames.set(i, text));
          }
        }
      }
  }
  const extra = width + 1;
  const columnOf = (c: CellIssue['column']): number =>
    c === null ? 0 : typeof c === 'number' ? c : (positions.get(c) ?? 0);
  const nameOf = (column: number) =>
    column === 0 ? t.whole : headerNames.get(column) || columnLetter(column);

  /** row → column number (0: the whole row) → messages */
  const byRow = new Map<number, Map<number, string[]>>();
  for (const issue of issues) {
    const cols = byRow.get(issue.row) ?? new Map<number, string[]>();
    const at = columnOf(issue.column);
    cols.set(at, [...(cols.get(at) ?? []), issue.message]);
    byRow.set(issue.row, cols);
  }

  return writeStreamedWorkbook(
    async (wb) => {
      for await (const sheet of firstVisibleSheet(buf)) {
        const ws = wb.addWorksheet(sheet.name);
        for await (const batch of sheet.batches)
          for (const row of batch) {
            const out = ws.getRow(row.number);
            copyRow(row, out);
            if (row.number === headerRow) {
              out.getCell(extra).value = t.column;
              out.getCell(extra).font = { bold: true, color: { argb: 'FFC00000' } };
            }
            const found = byRow.get(row.number);
            if (found) {
              const lines: string[] = [];
              for (const [column, messages] of [...found].sort((a, b) => a[0] - b[0])) {
                lines.push(...messages.map((m) => `${nameOf(column)}：${m}`));
                if (column === 0) continue;
                const cell = out.getCell(column);
                cell.fill = ERROR_FILL;
                cell.note = messages.join('\n');
              }
              out.getCell(extra).value = neutralizeCell(lines.join('；'));
              out.getCell(extra).font = { color: { argb: 'FFC00000' } };
            }
            out.commit();
          }
        ws.commit();
      }

      const summary = wb.addWorksheet(t.sheet);
      summary.columns = [
        { header: t.row, width: 8 },
        { header: t.col, width: 16 },
        { header: t.message, width: 60 },
      ];
      summary.getRow(1).font = { bold: true };
      const sorted = [...issues].sort((a, b) => a.row - b.row || columnOf(a.column) - columnOf(b.column));
      for (const issue of sorted) {
        const name = nameOf(columnOf(issue.column));
        summary.addRow([issue.row, neutralizeCell(name), neutralizeCell(issue.message)]).commit();
      }
      summary.commit();
    },
    { useSharedStrings: true },
  );
}

/** The user's cells, values and styles as they are (formulas as their results). */
function copyRow(from: ExcelJS.Row, to: ExcelJS.Row): void {
  if (from.height) to.height = from.height;
  from.eachCell({ includeEmpty: false }, (cell, column) => {
    const target = to.getCell(column);
    target.value = copiedValue(cell.value);
    if (cell.style && Object.keys(cell.style).length > 0) target.style = { ...cell.style };
  });
}
