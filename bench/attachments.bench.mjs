#!/usr/bin/env node
// Attachments benchmark: uploading, downloading and listing the files of matters, over HTTP, against
// the bundled server (apps/server/dist/main.js; build it first with `npm run build`).
//
//   npm run bench -- attachments [--uploads=15] [--sizes=100K,1M,5M] [--kind=txt|pdf] [--matters=6]
//                                [--duration=10] [--connections=10] [--warmup=2] [--keep-data]
//   (or: node bench/attachments.bench.mjs --duration=5 ...)
//
// 1. Start the server on a fresh temporary data directory in demo mode (the demo city is built on the
//    first start), log in as demo-city (a dispatcher: takes part in every matter, so may upload to the
//    open ones) and pick up to --matters open matters (in_progress or dispatched) with room for files.
// 2. Uploads, one at a time: per size (KiB/MiB), one warm-up upload, then --uploads uploads spread
//    round-robin over the matters, each deleted right after (a matter holds at most 20 live files;
//    deleted files keep their bytes in the database, as the server keeps them for the record).
//    Content: random printable text (.txt), or a PDF header and text filler (--kind=pdf); each file
//    differs from the last. Latency is request sent → response read; MB/s = bytes ÷ summed latency.
//    The server allows 60 uploads per user per minute: the benchmark reads X-RateLimit-Remaining/Reset
//    and waits for the next window instead of being refused (a 429 is waited out and retried); the
//    time waited is reported, and is not in any latency.
// 3. Downloads of one 1 MiB file with autocannon (--connections, --warmup s, then --duration s). Each
//    download reads the sealed bytes, decrypts them (AES-256-GCM), re-checks SHA-256 and writes an
//    audit record.
// 4. The list endpoint of a matter holding 20 files (the download file and small ones) with autocannon.
// Throughout: the server's RSS (idle, after the uploads, after the downloads, after the list; and its
// peak), and the database size (SQLite pages, WAL included) before and after the uploads of step 2,
// as growth per MB uploaded. Other load on the machine shows in every figure: the JSON records the
// load average. Prints a table and writes bench/results/attachments-<date>.json. It measures; it
// asserts nothing (a failed request is counted and reported, not fatal).

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
  ensureServerBuilt,
  getJson,
  load,
  login,
  makeTempDir,
  memoryOf,
  registry,
  runMain,
  sleep,
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
const MiB = 1024 * 1024;
/** The server's limits (packages/shared/src/attachments.ts, attachments.routes.ts). */
const PER_MATTER = 20;
const MAX_BYTES = 10 * MiB;

const { values: args } = parseArgs({
  strict: false,
  options: {
    uploads: { type: 'string', default: '15' },
    sizes: { type: 'string', default: '100K,1M,5M' },
    kind: { type: 'string', default: 'txt' },
    matters: { type: 'string', default: '6' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    'keep-data': { type: 'boolean', default: false },
  },
});
const { num } = options(args);
/** "100K" → 102400, "5M" → 5242880, "2048" → 2048. */
const parseSize = (s) => {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`--sizes: cannot read "${s}" (e.g. 100K,1M,5M)`);
  const n = Math.round(Number(m[1]) * (m[2] === '' ? 1 : /k/i.test(m[2]) ? 1024 : MiB));
  if (n < 1 || n > MAX_BYTES) throw new Error(`--sizes: ${s} is not in 1 B .. 10 MiB`);
  return n;
};
const settings = {
  uploadsPerSize: num('uploads', 1, 200),
  sizes: String(args.sizes).split(',').filter(Boolean).map(parseSize),
  kind: args.kind === 'pdf' ? 'pdf' : 'txt',
  matters: num('matters', 1, 20),
  durationS: num('duration', 1, 60),
  connections: num('connections', 1, 100),
  warmupS: num('warmup', 0, 30),
  downloadBytes: MiB,
};
if (settings.sizes.length === 0) throw new Error('--sizes: give one or more sizes, e.g. 100K,1M,5M');
registry.keepTempDirs = Boolean(args['keep-data']);

const log = (msg) => process.stderr.write(`[attachments] ${msg}\n`);
const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);
const sizeLabel = (n) =>
  n >= MiB ? `${round(n / MiB, 2)} MiB` : n >= 1024 ? `${round(n / 1024, 1)} KiB` : `${n} B`;

// ---------------------------------------------------------------------------------------------
// Files.

/** Random printable ASCII in lines of 100 characters: valid UTF-8, no NUL. */
function textFiller(size) {
  const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;');
  const buf = randomBytes(size);
  for (let i = 0; i < size; i++) buf[i] = (i + 1) % 100 === 0 ? 0x0a : alphabet[buf[i] % alphabet.length];
  return buf;
}

const fillers = new Map();
let fileSeq = 0;
/** A new file of exactly `size` bytes of the chosen kind, different from every other one of the run. */
function makeFile(size, kind = settings.kind) {
  if (!fillers.has(size)) fillers.set(size, textFiller(size));
  const bytes = Buffer.from(fillers.get(size));
  const head = Buffer.from(`${kind === 'pdf' ? '%PDF-1.4\n%' : ''}bench file ${++fileSeq} ${Date.now()}\n`);
  head.copy(bytes, 0, 0, Math.min(head.length, size));
  return { name: `bench-${fileSeq}-${sizeLabel(size).replace(' ', '')}.${kind}`, bytes };
}

// ---------------------------------------------------------------------------------------------
// Requests.

/** What the upload rate limit has told us, and what waiting for it cost. */
const limiter = { limit: null, remaining: null, resetAt: 0, waits: 0, waitedMs: 0, refused: 0 };

async function waitForWindow(untilMs, why) {
  const ms = Math.max(0, untilMs - Date.now());
  if (ms === 0) return;
  log(`upload rate limit: ${why}; waiting ${Math.ceil(ms / 1000)} s for the next window`);
  limiter.waits++;
  limiter.waitedMs += ms;
  await sleep(ms);
}

/**
 * One upload, paced by the rate limit (the wait is outside the timing; a 429 is waited out and
 * retried). { status, ms, item | error }.
 */
async function upload(base, cookie, matterId, file) {
  for (;;) {
    if (limiter.remaining === 0) await waitForWindow(limiter.resetAt, `${limiter.limit} uploads used`);
    const t0 = performance.now();
    const r = await fetch(`${base}/api/matters/${matterId}/attachments`, {
      method: 'POST',
      headers: {
        cookie,
        origin: base,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
      },
      body: file.bytes,
    });
    const text = await r.text();
    const ms = performance.now() - t0;
    const remaining = r.headers.get('x-ratelimit-remaining');
    const reset = r.headers.get('x-ratelimit-reset');
    if (remaining !== null) limiter.remaining = Number(remaining);
    if (r.headers.get('x-ratelimit-limit') !== null)
      limiter.limit = Number(r.headers.get('x-ratelimit-limit'));
    // Reset is whole seconds until the window ends; a little margin for the rounding.
    if (reset !== null) limiter.resetAt = Date.now() + Number(reset) * 1000 + 500;
    if (r.status === 429) {
      limiter.refused++;
      const after = Number(r.headers.get('retry-after') ?? 60);
      await waitForWindow(Date.now() + after * 1000 + 500, 'refused (429)');
      limiter.remaining = null;
      continue;
    }
    if (r.status !== 201) return { status: r.status, ms, error: text.slice(0, 300) };
    return { status: r.status, ms, item: JSON.parse(text) };
  }
}

async function remove(base, cookie, matterId, attachmentId) {
  const t0 = performance.now();
  const r = await fetch(`${base}/api/matters/${matterId}/attachments/${attachmentId}`, {
    method: 'DELETE',
    headers: { cookie, origin: base },
  });
  const text = await r.text();
  return {
    status: r.status,
    ms: performance.now() - t0,
    error: r.status === 204 ? null : text.slice(0, 300),
  };
}

/** SQLite's own size of the database (pages × page size, what the WAL holds included), and the files on disk. */
function dbSize(dataDir) {
  const file = path.join(dataDir, 'xinhuo.db');
  const onDisk = (f) => (existsSync(f) ? statSync(f).size : 0);
  const db = new Database(file, { fileMustExist: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true });
    const pages = db.pragma('page_count', { simple: true });
    const free = db.pragma('freelist_count', { simple: true });
    return {
      bytes: pages * pageSize,
      freeBytes: free * pageSize,
      fileBytes: onDisk(file),
      walBytes: onDisk(`${file}-wal`),
    };
  } finally {
    db.close();
  }
}

const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? null),
    mean: round(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null),
  };
};

// ---------------------------------------------------------------------------------------------

async function bench() {
  const dataDir = makeTempDir('xinhuo-bench-attachments-');
  log(`starting the server on ${dataDir} (the demo city is built on the first start)`);
  const t0 = Date.now();
  const server = await startServer(dataDir, { readyTimeoutS: 300 });
  const out = { demoStartS: round((Date.now() - t0) / 1000), memory: {}, database: {}, uploads: [] };
  const { base } = server;
  try {
    const cookie = await login(base, USERNAME, PASSWORD);

    // Open matters with room for files, the emptiest first.
    const open = await getJson(base, '/api/matters?state=in_progress,dispatched&pageSize=50', cookie);
    const candidates = [];
    for (const m of open.items) {
      const files = await getJson(base, `/api/matters/${m.id}/attachments`, cookie);
      if (files.canUpload && files.items.length < PER_MATTER)
        candidates.push({ id: m.id, code: m.code, state: m.state, live: files.items.length });
      if (candidates.length >= settings.matters + 5) break;
    }
    if (candidates.length === 0)
      throw new Error(
        `no open matter demo-city may attach files to (of ${open.total} in_progress/dispatched)`,
      );
    candidates.sort((a, b) => a.live - b.live);
    const matters = candidates.slice(0, settings.matters);
    out.matters = { openTotal: open.total, used: matters };
    log(`${open.total} open matters (in_progress, dispatched); uploading to ${matters.length}`);

    out.memory.idle = memoryOf(server.pid);
    out.database.before = dbSize(dataDir);

    // 2. Sequential uploads, each deleted again.
    let uploadedBytes = 0;
    let turn = 0;
    for (const size of settings.sizes) {
      log(`uploads of ${sizeLabel(size)}: 1 warm-up, ${settings.uploadsPerSize} measured`);
      const times = [];
      const deletes = [];
      const failures = [];
      for (let i = 0; i <= settings.uploadsPerSize; i++) {
        const matter = matters[turn++ % matters.length];
        const u = await upload(base, cookie, matter.id, makeFile(size));
        if (u.status !== 201) {
          if (i > 0) failures.push({ status: u.status, error: u.error });
          log(`upload of ${sizeLabel(size)} answered ${u.status}: ${u.error}`);
          continue;
        }
        uploadedBytes += size;
        if (i > 0) times.push(u.ms);
        const d = await remove(base, cookie, matter.id, u.item.id);
        if (d.status !== 204) {
          failures.push({ status: d.status, error: `delete: ${d.error}` });
          log(`delete answered ${d.status}: ${d.error}`);
        } else if (i > 0) deletes.push(d.ms);
      }
      const totalMs = times.reduce((a, b) => a + b, 0);
      out.uploads.push({
        bytes: size,
        label: sizeLabel(size),
        kind: settings.kind,
        count: times.length,
        failed: failures.length,
        failures: failures.slice(0, 5),
        latencyMs: stats(times),
        mbPerSec: totalMs > 0 ? round((times.length * size) / MiB / (totalMs / 1000), 2) : null,
        uploadsPerSec: totalMs > 0 ? round(times.length / (totalMs / 1000), 2) : null,
        deleteLatencyMs: stats(deletes),
      });
    }
    out.memory.afterUploads = memoryOf(server.pid);
    out.database.afterUploads = dbSize(dataDir);
    out.database.uploadedBytes = uploadedBytes;
    out.database.growthPerMBUploaded =
      uploadedBytes > 0
        ? round((out.database.afterUploads.bytes - out.database.before.bytes) / uploadedBytes, 3)
        : null;

    // 3. Downloads of one 1 MiB file: the matter that will also carry the 20 files for the list.
    const target = matters[0];
    const file = makeFile(settings.downloadBytes);
    const up = await upload(base, cookie, target.id, file);
    if (up.status !== 201) throw new Error(`upload of the download file answered ${up.status}: ${up.error}`);
    const downloadUrl = `/api/matters/${target.id}/attachments/${up.item.id}`;
    const check = await fetch(base + downloadUrl, { headers: { cookie } });
    const got = Buffer.from(await check.arrayBuffer());
    const sha = (b) => createHash('sha256').update(b).digest('hex');
    out.download = {
      bytes: settings.downloadBytes,
      url: downloadUrl,
      contentType: check.headers.get('content-type'),
      // A sanity check of the round trip, recorded (not asserted).
      sameBytes: check.status === 200 && sha(got) === sha(file.bytes),
    };
    log(
      `downloads of ${sizeLabel(settings.downloadBytes)}: ${settings.warmupS} s warm-up, ${settings.durationS} s measured, ${settings.connections} connections`,
    );
    if (settings.warmupS > 0) await load(base, downloadUrl, cookie, settings.warmupS, settings.connections);
    out.download.http = await load(base, downloadUrl, cookie, settings.durationS, settings.connections);
    out.download.http.mbPerSec = round(out.download.http.bytesPerSec / MiB, 1);
    out.memory.afterDownloads = memoryOf(server.pid);

    // 4. The list of a matter with 20 files.
    const now = await getJson(base, `/api/matters/${target.id}/attachments`, cookie);
    const fill = PER_MATTER - now.items.length;
    log(`list: filling matter ${target.code} up to ${PER_MATTER} files (${fill} uploads of 10 KiB)`);
    let fillFailed = 0;
    for (let i = 0; i < fill; i++) {
      const u = await upload(base, cookie, target.id, makeFile(10 * 1024));
      if (u.status !== 201) {
        fillFailed++;
        log(`fill upload answered ${u.status}: ${u.error}`);
      } else uploadedBytes += 10 * 1024;
    }
    const listUrl = `/api/matters/${target.id}/attachments`;
    const listed = await getJson(base, listUrl, cookie);
    const listBytes = Buffer.byteLength(JSON.stringify(listed));
    out.list = { url: listUrl, files: listed.items.length, responseBytes: listBytes, fillFailed };
    log(
      `list of ${listed.items.length} files: ${settings.warmupS} s warm-up, ${settings.durationS} s measured, ${settings.connections} connections`,
    );
    if (settings.warmupS > 0) await load(base, listUrl, cookie, settings.warmupS, settings.connections);
    out.list.http = await load(base, listUrl, cookie, settings.durationS, settings.connections);
    out.memory.afterList = memoryOf(server.pid);
    out.database.atEnd = dbSize(dataDir);
    out.database.uploadedBytesTotal = uploadedBytes;
    out.rateLimit = {
      limitPerMinute: limiter.limit,
      waits: limiter.waits,
      waitedS: round(limiter.waitedMs / 1000),
      refused429: limiter.refused,
    };
  } finally {
    await server.stop();
  }
  out.database.fileAfterStopBytes = statSync(path.join(dataDir, 'xinhuo.db')).size;
  return out;
}

function printReport(r) {
  const header = ['test', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'MB/s', 'non-2xx'];
  const rows = r.uploads.map((u) => [
    `upload ${u.label} .${u.kind} (sequential)`,
    fmt(u.count),
    fmt(u.uploadsPerSec, 1),
    fmt(u.latencyMs.p50, 1),
    fmt(u.latencyMs.p99, 1),
    fmt(u.latencyMs.max, 1),
    fmt(u.mbPerSec, 1),
    fmt(u.failed),
  ]);
  const h = (label, x, mb) => [
    label,
    fmt(x.requests),
    fmt(x.reqPerSec, 1),
    fmt(x.latencyMs.p50),
    fmt(x.latencyMs.p99),
    fmt(x.latencyMs.max),
    mb,
    fmt(x.non2xx + x.errors + x.timeouts),
  ];
  rows.push(
    h(
      `download ${sizeLabel(r.download.bytes)} (${settings.connections} conn)`,
      r.download.http,
      fmt(r.download.http.mbPerSec, 1),
    ),
  );
  rows.push(h(`list ${r.list.files} files (${settings.connections} conn)`, r.list.http, '-'));
  printTable(header, rows, 1);
  const m = r.memory;
  console.log(
    `server RSS: idle ${m.idle.rssMB} MB, after uploads ${m.afterUploads.rssMB} MB, after downloads ${m.afterDownloads.rssMB} MB, ` +
      `after list ${m.afterList.rssMB} MB; peak ${m.afterList.peakRssMB} MB`,
  );
  const db = r.database;
  const mb = (b) => round(b / MiB, 1);
  console.log(
    `database: ${mb(db.before.bytes)} MB before the uploads, ${mb(db.afterUploads.bytes)} MB after ${mb(db.uploadedBytes)} MB uploaded ` +
      `(incl. warm-ups; all deleted, their bytes kept): +${db.growthPerMBUploaded} MB per MB uploaded; ` +
      `${mb(db.atEnd.bytes)} MB at the end, file ${mb(db.fileAfterStopBytes)} MB after the server stopped`,
  );
  console.log(
    `uploads: ${settings.uploadsPerSize} per size after 1 warm-up, one at a time, over ${r.matters.used.length} open matters, each deleted after; ` +
      `p99 of ${settings.uploadsPerSize} is about the slowest; MB = MiB. Rate limit ${r.rateLimit.limitPerMinute}/min: ` +
      `${r.rateLimit.waits} wait(s), ${r.rateLimit.waitedS} s waited, ${r.rateLimit.refused429} refused (429).`,
  );
  console.log(
    `HTTP: autocannon, ${settings.connections} connections, ${settings.durationS} s after ${settings.warmupS} s warm-up, logged in as ${USERNAME}; ` +
      `download content-type ${r.download.contentType}, bytes round-trip ${r.download.sameBytes ? 'identical' : 'DIFFERENT'}; ` +
      `list response ${fmt(r.list.responseBytes)} bytes. Demo city built and server ready in ${r.demoStartS} s.`,
  );
  printLoad(loadAtStart);
}

const loadAtStart = loadNow();

async function main() {
  const t0 = Date.now();
  await ensureServerBuilt({ build: false });
  const result = await bench();
  printReport(result);

  const report = {
    ...reportHeader('attachments', loadAtStart),
    settings: {
      ...settings,
      user: USERNAME,
      autocannon: '9',
      server: 'apps/server/dist/main.js, LOG_LEVEL=warn, SQLite (WAL), demo data',
    },
    wallS: secondsSince(t0),
    result,
  };
  const file = writeResult(`attachments-${localDate()}.json`, report);
  console.log(`results: ${path.relative(ROOT, file)}  (${report.wallS} s)`);
}

runMain(main);
