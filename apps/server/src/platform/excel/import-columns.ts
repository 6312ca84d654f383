/**
 * The column set of an Excel import, given by the module that imports (the engine knows no domain):
 * what the template writes and what the reader maps an uploaded header to.
 */

export interface LocalText {
  zh: string;
  en: string;
}

/**
 * How a column's cells are read and offered in the template:
 * - `text`: any text (numbers become the text Excel shows);
 * - `identifier`: digits that must stay exact (ID numbers, phones): text-formatted in the template,
 *   a number typed into it is read exactly or reported when Excel has already dropped digits;
 * - `date`: read as YYYY-MM-DD from a date cell, an Excel serial number or a written date.
 */
export type ImportColumnType = 'text' | 'identifier' | 'date';

export interface ImportColumn {
  /** The key the row's value is filed under. */
  key: string;
  header: LocalText;
  /** Other header texts accepted on upload (older templates, usual wordings). */
  aliases?: readonly string[];
  required?: boolean;
  type: ImportColumnType;
  /** The note on the template's header cell (also listed on the 说明 sheet). */
  note?: LocalText;
  /** A code table: the entries of the template's drop-down list (the text a user picks). */
  choices?: readonly string[];
  /** Template column width in characters. */
  width?: number;
}

/** A header as compared: NFKC (full-width letters and spaces folded), no whitespace, no required mark, lower case. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();
}

/** Where each known column sits in a header row, and what else is there. */
export interface HeaderMatch {
  /** Column key → 1-based column number. */
  positions: Map<string, number>;
  /** Non-empty header cells that name no column. */
  unknown: { column: number; header: string }[];
  /** Columns named by more than one header cell. */
  duplicates: string[];
  /** Required columns without a header cell. */
  missing: string[];
}

/** Maps the header cells (1-based: `cells[1]` is column A) to the column set. */
export function matchHeader(cells: readonly string[], columns: readonly ImportColumn[]): HeaderMatch {
  const byText = new Map<string, string>();
  for (const c of columns) {
    for (const t of [c.header.zh, c.header.en, ...(c.aliases ?? [])]) byText.set(headerKey(t), c.key);
  }
  const positions = new Map<string, number>();
  const unknown: HeaderMatch['unknown'] = [];
  const duplicates = new Set<string>();
  cells.forEach((text, column) => {
    if (!text) return;
    const key = byText.get(headerKey(text));
    if (key === undefined) unknown.push({ column, header: text });
    else if (positions.has(key)) duplicates.add(key);
    else positions.set(key, column);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.key)).map((c) => c.key);
  return { positions, unknown, duplicates: [...duplicates], missing };
}
