import type { CellValue } from 'exceljs';
import type { ImportColumnType } from './import-columns';

/** A finding on one cell that does not stop the reading (a FIELD_MESSAGES reason). */
export type CellFinding = 'EXCEL_NUMBER_DIGITS_LOST';

/** Excel keeps 15 significant digits: an integer from 10^15 up typed as a number has lost digits. */
const EXACT_LIMIT = 1e15;
const DAY_MS = 86_400_000;
/** Serial 0 of the 1900 date system is 1899-12-30 (counting Excel's phantom 1900-02-29). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** Serials of 1900-01-01 … 9999-12-31. */
const SERIAL_MIN = 1;
const SERIAL_MAX = 2_958_465;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A date cell's day (exceljs gives it at UTC; a time of day rounding to the next second is kept in its day). */
function dateText(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** An Excel serial (1900 system) or a yyyymmdd number as a day; null when it is neither. */
function numberAsDate(n: number): string | null {
  if (Number.isInteger(n) && n >= 10000101 && n <= 99991231)
    return isoDay(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
  if (n >= SERIAL_MIN && n <= SERIAL_MAX) return dateText(new Date(EPOCH_1900 + Math.floor(n) * DAY_MS));
  return null;
}

/** Written dates: 2021-01-05, 2021/1/5, 2021.1.5, 2021年1月5日, 20210105 (full-width digits folded). */
function textAsDate(text: string): string | null {
  const t = text.normalize('NFKC');
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** What Excel shows for a number in General format (15 significant digits). */
function numberText(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(Number(n.toPrecision(15)));
}

/** Leading and trailing blanks, full-width and zero-width ones included. */
const trim = (s: string) => s.replace(/^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$/g, '');

/** The value a cell stands for: a formula's result, a rich text's or hyperlink's text. */
function plainValue(v: CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as { result?: unknown }).result;
    if (r === undefined || r === null) return null;
    if (typeof r === 'object' && r !== null && 'error' in r) return String((r as { error: unknown }).error);
    return r as string | number | boolean | Date;
  }
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plainValue(v.text as CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

/**
 * A cell as the text the import works with: trimmed; dates as YYYY-MM-DD in date columns (and
 * wherever the cell is a date); numbers as Excel shows them, with digits Excel has already lost
 * reported rather than guessed back.
 */
export function cellText(value: CellValue, type: ImportColumnType): { text: string; finding?: CellFinding } {
  const v = plainValue(value);
  if (v === null) return { text: '' };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? '' : dateText(v) };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (typeof v === 'number') {
    if (type === 'date') return { text: numberAsDate(v) ?? numberText(v) };
    if (Number.isInteger(v) && Math.abs(v) >= EXACT_LIMIT)
      return { text: numberText(v), finding: 'EXCEL_NUMBER_DIGITS_LOST' };
    return { text: numberText(v) };
  }
  const text = trim(v);
  return { text: type === 'date' ? (textAsDate(text) ?? text) : text };
}
