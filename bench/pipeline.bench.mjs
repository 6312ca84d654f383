#!/usr/bin/env node
// Pipeline benchmark (issue 11): the 薪火计划 dashboard, the succession seat list and heat map, a seat's
// bench and the training hours report for a province-sized county set, over HTTP with autocannon, on
// SQLite and on PostgreSQL.
//
//   npm run bench -- pipeline [--seats=20000] [--candidates=100000] [--attendance=1000000]
//                             [--db=sqlite,postgres] [--duration=10] [--connections=10,50] [--warmup=2]
//                             [--data-root=DIR] [--keep-data] [--skip-build]
//   (or: node bench/pipeline.bench.mjs --seats=2000 --candidates=10000 --attendance=100000 ...)
//
// For each database:
//   1. generate the data (bench/lib/pipeline-child.mjs, run with tsx): the demo city (ensureDemo, through
//      the services), then towns of 100 villages until there are --seats village party-secretary seats
//      with terms and incumbents (people with valid, encrypted ID numbers, through the roster's bulk
//      path), --candidates candidates of the demo program's tiers in every state with their dated
//      history, cohorts and bench entries, and training sessions with --attendance enrollments; big
//      transactions and multi-row INSERTs, then ANALYZE. SQLite: a data directory of its own (with
//      --data-root, DIR/sqlite-<seats>-<candidates>-<attendance> is reused when it holds a database).
//      PostgreSQL: a throwaway cluster (scripts/pg-throwaway.mjs), stopped and removed at the end;
//   2. start the bundled server (apps/server/dist/main.js) on it, log in as demo-city (scope: the whole
//      city, so every generated town) and as demo-town (one town of the demo), with the bench's
//      password (the generator sets it: outside demo mode the server refuses the public one);
//   3. per account, the overview once, cold (view.overviewColdMs: the server caches the pipeline's figures
//      by its data version, and the other endpoints share them); per endpoint a first request ("first":
//      its own figures computed), one request alone (its time and size), then autocannon at each number
//      of connections (a warm-up, then the measured run): req/s, p50, p99, the slowest request; then the
//      server's RSS (current and peak). Endpoints, at the reference date REF_DATE:
//        dashboard  GET /api/pipeline/dashboard?date=…        (the /pipeline/dashboard page's one call)
//        seats      GET /api/pipeline/succession?date=…      (every seat of the scope + heat map, unpaged)
//        overview   GET /api/pipeline/succession?date=…&seats=none  (the succession page: heat map, totals)
//        seatpage   GET /api/pipeline/succession/seats?date=…&flag=any&sort=bench&page=2&pageSize=50
//                   (the succession page's paged seat list: at-risk seats, fewest ready successors first)
//        heatmap    GET /api/pipeline/succession?date=…&orgId=<a town>   (the heat map drilled into a town)
//        bench      GET /api/pipeline/succession/seats/<id>?date=…       (an at-risk seat: bench + ranking)
//        hours      GET /api/training/hours?year=…&page=1&pageSize=50    (the hours report, shortfall first)
// Other load on the machine shows in every figure: the JSON records the load average at start and end.
// It prints a table and writes bench/results/pipeline-<date>-<seats>-<candidates>-<attendance>-<dbs>.json.
// It measures; it asserts nothing.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';
import {
  ensureServerBuilt,
  getJson,
  load,
  login,
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
  printLoad,
  printTable,
  reportHeader,
  secondsSince,
  writeResult,
} from './lib/cli.mjs';

const PASSWORD = 'Bench#Pipeline2026';
const REF_DATE = '2026-06-30';
const HOURS_YEAR = 2025;

const { values: args } = parseArgs({
  strict: false,
  options: {
    seats: { type: 'string', default: '20000' },
    candidates: { type: 'string', default: '100000' },
    attendance: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'sqlite,postgres' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10,50' },
    warmup: { type: 'string', default: '2' },
    'data-root': { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});
const { num, strings: list } = options(args);
const settings = {
  seats: num('seats', 300, 100_000),
  candidates: num('candidates', 0, 1_000_000),
  attendance: num('attendance', 0, 10_000_000),
  dbs: list('db', (s) => s === 'sqlite' || s === 'postgres'),
  durationS: num('duration', 1, 120),
  // 0: no load runs, only the requests alone (a size where one request takes tens of seconds).
  connections: list('connections', (s) => Number.isInteger(Number(s)) && Number(s) >= 0).map(Number),
  warmupS: num('warmup', 0, 30),
};
if (settings.dbs.length === 0) throw new Error('--db: give sqlite, postgres or both');
if (settings.connections.length === 0) throw new Error('--connections: e.g. --connections=10,50');
registry.keepTempDirs = Boolean(args['keep-data']);

const log = (msg) => process.stderr.write(`[pipeline] ${msg}\n`);
const sizeKey = `${settings.seats}-${settings.candidates}-${settings.attendance}`;

/** One request alone: its wall time and the size of the answer. */
async function once(base, url, cookie) {
  const t = performance.now();
  const r = await fetch(base + url, { headers: { cookie } });
  const body = await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}`);
  return { ms: Math.round(performance.now() - t), bytes: body.byteLength };
}

/** The endpoints of one account: the town to drill into and the at-risk seat come from its own view. */
async function targetsOf(base, cookie, drill) {
  // The first request of the account: the overview computed cold (later ones share its cached figures).
  const t0 = performance.now();
  const overview = await getJson(base, `/api/pipeline/succession?date=${REF_DATE}`, cookie);
  const overviewColdMs = Math.round(performance.now() - t0);
  const atRisk = overview.seats
    .filter((s) => s.flags.length > 0)
    .sort((a, b) => b.bench - a.bench || a.orgId.localeCompare(b.orgId));
  const seat = atRisk[0] ?? overview.seats[0];
  const town = overview.heat.filter((c) => c.kind === 'town').sort((a, b) => b.seats - a.seats)[0];
  const t = [
    { name: 'dashboard', url: `/api/pipeline/dashboard?date=${REF_DATE}` },
    { name: 'seats', url: `/api/pipeline/succession?date=${REF_DATE}` },
    { name: 'overview', url: `/api/pipeline/succession?date=${REF_DATE}&seats=none` },
    {
      name: 'seatpage',
      url: `/api/pipeline/succession/seats?date=${REF_DATE}&flag=any&sort=bench&page=2&pageSize=50`,
    },
  ];
  if (drill && town)
    t.push({ name: 'heatmap', url: `/api/pipeline/succession?date=${REF_DATE}&orgId=${town.orgId}` });
  if (seat) t.push({ name: 'bench', url: `/api/pipeline/succession/seats/${seat.orgId}?date=${REF_DATE}` });
  t.push({ name: 'hours', url: `/api/training/hours?year=${HOURS_YEAR}&page=1&pageSize=50` });
  return {
    targets: t,
    view: {
      overviewColdMs,
      seats: overview.totals.seats,
      atRisk: overview.totals.atRisk,
      noReadySuccessor: overview.totals.noReadySuccessor,
      heatRows: overview.heat.length,
      seat: seat ? { orgId: seat.orgId, flags: seat.flags, bench: seat.bench } : null,
      town: town ? { orgId: town.orgId, name: town.name, seats: town.seats } : null,
    },
  };
}

async function benchDb(kind) {
  const started = Date.now();
  let dataDir;
  let reuse = false;
  let database = null;
  let pg = null;
  if (kind === 'postgres') {
    pg = await startThrowawayPostgres();
    database = { url: pg.url, masterKey: randomBytes(32).toString('hex') };
    dataDir = makeTempDir('xinhuo-bench-pipeline-pg-');
  } else if (args['data-root']) {
    dataDir = path.resolve(String(args['data-root']), `sqlite-${sizeKey}`);
    mkdirSync(dataDir, { recursive: true });
    reuse = existsSync(path.join(dataDir, 'xinhuo.db'));
  } else {
    dataDir = makeTempDir('xinhuo-bench-pipeline-');
  }
  const out = { db: kind, generator: null, accounts: [] };
  try {
    if (!reuse) {
      log(`${kind}: generating ${sizeKey} (seats-candidates-attendance)`);
      const t0 = Date.now();
      const tail = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(ROOT, 'bench/lib/pipeline-child.mjs'),
          String(settings.seats),
          String(settings.candidates),
          String(settings.attendance),
          PASSWORD,
        ],
        {
          cwd: ROOT,
          env: {
            ...serverEnv(dataDir, { LOG_LEVEL: 'silent' }, database),
            NODE_OPTIONS: '--max-old-space-size=4096',
          },
        },
      );
      const line = tail.trim().split('\n').pop() ?? '';
      out.generator = { ...JSON.parse(line), wallS: Math.round((Date.now() - t0) / 100) / 10 };
      log(`${kind}: generated in ${out.generator.wallS} s: ${line}`);
    } else {
      log(`${kind}: reusing the data in ${dataDir}`);
    }
    const server = await startServer(dataDir, { database, readyTimeoutS: 300 });
    try {
      out.serverIdle = memoryOf(server.pid);
      for (const username of ['demo-city', 'demo-town']) {
        const cookie = await login(server.base, username, PASSWORD);
        const { targets, view } = await targetsOf(server.base, cookie, username === 'demo-city');
        const account = { username, view, endpoints: [] };
        for (const t of targets) {
          // An endpoint that fails is recorded with the server's last output, and the others still run.
          try {
            const first = await once(server.base, t.url, cookie);
            const alone = await once(server.base, t.url, cookie);
            const runs = [];
            for (const connections of settings.connections.filter((n) => n > 0)) {
              log(`${kind} ${username} ${t.name}: ${connections} connections (alone ${alone.ms} ms)`);
              if (settings.warmupS > 0) await load(server.base, t.url, cookie, settings.warmupS, connections);
              const http = await load(server.base, t.url, cookie, settings.durationS, connections);
              runs.push({ connections, http, serverMemory: memoryOf(server.pid) });
            }
            account.endpoints.push({
              ...t,
              firstMs: first.ms,
              aloneMs: alone.ms,
              bytes: alone.bytes,
              serverMemory: memoryOf(server.pid),
              runs,
            });
          } catch (e) {
            const error = `${e instanceof Error ? e.message : e} ${e?.cause ?? ''}`.trim();
            log(`${kind} ${username} ${t.name}: ${error}\n${server.output().slice(-1500)}`);
            account.endpoints.push({ ...t, error, serverOutput: server.output().slice(-1500), runs: [] });
          }
        }
        out.accounts.push(account);
      }
    } finally {
      await server.stop();
    }
  } finally {
    if (pg) await pg.stop();
    if (!args['data-root'] || kind === 'postgres') removeTempDir(dataDir);
  }
  out.wallS = Math.round((Date.now() - started) / 100) / 10;
  return out;
}

function printReport(results) {
  const header = [
    'db',
    'account',
    'endpoint',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'errors',
    'first ms',
    'alone ms',
    'kB',
    'RSS MB',
    'peak MB',
  ];
  const rows = [];
  for (const r of results)
    for (const a of r.accounts)
      for (const e of a.endpoints)
        for (const run of e.runs.length
          ? e.runs
          : [{ connections: 0, http: null, serverMemory: e.serverMemory ?? {} }])
          rows.push([
            r.db,
            a.username,
            e.name,
            run.connections ? String(run.connections) : 'alone',
            fmt(run.http?.reqPerSec, 1),
            fmt(run.http?.latencyMs.p50),
            fmt(run.http?.latencyMs.p99),
            fmt(run.http?.latencyMs.max),
            run.http ? fmt(run.http.non2xx + run.http.errors + run.http.timeouts) : e.error ? 'failed' : '-',
            fmt(e.firstMs),
            fmt(e.aloneMs),
            fmt(e.bytes / 1024),
            fmt(run.serverMemory.rssMB, 1),
            fmt(run.serverMemory.peakRssMB, 1),
          ]);
  printTable(header, rows, 3);
  for (const r of results) {
    const g = r.generator;
    if (g)
      console.log(
        `${r.db}: generated in ${g.wallS} s (demo ${g.phases.demoS} s; orgs ${g.phases.orgsS}, secretaries ${g.phases.secretariesS}, ` +
          `candidates ${g.phases.candidatesS}, training ${g.phases.trainingS}, analyze ${g.phases.analyzeS} s), database ${fmt(g.dbMB)} MB: ` +
          `${fmt(g.seats)} seats in ${fmt(g.towns)} generated towns, ${fmt(g.totals.pipeline_candidates)} candidates, ` +
          `${fmt(g.totals.pipeline_events)} steps, ${fmt(g.totals.pipeline_bench)} bench entries, ${fmt(g.totals.training_sessions)} sessions, ` +
          `${fmt(g.totals.training_enrollments)} enrollments, ${fmt(g.totals.persons)} people`,
      );
  }
  console.log(
    `HTTP: autocannon, ${settings.connections.join(' / ')} connections, ${settings.durationS} s per run after ${settings.warmupS} s warm-up; ` +
      `reference date ${REF_DATE}, hours of ${HOURS_YEAR}; "alone": one request with nothing else running.`,
  );
  printLoad(loadAtStart);
}

const loadAtStart = loadNow();

async function main() {
  const t0 = Date.now();
  await ensureServerBuilt({ build: !args['skip-build'], log });
  const results = [];
  for (const kind of settings.dbs) results.push(await benchDb(kind));
  printReport(results);
  const report = {
    ...reportHeader('pipeline', loadAtStart),
    settings: {
      ...settings,
      refDate: REF_DATE,
      hoursYear: HOURS_YEAR,
      server: 'apps/server/dist/main.js, LOG_LEVEL=warn',
    },
    wallS: secondsSince(t0),
    results,
  };
  const file = writeResult(`pipeline-${localDate()}-${sizeKey}-${settings.dbs.join('-')}.json`, report);
  console.log(`results: ${path.relative(ROOT, file)}  (${report.wallS} s)`);
}

runMain(main);
