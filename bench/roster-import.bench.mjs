#!/usr/bin/env node
// Roster import benchmark: the dry run (parse + validate + match) and the all-or-nothing commit of
// 10,000 and 100,000 rows through the imports service, on SQLite (XINHUO_TEST_DB=postgres for PG).
//
//   npm run bench -- roster-import [--rows=10000,100000]
//   (or: node bench/roster-import.bench.mjs --rows=10000)
//
// Each size runs in a fresh process (node --import tsx bench/lib/roster-import-child.mjs N) on a
// fresh test database: seconds per phase and the child's peak RSS (goal: 100,000 rows under 60 s and
// 500 MB). Writes bench/results/roster-import-<date>.json. It measures; it asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, gitCommit, localDate, toJson } from './lib/server.mjs';

const RESULTS_DIR = process.env.XINHUO_BENCH_RESULTS_DIR ?? path.join(ROOT, 'bench/results');
const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '10000,100000' } },
  strict: false,
});
const sizes = String(args.rows)
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);

const results = [];
for (const n of sizes) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/roster-import-child.mjs', String(n)],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=2048' },
    },
  );
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.error(child.stderr);
    results.push({ rows: n, error: `exit ${child.status}` });
    continue;
  }
  const r = JSON.parse(line);
  results.push({ ...r, totalS: +(r.validateS + r.commitS).toFixed(2) });
  console.log(results.at(-1));
}
console.table(results);
mkdirSync(RESULTS_DIR, { recursive: true });
const file = path.join(RESULTS_DIR, `roster-import-${localDate()}.json`);
writeFileSync(
  file,
  toJson({
    bench: 'roster-import',
    db: process.env.XINHUO_TEST_DB ?? 'sqlite',
    commit: gitCommit(),
    loadAverage: os.loadavg(),
    results,
  }),
);
console.log(`written ${file}`);
