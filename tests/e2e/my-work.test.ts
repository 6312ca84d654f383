// My work (我的待办) on a phone (390×844): demo-dept lands on it after login, signs for the matter waiting
// for its unit and answers it from the list, each in one click from its row; the counts in the page follow.
// A read-only leader still lands on the dashboard. Notifications: the bell groups the unread ones by kind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDemoApp } from './harness';

const PHONE = { width: 390, height: 844 };

const app = useDemoApp();

const signIn = (username: string, viewport = PHONE) => app.signIn(username, { viewport });

const countOf = async (page: Page, kind: string) => {
  const text = (await page.getByTestId(`my-work-kind-${kind}`).textContent()) ?? '';
  return Number(/（(\d+)）/.exec(text)?.[1] ?? NaN);
};

/** Opens the action of a row from My work and confirms it with `fill` done in the modal. */
async function actFromRow(
  page: Page,
  card: ReturnType<Page['locator']>,
  fill: (modal: ReturnType<Page['locator']>) => Promise<void>,
) {
  await card.getByRole('button').click();
  await page.waitForURL((url) => url.pathname.startsWith('/matters/') && url.searchParams.has('act'));
  const modal = page.locator('.ant-modal:visible:not([class*="zoom"])');
  await modal.waitFor();
  await fill(modal);
  await modal.getByTestId('action-ok').click();
  await modal.waitFor({ state: 'hidden' });
}

test('demo-dept on a phone: lands on My work, signs for a matter and answers it from the list', async () => {
  const page = await signIn('demo-dept');
  await page.waitForURL((url) => url.pathname === '/my-work');
  await page.getByTestId('my-work-page').waitFor();
  assert.ok(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'My work does not scroll sideways at 390 px',
  );
  const toSign = await countOf(page, 'to_sign');
  const toHandle = await countOf(page, 'to_handle');
  assert.ok(toSign >= 1, 'the demo has a matter for the department to sign for');

  // 待签收: one click from the row opens the matter at its 签收 form.
  await page.getByTestId('my-work-kind-to_sign').click();
  const signCard = page.getByTestId('my-work-table').getByTestId('row-card').first();
  await signCard.waitFor();
  const code = (await signCard.locator('.xh-mono').first().textContent())!.trim();
  assert.match(code, /^SX\d{4}-\d{5}$/);
  await actFromRow(page, signCard, async () => {});
  await page.locator('[data-testid="matter-page"]').waitFor();

  // Back in My work the matter has moved from 待签收 to 待办理.
  await page.goto('/my-work');
  await page.getByTestId('my-work-kind-to_sign').waitFor();
  assert.equal(await countOf(page, 'to_sign'), toSign - 1);
  assert.equal(await countOf(page, 'to_handle'), toHandle + 1);
  await page.getByTestId('my-work-kind-to_handle').click();
  const handleCard = page.getByTestId('my-work-table').getByTestId('row-card').filter({ hasText: code });
  await handleCard.waitFor();
  const isCo = (await handleCard.textContent())!.includes('协办');
  await actFromRow(page, handleCard, async (modal) => {
    if (isCo) {
      await modal.getByTestId('action-reply').fill('已按职责提出意见，材料已转牵头单位。');
    } else {
      await modal.getByTestId('action-resolution').fill('已完成办理，结果已告知村里。');
      await modal.getByTestId('action-signOffName').fill('王局长');
    }
  });

  await page.goto('/my-work');
  await page.getByTestId('my-work-kind-to_handle').waitFor();
  assert.equal(await countOf(page, 'to_handle'), toHandle, 'the answered matter left the list');
  await page.getByTestId('my-work-kind-to_handle').click();
  await page.getByTestId('my-work-table').waitFor();
  assert.equal(await page.getByTestId('row-card').filter({ hasText: code }).count(), 0);

  // The notification that asked the department to sign for it is read now; the bell groups by kind.
  await page.getByTestId('notify-bell').click();
  await page.getByTestId('notify-groups').waitFor();
  assert.equal(await page.getByTestId('notify-group-matter_assigned').count(), 0);
});

test('the menu shows the count and a read-only leader keeps the dashboard as landing page', async () => {
  const desk = await signIn('demo-town', { width: 1366, height: 768 });
  await desk.waitForURL((url) => url.pathname === '/my-work');
  const badge = desk.getByTestId('my-work-count');
  await badge.waitFor();
  const counts = await desk.evaluate(async () => (await fetch('/api/my-work/counts')).json());
  assert.equal(Number(await badge.getAttribute('data-count')), counts.total);

  const leader = await signIn('demo-leader', { width: 1366, height: 768 });
  await leader.waitForURL((url) => url.pathname === '/dashboard');
  assert.equal(await leader.getByTestId('my-work-count').count(), 0);
});
