#!/usr/bin/env node
// Throwaway PostgreSQL cluster for tests.
//
// As a module:
//   import { startThrowawayPostgres } from './pg-throwaway.mjs';
//   const pg = await startThrowawayPostgres();
//   pg.url                                   // postgres://xinhuo:...@127.0.0.1:PORT/xinhuo_test
//   const otherUrl = await pg.createDatabase('xinhuo_test_2');
//   await pg.stop();                         // pg_ctl stop -m fast, then removes the temp dir
//
//   // From another process that only knows the URL (the role has CREATEDB):
//   import { createDatabase } from './pg-throwaway.mjs';
//   const url2 = await createDatabase('xinhuo_test_3', process.env.XINHUO_TEST_DATABASE_URL);
//
// As a CLI:
//   node scripts/pg-throwaway.mjs                 # start, print the URL, stop on Ctrl-C / SIGTERM
//   node scripts/pg-throwaway.mjs -- CMD ARGS...  # run CMD with XINHUO_TEST_DATABASE_URL set, then stop
//
// The cluster runs as the OS user `postgres` when this process is root (initdb refuses root),
// listens on 127.0.0.1 on a free port, keeps its unix socket inside the temp dir, and is
// stopped and removed on stop(), on process exit and on SIGINT/SIGTERM/SIGHUP.
//
// A kept cluster (a benchmark's large dataset): startThrowawayPostgres({ dir, password, serverOptions })
// uses `dir` instead of a new temp dir, starts the cluster already in it when there is one (initdb and
// the role only the first time), and stops it without removing it. `serverOptions`: more `-c` settings.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_ROLE = 'xinhuo';
export const DEFAULT_DATABASE = 'xinhuo_test';

const PG_ROOT = '/usr/lib/postgresql';
const IDENT_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Clusters started by this process and not yet stopped. */
const active = new Set();
/** The most recently started cluster that is still running (for createDatabase(name)). */
let current = null;

/**
 * Directory with initdb/pg_ctl/psql. Prefers $XINHUO_PG_BIN, then version 15, then the
 * highest version under /usr/lib/postgresql/<v>/bin, then whatever is on PATH.
 */
export function findPgBin() {
  const fromEnv = process.env.XINHUO_PG_BIN;
  if (fromEnv) {
    if (fs.existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
    throw new Error(`XINHUO_PG_BIN=${fromEnv} has no initdb`);
  }
  let versions = [];
  try {
    versions = fs
      .readdirSync(PG_ROOT)
      .filter((v) => /^\d+(\.\d+)?$/.test(v) && fs.existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')));
  } catch {
    // no /usr/lib/postgresql
  }
  versions.sort((a, b) => Number(b) - Number(a));
  const pick = versions.includes('15') ? '15' : versions[0];
  if (pick) return path.join(PG_ROOT, pick, 'bin');
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    `PostgreSQL server binaries not found (looked in ${PG_ROOT}/*/bin and PATH). ` +
      'Install them with: apt-get install -y postgresql-15',
  );
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Every ancestor of dir must be traversable by "others" for the postgres user to reach it. */
function reachableByOthers(dir) {
  let d = path.resolve(dir);
  for (;;) {
    try {
      if ((fs.statSync(d).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    const parent = path.dirname(d);
    if (parent === d) return true;
    d = parent;
  }
}

function tempBase() {
  const wanted = process.env.XINHUO_PG_TMPDIR || os.tmpdir();
  if (!isRoot || reachableByOthers(wanted)) return wanted;
  return '/tmp';
}

function pgUser() {
  const info = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const uid = Number(info.stdout.trim());
  const gInfo = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  const gid = Number(gInfo.stdout.trim());
  if (info.status !== 0 || !Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error('running as root but there is no OS user "postgres" to run the cluster as');
  }
  return { uid, gid };
}

/** argv that runs `bin/cmd args` as the cluster owner. */
function asOwner(bin, cmd, args) {
  const exe = path.join(bin, cmd);
  return isRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

function run(file, args, { cwd, env, timeoutMs = 120_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else {
        const err = new Error(
          `${[file, ...args].join(' ')} failed (${signal ?? `exit ${code}`}):\n${out.trim()}`,
        );
        err.output = out;
        reject(err);
      }
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

function quoteLiteral(s) {
  return `'${String(s).replace(/'/g, "''")}'`;
}

function assertIdent(name, what) {
  if (!IDENT_RE.test(name)) {
    throw new Error(`invalid ${what} name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  }
}

function readLogTail(logFile, max = 4000) {
  try {
    const text = fs.readFileSync(logFile, 'utf8');
    return text.length > max ? text.slice(-max) : text;
  } catch {
    return '(no server log)';
  }
}

/** Synchronous, best-effort teardown (used on exit/signals and as stop()'s fallback). */
function teardownSync(cluster) {
  if (cluster.stopped) return;
  cluster.stopped = true;
  active.delete(cluster);
  if (current === cluster) current = null;
  if (cluster.started) {
    const [file, args] = asOwner(cluster.bin, 'pg_ctl', [
      'stop',
      '-D',
      cluster.dataDir,
      '-m',
      'immediate',
      '-w',
      '-t',
      '20',
    ]);
    spawnSync(file, args, { cwd: '/', stdio: 'ignore', timeout: 30_000 });
    killPostmaster(cluster);
  }
  if (!cluster.keep) fs.rmSync(cluster.dir, { recursive: true, force: true });
}

/** If the postmaster is somehow still there, kill it by the PID in its own pid file. */
function killPostmaster(cluster) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const c of [...active]) teardownSync(c);
  });
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [sig, code] of Object.entries(signals)) {
    const handler = () => {
      for (const c of [...active]) teardownSync(c);
      // If nobody else handles this signal, behave like the default (terminate).
      if (process.listenerCount(sig) <= 1) process.exit(code);
    };
    process.on(sig, handler);
  }
}

/**
 * Start a throwaway cluster.
 * @param {{ role?: string, database?: string, password?: string, log?: (msg: string) => void,
 *           startTimeoutS?: number }} [opts]
 * @returns {Promise<{ url: string, host: string, port: number, role: string, password: string,
 *   database: string, dir: string, dataDir: string, socketDir: string, bin: string,
 *   createDatabase(name: string): Promise<string>, dropDatabase(name: string): Promise<void>,
 *   psql(sql: string, database?: string): Promise<string>, stop(): Promise<void> }>}
 */
export async function startThrowawayPostgres(opts = {}) {
  const role = opts.role ?? DEFAULT_ROLE;
  const database = opts.database ?? DEFAULT_DATABASE;
  const password = opts.password ?? randomBytes(18).toString('hex');
  const log = opts.log ?? (() => {});
  const startTimeoutS = opts.startTimeoutS ?? 60;
  const keep = Boolean(opts.dir);
  assertIdent(role, 'role');
  assertIdent(database, 'database');

  const bin = findPgBin();
  installExitHandlers();

  let dir;
  if (keep) {
    dir = path.resolve(opts.dir);
    fs.mkdirSync(dir, { recursive: true });
  } else dir = fs.mkdtempSync(path.join(tempBase(), 'xinhuo-pg-'));
  const cluster = {
    keep,
    bin,
    dir,
    dataDir: path.join(dir, 'data'),
    socketDir: dir,
    logFile: path.join(dir, 'server.log'),
    started: false,
    stopped: false,
  };
  active.add(cluster);

  try {
    if (isRoot) {
      const { uid, gid } = pgUser();
      fs.chownSync(dir, uid, gid);
    }
    fs.chmodSync(dir, 0o700);

    const existing = keep && fs.existsSync(path.join(dir, 'data', 'PG_VERSION'));
    if (existing) log(`reusing the cluster in ${cluster.dataDir}`);
    else await initCluster(bin, dir, cluster, log);

    // A port can be taken between freePort() and the bind: retry a few times.
    let lastErr;
    for (let attempt = 1; attempt <= 5 && !cluster.started; attempt++) {
      const port = await freePort();
      const serverOpts = [
        `-p ${port}`,
        `-k ${cluster.socketDir}`,
        "-c listen_addresses='127.0.0.1'",
        // Throwaway data: durability buys nothing here and costs seconds per suite.
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
        ...(opts.serverOptions ?? []).map((o) => `-c ${o}`),
      ].join(' ');
      const [file, args] = asOwner(bin, 'pg_ctl', [
        'start',
        '-D',
        cluster.dataDir,
        '-l',
        cluster.logFile,
        '-w',
        '-t',
        String(startTimeoutS),
        '-o',
        serverOpts,
      ]);
      log(`pg_ctl start on 127.0.0.1:${port} (attempt ${attempt})`);
      try {
        await run(file, args, { cwd: '/', timeoutMs: (startTimeoutS + 15) * 1000 });
        cluster.port = port;
        cluster.started = true;
      } catch (err) {
        lastErr = err;
        // pg_ctl may have left a postmaster half-up on timeout; make sure it's gone.
        killPostmaster(cluster);
        const tail = readLogTail(cluster.logFile);
        if (!/could not bind|address already in use/i.test(tail)) {
          throw new Error(`${err.message}\n--- server log ---\n${tail}`);
        }
      }
    }
    if (!cluster.started) throw lastErr ?? new Error('could not start PostgreSQL');

    await waitReady(cluster, startTimeoutS);

    const superPsql = (sql, db = 'postgres') => {
      const [file, args] = asOwner(bin, 'psql', [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        cluster.socketDir,
        '-p',
        String(cluster.port),
        '-U',
        'postgres',
        '-d',
        db,
        '-At',
        '-f',
        '-',
      ]);
      return run(file, args, { cwd: '/', input: sql });
    };

    if (existing) await superPsql(`ALTER ROLE ${role} PASSWORD ${quoteLiteral(password)};\n`);
    else
      await superPsql(
        `CREATE ROLE ${role} LOGIN CREATEDB PASSWORD ${quoteLiteral(password)};\n` +
          `CREATE DATABASE ${database} OWNER ${role} ENCODING 'UTF8' TEMPLATE template0;\n`,
      );

    const host = '127.0.0.1';
    const urlFor = (db) =>
      `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@${host}:${cluster.port}/${db}`;

    const handle = {
      url: urlFor(database),
      host,
      port: cluster.port,
      role,
      password,
      database,
      dir,
      dataDir: cluster.dataDir,
      socketDir: cluster.socketDir,
      bin,
      psql: superPsql,
      async createDatabase(name) {
        assertIdent(name, 'database');
        await superPsql(`CREATE DATABASE ${name} OWNER ${role} ENCODING 'UTF8' TEMPLATE template0;\n`);
        return urlFor(name);
      },
      async dropDatabase(name) {
        assertIdent(name, 'database');
        await superPsql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE);\n`);
      },
      async stop() {
        if (cluster.stopped) return;
        const [file, args] = asOwner(bin, 'pg_ctl', [
          'stop',
          '-D',
          cluster.dataDir,
          '-m',
          'fast',
          '-w',
          '-t',
          '30',
        ]);
        try {
          await run(file, args, { cwd: '/', timeoutMs: 45_000 });
          cluster.started = false; // stopped cleanly; teardownSync only removes the dir
        } catch (err) {
          log(`pg_ctl stop -m fast failed, forcing: ${err.message}`);
        }
        teardownSync(cluster);
      },
    };
    cluster.handle = handle;
    current = handle;
    log(`ready: ${redact(handle.url)}`);
    return handle;
  } catch (err) {
    teardownSync(cluster);
    throw err;
  }
}

/** initdb a new cluster into cluster.dataDir (superuser postgres, local trust, host scram). */
async function initCluster(bin, dir, cluster, log) {
  const pwFile = path.join(dir, 'superuser.pw');
  fs.writeFileSync(pwFile, randomBytes(18).toString('hex') + '\n', { mode: 0o600 });
  if (isRoot) {
    const { uid, gid } = pgUser();
    fs.chownSync(pwFile, uid, gid);
  }

  log(`initdb ${cluster.dataDir}`);
  {
    const [file, args] = asOwner(bin, 'initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-locale',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      `--pwfile=${pwFile}`,
      '--no-sync',
    ]);
    await run(file, args, { cwd: '/', env: { LC_ALL: 'C' } });
  }
  fs.rmSync(pwFile, { force: true });
}

async function waitReady(cluster, timeoutS) {
  const deadline = Date.now() + timeoutS * 1000;
  const [file, args] = asOwner(cluster.bin, 'pg_isready', [
    '-h',
    cluster.socketDir,
    '-p',
    String(cluster.port),
    '-U',
    'postgres',
    '-d',
    'postgres',
  ]);
  for (;;) {
    try {
      await run(file, args, { cwd: '/', timeoutMs: 10_000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not become ready: ${err.message}\n${readLogTail(cluster.logFile)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The URL with its password replaced by ***, for logs. */
export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Create another database and return its URL.
 * - With baseUrl (or $XINHUO_TEST_DATABASE_URL when no cluster was started in this process):
 *   connects as that URL's role (which needs CREATEDB; the throwaway role has it) via psql and
 *   creates the database owned by that role. Works from any process that knows the URL.
 * - Otherwise uses the cluster most recently started in this process, as superuser.
 * @param {string} name
 * @param {string} [baseUrl]
 * @returns {Promise<string>}
 */
export async function createDatabase(name, baseUrl) {
  assertIdent(name, 'database');
  if (!baseUrl && current) return current.createDatabase(name);
  const url = baseUrl ?? process.env.XINHUO_TEST_DATABASE_URL;
  if (!url) throw new Error('createDatabase: no throwaway cluster running and no base URL given');
  const u = new URL(url);
  const role = decodeURIComponent(u.username);
  const psqlUrl = new URL(url);
  psqlUrl.pathname = '/postgres';
  let bin;
  try {
    bin = findPgBin();
  } catch {
    bin = '';
  }
  const psql = bin ? path.join(bin, 'psql') : 'psql';
  await run(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', psqlUrl.toString(), '-f', '-'], {
    input: `CREATE DATABASE ${name} OWNER "${role.replace(/"/g, '""')}" ENCODING 'UTF8' TEMPLATE template0;\n`,
    cwd: '/',
  });
  u.pathname = `/${name}`;
  return u.toString();
}

// ---------------------------------------------------------------------------------------------
// CLI
const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const argv = process.argv.slice(2);
  const sep = argv.indexOf('--');
  const cmd = sep >= 0 ? argv.slice(sep + 1) : [];
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(
      'usage: node scripts/pg-throwaway.mjs             start, print URL, stop on Ctrl-C/SIGTERM\n' +
        '       node scripts/pg-throwaway.mjs -- CMD ...  run CMD with XINHUO_TEST_DATABASE_URL, then stop',
    );
    process.exit(0);
  }
  const log = (m) => process.stderr.write(`[pg-throwaway] ${m}\n`);
  let pg;
  try {
    pg = await startThrowawayPostgres({ log });
  } catch (err) {
    log(`failed: ${err.message}`);
    process.exit(1);
  }
  if (cmd.length === 0) {
    console.log(pg.url);
    log(`running; export XINHUO_TEST_DATABASE_URL='${pg.url}'  (Ctrl-C or SIGTERM stops and removes it)`);
    const stopAndExit = async (code) => {
      await pg.stop();
      process.exit(code);
    };
    // Replace the generic handlers' exit with a clean fast stop.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', () => void stopAndExit(0));
    process.once('SIGTERM', () => void stopAndExit(0));
    setInterval(() => {}, 1 << 30);
  } else {
    const child = spawn(cmd[0], cmd.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, XINHUO_TEST_DATABASE_URL: pg.url },
    });
    const forward = (sig) => () => child.kill(sig);
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    child.once('error', async (err) => {
      log(`could not run ${cmd[0]}: ${err.message}`);
      await pg.stop();
      process.exit(127);
    });
    child.once('close', async (code, signal) => {
      await pg.stop();
      process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1));
    });
  }
}
