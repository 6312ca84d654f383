#!/usr/bin/env node
// Election structure report benchmark (换届结构分析, issue 9): a province of 20,000 villages (200 towns ×
// 100), two terms of both committees in each (~6–7 seats per committee, about half re-elected), then
// the election's report for the whole province and for one town — seconds and peak RSS, on SQLite
// and, with --pg, on a throwaway PostgreSQL cluster (scripts/pg-throwaway.mjs).
//
//   npm run bench -- structure-report [--towns=200] [--villages-per-town=100] [--pg]
//   (or: node bench/structure-report.bench.mjs --towns=20)
//
// The province is built by one process (bench/lib/structure-report-child.mjs build) and reported on
// by a fresh one (… report), so the report's peak RSS is its own. Writes
// bench/results/structure-report-<date>.json. It measures; it asserts nothing.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';
import { makeTempDir, removeTempDir } from './lib/server.mjs';
import { ROOT, gitCommit, localDate, writeResult } from './lib/cli.mjs';

const { values: args } = parseArgs({
  options: {
    towns: { type: 'string', default: '200' },
    'villages-per-town': { type: 'string', default: '100' },
    pg: { type: 'boolean', default: false },
  },
  strict: false,
});
const towns = Number(args.towns);
const perTown = Number(args['villages-per-town']);

/** The master key of the databases this run builds (each phase is a process of its own). */
const masterKey = randomBytes(32).toString('hex');

function phase(mode, target) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/structure-report-child.mjs', mode, target, String(towns), String(perTown)],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096', XINHUO_BENCH_MASTER_KEY: masterKey },
    },
  );
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.error(child.stderr.slice(-4000));
    throw new Error(
      `${mode} on ${target.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'} failed (exit ${child.status})`,
    );
  }
  return JSON.parse(line);
}

async function runOn(db) {
  let target;
  let pg;
  let dir;
  if (db === 'postgres') {
    pg = await startThrowawayPostgres();
    target = pg.url;
  } else {
    dir = makeTempDir('xinhuo-structure-bench-');
    target = path.join(dir, 'bench.sqlite');
  }
  try {
    const built = phase('build', target);
    console.log(`${db}: built`, built);
    const reported = phase('report', target);
    console.log(`${db}: report`, reported);
    return { db, build: built, report: reported };
  } finally {
    if (pg) await pg.stop();
    if (dir) removeTempDir(dir);
  }
}

const results = [];
for (const db of ['sqlite', ...(args.pg ? ['postgres'] : [])]) {
  try {
    results.push(await runOn(db));
  } catch (e) {
    console.error(e);
    results.push({ db, error: String(e.message ?? e) });
  }
}
console.table(
  results.map((r) => ({
    db: r.db,
    villages: r.build?.villages,
    people: r.build?.people,
    seats: r.build?.seats,
    buildS: r.build?.phaseS,
    reportColdS: r.report?.coldS,
    reportWarmS: r.report?.warmMedianS,
    warmCpuS: r.report?.warmMedianCpuS,
    cachedS: r.report?.cachedS,
    oneTownS: r.report?.oneTownS,
    reportPeakRssMB: r.report?.peakRssMB,
    error: r.error,
  })),
);
const file = writeResult(`structure-report-${localDate()}.json`, {
  bench: 'structure-report',
  towns,
  villagesPerTown: perTown,
  commit: gitCommit(),
  cpus: os.cpus().length,
  loadAverage: os.loadavg(),
  results,
});
console.log(`written ${file}`);
if (results.some((r) => r.error)) process.exit(1);
