// A pipeline tier's dated versions in the browser: the tier card opens 版本与历史 (the platform's history
// component) with version 1 生效中; the city publishes a new target from tomorrow, which is 待生效 while the
// card keeps today's target, then withdraws it with a reason (已撤销). English at 390 px shows the same
// history. With XINHUO_E2E_SHOTS=<dir> it saves screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDemoApp } from './harness';

const SHOTS = process.env.XINHUO_E2E_SHOTS;
const app = useDemoApp();

before(() => {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

/** The server's today (Asia/Shanghai), shifted by `days`. */
function shanghaiDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test('a new target is scheduled (待生效) without changing today, then withdrawn (已撤销)', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/pipeline');
  const target = page.getByTestId('tier-target-benchmark');
  const before = (await target.textContent()) ?? '';
  assert.match(before, /目标 20/);
  await page.getByTestId('tier-versions-benchmark').click();
  const modal = page.getByTestId('tier-versions');
  await modal.getByTestId('policy-status-1').getByText('生效中').waitFor();
  await modal.getByTestId('tier-version-target').fill('25');
  await modal.getByTestId('tier-version-from').fill(shanghaiDay(1));
  await modal.getByTestId('tier-version-publish').click();
  await modal.getByTestId('policy-status-2').getByText('待生效').waitFor();
  assert.equal(await modal.getByText('目标 25 人', { exact: false }).count(), 1);
  await shot(page, 'tier-versions-zh-1366');
  await modal.getByTestId('policy-cancel-2').click();
  await page.getByTestId('policy-cancel-reason').fill('指标暂缓调整');
  await page.getByTestId('policy-cancel-ok').click();
  await modal.getByTestId('policy-status-2').getByText('已撤销').waitFor();
  await page.keyboard.press('Escape');
  // Today's target is still that of version 1.
  assert.equal((await target.textContent()) ?? '', before);

  const phone = await app.signIn('demo-city', { viewport: { width: 390, height: 844 }, locale: 'en' });
  await phone.goto('/pipeline');
  await phone.getByTestId('tier-versions-benchmark').click();
  const m = phone.getByTestId('tier-versions');
  await m.getByTestId('policy-status-2').getByText('Withdrawn', { exact: false }).waitFor();
  await shot(phone, 'tier-versions-en-390');
});
