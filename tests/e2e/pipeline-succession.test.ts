// 薪火计划 succession in the browser: the succession page shows the heat map of seats with no ready
// successor and, for an at-risk seat, the bench with readiness and the ranked candidates with every
// score component; the city records a recommendation in the seat drawer; the dashboard over time shows
// the tiers against 20 / 40 / 70 and the first cohort's 26 selected. With XINHUO_E2E_SHOTS=<dir> it
// saves screenshots at 1366×768 and 390×844 in zh-CN and English.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PipelineDashboard, SeatItem, SuccessionOverview } from '@xinhuo/shared';
import { chooseOption, useDemoApp } from './harness';

const SHOTS = process.env.XINHUO_E2E_SHOTS;
const app = useDemoApp();

before(() => {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u)).json() as Promise<T>, url);
}

test('the succession page shows the heat map and an at-risk seat’s bench with its score components', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/pipeline/succession');
  const heat = page.getByTestId('succession-heat');
  await heat.waitFor();
  const o = await getJson<SuccessionOverview>(page, '/api/pipeline/succession');
  assert.ok(o.heat.length > 0);
  // Every town's tile is there, with the count of seats nobody is ready for.
  for (const c of o.heat) {
    const tile = page.getByTestId(`heat-${c.orgId}`);
    assert.match((await tile.textContent()) ?? '', new RegExp(`${c.noReadySuccessor}/${c.seats}`));
  }
  await shot(page, 'succession-1366-zh');

  // Drill into the town of an at-risk seat with a ready successor, then open that seat.
  const seat = o.seats.find((s) => s.flags.length > 0 && s.readyNow > 0)!;
  assert.ok(seat, 'the demo has an at-risk seat with a ready successor');
  await page.getByTestId(`heat-${seat.townId}`).click();
  await page.getByTestId(`heat-${seat.orgId}`).click();
  const drawer = page.getByTestId('seat-drawer');
  await drawer.getByTestId('seat-bench').waitFor();
  assert.match((await drawer.getByTestId('seat-bench').textContent()) ?? '', /即可接任/);
  const ranking = drawer.getByTestId('seat-ranking');
  await ranking.locator('.ant-list-item').first().waitFor();
  for (const key of ['hours', 'assessments', 'time', 'town'])
    assert.ok((await ranking.getByTestId(`component-${key}`).count()) > 0, key);
  await shot(page, 'succession-seat-1366-zh');

  // A recommendation recorded in the drawer shows in its list, attributed.
  await chooseOption(
    page,
    drawer.getByTestId('record-candidate'),
    (await ranking.locator('.ant-list-item strong').first().textContent())!.replace(/^\d+\.\s*/, ''),
  );
  await drawer.getByTestId('record-note').fill('浏览器测试：培养期表现突出，推荐接任');
  await drawer.getByTestId('record-submit').click();
  await drawer.getByTestId('seat-records').getByText('浏览器测试：培养期表现突出，推荐接任').waitFor();
  assert.match((await drawer.getByTestId('seat-records').textContent()) ?? '', /demo-city/);
});

test('the seat list is paged, filtered and sorted by the server, with its state in the address', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/pipeline/succession');
  await page.getByTestId('succession-heat').waitFor();
  type List = { items: SeatItem[]; total: number };
  const first = await getJson<List>(page, '/api/pipeline/succession/seats?flag=any&sort=bench&pageSize=20');
  assert.ok(first.total > 0, 'the demo has at-risk seats');
  const n = first.total > 20 ? 2 : 1;
  const api = await getJson<List>(
    page,
    `/api/pipeline/succession/seats?flag=any&sort=bench&page=${n}&pageSize=20`,
  );
  await page.goto(`/pipeline/succession?risk=1&sort=bench${n > 1 ? `&page=${n}` : ''}`);
  const table = page.getByTestId('succession-seats');
  await table.getByTestId(`seat-${api.items[0]!.orgId}`).waitFor();
  // The rows shown are the server's page, in its order.
  const shown = await table
    .locator('[data-testid^="seat-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(
    shown,
    api.items.map((s) => `seat-${s.orgId}`),
  );
  await shot(page, 'succession-seats-1366-zh');
  // Only seats with no one ready now: every row says 0 ready.
  await chooseOption(page, page.getByTestId('seat-ready'), '无即可接任');
  await page.waitForURL(/ready=no/);
  const none = await getJson<List>(
    page,
    '/api/pipeline/succession/seats?flag=any&ready=no&sort=bench&pageSize=20',
  );
  await table.getByTestId(`seat-${none.items[0]!.orgId}`).waitFor();
  assert.ok(none.items.every((s) => s.readyNow === 0));
  assert.doesNotMatch(page.url(), /page=/);
});

test('the dashboard over time shows 20 / 40 / 70 and the first cohort of 26', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/pipeline/dashboard');
  await page.getByTestId('dashboard-tiers').waitFor();
  for (const [code, target] of [
    ['benchmark', 20],
    ['special_post', 40],
    ['vanguard', 70],
  ] as const)
    assert.match(
      (await page.getByTestId(`dash-tier-${code}`).textContent()) ?? '',
      new RegExp(`目标 ${target}`),
    );
  await page.getByTestId('dash-filled-chart').locator('canvas').first().waitFor();
  const d = await getJson<PipelineDashboard>(page, '/api/pipeline/dashboard');
  assert.equal(d.cohorts.find((k) => k.name === '第一批')!.selected, 26);
  const row = page.getByTestId('dashboard-cohorts').locator('tr', { hasText: '第一批' });
  assert.match((await row.textContent()) ?? '', /26/);
  await shot(page, 'dashboard-1366-zh');
});

test('phone and English: the succession page and the dashboard fit 390×844', async () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    const page = await app.signIn('demo-city', { viewport: { width: 390, height: 844 }, locale });
    await page.goto('/pipeline/succession');
    await page.getByTestId('succession-heat').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scroll (${width})`);
    await shot(page, `succession-390-${locale}`);
    await page.goto('/pipeline/dashboard');
    await page.getByTestId('dashboard-tiers').waitFor();
    const w2 = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w2 <= 390, `no sideways scroll on the dashboard (${w2})`);
    await shot(page, `dashboard-390-${locale}`);
  }
  const en = await app.signIn('demo-city', { locale: 'en' });
  await en.goto('/pipeline/succession');
  await en.getByTestId('succession-heat').waitFor();
  assert.match((await en.getByTestId('succession-totals').textContent()) ?? '', /secretary seats/);
  await shot(en, 'succession-1366-en');
  await en.goto('/pipeline/dashboard');
  await en.getByTestId('dashboard-tiers').waitFor();
  await shot(en, 'dashboard-1366-en');
});
