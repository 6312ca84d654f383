import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/** Cells a spreadsheet would read as a formula get an apostrophe (formula injection). */
export function neutralizeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export interface SheetColumn {
  header: string;
  width: number;
}

/**
 * A workbook written by exceljs's streaming writer (rows go out as they are committed) into a
 * Buffer; `fill` adds and commits the worksheets.
 */
export async function writeStreamedWorkbook(
  fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void> | void,
  options: { useSharedStrings?: boolean } = {},
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: options.useSharedStrings ?? false,
  });
  wb.creator = 'Xinhuo';
  await fill(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** One real .xlsx sheet written by exceljs's streaming writer; every string cell is neutralized. */
export function writeXlsxSheet(
  sheetName: string,
  columns: readonly SheetColumn[],
  rows: Iterable<readonly (string | number | null)[]>,
): Promise<Buffer> {
  return writeStreamedWorkbook((wb) => {
    const ws = wb.addWorksheet(sheetName);
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) {
      ws.addRow(row.map((v) => (typeof v === 'string' ? neutralizeCell(v) : (v ?? '')))).commit();
    }
    ws.commit();
  });
}
