#!/usr/bin/env node
// National benchmark: the roster list, the search by pinyin, statistics at a date and the matter board
// on a national-sized PostgreSQL database (≈ 602,000 orgs, 4,000,000 people, 10,000,000 matters).
//
//   npm run bench -- national [--data-root=/tmp/national] [--keep-data] [--scale=1] [--duration=5]
//                             [--connections=10,50] [--burst=500] [--warmup=2] [--skip-build]
//   (or: node bench/national.bench.mjs ...)
//
//   1. a PostgreSQL 15 cluster of its own in DATA_ROOT/pg (scripts/pg-throwaway.mjs, kept dir), tuned
//      for a bulk load (wal_level minimal, large max_wal_size, 1 GB of shared buffers); migrated with
//      the app's migrations (apps/server/dist/cli.js migrate);
//   2. the data generated into it with COPY (bench/lib/national-gen.mjs, run with tsx: the app's field
//      crypto seals every ID number under the bench's own master key, the app's name keys give the
//      pinyin, initials and the roster's collation key); secondary indexes dropped before and made
//      after the load, then ANALYZE; timings per table and the size of every table are reported.
//      DATA_ROOT/national.json records the key, the password and what was generated: with --keep-data
//      the cluster stays, and the next run on the same --data-root reuses it (no generation);
//   3. the bundled server (apps/server/dist/main.js) on that database; as three accounts (the nation,
//      one county, one town), autocannon at each of --connections on: the roster list of one town (50
//      a page), a deep page of the county's roster through keyset (`after`, 10 pages in), the search
//      by pinyin (`q`), statistics at a date (the nation, a province, a county; the first, uncached
//      request timed apart), the matter board (first page, and filtered by a county); then --burst
//      connections on the town list and the national statistics ("no request over 1 s");
//   4. req/s, p50, p95, p99, max and the server's RSS per run; the load average at start and end (the
//      machine is shared: other load shows in every figure). Writes bench/results/national-<date>.json.
// Sizes and times measured (2 cores shared with other work, load average 15-21): --scale=0.25 (23
// provinces, 162,404 orgs, 1,079,247 people, 2,727,690 matters) is 13.2 GB and took 31 min to generate
// (people and matters 22 min side by side, indexes 6 min); the whole nation projects to ≈ 49 GB (the org
// paths in the people's and matters' indexes are most of it), more than /tmp should hold here: measure a
// fraction on a small machine, --scale=1 where there is the disk.
// It measures; it asserts nothing.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  SERVER_DIR,
  ensureServerBuilt,
  getJson,
  load,
  login,
  makeTempDir,
  memoryOf,
  registry,
  run,
  runMain,
  startServer,
} from './lib/server.mjs';
import {
  ROOT,
  loadNow,
  localDate,
  options,
  printLoad,
  reportHeader,
  secondsSince,
  writeResult,
} from './lib/cli.mjs';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';

const REF_DATE = '2026-06-30';

const { values: args } = parseArgs({
  strict: false,
  options: {
    'data-root': { type: 'string', default: '/tmp/national' },
    'keep-data': { type: 'boolean', default: false },
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10,50' },
    burst: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '2' },
    'skip-build': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const { numbers } = options(args);
const list = (name) => numbers(name, (n) => Number.isInteger(n) && n >= 1 && n <= 2000);
const settings = {
  scale: Number(args.scale),
  durationS: Number(args.duration),
  connections: list('connections'),
  burst: list('burst')[0] ?? null,
  warmupS: Number(args.warmup),
  /** Only these endpoints (names as in the table, e.g. search-pinyin,board). */
  only: args.only ? String(args.only).split(',') : null,
};
if (!(settings.scale > 0 && settings.scale <= 1)) throw new Error('--scale must be in (0, 1]');
if (!(settings.durationS >= 1 && settings.durationS <= 60)) throw new Error('--duration must be 1..60');

const log = (msg) => process.stderr.write(`[national] ${msg}\n`);
const DATA_ROOT = path.resolve(String(args['data-root']));
const MANIFEST = path.join(DATA_ROOT, 'national.json');
const loadAtStart = loadNow();

/** The cluster's settings: a bulk load's (no WAL for COPY into tables truncated in its transaction). */
const PG_SETTINGS = [
  'shared_buffers=1GB',
  'work_mem=16MB',
  'maintenance_work_mem=1GB',
  'max_wal_size=16GB',
  'checkpoint_timeout=30min',
  'wal_level=minimal',
  'max_wal_senders=0',
  'max_parallel_maintenance_workers=1',
  'effective_cache_size=8GB',
  'random_page_cost=1.1',
];

async function prepareDatabase() {
  mkdirSync(DATA_ROOT, { recursive: true });
  const manifest = existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, 'utf8')) : null;
  if (manifest && manifest.scale !== settings.scale)
    throw new Error(
      `${DATA_ROOT} holds scale ${manifest.scale}, not ${settings.scale}: remove it or pick another --data-root`,
    );
  if (!manifest) rmSync(path.join(DATA_ROOT, 'pg'), { recursive: true, force: true });
  const secrets = manifest?.secrets ?? {
    dbPassword: randomBytes(18).toString('hex'),
    masterKeyHex: randomBytes(32).toString('hex'),
    password: `Quan#Guo${randomBytes(3).toString('hex')}!`,
  };
  const t0 = Date.now();
  const pgc = await startThrowawayPostgres({
    dir: path.join(DATA_ROOT, 'pg'),
    password: secrets.dbPassword,
    database: 'xinhuo_national',
    serverOptions: PG_SETTINGS,
    log,
  });
  log(`PostgreSQL up in ${secondsSince(t0)} s`);
  const env = {
    ...process.env,
    DATABASE_URL: pgc.url,
    XINHUO_MASTER_KEY: secrets.masterKeyHex,
    XINHUO_DATA_DIR: DATA_ROOT,
  };
  // Also on a kept dataset: a migration added since it was generated (e.g. an index) applies here, not
  // in the server's start-up.
  const tMig = Date.now();
  await run(process.execPath, [path.join(SERVER_DIR, 'dist/cli.js'), 'migrate'], { cwd: ROOT, env });
  const migrateS = secondsSince(tMig);
  if (manifest) {
    log(`reusing the dataset in ${DATA_ROOT} (generated ${manifest.generatedAt}); migrate ${migrateS} s`);
    return { pgc, manifest: { ...manifest, migrateOnReuseS: migrateS } };
  }
  // A superuser while it loads: its COPY runs with session_replication_role = replica (no FK triggers).
  await pgc.psql(`ALTER ROLE ${pgc.role} SUPERUSER;\n`);
  const spec = path.join(DATA_ROOT, 'gen-spec.json');
  writeFileSync(
    spec,
    JSON.stringify({
      url: pgc.url,
      psql: path.join(pgc.bin, 'psql'),
      masterKeyHex: secrets.masterKeyHex,
      password: secrets.password,
      scale: settings.scale,
      spoolDir: path.join(DATA_ROOT, 'spool'),
    }),
    { mode: 0o600 },
  );
  log('generating (bench/lib/national-gen.mjs)');
  const tGen = Date.now();
  const generated = { counts: {}, timings: {} };
  const merge = (r) => {
    Object.assign(generated.counts, r.counts);
    Object.assign(generated.timings, r.timings);
    const { counts: _c, timings: _t, phase: _p, ...rest } = r;
    Object.assign(generated, rest);
  };
  try {
    merge(await runGenerator(spec, 'orgs'));
    // People and matters at the same time, in two processes: each is bound by its own CPU.
    for (const r of await Promise.all([runGenerator(spec, 'people'), runGenerator(spec, 'matters')]))
      merge(r);
    merge(await runGenerator(spec, 'finish'));
  } finally {
    rmSync(spec, { force: true });
    rmSync(path.join(DATA_ROOT, 'spool'), { recursive: true, force: true });
    await pgc.psql(`ALTER ROLE ${pgc.role} NOSUPERUSER;\n`);
  }
  const sizes = await tableSizes(pgc.url);
  const next = {
    scale: settings.scale,
    generatedAt: new Date().toISOString(),
    secrets,
    migrateS,
    generateS: secondsSince(tGen),
    ...generated,
    sizes,
  };
  writeFileSync(MANIFEST, JSON.stringify(next, null, 2), { mode: 0o600 });
  return { pgc, manifest: next };
}

/** One phase of the generator: its JSON line; its progress goes to our stderr as it comes. */
function runGenerator(spec, phase) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/national-gen.mjs', spec, phase], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    registry.children.add(child);
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.on('error', reject);
    child.on('exit', (code) => {
      registry.children.delete(child);
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)));
      else reject(new Error(`generator (${phase}) exited ${code}`));
    });
  });
}

/** MB per table (heap + indexes + TOAST), the largest first, and the database's total. */
async function tableSizes(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT relname AS t, pg_total_relation_size(oid) AS total, pg_indexes_size(oid) AS idx
         FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace
        ORDER BY 2 DESC LIMIT 8`,
    );
    const db = await c.query('SELECT pg_database_size(current_database()) AS s');
    const mb = (x) => Math.round(Number(x) / 1048576);
    return {
      databaseMB: mb(db.rows[0].s),
      tables: Object.fromEntries(rows.map((r) => [r.t, { totalMB: mb(r.total), indexesMB: mb(r.idx) }])),
    };
  } finally {
    await c.end();
  }
}

/** The time of one request (ms) and its body; throws unless 200. */
async function timedGet(base, url, cookie) {
  const t = performance.now();
  const body = await getJson(base, url, cookie).catch((err) => {
    const ms = Math.round(performance.now() - t);
    throw new Error(`GET ${url} failed after ${ms} ms: ${err.message} ${err.cause?.code ?? err.cause ?? ''}`);
  });
  return { ms: Math.round((performance.now() - t) * 10) / 10, body };
}

/**
 * The first (cold) request: the server ends a request after 30 s, but a computation it started goes on and
 * the next request for the same figures waits for it (single flight), so a closed socket is asked again
 * (for up to 5 minutes); the time is until the first answer.
 */
async function firstGet(base, url, cookie) {
  const t = performance.now();
  for (let tries = 1; ; tries++) {
    try {
      const { body } = await timedGet(base, url, cookie);
      return { ms: Math.round((performance.now() - t) * 10) / 10, body, tries };
    } catch (err) {
      if (!/UND_ERR_SOCKET|UND_ERR_HEADERS_TIMEOUT/.test(err.message) || performance.now() - t > 300_000)
        throw err;
      log(`${url}: no answer after ${Math.round(performance.now() - t)} ms, asking again`);
    }
  }
}

/** One endpoint as one account: the first (cold) and second request timed, then autocannon runs. */
async function measureOne(server, cookie, account, name, given, s) {
  let url = given;
  const data = {};
  if (name === 'list-county-deep') {
    // Ten pages into the county's roster, page to page through `next` (keyset).
    let page = await timedGet(server.base, `/api/people?orgId=${s.countyId}&pageSize=50&page=1`, cookie);
    data.total = page.body.total;
    for (let i = 1; i < 10 && page.body.next; i++) {
      url = `/api/people?orgId=${s.countyId}&pageSize=50&after=${encodeURIComponent(page.body.next)}`;
      page = await timedGet(server.base, url, cookie);
    }
    data.pages = 10;
  }
  const first = await firstGet(server.base, url, cookie);
  const second = await timedGet(server.base, url, cookie);
  data.firstMs = first.ms;
  data.firstTries = first.tries;
  data.secondMs = second.ms;
  data.total = data.total ?? first.body.total ?? first.body.members ?? null;
  const runs = [];
  for (const connections of settings.connections) {
    log(`${account} ${name}: ${connections} connections`);
    if (settings.warmupS > 0) await load(server.base, url, cookie, settings.warmupS, connections);
    const http = await load(server.base, url, cookie, settings.durationS, connections);
    runs.push({ connections, ...http, serverMemory: memoryOf(server.pid) });
  }
  return { account, name, url, ...data, runs };
}

async function measure(server, manifest) {
  const s = manifest.sample;
  const q = encodeURIComponent(s.pinyin ?? 'wang');
  const stats = (org) => `/api/stats/roster?orgId=${org}&refDate=${REF_DATE}`;
  const scopes = [
    {
      account: 'bench-nation',
      targets: [
        ['list-town', `/api/people?orgId=${s.townId}&pageSize=50&page=1`],
        ['list-county-deep', null],
        ['search-pinyin', `/api/people?q=${q}&pageSize=50&page=1`],
        ['stats-nation', stats(s.nationId)],
        ['stats-province', stats(s.provinceId)],
        ['stats-county', stats(s.countyId)],
        ['board', '/api/matters?pageSize=20&page=1'],
        ['board-county', `/api/matters?orgId=${s.countyId}&pageSize=20&page=1`],
      ],
    },
    {
      account: 'bench-county',
      targets: [
        ['list-town', `/api/people?orgId=${s.townId}&pageSize=50&page=1`],
        ['search-pinyin', `/api/people?q=${q}&pageSize=50&page=1`],
        ['stats-county', `/api/stats/roster?refDate=${REF_DATE}`],
        ['board', '/api/matters?pageSize=20&page=1'],
      ],
    },
    {
      account: 'bench-town',
      targets: [
        ['list-town', '/api/people?pageSize=50&page=1'],
        ['search-pinyin', `/api/people?q=${q}&pageSize=50&page=1`],
        ['stats-town', `/api/stats/roster?refDate=${REF_DATE}`],
        ['board', '/api/matters?pageSize=20&page=1'],
      ],
    },
  ];
  const results = [];
  for (const scope of scopes) {
    const cookie = await login(server.base, scope.account, manifest.secrets.password);
    for (const [name, given] of scope.targets) {
      if (settings.only && !settings.only.includes(name)) continue;
      try {
        results.push(await measureOne(server, cookie, scope.account, name, given, s));
      } catch (err) {
        // Recorded, and the next endpoint measured (unless the server is gone).
        log(`${scope.account} ${name} FAILED: ${err.message}\n${server.output().slice(-1500)}`);
        results.push({ account: scope.account, name, url: given, error: err.message, runs: [] });
        if (!(await fetch(`${server.base}/readyz`).catch(() => null))) throw err;
      }
    }
  }
  if (settings.burst) {
    const cookie = await login(server.base, 'bench-nation', manifest.secrets.password);
    for (const [name, url] of [
      ['list-town', `/api/people?orgId=${s.townId}&pageSize=50&page=1`],
      ['stats-nation', stats(s.nationId)],
    ]) {
      log(`bench-nation ${name}: burst of ${settings.burst} connections`);
      const http = await load(server.base, url, cookie, settings.durationS, settings.burst);
      results.push({
        account: 'bench-nation',
        name: `${name}@${settings.burst}`,
        url,
        runs: [{ connections: settings.burst, ...http, serverMemory: memoryOf(server.pid) }],
      });
    }
  }
  return results;
}

function printReport(manifest, results) {
  const f = (n) => (n === null || n === undefined ? '-' : String(n));
  const c = manifest.counts;
  console.log(
    `\nNational dataset (scale ${manifest.scale}): ${c.orgs} orgs, ${c.persons} people, ${c.positions} seats, ` +
      `${c.matters} matters, ${c.matter_assignments} assignments; database ${manifest.sizes.databaseMB} MB`,
  );
  console.log(
    `generated in ${manifest.generateS} s: ` +
      Object.entries(manifest.timings)
        .map(([k, v]) => `${k} ${v} s`)
        .join(', '),
  );
  console.log(
    '\naccount        endpoint            first ms  conns   req/s     p50     p95     p99     max  non2xx  RSS MB',
  );
  for (const r of results) {
    if (r.error) console.log(`${r.account.padEnd(14)} ${r.name.padEnd(18)} FAILED: ${r.error}`);
    for (const x of r.runs)
      console.log(
        [
          r.account.padEnd(14),
          r.name.padEnd(18),
          f(r.firstMs).padStart(9),
          String(x.connections).padStart(6),
          String(x.reqPerSec).padStart(8),
          f(x.latencyMs.p50).padStart(7),
          f(x.latencyMs.p95).padStart(7),
          f(x.latencyMs.p99).padStart(7),
          f(x.latencyMs.max).padStart(7),
          String(x.non2xx + x.errors + x.timeouts).padStart(7),
          f(x.serverMemory.rssMB).padStart(7),
        ].join(' '),
      );
  }
  printLoad(loadAtStart);
}

async function main() {
  const t0 = Date.now();
  await ensureServerBuilt({ build: !args['skip-build'], log });
  const { pgc, manifest } = await prepareDatabase();
  let results;
  try {
    const server = await startServer(makeTempDir('xinhuo-national-'), {
      env: { DATABASE_URL: pgc.url, XINHUO_MASTER_KEY: manifest.secrets.masterKeyHex, XINHUO_DEMO: '0' },
    });
    try {
      results = await measure(server, manifest);
    } finally {
      await server.stop();
    }
  } finally {
    await pgc.stop();
    if (!args['keep-data']) rmSync(DATA_ROOT, { recursive: true, force: true });
  }
  printReport(manifest, results);
  const { secrets: _secrets, ...dataset } = manifest;
  const report = {
    ...reportHeader('national', loadAtStart),
    settings: { ...settings, refDate: REF_DATE, postgres: PG_SETTINGS, autocannon: '9' },
    dataset,
    wallS: secondsSince(t0),
    results,
  };
  const file = writeResult(`national-${localDate()}.json`, report);
  console.log(`results: ${path.relative(ROOT, file)}  (${report.wallS} s)`);
}

runMain(main);
