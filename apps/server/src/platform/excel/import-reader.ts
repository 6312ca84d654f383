import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS, { type CellValue, type Row } from 'exceljs';
import { AppError } from '../errors';
import { cellText, type CellFinding } from './cell-text';
import { matchHeader, type ImportColumn } from './import-columns';
import {
  DEFAULT_WORKBOOK_LIMITS,
  checkWorkbookPackage,
  collectUpload,
  type WorkbookLimits,
} from './workbook-guard';

/** One data row: its row number in the sheet, each known column's text, and findings on its cells. */
export interface ImportRow {
  row: number;
  values: Record<string, string>;
  findings: { column: string; reason: CellFinding }[];
}

export interface ImportWarning {
  /** 1-based column number. */
  column: number;
  header: string;
  reason: 'EXCEL_HEADER_UNKNOWN';
}

export interface ImportReadResult {
  sheetName: string;
  headerRow: number;
  /** Column key → 1-based column number in the uploaded sheet. */
  positions: Map<string, number>;
  warnings: ImportWarning[];
  /** Non-empty data rows read. */
  rowCount: number;
}

export interface ImportReadOptions {
  limits?: Partial<WorkbookLimits>;
  /** Called with each non-empty data row in order; awaited, so a slow consumer slows the reading. */
  onRow: (row: ImportRow) => void | Promise<void>;
  /** Called every `progressEvery` rows read (and once at the end) with the count so far. */
  onProgress?: (rowsRead: number) => void;
  progressEvery?: number;
}

/** An error thrown by the caller's onRow, carried out of the reader unchanged. */
class RowConsumerError extends Error {}

/** The header is looked for in the first rows (a title row above it is tolerated). */
export const HEADER_SEARCH_ROWS = 10;

/** A row's cells, 1-based (exceljs's `row.values` leaves index 0 empty). */
function rowCells(row: Row): CellValue[] {
  return Array.isArray(row.values) ? (row.values as CellValue[]) : [];
}

/** The reader options every import read uses: shared strings cached, styles kept so date cells stay dates. */
export const STREAM_READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'ignore',
} as const;

/** What exceljs's worksheet reader yields from `parse()`: the rows of one chunk of sheet XML at a time. */
type SheetEvents = AsyncIterable<{ eventType: string; value: unknown }[]>;

/** A sheet's rows in batches (one per chunk of XML): a row at a time through `for await` costs twice as much. */
async function* rowBatches(ws: ExcelJS.stream.xlsx.WorksheetReader): AsyncGenerator<Row[]> {
  for await (const events of ws.parse() as unknown as SheetEvents) {
    const rows: Row[] = [];
    for (const e of events) if (e.eventType === 'row') rows.push(e.value as Row);
    if (rows.length > 0) yield rows;
  }
}

/** A part's bytes as text, a character cut between two chunks carried over to the next one. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.write(c);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/**
 * A cell's text as a string of its own. The XML parser's texts are views into the chunk of decoded XML they
 * were read from (V8 keeps a substring of 13 characters or more as a slice of its parent), so an ID number
 * kept for the whole file — the in-file duplicate check, the report — would keep its whole chunk of XML
 * alive: 130 MB at 100,000 rows. A shorter text is already a copy.
 */
function ownText(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/** The parts of exceljs's streaming reader that decode XML, which this module replaces. */
interface ReaderParts {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk of XML on its own (utils/parse-sax.js), so a
 * Chinese character whose three bytes straddle two chunks comes out as "��" — in one name of a few
 * thousand (exceljs issues #2063, #2084, still open). The shared strings (every text cell Excel writes) and
 * the worksheets (inline strings) are handed to it already decoded, which its decoder passes through.
 */
function decodeWholeCharacters(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const parts = reader as unknown as ReaderParts;
  const sharedStrings = parts._parseSharedStrings.bind(parts);
  const worksheet = parts._parseWorksheet.bind(parts);
  parts._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return sharedStrings(entry);
  };
  parts._parseWorksheet = (iterator, sheetNo) => worksheet(utf8Chunks(iterator), sheetNo);
}

/** The first visible worksheet of a checked package, its rows read in batches. */
export async function* firstVisibleSheet(buf: Buffer) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), STREAM_READER_OPTIONS);
  decodeWholeCharacters(reader);
  for await (const ws of reader) {
    const meta = ws as unknown as { name?: string; state?: string };
    if (meta.state === 'hidden' || meta.state === 'veryHidden') continue;
    yield { name: meta.name ?? 'Sheet1', batches: rowBatches(ws) };
    return;
  }
}

/**
 * Reads an uploaded workbook with exceljs's streaming reader: the package is checked first
 * (`checkWorkbookPackage`), then the first visible sheet is read row by row; its header row is
 * matched to the column set (zh or en text, blanks and full-width forms tolerated), empty rows are
 * skipped and every cell becomes text (`cellText`). Throws an AppError (EXCEL_*) for what makes
 * the file unusable as a whole; unknown header cells are warnings, cell findings ride on the row.
 */
export async function readImportWorkbook(
  input: Buffer | Readable,
  columns: readonly ImportColumn[],
  options: ImportReadOptions,
): Promise<ImportReadResult> {
  const limits = { ...DEFAULT_WORKBOOK_LIMITS, ...options.limits };
  const buf = await collectUpload(input, limits.maxBytes);
  await checkWorkbookPackage(buf, limits);
  const every = options.progressEvery ?? 1000;
  const typeOf = new Map(columns.map((c) => [c.key, c.type]));

  let result: ImportReadResult | null = null;
  try {
    for await (const sheet of firstVisibleSheet(buf)) {
      let header: ImportReadResult | null = null;
      let rowCount = 0;
      for await (const batch of sheet.batches)
        for (const row of batch) {
          const cells = rowCells(row);
          if (
            cells.length - 1 > limits.maxColumns &&
            cells.slice(limits.maxColumns + 1).some((v) => v != null)
          )
            throw new AppError('EXCEL_TOO_MANY_COLUMNS');
          if (!header) {
            if (row.number > HEADER_SEARCH_ROWS) throw new AppError('EXCEL_NO_HEADER');
            const texts = cells.map((v) => cellText(v, 'text').text);
            const match = matchHeader(texts, columns);
            if (match.positions.size === 0) continue;
            if (match.duplicates.length > 0)
              throw new AppError('EXCEL_HEADER_DUPLICATE', {
                fields: match.duplicates.map((path) => ({ path, reason: 'invalid_value' })),
              });
            if (match.missing.length > 0)
              throw new AppError('EXCEL_HEADER_MISSING', {
                fields: match.missing.map((path) => ({ path, reason: 'required' })),
              });
            header = {
              sheetName: sheet.name,
              headerRow: row.number,
              positions: match.positions,
              warnings: match.unknown.map((u) => ({ ...u, reason: 'EXCEL_HEADER_UNKNOWN' as const })),
              rowCount: 0,
            };
            continue;
          }
          const values: Record<string, string> = {};
          const findings: ImportRow['findings'] = [];
          let empty = true;
          for (const [key, column] of header.positions) {
            const { text, finding } = cellText(cells[column], typeOf.get(key)!);
            values[key] = ownText(text);
            if (text !== '') empty = false;
            if (finding) findings.push({ column: key, reason: finding });
          }
          if (empty) continue;
          if (++rowCount > limits.maxRows) throw new AppError('EXCEL_TOO_MANY_ROWS');
          try {
            await options.onRow({ row: row.number, values, findings });
          } catch (err) {
            throw new RowConsumerError('onRow failed', { cause: err });
          }
          if (rowCount % every === 0) options.onProgress?.(rowCount);
        }
      if (!header) throw new AppError('EXCEL_NO_HEADER');
      result = { ...header, rowCount };
      options.onProgress?.(rowCount);
    }
  } catch (err) {
    if (err instanceof RowConsumerError) throw err.cause;
    if (err instanceof AppError) throw err;
    // Malformed XML or a broken part that the package checks could not see.
    throw new AppError('EXCEL_UNREADABLE', { cause: err });
  }
  if (!result) throw new AppError('EXCEL_NO_HEADER');
  return result;
}
