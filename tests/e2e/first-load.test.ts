// The first load stays light (issue 12 item 7): in a cold Chromium (empty cache) the login page and a
// signed-in dashboard must not transfer more compressed JavaScript than their budgets; the assets come
// precompressed (brotli, else gzip) with year-long immutable caching, index.html is revalidated, and the
// charts library is fetched only by pages that draw charts.
//
// The budgets can be lowered to see the test fail:
//   XINHUO_BUDGET_LOGIN_KB=150 XINHUO_TEST_ONLY=e2e XINHUO_TEST_SKIP_BUILD=1 npm test -- first-load
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, startServer } from './harness';

const KB = 1000;
const LOGIN_BUDGET = Number(process.env.XINHUO_BUDGET_LOGIN_KB || 200) * KB;
// Issue 12 asks for 500 kB. Measured 600.1 kB before session 20; 539.1 kB once the by-child table, the
// matter statistics and the org tree load when scrolled near and the date picker on its first click; under
// 500 kB once the header search loads its AutoComplete (antd's Select) on first use, the bell its lists when
// opened and the charts their tooltip when first pointed at. 163 kB of it is ECharts, which draws the first screen.
const DASHBOARD_BUDGET = Number(process.env.XINHUO_BUDGET_DASHBOARD_KB || 500) * KB;
/** A string only the ECharts bundle contains. */
const ECHARTS_MARK = '_echarts_instance_';
/** apps/web/scripts/precompress.mjs writes no compressed copy of a file smaller than this. */
const PRECOMPRESS_MIN_BYTES = 512;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

interface Loaded {
  url: string;
  encoding: string;
  /** Bytes on the wire (the compressed body). */
  transferred: number;
  body: string;
}

/** Records every script the page fetches from now on, with its compressed size, until the returned stop. */
function recordScripts(page: Page): () => Promise<Loaded[]> {
  const pending: Promise<Loaded>[] = [];
  const onResponse = (response: Response) => {
    if (!new URL(response.url()).pathname.endsWith('.js')) return;
    pending.push(
      (async () => ({
        url: response.url(),
        encoding: response.headers()['content-encoding'] ?? 'identity',
        transferred: (await response.request().sizes()).responseBodySize,
        body: (await response.body()).toString('utf8'),
      }))(),
    );
  };
  page.on('response', onResponse);
  return () => {
    page.off('response', onResponse);
    return Promise.all(pending);
  };
}

const total = (scripts: Loaded[]) => scripts.reduce((sum, s) => sum + s.transferred, 0);
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

async function coldContext(storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  return browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
    storageState,
  });
}

test('the login page and a cold dashboard stay within their compressed JS budgets', async () => {
  const context = await coldContext();
  const page = await context.newPage();
  const loginScripts = recordScripts(page);
  await page.goto('/login');
  await page.getByTestId('login-username').waitFor();
  await page.waitForLoadState('networkidle');
  const login = await loginScripts();
  console.log(`login: ${login.length} scripts, ${kb(total(login))} transferred`);
  for (const s of [...login].sort((a, b) => b.transferred - a.transferred))
    console.log(`  ${kb(s.transferred).padStart(9)}  ${new URL(s.url).pathname}`);
  assert.ok(login.length > 0);
  // Files under the build's precompress threshold (apps/web/scripts/precompress.mjs) are sent as they are.
  for (const s of login) {
    if (Buffer.byteLength(s.body) >= PRECOMPRESS_MIN_BYTES)
      assert.equal(s.encoding, 'br', `${s.url} is sent as brotli`);
  }
  assert.ok(!login.some((s) => s.body.includes(ECHARTS_MARK)), 'the login page loads no charts library');
  assert.ok(
    total(login) <= LOGIN_BUDGET,
    `login transfers ${kb(total(login))} of JS, budget ${kb(LOGIN_BUDGET)}`,
  );

  await page.getByTestId('login-username').fill('demo-city');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const signedIn = await context.storageState();
  await context.close();

  // A signed-in user opening the dashboard with an empty cache.
  const cold = await coldContext(signedIn);
  const dashboardPage = await cold.newPage();
  const dashboardScripts = recordScripts(dashboardPage);
  await dashboardPage.goto('/dashboard');
  await dashboardPage.locator('[data-testid="dashboard"] canvas').first().waitFor();
  await dashboardPage.waitForLoadState('networkidle');
  const dashboard = await dashboardScripts();
  console.log(`cold dashboard: ${dashboard.length} scripts, ${kb(total(dashboard))} transferred`);
  for (const s of [...dashboard].sort((a, b) => b.transferred - a.transferred))
    console.log(`  ${kb(s.transferred).padStart(9)}  ${new URL(s.url).pathname}`);
  assert.ok(
    dashboard.some((s) => s.body.includes(ECHARTS_MARK)),
    'the dashboard draws with ECharts',
  );
  assert.ok(
    total(dashboard) <= DASHBOARD_BUDGET,
    `the cold dashboard transfers ${kb(total(dashboard))} of JS, budget ${kb(DASHBOARD_BUDGET)}`,
  );

  // The first screen came without the charts' tooltip and the header search's AutoComplete: they are
  // fetched when first used.
  const fetched = (name: string) =>
    dashboardPage.waitForResponse((r) => new URL(r.url()).pathname.startsWith(`/assets/${name}-`), {
      timeout: 15_000,
    });
  assert.ok(!dashboard.some((s) => /\/(chart-tooltip|GlobalSearchBox)-/.test(new URL(s.url).pathname)));
  // Pointing at a chart fetches its tooltip.
  const tooltip = fetched('chart-tooltip');
  await dashboardPage.getByTestId('chart-age-bands').hover();
  await tooltip;
  // Focusing the header search fetches the search box, which takes over the field and its focus.
  const searchBox = fetched('GlobalSearchBox');
  await dashboardPage.getByTestId('global-search-input').focus();
  await searchBox;
  await dashboardPage.locator('.xh-global-search.ant-select').waitFor();
  assert.ok(
    await dashboardPage.getByTestId('global-search-input').evaluate((el) => el === document.activeElement),
    'the loaded search box keeps the focus',
  );

  // A page without charts does not fetch the charts library.
  const rosterScripts = recordScripts(dashboardPage);
  await dashboardPage.getByRole('link', { name: '花名册', exact: true }).first().click();
  await dashboardPage.getByTestId('roster-table').waitFor();
  await dashboardPage.waitForLoadState('networkidle');
  const roster = await rosterScripts();
  assert.ok(!roster.some((s) => s.body.includes(ECHARTS_MARK)), 'the roster loads no charts library');
  await cold.close();
});

/** A raw GET with exactly this Accept-Encoding (fetch would add its own and decode the body). */
function get(
  pathname: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    http
      .get(`${server.baseUrl}${pathname}`, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

test('assets are precompressed by Accept-Encoding and cached as immutable; index.html is not', async () => {
  const html = await (await fetch(`${server.baseUrl}/login`)).text();
  const entry = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
  assert.ok(entry, 'index.html names its hashed entry script');

  const br = await get(entry, 'gzip, deflate, br');
  const gzip = await get(entry, 'gzip');
  const plain = await get(entry);
  for (const res of [br, gzip, plain]) {
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.match(String(res.headers['content-type']), /javascript/);
  }
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(
    br.bytes < gzip.bytes && gzip.bytes < plain.bytes,
    `${br.bytes} < ${gzip.bytes} < ${plain.bytes}`,
  );

  for (const pathname of ['/', '/login', '/dashboard']) {
    const page = await get(pathname, 'br');
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-cache', `${pathname} is revalidated`);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'(;|$)/);
  }
  // A file outside assets/ has no content hash in its name: revalidated too.
  assert.equal((await get('/favicon.svg', 'br')).headers['cache-control'], 'no-cache');
  // The API is left as it was: not compressed, never stored.
  const api = await get('/api/auth/me', 'gzip, br');
  assert.equal(api.headers['content-encoding'], undefined);
  assert.equal(api.headers['cache-control'], 'no-store');
});
