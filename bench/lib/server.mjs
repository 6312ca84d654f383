// Helpers the HTTP benchmarks share: the processes and temporary directories a benchmark starts (and
// stops again on every exit path), the built server on a data directory of its own, logging in,
// autocannon runs, and running a benchmark's main() (reporting: bench/lib/cli.mjs).
//
//   import { startServer, login, load, cleanup, ... } from './lib/server.mjs';
//
// Importing this module installs SIGINT/SIGTERM handlers (clean up, exit 130) and an exit hook that
// kills what is still running. A benchmark calls cleanup() itself when it is done (e.g. in finally).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, percentile } from './cli.mjs';

export { ROOT };
export const SERVER_DIR = path.join(ROOT, 'apps/server');

// ---------------------------------------------------------------------------------------------
// Processes and directories we start, so that we stop and remove exactly those (by PID) on any exit path.

export const registry = {
  /** @type {Set<import('node:child_process').ChildProcess>} */
  children: new Set(),
  /** @type {Set<string>} */
  tempDirs: new Set(),
  /** Leave the temporary directories in place at cleanup (a benchmark's --keep-data). */
  keepTempDirs: false,
};

/** Kill every child still running (SIGKILL) and remove the temporary directories; safe to call twice. */
export function cleanup() {
  for (const c of registry.children)
    if (c.exitCode === null && c.signalCode === null && c.pid)
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {}
  if (!registry.keepTempDirs) {
    for (const d of registry.tempDirs) rmSync(d, { recursive: true, force: true });
    registry.tempDirs.clear();
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}
process.on('exit', cleanup);

/** A new empty directory under the system's temporary directory, removed at cleanup. */
export function makeTempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  registry.tempDirs.add(dir);
  return dir;
}

/** Remove a directory made by makeTempDir now (unless temporary directories are kept). */
export function removeTempDir(dir) {
  if (registry.keepTempDirs) return;
  rmSync(dir, { recursive: true, force: true });
  registry.tempDirs.delete(dir);
}

/**
 * The server's environment for a data directory: embedded SQLite, its own key, demo mode, warnings only.
 * The caller's environment never chooses the database or the key; `extra` may (the national benchmark
 * passes its PostgreSQL database and the key its data was sealed with), and so may `database`
 * ({ url, masterKey }: a throwaway cluster of the benchmark's own; the server then runs outside demo mode).
 */
export function serverEnv(dataDir, extra = {}, database = null) {
  const env = {
    ...process.env,
    XINHUO_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    XINHUO_DEMO: '1',
  };
  delete env.DATABASE_URL;
  delete env.XINHUO_MASTER_KEY;
  delete env.XINHUO_PUBLIC_ORIGIN;
  delete env.NODE_ENV;
  if (database) {
    env.DATABASE_URL = database.url;
    env.XINHUO_MASTER_KEY = database.masterKey;
  }
  return { ...env, ...extra };
}

/** Run a child to completion (its output kept, the last 4000 characters); reject on a non-zero exit. */
export function run(cmd, argv, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    registry.children.add(child);
    let tail = '';
    const keep = (b) => {
      tail = (tail + b.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      registry.children.delete(child);
      if (code === 0) resolve(tail);
      else
        reject(
          new Error(`${path.basename(argv[argv.length - 1] ?? cmd)} exited ${code ?? signal}:\n${tail}`),
        );
    });
  });
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident set size (current and peak) of a process, from /proc; null where /proc is unavailable. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: Math.round(kb('VmRSS') / 102.4) / 10, peakRssMB: Math.round(kb('VmHWM') / 102.4) / 10 };
  } catch {
    return { rssMB: null, peakRssMB: null };
  }
}

/**
 * Start the bundled server (apps/server/dist/main.js) on 127.0.0.1 and a free port, with `dataDir`
 * (serverEnv; `database` for PostgreSQL), and wait until /readyz answers 200 (an empty data directory in demo mode builds the
 * demo city first). { base, port, pid, stop() }; stop() sends SIGTERM, then SIGKILL after 15 s.
 */
export async function startServer(dataDir, { env = {}, readyTimeoutS = 120, database = null } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(SERVER_DIR, 'dist/main.js')], {
    cwd: ROOT,
    env: serverEnv(dataDir, { ...env, PORT: String(port) }, database),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  registry.children.add(child);
  let output = '';
  const keep = (b) => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutS * 1000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited ${child.exitCode} before it was ready:\n${output}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready after ${readyTimeoutS} s:\n${output}`);
    await sleep(200);
  }
  return {
    base,
    port,
    pid: child.pid,
    /** The last 4000 characters the server wrote (stdout and stderr). */
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
      }, 15_000);
      await exited;
      clearTimeout(timer);
      registry.children.delete(child);
    },
  };
}

/** Log in; the session cookie ("xh_sid=...") to send with later requests. */
export async function login(base, username, password) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login as ${username} answered ${r.status}: ${await r.text()}`);
  const sid = r.headers.getSetCookie().find((c) => c.startsWith('xh_sid='));
  if (!sid) throw new Error('login set no xh_sid cookie');
  return sid.split(';')[0];
}

/** GET a JSON body; throws unless the answer is 200. */
export async function getJson(base, url, cookie) {
  const r = await fetch(base + url, { headers: { cookie } });
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  return r.json();
}

/**
 * autocannon GET of one URL for `durationS` seconds over `connections` connections, summarized
 * (p95 from every response's time, which autocannon's own summary does not give).
 */
export async function load(base, url, cookie, durationS, connections) {
  const times = [];
  const run = autocannon({
    url: base + url,
    connections,
    duration: durationS,
    headers: { cookie },
    timeout: 60,
  });
  run.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const r = await run;
  times.sort((a, b) => a - b);
  const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    durationS: r.duration,
    requests: r.requests.total,
    reqPerSec: round(r.requests.total / r.duration, 1),
    latencyMs: {
      mean: round(r.latency.average),
      p50: r.latency.p50,
      p90: r.latency.p90,
      p95: times.length ? round(percentile(times, 95)) : null,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerSec: Math.round(r.throughput.average),
  };
}

// ---------------------------------------------------------------------------------------------
// Running a benchmark.

/** Build the bundled server (apps/server/dist) unless `build` is false; throw when it is not there. */
export async function ensureServerBuilt({ build = true, log = () => {} } = {}) {
  if (build) {
    log('building the server (apps/server/dist)');
    await run(process.execPath, ['build.mjs'], { cwd: SERVER_DIR, env: process.env });
  }
  if (!existsSync(path.join(SERVER_DIR, 'dist/main.js')))
    throw new Error('apps/server/dist/main.js is missing: run npm run build -w apps/server');
}

/** Run a benchmark's main(): on failure print the error and exit 1; stop what it started in any case. */
export function runMain(main) {
  return main()
    .catch((err) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exitCode = 1;
    })
    .finally(cleanup);
}
