// Browser-test harness: starts the built server on a free port with a fresh data directory,
// and launches Debian's Chromium through playwright-core.
//
//   const server = await startServer();
//   const browser = await launchBrowser();
//   const page = await browser.newPage();
//   await page.goto(server.baseUrl);
//   ...
//   await browser.close();
//   await server.stop();
//
// Building the demo city (2021 and 2026 terms, a year of meetings and matters) takes about a minute, so
// the first default start in a build builds it once into a template data directory, keyed by the
// build, and every default start copies that directory (key included: demo mode keeps it beside the
// data) — each test file still gets its own fresh data. Starts with their own `env` (e.g. a test
// clock) build their own; XINHUO_E2E_NO_TEMPLATE=1 turns the template off.
//
// The server is `node apps/server/dist/main.js` (run `npm run build` first; `npm test` does),
// started directly with node (never npx, whose PID would not be the server's). Its output is
// kept in memory and printed only when something goes wrong (it fails to start, exits on its
// own, or does not stop on SIGTERM); XINHUO_E2E_SERVER_LOG=1 streams it live instead.

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type LaunchOptions,
  type Locator,
  type Page,
} from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const SERVER_ENTRY = path.join(ROOT, 'apps/server/dist/main.js');
export const DEMO_PASSWORD = process.env.XINHUO_DEMO_PASSWORD ?? 'Chuan#Huo2021';
export const CHROMIUM_PATH = process.env.XINHUO_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const USE_TEMPLATE = !/^(1|true)$/.test(process.env.XINHUO_E2E_NO_TEMPLATE ?? '');
const READY_TIMEOUT_MS = Number(process.env.XINHUO_E2E_READY_TIMEOUT_MS || 120_000);
const STOP_TIMEOUT_MS = Number(process.env.XINHUO_E2E_STOP_TIMEOUT_MS || 20_000);
const STREAM_LOG = /^(1|true)$/.test(process.env.XINHUO_E2E_SERVER_LOG ?? '');
const MAX_LOG_CHARS = 2_000_000;

export interface StartServerOptions {
  /** Extra environment for the server; overrides the harness defaults. */
  env?: Record<string, string>;
}

export interface StartedServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  /** The server's XINHUO_DATA_DIR (removed by stop()). */
  dataDir: string;
  /** PID of the server process. */
  pid: number;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** SIGTERM, wait for exit, remove dataDir (unless kept). Rejects if the server had to be SIGKILLed. */
  stop(opts?: { keepDataDir?: boolean }): Promise<void>;
}

interface Running {
  child: ChildProcess;
  dataDir: string;
}
const running = new Set<Running>();

process.on('exit', () => {
  for (const r of running) {
    try {
      r.child.kill('SIGKILL');
    } catch {
      // already gone
    }
    fs.rmSync(r.dataDir, { recursive: true, force: true });
  }
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function printLog(title: string, log: string): void {
  const bar = '-'.repeat(20);
  process.stderr.write(`\n${bar} ${title} ${bar}\n${log.trimEnd()}\n${bar} end of server output ${bar}\n`);
}

/** Start `node apps/server/dist/main.js` and wait until GET /readyz answers 200. */
export async function startServer(opts: StartServerOptions = {}): Promise<StartedServer> {
  if (!fs.existsSync(SERVER_ENTRY)) {
    throw new Error(`${path.relative(ROOT, SERVER_ENTRY)} does not exist: run \`npm run build\` first`);
  }
  const defaults = !opts.env || Object.keys(opts.env).length === 0;
  const from = defaults && USE_TEMPLATE ? await demoTemplate() : undefined;
  return startRetrying(opts, from);
}

async function startRetrying(opts: StartServerOptions, from?: string): Promise<StartedServer> {
  let lastErr: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(opts, from);
    } catch (err) {
      lastErr = err;
      // Another process may have taken the port between freePort() and the server's bind.
      if (!(err instanceof Error && /EADDRINUSE/.test(err.message))) throw err;
    }
  }
  throw lastErr;
}

/** The build's identity: names, sizes and times of the built server's files. */
function buildKey(): string {
  const dist = path.dirname(SERVER_ENTRY);
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(dist).sort()) {
    const st = fs.statSync(path.join(dist, name));
    hash.update(`${name}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The data directory of a server that built the demo with the default environment, made once per
 * build (other test-file processes wait on the lock directory) and stopped cleanly before it is kept.
 */
async function demoTemplate(): Promise<string> {
  const template = path.join(os.tmpdir(), `xinhuo-e2e-demo-${buildKey()}`);
  const done = path.join(template, '.template-complete');
  const lock = `${template}.lock`;
  const deadline = Date.now() + READY_TIMEOUT_MS + STOP_TIMEOUT_MS + 60_000;
  for (;;) {
    if (fs.existsSync(done)) return template;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited too long for ${lock} (remove it if stale)`);
      await sleep(500);
    }
  }
  try {
    if (fs.existsSync(done)) return template;
    fs.rmSync(template, { recursive: true, force: true });
    const server = await startRetrying({});
    // Stopped first (a copy of a running server could catch SQLite mid-write), then kept.
    await server.stop({ keepDataDir: true });
    fs.renameSync(server.dataDir, template);
    fs.writeFileSync(done, new Date().toISOString());
    removeOldTemplates(template);
    return template;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Templates of earlier builds, untouched for a day, are removed (other checkouts may still use recent ones). */
function removeOldTemplates(keep: string): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const dir = path.join(os.tmpdir(), name);
    if (!name.startsWith('xinhuo-e2e-demo-') || dir === keep || name.endsWith('.lock')) continue;
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > 24 * 3600_000)
        fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // removed meanwhile
    }
  }
}

async function startOnce(opts: StartServerOptions, from?: string): Promise<StartedServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinhuo-e2e-'));
  if (from) {
    fs.cpSync(from, dataDir, {
      recursive: true,
      filter: (src) => path.basename(src) !== '.template-complete',
    });
  }
  const baseUrl = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    XINHUO_DATA_DIR: dataDir,
    XINHUO_DEMO: '1',
    NODE_ENV: 'production',
    ...opts.env,
  };
  // Set in test-file processes by node --test; the server is not a test.
  delete env.NODE_TEST_CONTEXT;

  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry: Running = { child, dataDir };
  running.add(entry);

  let log = '';
  const onData = (chunk: Buffer) => {
    const s = chunk.toString('utf8');
    if (STREAM_LOG) process.stderr.write(s);
    log += s;
    if (log.length > MAX_LOG_CHARS) log = log.slice(-MAX_LOG_CHARS / 2);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  let stopping = false;
  let ready = false;
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  let spawnError: Error | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
      resolve();
    });
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(entry);
      if (!stopping && ready) {
        printLog(`server pid ${child.pid} exited on its own (${signal ?? `code ${code}`})`, log);
      }
      resolve();
    });
  });

  const cleanupDir = () => fs.rmSync(dataDir, { recursive: true, force: true });

  // Wait for /readyz.
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastStatus = 'no answer yet';
  while (!ready) {
    if (spawnError || exited) {
      cleanupDir();
      running.delete(entry);
      const why = spawnError
        ? `could not be started: ${(spawnError as Error).message}`
        : `exited before it was ready (${describeExit(exited)})`;
      if (!/EADDRINUSE/.test(log)) printLog(`server output (${why})`, log);
      throw new Error(`server ${why}${/EADDRINUSE/.test(log) ? ' [EADDRINUSE]' : ''}`);
    }
    if (Date.now() > deadline) {
      stopping = true;
      child.kill('SIGKILL');
      await exitPromise;
      cleanupDir();
      printLog(`server output (not ready after ${READY_TIMEOUT_MS} ms)`, log);
      throw new Error(
        `server not ready at ${baseUrl}/readyz after ${READY_TIMEOUT_MS} ms (last: ${lastStatus})`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) ready = true;
      else lastStatus = `HTTP ${res.status}`;
    } catch (err) {
      lastStatus = err instanceof Error ? err.message : String(err);
    }
    if (!ready) await sleep(250);
  }

  let stopped: Promise<void> | null = null;
  const stop = (stopOpts: { keepDataDir?: boolean } = {}): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      let forced = false;
      if (!exited && !spawnError) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          exitPromise.then(() => false),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(true), STOP_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          forced = true;
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      running.delete(entry);
      if (!stopOpts.keepDataDir) cleanupDir();
      const ex = exited as { code: number | null; signal: NodeJS.Signals | null } | null;
      if (forced) {
        printLog(`server pid ${child.pid} ignored SIGTERM for ${STOP_TIMEOUT_MS} ms and was killed`, log);
        throw new Error(`server did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
      }
      if (ex && ex.code !== 0 && ex.signal !== 'SIGTERM') {
        printLog(`server pid ${child.pid} exited with ${describeExit(ex)} after SIGTERM`, log);
      }
    })();
    return stopped;
  };

  return { baseUrl, dataDir, pid: child.pid!, output: () => log, stop };
}

function describeExit(e: { code: number | null; signal: NodeJS.Signals | null } | null): string {
  if (!e) return 'unknown';
  return e.signal ? `signal ${e.signal}` : `code ${e.code}`;
}

/** Debian's Chromium (apt-get install -y chromium fonts-wqy-microhei), headless. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium fonts-wqy-microhei`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

/**
 * Waits until no Ant Design select list is open. On a loaded machine an option click can land while
 * the list is still sliding in and leave it open over the form's buttons; a list still open after 3 s
 * is closed by moving the focus on (Tab — not Escape, which would also close a modal around it).
 */
export async function waitSelectClosed(page: Page): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible').first();
  const closed = await open.waitFor({ state: 'hidden', timeout: 3_000 }).then(
    () => true,
    () => false,
  );
  if (!closed) await page.keyboard.press('Tab');
  await open.waitFor({ state: 'hidden' });
}

/**
 * Opens the Ant Design select `trigger` (unless a list is already open), clicks the option showing
 * `text` and returns once the list has closed and the select shows the choice (tried up to three times).
 */
export async function chooseOption(page: Page, trigger: Locator, text: string): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    if ((await open.count()) === 0) await trigger.click();
    await open.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
    await waitSelectClosed(page);
    if (((await trigger.textContent()) ?? '').includes(text)) return;
    if (attempt === 3) throw new Error(`the select did not take the option "${text}"`);
  }
}

/**
 * Picks the node titled `title` in a tree select: a click that lands while the dropdown is still opening
 * is lost on a loaded machine, so the pick is made again until the select shows the node (3 tries).
 */
export async function chooseTreeNode(page: Page, trigger: Locator, title: string): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible');
  const shown = trigger.getByTitle(title, { exact: true });
  for (let attempt = 1; ; attempt++) {
    if ((await open.count()) === 0) await trigger.click();
    // Inside the open picker: the shell's org tree shows the same names, and is sometimes first in the page.
    await open.getByTitle(title, { exact: true }).click();
    try {
      await shown.waitFor({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Waits until the table `testId` shows only rows whose `linkTestId` text includes `text` and is not
 * loading. A click on a row link while a search's answer is still on its way lands on the dimmed,
 * click-through table and is lost; tests that search and then click wait for the answer first.
 */
export async function waitTableFiltered(
  page: Page,
  testId: string,
  linkTestId: string,
  text: string,
): Promise<void> {
  await page.waitForFunction(
    ([table, link, wanted]) => {
      const root = document.querySelector(`[data-testid="${table}"]`);
      if (!root || root.querySelector('.ant-spin-spinning')) return false;
      const links = [...root.querySelectorAll(`[data-testid="${link}"]`)];
      return links.length > 0 && links.every((l) => (l.textContent ?? '').includes(wanted!));
    },
    [testId, linkTestId, text] as const,
  );
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** The browser's locale; 'en' also sets the app's language to English. */
  locale?: 'zh-CN' | 'en';
}

export interface DemoApp {
  /** The demo server and Chromium, once the file's `before` has run. */
  readonly server: StartedServer;
  readonly browser: Browser;
  /** A page in a new browser context on the server (closed after the file's tests); 1366×768, zh-CN by default. */
  newPage(options?: PageOptions): Promise<Page>;
  /** A new page signed in as `username` with the demo password, past the login page. */
  signIn(username: string, options?: PageOptions): Promise<Page>;
}

/**
 * The common set-up of a browser test file: registers a `before` that starts the demo server and
 * Chromium and an `after` that closes every context opened through it, the browser and the server.
 */
export function useDemoApp(): DemoApp {
  let server: StartedServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });
  const app: DemoApp = {
    get server() {
      if (!server) throw new Error('the demo server is not started yet (use it inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not launched yet (use it inside a test)');
      return browser;
    },
    async newPage({ viewport = { width: 1366, height: 768 }, locale = 'zh-CN' } = {}) {
      const context = await app.browser.newContext({ baseURL: app.server.baseUrl, locale, viewport });
      contexts.push(context);
      if (locale === 'en') {
        await context.addInitScript(() => window.localStorage.setItem('xinhuo.lang', 'en'));
      }
      return context.newPage();
    },
    async signIn(username, options) {
      const page = await app.newPage(options);
      await page.goto('/login');
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      return page;
    },
  };
  return app;
}
