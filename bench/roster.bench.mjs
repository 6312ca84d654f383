#!/usr/bin/env node
// Roster benchmark: the roster list (50 per page, filtered by one town) and the city statistics,
// over HTTP with autocannon, against the same statements replayed directly through better-sqlite3.
//
//   npm run bench -- roster [--scales=1,10] [--duration=10] [--connections=10,50,500] [--warmup=2]
//                           [--baseline-seconds=3] [--data-root=DIR] [--keep-data] [--skip-build]
//   (or: node bench/roster.bench.mjs --scales=1 ...)
//
// For each scale (1 = the demo city, 10 = a county ten times larger):
//   1. build the demo data into an empty data directory with the CLI (`cli.js demo --scale N`);
//      with --data-root, DIR/scale-N is reused when it already holds a database;
//   2. start the bundled server (apps/server/dist/main.js) on 127.0.0.1 and a free port, log in as
//      demo-city, pick the town with the most party-committee members;
//   3. autocannon each endpoint at each number of connections (a short warm-up, then the measured
//      run): req/s, p50, p99 and the slowest request; read the server's RSS;
//   4. stop the server, then capture the exact SQL and parameters of each endpoint's first request
//      (cold: no cached session or page, so every statement the answer needs) and of the next one
//      (steady: what a request of the load run costs) (bench/lib/capture-sql.mjs: the app composed
//      in-process with a Kysely log hook);
//   5. replay the cold request's statements through better-sqlite3 on the same database file in a loop:
//      prepared once (the baseline: the raw cost of computing the answer), and prepared on every call
//      (for reference), in short alternating rounds; req/s is the median round. Only reads are replayed
//      (a write in the captured request, e.g. a session touch, shows as skippedWrites in the JSON).
// Other load on the machine shows in every figure: the JSON records the load average.
// It prints a table and writes bench/results/roster-<date>.json. It measures; it asserts nothing.

import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
  SERVER_DIR,
  ensureServerBuilt,
  getJson,
  load as loadUrl,
  login as loginAs,
  makeTempDir,
  memoryOf,
  registry,
  removeTempDir,
  run,
  runMain,
  serverEnv,
  startServer,
} from './lib/server.mjs';
import {
  ROOT,
  fmt,
  loadNow,
  localDate,
  options,
  percentile,
  printLoad,
  printTable,
  reportHeader,
  secondsSince,
  writeResult,
} from './lib/cli.mjs';

const USERNAME = 'demo-city';
const PASSWORD = 'Chuan#Huo2021';
const REF_DATE = '2021-01-10';

const { values: args } = parseArgs({
  strict: false,
  options: {
    scales: { type: 'string', default: '1,10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10,50,500' },
    warmup: { type: 'string', default: '2' },
    'baseline-seconds': { type: 'string', default: '3' },
    'data-root': { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});
const { num, numbers } = options(args);
const settings = {
  scales: numbers('scales', (n) => Number.isInteger(n) && n >= 1 && n <= 20),
  durationS: num('duration', 1, 60),
  connections: numbers('connections', (n) => Number.isInteger(n) && n >= 1 && n <= 2000),
  warmupS: num('warmup', 0, 30),
  baselineS: num('baseline-seconds', 0.5, 30),
};
if (settings.scales.length === 0) throw new Error('--scales: give one or more of 1..20, e.g. --scales=1,10');
if (settings.connections.length === 0)
  throw new Error('--connections: give one or more of 1..2000, e.g. --connections=10,50,500');

// The processes and temporary directories we start are stopped and removed on any exit path
// (bench/lib/server.mjs); --keep-data keeps the directories.
registry.keepTempDirs = Boolean(args['keep-data']);

const log = (msg) => process.stderr.write(`[roster] ${msg}\n`);

const login = (base) => loginAs(base, USERNAME, PASSWORD);
const load = (base, url, cookie, durationS, connections) =>
  loadUrl(base, url, cookie, durationS, connections);

// ---------------------------------------------------------------------------------------------
// Baseline: the captured statements through better-sqlite3, in a loop.

const ROUNDS = 5;

/** Run `iteration` for `ms` milliseconds; the time of each iteration. */
function timed(iteration, ms) {
  const times = [];
  const start = performance.now();
  const end = start + ms;
  let now = start;
  do {
    const t0 = now;
    iteration();
    now = performance.now();
    times.push(now - t0);
  } while (now < end);
  return { times, elapsedMs: now - start };
}

/**
 * Compare ways of running one request's statements, `seconds` each: after a warm-up, ROUNDS short
 * rounds that alternate between them (so that a burst of load from elsewhere on the machine falls on
 * both alike). Per way: the median of the rounds' iterations per second, and the latency percentiles
 * of all its iterations.
 */
function compare(ways, seconds) {
  for (const fn of Object.values(ways)) timed(fn, Math.min(500, seconds * 150));
  const names = Object.keys(ways);
  const rounds = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) rounds[n].push(timed(ways[n], (seconds * 1000) / ROUNDS));
  }
  const r3 = (x) => Math.round(x * 1000) / 1000;
  return Object.fromEntries(
    names.map((n) => {
      const all = rounds[n].flatMap((x) => x.times).sort((a, b) => a - b);
      const rates = rounds[n].map((x) => x.times.length / (x.elapsedMs / 1000)).sort((a, b) => a - b);
      return [
        n,
        {
          iterations: all.length,
          reqPerSec: Math.round(rates[Math.floor(rates.length / 2)] * 10) / 10,
          roundsReqPerSec: rounds[n].map(
            (x) => Math.round((x.times.length / (x.elapsedMs / 1000)) * 10) / 10,
          ),
          latencyMs: {
            mean: r3(all.reduce((a, b) => a + b, 0) / all.length),
            p50: r3(percentile(all, 50)),
            p99: r3(percentile(all, 99)),
          },
        },
      ];
    }),
  );
}

function baseline(dbFile, statements, seconds) {
  const db = new Database(dbFile);
  // The same connection settings as the server (apps/server/src/platform/db/connect.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  try {
    const prepared = statements.map((s) => ({ ...s, stmt: db.prepare(s.sql) }));
    // Reads only: a write in a captured request (a session touch) is not replayed, and is reported.
    const reads = prepared.filter((s) => s.stmt.reader);
    const skippedWrites = prepared.length - reads.length;
    const rowsOf = reads.map((s) => s.stmt.all(s.parameters).length);
    const { once, prepareEach } = compare(
      {
        once: () => {
          for (const s of reads) s.stmt.all(s.parameters);
        },
        prepareEach: () => {
          for (const s of reads) db.prepare(s.sql).all(s.parameters);
        },
      },
      seconds,
    );
    // Per-statement mean time, prepared once: where a request's database time goes.
    const perStatementUs = reads.map((s) => {
      const n = Math.max(3, Math.min(2000, Math.floor(200_000 / Math.max(1, s.ms * 1000))));
      const t0 = performance.now();
      for (let i = 0; i < n; i++) s.stmt.all(s.parameters);
      return Math.round(((performance.now() - t0) / n) * 1000);
    });
    return { once, prepareEach, skippedWrites, reads, rowsOf, perStatementUs };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function benchScale(scale) {
  const started = Date.now();
  let dataDir;
  let temp = false;
  if (args['data-root']) {
    dataDir = path.resolve(String(args['data-root']), `scale-${scale}`);
    mkdirSync(dataDir, { recursive: true });
  } else {
    dataDir = makeTempDir(`xinhuo-bench-s${scale}-`);
    temp = true;
  }
  const dbFile = path.join(dataDir, 'xinhuo.db');
  let buildS = null;
  if (!existsSync(dbFile)) {
    log(`scale ${scale}: building the demo data into ${dataDir}`);
    const t0 = Date.now();
    await run(process.execPath, [path.join(SERVER_DIR, 'dist/cli.js'), 'demo', '--scale', String(scale)], {
      cwd: ROOT,
      env: serverEnv(dataDir),
    });
    buildS = Math.round((Date.now() - t0) / 100) / 10;
  } else {
    log(`scale ${scale}: reusing the data in ${dataDir}`);
  }

  const server = await startServer(dataDir);
  const out = { scale, dataDir: temp ? null : dataDir, demoBuildS: buildS, data: {}, endpoints: [] };
  /** @type {{ name: string, label: string, url: string }[]} */
  let targets;
  try {
    const cookie = await login(server.base);
    const stats = await getJson(server.base, `/api/stats/roster?refDate=${REF_DATE}`, cookie);
    const towns = stats.byChild.filter((c) => c.kind === 'town').sort((a, b) => b.members - a.members);
    if (towns.length === 0) throw new Error('the city has no towns');
    const town = towns[0];
    const all = await getJson(server.base, '/api/people?pageSize=1&page=1', cookie);
    const listUrl = `/api/people?orgId=${town.orgId}&pageSize=50&page=1`;
    const first = await getJson(server.base, listUrl, cookie);
    out.data = {
      city: stats.orgName,
      towns: towns.length,
      organizations: stats.organizations,
      members: stats.members,
      averageAge: stats.averageAge,
      collegeShare: stats.collegeOrAbove.share,
      people: all.total,
      dbMB: Math.round((statSync(dbFile).size / 1048576) * 10) / 10,
      town: { name: town.name, members: town.members, people: first.total, villages: town.organizations },
    };
    targets = [
      { name: 'list', label: 'roster list (town, 50/page)', url: listUrl },
      { name: 'stats', label: 'city statistics', url: `/api/stats/roster?refDate=${REF_DATE}` },
    ];
    out.serverIdle = memoryOf(server.pid);
    for (const t of targets) {
      const runs = [];
      for (const connections of settings.connections) {
        log(
          `scale ${scale}: ${t.label}: ${settings.warmupS} s warm-up, ${settings.durationS} s measured, ${connections} connections`,
        );
        if (settings.warmupS > 0) await load(server.base, t.url, cookie, settings.warmupS, connections);
        const http = await load(server.base, t.url, cookie, settings.durationS, connections);
        runs.push({ connections, http, serverMemory: memoryOf(server.pid) });
      }
      out.endpoints.push({ name: t.name, label: t.label, url: t.url, runs });
    }
  } finally {
    await server.stop();
  }

  log(`scale ${scale}: capturing the SQL of one request of each endpoint`);
  const specFile = path.join(dataDir, 'bench-capture-spec.json');
  const capFile = path.join(dataDir, 'bench-capture.json');
  writeFileSync(specFile, JSON.stringify({ username: USERNAME, password: PASSWORD, targets }));
  await run(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/lib/capture-sql.mjs'), specFile, capFile],
    {
      cwd: ROOT,
      env: serverEnv(dataDir),
    },
  );
  const captured = JSON.parse(readFileSync(capFile, 'utf8'));
  rmSync(specFile, { force: true });
  rmSync(capFile, { force: true });

  for (const e of out.endpoints) {
    const cap = captured.targets.find((c) => c.name === e.name);
    const queries = cap.cold.filter((s) => s.level === 'query');
    const steady = cap.statements.filter((s) => s.level === 'query');
    log(
      `scale ${scale}: ${e.label}: baseline, ${queries.length} statements cold, ${steady.length} per steady request`,
    );
    const b = baseline(dbFile, queries, settings.baselineS);
    e.sql = {
      statementsCold: queries.length,
      statementsPerRequest: steady.length,
      steadyStatements: steady.map((s) => s.sql.replace(/\s+/g, ' ').trim()),
      replayed: b.reads.length,
      skippedWrites: b.skippedWrites,
      responseBytes: cap.responseBytes,
      statements: b.reads.map((s, i) => ({
        sql: s.sql.replace(/\s+/g, ' ').trim(),
        parameters: s.parameters,
        rows: b.rowsOf[i],
        meanUs: b.perStatementUs[i],
      })),
    };
    e.baseline = { prepared: b.once, prepareEachCall: b.prepareEach };
    const r3 = (x) => Math.round(x * 1000) / 1000;
    for (const run of e.runs)
      run.ratio = {
        httpOverBaseline: r3(run.http.reqPerSec / b.once.reqPerSec),
        httpOverPrepareEach: r3(run.http.reqPerSec / b.prepareEach.reqPerSec),
        p99OverP50: run.http.latencyMs.p50 > 0 ? r3(run.http.latencyMs.p99 / run.http.latencyMs.p50) : null,
      };
  }
  if (temp) removeTempDir(dataDir);
  out.wallS = Math.round((Date.now() - started) / 100) / 10;
  return out;
}

function printReport(results) {
  const header = [
    'scale',
    'endpoint',
    'conns',
    'HTTP req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'p99/p50',
    'non2xx',
    'SQL/req',
    'SQLite req/s',
    'SQLite p99 ms',
    'HTTP/SQLite',
    'prep-each req/s',
    'RSS MB',
  ];
  const rows = [];
  for (const r of results) {
    for (const e of r.endpoints) {
      for (const run of e.runs)
        rows.push([
          `×${r.scale}`,
          e.label,
          String(run.connections),
          fmt(run.http.reqPerSec, 1),
          fmt(run.http.latencyMs.p50),
          fmt(run.http.latencyMs.p99),
          fmt(run.http.latencyMs.max),
          run.ratio.p99OverP50 === null ? '-' : run.ratio.p99OverP50.toFixed(1),
          fmt(run.http.non2xx + run.http.errors + run.http.timeouts),
          `${e.sql.statementsPerRequest} (${e.sql.statementsCold})`,
          fmt(e.baseline.prepared.reqPerSec, 1),
          fmt(e.baseline.prepared.latencyMs.p99, 3),
          run.ratio.httpOverBaseline.toFixed(3),
          fmt(e.baseline.prepareEachCall.reqPerSec, 1),
          fmt(run.serverMemory.rssMB, 1),
        ]);
    }
  }
  printTable(header, rows, 2);
  for (const r of results) {
    const d = r.data;
    console.log(
      `×${r.scale}: ${d.city}, ${d.towns} towns, ${fmt(d.organizations)} villages, ${fmt(d.members)} party-committee members, ` +
        `${fmt(d.people)} people, database ${d.dbMB} MB; list town ${d.town.name} (${fmt(d.town.people)} people); ` +
        `server RSS idle ${r.serverIdle.rssMB} MB, peak ${Math.max(...r.endpoints.flatMap((e) => e.runs.map((x) => x.serverMemory.peakRssMB ?? 0)))} MB`,
    );
  }
  console.log(
    `HTTP: autocannon, ${settings.connections.join(' / ')} connections, ${settings.durationS} s per run after ${settings.warmupS} s warm-up, logged in as ${USERNAME}. ` +
      `SQL/req: statements of a steady request (of the cold first request). ` +
      `SQLite: the cold request's captured statements through better-sqlite3, prepared once, one thread, ${settings.baselineS} s (median of ${ROUNDS} rounds alternating with prep-each); ` +
      `"prep-each": prepared on every call. HTTP/SQLite = HTTP req/s ÷ SQLite req/s.`,
  );
  printLoad(loadAtStart);
}

const loadAtStart = loadNow();

async function main() {
  const t0 = Date.now();
  await ensureServerBuilt({ build: !args['skip-build'], log });
  const results = [];
  for (const scale of settings.scales) results.push(await benchScale(scale));
  printReport(results);

  const report = {
    ...reportHeader('roster', loadAtStart),
    settings: {
      ...settings,
      user: USERNAME,
      refDate: REF_DATE,
      autocannon: '9',
      server: 'apps/server/dist/main.js, LOG_LEVEL=warn, SQLite (WAL)',
    },
    wallS: secondsSince(t0),
    results,
  };
  const file = writeResult(`roster-${localDate()}.json`, report);
  console.log(`results: ${path.relative(ROOT, file)}  (${report.wallS} s)`);
}

runMain(main);
