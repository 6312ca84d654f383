// One measured step of the Excel import benchmark, in its own process so its peak RSS is its own.
//
// Run with tsx, so the server's TypeScript sources load as they are:
//   node --import tsx bench/lib/excel-import-child.mjs <parse|annotate> <workbook.xlsx>
//
// parse: reads the workbook with the import engine (package checks, streaming read, every cell to
// text), keeping only a count per row, as an importer that validates and forgets would.
// annotate: writes the annotated copy with one problem on every 100th row.
// Prints one JSON line: { rows, seconds, maxRssMB, bytesOut? }.

import { readFileSync } from 'node:fs';
import { readImportWorkbook } from '../../apps/server/src/platform/excel/import-reader.ts';
import { writeAnnotatedCopy } from '../../apps/server/src/platform/excel/annotated-copy.ts';
import { COLUMNS } from './excel-import-columns.mjs';

const [mode, file] = process.argv.slice(2);
if (!['parse', 'annotate'].includes(mode ?? '') || !file) {
  console.error('usage: node --import tsx bench/lib/excel-import-child.mjs <parse|annotate> <workbook.xlsx>');
  process.exit(2);
}
const buf = readFileSync(file);
const t0 = process.hrtime.bigint();
let rows = 0;
let bytesOut;
if (mode === 'parse') {
  let cells = 0;
  const r = await readImportWorkbook(buf, COLUMNS, {
    onRow: (row) => {
      cells += Object.keys(row.values).length;
    },
  });
  rows = r.rowCount;
  if (cells === 0) throw new Error('no cells read');
} else {
  const issues = [];
  // Data rows start at 2; a problem on every 100th one.
  const total = Number(process.argv[4] ?? 0);
  for (let row = 2; row <= total + 1; row += 100)
    issues.push({ row, column: 'idNumber', message: '身份证号校验位错误' });
  const out = await writeAnnotatedCopy(buf, COLUMNS, issues, { lang: 'zh-CN' });
  rows = total;
  bytesOut = out.length;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ rows, seconds: Math.round(seconds * 100) / 100, maxRssMB, bytesOut }));
