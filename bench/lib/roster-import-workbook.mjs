// The roster import benchmark's workbook (spawned by bench/roster-import.bench.mjs, with tsx, in a process
// of its own: the server never generates the workbooks it imports, so their writing is not the import's
// memory): N valid rows of distinct people, written to the given .xlsx file. Prints one JSON line.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { IMPORT_COLUMNS, makeIdNumber } from '@xinhuo/shared';
import { writeXlsxSheet } from '../../apps/server/src/platform/excel/xlsx-writer.ts';

const rows = Number(process.argv[2] ?? 10000);
const out = process.argv[3];
if (!out) throw new Error('usage: roster-import-workbook.mjs <rows> <file.xlsx>');

/** Distinct valid ID numbers: one birth date per thousand sequence numbers. */
function* people(n) {
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 999) * 86_400_000).toISOString().slice(0, 10);
    const id = makeIdNumber('320582', day, (i % 999) + 1);
    const row = {
      name: `测试${i}`,
      idNumber: id,
      ethnicity: '汉族',
      politicalStatus: i % 3 === 0 ? '群众' : '中共党员',
      fullTimeEducation: ['本科', '大专', '高中'][i % 3],
      phone: `139${String(i).padStart(8, '0')}`,
      org: i % 2 === 0 ? 'A1村' : 'B1村',
    };
    yield IMPORT_COLUMNS.map((c) => row[c.key] ?? null);
  }
}

const t = performance.now();
const bytes = await writeXlsxSheet(
  '花名册',
  IMPORT_COLUMNS.map((c) => ({ header: c.zh, width: 16 })),
  people(rows),
);
writeFileSync(out, bytes);
console.log(
  JSON.stringify({
    rows,
    fileMB: +(bytes.length / 1048576).toFixed(2),
    writeS: +((performance.now() - t) / 1000).toFixed(2),
  }),
);
