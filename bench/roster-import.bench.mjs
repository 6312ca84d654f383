#!/usr/bin/env node
// Roster import benchmark: the dry run (parse + validate + match) and the all-or-nothing commit of a
// generated workbook through the imports service, on SQLite (in memory, as the tests) and on PostgreSQL
// (a throwaway cluster, scripts/pg-throwaway.mjs).
//
//   npm run bench -- roster-import                          10,000 rows, SQLite and PostgreSQL
//   npm run bench -- roster-import --rows=10000,100000      the two sizes (100,000: minutes)
//   npm run bench -- roster-import --db=sqlite              one database only
//
// Each size runs in a fresh process (node --import tsx bench/lib/roster-import-child.mjs N) on a
// fresh database: wall and CPU seconds per phase (CPU is what other load on the machine disturbs
// least) and the child's peak RSS, at Node's default heap limit (goal: 100,000 rows under 60 s and
// 500 MB). Writes bench/results/roster-import-<date>-<rows>-<dbs>.json. It measures; it asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, gitCommit, localDate, toJson } from './lib/server.mjs';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';

const RESULTS_DIR = process.env.XINHUO_BENCH_RESULTS_DIR ?? path.join(ROOT, 'bench/results');
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    db: { type: 'string', default: 'sqlite,postgres' },
  },
  strict: false,
});
const sizes = String(args.rows)
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const kinds = String(args.db)
  .split(',')
  .map((s) => s.trim())
  .filter((k) => k === 'sqlite' || k === 'postgres');

const results = [];
const loadAtStart = os.loadavg();
for (const kind of kinds) {
  const pg = kind === 'postgres' ? await startThrowawayPostgres() : null;
  try {
    for (const n of sizes) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'bench/lib/roster-import-child.mjs', String(n)],
        {
          cwd: ROOT,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          env: {
            ...process.env,
            XINHUO_TEST_DB: kind,
            ...(pg ? { XINHUO_TEST_DATABASE_URL: pg.url } : {}),
          },
        },
      );
      const line = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        console.error(child.stderr);
        results.push({ db: kind, rows: n, error: `exit ${child.status}` });
        continue;
      }
      const r = JSON.parse(line);
      results.push({ db: kind, ...r, totalS: +(r.validateS + r.commitS).toFixed(2) });
      console.log(results.at(-1));
    }
  } finally {
    await pg?.stop();
  }
}
console.table(results);
mkdirSync(RESULTS_DIR, { recursive: true });
// Named by sizes and databases, so that the default run and the long one do not overwrite each other.
const file = path.join(
  RESULTS_DIR,
  `roster-import-${localDate()}-${sizes.join('-')}-${kinds.join('-')}.json`,
);
writeFileSync(
  file,
  toJson({
    bench: 'roster-import',
    commit: gitCommit(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    results,
  }),
);
console.log(`written ${file}`);
