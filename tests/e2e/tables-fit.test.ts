// Tables that fit (issue 12 item 3): at 1366×768 the board's title, 办结时限 and 满意度 and the scorecards'
// 得分 are inside the window without scrolling sideways, in Chinese and in English; a column hidden in
// 列设置 stays hidden after a reload (the setting is kept on the server, per user); phones keep card lists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { useDemoApp } from './harness';

const app = useDemoApp();
const WIDTH = 1366;

/** The element's box lies within the window's width (it can be seen without scrolling sideways). */
async function assertInView(page: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is rendered`);
  assert.ok(box.x >= 0 && box.x + box.width <= WIDTH, `${what} spans ${box.x}–${box.x + box.width} px`);
  const pageScroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(pageScroll <= WIDTH, `the page is ${pageScroll} px wide`);
}

/** A table's scroll region needs no sideways scrolling. */
async function assertNoSideScroll(table: Locator, what: string) {
  const [scroll, client] = await table
    .locator('.ant-table-content, .ant-table-body')
    .first()
    .evaluate((e) => [e.scrollWidth, e.clientWidth]);
  assert.ok(scroll! <= client!, `${what}: ${scroll} px of content in ${client} px`);
}

for (const locale of ['zh-CN', 'en'] as const) {
  const names =
    locale === 'en'
      ? { title: 'Matter', deadline: 'Deadline', satisfaction: 'Satisfaction', score: 'Score' }
      : { title: '事项名称', deadline: '办结时限', satisfaction: '满意度', score: '得分' };

  test(`at 1366×768 (${locale}) the board's key columns and the scorecards' score are in view`, async () => {
    const page = await app.signIn('demo-city', { locale });
    await page.goto('/matters');
    const board = page.getByTestId('matter-table');
    await board.locator('[data-testid="matter-link"]').first().waitFor();
    for (const name of [names.title, names.deadline, names.satisfaction])
      await assertInView(page, board.getByRole('columnheader', { name, exact: true }), name);
    const firstTitle = board.locator('[data-testid="matter-link"]').first();
    await assertInView(page, firstTitle, 'the first title');
    // the title keeps room for more than a few characters, and its full text is on hover
    assert.ok((await firstTitle.boundingBox())!.width > 150);
    assert.ok((await firstTitle.getAttribute('title'))!.length > 0);
    await assertNoSideScroll(board, 'the board');

    await page.goto('/matter-stats');
    const scorecards = page.getByTestId('scorecard-table');
    await scorecards.locator('.ant-table-row').first().waitFor();
    await assertInView(page, scorecards.getByRole('columnheader', { name: names.score }), names.score);
    await assertInView(page, scorecards.locator('.ant-table-row').first().locator('strong'), 'a score');
    await assertNoSideScroll(scorecards, 'the scorecards');

    await page.goto('/roster');
    const roster = page.getByTestId('roster-table');
    await roster.locator('[data-testid="roster-name"]').first().waitFor();
    await assertNoSideScroll(roster, 'the roster');
    await page.context().close();
  });
}

test('a column hidden in 列设置 stays hidden after a reload; density is remembered; a phone shows cards', async () => {
  const page = await app.signIn('demo-town');
  await page.goto('/matters');
  const board = page.getByTestId('matter-table');
  await board.locator('[data-testid="matter-link"]').first().waitFor();
  const village = board.getByRole('columnheader', { name: '所在村（社区）', exact: true });
  assert.equal(await village.count(), 1);

  await page.getByTestId('column-settings-matters').click();
  const saved = (method: string) =>
    page.waitForResponse(
      (r) => r.url().endsWith('/api/me/table-prefs/matters') && r.request().method() === method,
    );
  let put = saved('PUT');
  await page.getByTestId('column-toggle-village').click();
  assert.equal((await put).status(), 200);
  await village.waitFor({ state: 'detached' });
  put = saved('PUT');
  await page.getByTestId('column-density').getByText('紧凑').click();
  assert.equal((await put).status(), 200);
  // the title cannot be hidden
  assert.ok(await page.getByRole('checkbox', { name: '事项名称' }).isDisabled());

  await page.reload();
  await board.locator('[data-testid="matter-link"]').first().waitFor();
  await board.getByRole('columnheader', { name: '办结时限', exact: true }).waitFor();
  assert.equal(await village.count(), 0, 'the village column stays hidden');
  // the test id may sit on the table itself or on its wrapper
  const compact = await board.evaluate(
    (el) => el.matches('.ant-table-small') || el.querySelector('.ant-table-small') !== null,
  );
  assert.ok(compact, 'the compact density stays');

  // another user's board is untouched
  const other = await app.signIn('demo-city');
  await other.goto('/matters');
  const otherBoard = other.getByTestId('matter-table');
  await otherBoard.getByRole('columnheader', { name: '办结时限', exact: true }).waitFor();
  assert.equal(
    await otherBoard.getByRole('columnheader', { name: '所在村（社区）', exact: true }).count(),
    1,
  );

  // 恢复默认 brings the column back
  await page.getByTestId('column-settings-matters').click();
  put = saved('PUT');
  await page.getByTestId('column-settings-reset').click();
  assert.equal((await put).status(), 200);
  await village.waitFor();

  // a phone keeps its card list and offers no column settings
  const phone = await app.signIn('demo-town', { viewport: { width: 390, height: 844 } });
  await phone.goto('/matters');
  await phone.getByTestId('row-card').first().waitFor();
  assert.equal(await phone.getByTestId('column-settings-matters').count(), 0);
  const phoneScroll = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(phoneScroll <= 390, `the phone page is ${phoneScroll} px wide`);
});
