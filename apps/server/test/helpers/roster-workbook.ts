import { IMPORT_COLUMNS, type ImportRow } from '@xinhuo/shared';
import { writeXlsxSheet } from '../../src/platform/excel/xlsx-writer';
import { testIdNumber } from './factories';

/** A roster import workbook: the template's zh headers and one row per record (missing keys empty). */
export function rosterWorkbook(rows: readonly ImportRow[]): Promise<Buffer> {
  return writeXlsxSheet(
    '花名册',
    IMPORT_COLUMNS.map((c) => ({ header: c.zh, width: 16 })),
    rows.map((r) => IMPORT_COLUMNS.map((c) => r[c.key] ?? null)),
  );
}

/** A valid row for the org named `org`, with overrides. */
export function rosterRow(org: string, overrides: ImportRow = {}): ImportRow {
  return {
    name: '导入人员',
    idNumber: testIdNumber('1985-04-12', '1'),
    ethnicity: '汉族',
    politicalStatus: '中共党员',
    fullTimeEducation: '本科',
    org,
    ...overrides,
  };
}
