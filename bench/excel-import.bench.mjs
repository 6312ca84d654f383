#!/usr/bin/env node
// Excel import engine benchmark: reading and annotating roster workbooks of 10,000 and 100,000 rows
// with apps/server/src/platform/excel (no server, no database: the engine alone).
//
//   npm run bench -- excel-import [--rows=10000,100000] [--keep-data]
//   (or: node bench/excel-import.bench.mjs --rows=10000)
//
// 1. Generate, per size, a roster-like workbook of ten columns (bench/lib/excel-import-columns.mjs:
//    text, an ID number and a phone as text, two date cells, code-table texts) with exceljs's
//    streaming writer, into a temporary directory; the time and file size are reported.
// 2. Parse it in a fresh process (`node --import tsx bench/lib/excel-import-child.mjs parse`):
//    package checks (central directory, bounded inflation of every entry), the streaming read and
//    every cell to text, each row handed to a callback that keeps nothing. Seconds and the child's
//    peak RSS.
// 3. Write the annotated copy (a problem on every 100th row) in another fresh process: seconds,
//    peak RSS, output size.
// Other load on the machine shows in every figure: the JSON records the load average. Prints a
// table and writes bench/results/excel-import-<date>.json. It measures; it asserts nothing.

import { spawn } from 'node:child_process';
import { statSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { makeTempDir, registry } from './lib/server.mjs';
import { ROOT, loadNow, localDate, options, reportHeader, secondsSince, writeResult } from './lib/cli.mjs';
import { COLUMNS } from './lib/excel-import-columns.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000,100000' },
    'keep-data': { type: 'boolean', default: false },
  },
  strict: false,
});
const sizes = options(args).numbers('rows', (n) => Number.isInteger(n) && n > 0);
registry.keepTempDirs = Boolean(args['keep-data']);

const log = (msg) => console.log(`[excel-import] ${msg}`);

/** A valid-looking 18-character ID number (the check digit computed), deterministic per row. */
function idNumber(i) {
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 12000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const body = `110105${ymd}${String(i % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, k) => s + Number(d) * w[k], 0);
  return { id: body + '10X98765432'[sum % 11], birth };
}

const EDUCATION = ['大学本科', '大学专科', '高中', '中等专科', '初中', '研究生'];
const ETHNICITY = ['汉族', '回族', '满族', '蒙古族', '朝鲜族'];

async function generate(rows, file) {
  const t0 = Date.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(file),
    useStyles: true,
    useSharedStrings: true,
  });
  const ws = wb.addWorksheet('人员');
  ws.addRow(COLUMNS.map((c) => c.header.zh)).commit();
  for (let i = 0; i < rows; i++) {
    const { id, birth } = idNumber(i);
    const row = ws.addRow([
      `测试${i}`,
      id,
      Number(id[16]) % 2 ? '男' : '女',
      birth,
      ETHNICITY[i % ETHNICITY.length],
      EDUCATION[i % EDUCATION.length],
      i % 3 ? '中共党员' : '群众',
      i % 3 ? `${1985 + (i % 30)}-07-01` : null,
      `138${String(i).padStart(8, '0')}`,
      `第${(i % 264) + 1}村`,
    ]);
    row.getCell(4).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return { seconds: (Date.now() - t0) / 1000, bytes: statSync(file).size };
}

function child(mode, file, rows) {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'bench/lib/excel-import-child.mjs'), mode, file, String(rows)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    registry.children.add(p);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      registry.children.delete(p);
      if (code !== 0) return reject(new Error(`${mode} of ${rows} rows exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

const t0 = Date.now();
const loadAtStart = loadNow();
const dir = makeTempDir('xinhuo-excel-bench-');
const results = [];
for (const rows of sizes) {
  const file = path.join(dir, `roster-${rows}.xlsx`);
  log(`generating ${rows} rows`);
  const gen = await generate(rows, file);
  log(`parsing ${rows} rows`);
  const parse = await child('parse', file, rows);
  log(`annotating ${rows} rows`);
  const annotate = await child('annotate', file, rows);
  results.push({
    rows,
    fileMB: Math.round((gen.bytes / 2 ** 20) * 10) / 10,
    generateS: gen.seconds,
    parseS: parse.seconds,
    parseRowsPerS: Math.round(rows / parse.seconds),
    parsePeakRssMB: parse.maxRssMB,
    annotateS: annotate.seconds,
    annotatePeakRssMB: annotate.maxRssMB,
    annotatedMB: Math.round((annotate.bytesOut / 2 ** 20) * 10) / 10,
  });
}

console.log('');
console.log(
  'rows      file MB  generate s  parse s  rows/s   parse peak RSS MB  annotate s  annotate peak RSS MB',
);
for (const r of results)
  console.log(
    [
      String(r.rows).padEnd(9),
      String(r.fileMB).padStart(7),
      String(r.generateS).padStart(11),
      String(r.parseS).padStart(8),
      String(r.parseRowsPerS).padStart(8),
      String(r.parsePeakRssMB).padStart(19),
      String(r.annotateS).padStart(11),
      String(r.annotatePeakRssMB).padStart(21),
    ].join(' '),
  );

const report = {
  ...reportHeader('excel-import', loadAtStart),
  settings: {
    rows: sizes,
    columns: COLUMNS.length,
    engine: 'apps/server/src/platform/excel (tsx), exceljs streaming',
  },
  wallS: secondsSince(t0),
  results,
};
const out = writeResult(`excel-import-${localDate()}.json`, report);
console.log(`results: ${path.relative(ROOT, out)}  (${report.wallS} s)`);
