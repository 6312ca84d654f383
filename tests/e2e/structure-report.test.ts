// The election structure report in real Chromium (issue 9): the city opens 换届结构分析, sees both terms side by
// side for the demo's election (the figures on the page are the API's), exports the .xlsx, freezes a snapshot
// and finds it in the list, opens the print page; town staff see their own town only. Screenshots at
// 1366×768 and 390×844 go to XINHUO_E2E_SHOTS when it is set.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StructureElectionList, StructureReport } from '@xinhuo/shared';
import { DEMO_PASSWORD, launchBrowser, startServer } from './harness';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function signIn(username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const r = await page.request.get(url);
  assert.equal(r.status(), 200, url);
  return (await r.json()) as T;
}

const pct = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

test('the structure report shows both terms, exports, freezes and prints', async () => {
  const page = await signIn('demo-city');
  const election = (await getJson<StructureElectionList>(page, '/api/structure-reports/elections')).items[0]!;
  const report = await getJson<StructureReport>(page, `/api/elections/${election.id}/structure-report`);
  // The latest is the demo's 2026 election; both terms hold people: its committees and the 2021 ones.
  assert.match(election.electionDate, /^2026-/);
  assert.ok(report.total.current.headcount > 0 && report.total.previous.headcount > 0);
  assert.ok(report.total.current.averageAge! < report.total.previous.averageAge!, 'the renewal is younger');

  await page.getByRole('menuitem', { name: '换届结构分析' }).click();
  await page.waitForURL(/\/elections\/structure-report/);
  const table = page.getByTestId('structure-table');
  await table.waitFor();
  await page.getByTestId('structure-heading').filter({ hasText: election.name }).waitFor();
  // One row per town and the total; the total row holds both terms' headcount and 大专+ share.
  assert.equal(await table.locator('tbody tr.ant-table-row').count(), report.groups.length + 1);
  const totalRow = table.locator('tbody tr.xh-sr-total-row');
  const cells = (await totalRow.locator('td').allInnerTexts()).map((s) => s.trim());
  const t = report.total;
  // Columns: unit, villages (prev, new), members (prev, new), age, 大专+ …
  assert.equal(cells[3], t.previous.headcount.toLocaleString('zh-CN'));
  assert.equal(cells[4], t.current.headcount.toLocaleString('zh-CN'));
  assert.equal(cells[7], pct(t.previous.collegeOrAbove.share));
  assert.equal(cells[8], pct(t.current.collegeOrAbove.share));
  assert.equal(
    await page.getByTestId('sr-card-headcount').innerText(),
    t.current.headcount.toLocaleString('zh-CN'),
  );

  const xlsx = await page.request.get(
    (await page.getByTestId('structure-export').getAttribute('href')) ?? 'missing',
  );
  assert.equal(xlsx.status(), 200);
  assert.match(xlsx.headers()['content-type'] ?? '', /spreadsheetml/);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');

  await page.getByTestId('structure-freeze').click();
  await page.waitForURL(/snapshotId=/);
  const snapshots = page.getByTestId('structure-snapshots');
  await snapshots.locator('tbody tr.ant-table-row').nth(1).waitFor();
  // The one frozen when the campaign's last village was finalized, and this one.
  assert.equal(await snapshots.locator('tbody tr.ant-table-row').count(), 2);
  await table.waitFor();

  const shots = process.env.XINHUO_E2E_SHOTS;
  if (shots) await page.screenshot({ path: path.join(shots, 'structure-1366.png'), fullPage: true });

  await page.getByTestId('structure-print').click();
  const printPage = page.getByTestId('structure-print-page');
  await printPage.waitFor();
  assert.match(await printPage.innerText(), new RegExp(`${report.total.orgName}（合计）`));
  if (shots) {
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(shots, 'structure-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }

  // On a phone the page's own content fits its width (tables scroll inside their cards).
  const phone = await signIn('demo-city', { width: 390, height: 844 });
  await phone.goto('/elections/structure-report');
  await phone.getByTestId('structure-table').waitFor();
  assert.ok(
    await phone.evaluate(() => document.documentElement.scrollWidth <= 390),
    'the page scrolls sideways on a phone',
  );
  if (shots) {
    await phone.waitForTimeout(500);
    await phone.screenshot({ path: path.join(shots, 'structure-390.png') });
    await phone.getByTestId('structure-chart-shares').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(shots, 'structure-390-charts.png') });
    await phone.getByTestId('structure-table').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(shots, 'structure-390-table.png') });
  }
  // Every card and toolbar control lies inside the content box (the Rows' gutters hang 6 px over by design).
  const overflow = await phone.locator('.xh-sr').evaluate((el) => {
    const right = el.getBoundingClientRect().right;
    const parts = el.querySelectorAll('.ant-card, .xh-sr-toolbar-row > *');
    return Math.max(...Array.from(parts, (p) => p.getBoundingClientRect().right - right));
  });
  assert.ok(overflow <= 0.5, `a card or control ends ${overflow}px past the page's right edge`);
});

test('town staff see their own town only', async () => {
  const page = await signIn('demo-town');
  await page.goto('/elections/structure-report');
  const table = page.getByTestId('structure-table');
  await table.waitFor();
  const election = (await getJson<StructureElectionList>(page, '/api/structure-reports/elections')).items[0]!;
  const report = await getJson<StructureReport>(page, `/api/elections/${election.id}/structure-report`);
  assert.equal(report.groups.length, 1);
  assert.equal(report.total.orgName, report.groups[0]!.orgName);
  assert.equal(await table.locator('tbody tr.ant-table-row').count(), 2);
});
