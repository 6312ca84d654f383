#!/usr/bin/env node
// Roster import benchmark: the dry run (parse + validate + match) and the all-or-nothing commit of a
// generated workbook through the imports service, on SQLite and on PostgreSQL (a throwaway cluster,
// scripts/pg-throwaway.mjs).
//
//   npm run bench -- roster-import                          10,000 rows, SQLite and PostgreSQL
//   npm run bench -- roster-import --rows=10000,100000      the two sizes
//   npm run bench -- roster-import --db=sqlite              one database only
//
// It measures the server's work as production runs it: the workbook of each size is written first by a
// process of its own (bench/lib/roster-import-workbook.mjs; the server never generates what it imports),
// then each size and database runs in a fresh process — bench/lib/roster-import-child.mjs bundled by
// esbuild as apps/server/build.mjs bundles the server, run by plain node — that reads the file as an
// upload and runs the service's work on a fresh database: SQLite on a file in a temporary directory, as
// the server keeps it in its data directory (not in memory, where the database itself would count in the
// process's RSS). Node's default heap limit, no GC flags.
// Phases: validate (the dry run), commit, reimport (the same file's dry run again, each row now on
// record: the report at its largest). Figures: wall and CPU seconds per phase (CPU is what other load on
// the machine disturbs least), the child's peak RSS, and per phase the highest RSS, V8 heap in use and
// external memory seen (setup: Node and the server's modules before the upload). totalS is validate +
// commit. Goal of issue 9: 100,000 rows under 60 s and 500 MB.
// Writes bench/results/roster-import-<date>-<rows>-<dbs>.json. It measures; it asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ROOT, gitCommit, localDate, options, writeResult } from './lib/cli.mjs';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    db: { type: 'string', default: 'sqlite,postgres' },
  },
  strict: false,
});
const { numbers, strings } = options(args);
const sizes = numbers('rows', (n) => n > 0);
const kinds = strings('db', (k) => k === 'sqlite' || k === 'postgres');

/** Run a script with node (and these flags) and return its last output line as JSON, or an error. */
function runNode(flags, script, args, env = {}) {
  const child = spawnSync(process.execPath, [...flags, script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.error(child.stderr);
    return { error: `exit ${child.status}` };
  }
  return JSON.parse(line);
}

/**
 * The child as production runs the server: bundled by esbuild with the server's own settings
 * (apps/server/build.mjs: ESM for Node 20, the server's dependencies external) and run by plain node, not
 * through tsx's TypeScript loader (which alone adds some 50 MB of RSS). Written under node_modules/.cache
 * so that the external packages resolve as they do from apps/server/dist.
 */
async function bundleChild() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'apps/server/package.json'), 'utf8'));
  const outfile = path.join(ROOT, 'node_modules/.cache/xinhuo-bench/roster-import-child.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'bench/lib/roster-import-child.mjs')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...Object.keys(pkg.dependencies).filter((d) => d !== '@xinhuo/shared'), 'pinyin-pro'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

const child = await bundleChild();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-roster-import-'));
const results = [];
const loadAtStart = os.loadavg();
const workbooks = new Map();
for (const n of sizes) {
  const file = path.join(tmp, `roster-${n}.xlsx`);
  workbooks.set(n, {
    file,
    ...runNode(['--import', 'tsx'], 'bench/lib/roster-import-workbook.mjs', [String(n), file]),
  });
}
try {
  for (const kind of kinds) {
    const pg = kind === 'postgres' ? await startThrowawayPostgres() : null;
    try {
      for (const n of sizes) {
        const wb = workbooks.get(n);
        if (wb.error) {
          results.push({ db: kind, rows: n, error: `workbook: ${wb.error}` });
          continue;
        }
        const dataDir = mkdtempSync(path.join(tmp, `${kind}-${n}-`));
        const r = runNode([], child, [wb.file, dataDir], {
          XINHUO_TEST_DB: kind,
          ...(pg ? { XINHUO_TEST_DATABASE_URL: pg.url } : {}),
        });
        rmSync(dataDir, { recursive: true, force: true });
        if (r.error) {
          results.push({ db: kind, rows: n, error: r.error });
          continue;
        }
        results.push({
          db: kind,
          ...r,
          fileMB: wb.fileMB,
          writeS: wb.writeS,
          totalS: +(r.validateS + r.commitS).toFixed(2),
        });
        console.log(JSON.stringify(results.at(-1)));
      }
    } finally {
      await pg?.stop();
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.table(
  results.map(({ phases, ...r }) => ({
    ...r,
    ...(phases
      ? {
          setupRssMB: phases.setup.rssMB,
          validateRssMB: phases.validate.rssMB,
          commitRssMB: phases.commit.rssMB,
          reimportRssMB: phases.reimport.rssMB,
        }
      : {}),
  })),
);
// Named by sizes and databases, so that the default run and the long one do not overwrite each other.
const file = writeResult(`roster-import-${localDate()}-${sizes.join('-')}-${kinds.join('-')}.json`, {
  bench: 'roster-import',
  measures:
    "the server's dry run and commit of an uploaded workbook (written beforehand by another process), " +
    'in a process of its own running the service code bundled as the server is (esbuild, plain node); ' +
    'SQLite on a file in a temporary directory, PostgreSQL on a throwaway cluster; default heap limit',
  commit: gitCommit(),
  node: process.version,
  cpus: os.cpus().length,
  loadAverage: { start: loadAtStart, end: os.loadavg() },
  results,
});
console.log(`written ${file}`);
