// State that stays, the audit page for people and the header search (issue 12, items 4, 5 and 9), in
// Chromium at 1366×768 and 390×844 on the demo city.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { chooseOption, useDemoApp } from './harness';

const app = useDemoApp();

/** A JSON call from the page's signed-in context (same cookies, same origin as the web app). */
async function call(page: Page, method: string, url: string, body?: unknown) {
  const r = await page.context().request.fetch(url, {
    method,
    headers: { origin: app.server.baseUrl, 'content-type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(r.ok(), `${method} ${url}: ${r.status()} ${await r.text()}`);
  return r.json();
}

test("the auditor's page names actions in Chinese and shows an edit as a readable, masked diff", async () => {
  // demo-town edits a person: a phone (sensitive) and a major.
  const town = await app.signIn('demo-town');
  const list = await call(town, 'GET', '/api/people?pageSize=1');
  const person = await call(town, 'GET', `/api/people/${list.items[0].id}`);
  await call(town, 'PATCH', `/api/people/${person.id}`, {
    version: person.version,
    phone: '13912345678',
    major: '现代农业',
  });

  const page = await app.signIn('demo-auditor');
  await page.goto('/audit');
  const table = page.getByTestId('audit-table');
  await table.getByTestId('audit-action').first().waitFor();
  const actions = await table.getByTestId('audit-action').allTextContents();
  assert.ok(actions.includes('登录成功'), `actions shown: ${actions.slice(0, 10).join(', ')}`);
  assert.ok(!actions.some((a) => /^[a-z_]+$/.test(a)), 'no raw action code is shown');

  // Filter by action from the catalogue's list: 修改人员信息.
  // The list is long (every action has a name): type to narrow it, as a user would.
  await page.getByTestId('audit-action-filter').click();
  await page.keyboard.type('修改人员');
  await chooseOption(page, page.getByTestId('audit-action-filter'), '修改人员信息');
  await page.getByRole('button', { name: /查\s*询|搜\s*索/ }).click();
  await page.waitForURL((url) => url.searchParams.get('action') === 'person_update');
  const diff = table.getByTestId('audit-diff');
  await diff.filter({ hasText: '现代农业' }).first().waitFor();
  const lines = await table
    .locator('tr', { hasText: '现代农业' })
    .first()
    .getByTestId('audit-diff')
    .allTextContents();
  assert.ok(
    lines.some((l) => l.startsWith('专业：') && l.includes('→ 现代农业')),
    lines.join(' | '),
  );
  const phone = lines.find((l) => l.startsWith('手机号：'));
  assert.ok(phone && phone.includes('139****5678') && phone.includes('已脱敏'), String(phone));
  // The object is named as the trail recorded it (人员 — 王某某), never by the full name or the phone in clear.
  const object = await table
    .locator('tr', { hasText: '现代农业' })
    .first()
    .getByTestId('audit-object')
    .textContent();
  assert.match(object ?? '', /^人员 — .某+$/);
  assert.ok(!(await table.textContent())!.includes('13912345678'));
  assert.equal(
    await table.getByTestId('audit-object-link').count(),
    0,
    'the auditor cannot open roster records',
  );
});

/** The board's table has its answer (not loading). */
const settled = (page: Page) =>
  page.waitForFunction(() => {
    const table = document.querySelector('[data-testid="matter-table"]');
    return table && !table.querySelector('.ant-spin-spinning');
  });

test('returning from a matter (返回 or the menu) restores the filtered board, also in a new session', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/matters');
  await chooseOption(page, page.getByTestId('board-escalation'), '督办');
  await page.waitForURL((url) => url.searchParams.get('escalation') === '2');
  const table = page.getByTestId('matter-table');
  await settled(page);
  const boardUrl = new URL(page.url());

  await table.getByTestId('matter-link').first().click();
  await page.getByTestId('matter-title').waitFor();
  await page.getByRole('link', { name: /返回/ }).first().click();
  await page.waitForURL((url) => url.pathname === '/matters' && url.searchParams.get('escalation') === '2');
  assert.equal(new URL(page.url()).search, boardUrl.search);
  assert.ok(((await page.getByTestId('board-escalation').textContent()) ?? '').includes('督办'));

  // The menu entry leads back to the same filtered list (clicked once the filtered answer is shown:
  // a click on the dimmed, loading table is lost).
  await settled(page);
  await table.getByTestId('matter-link').first().click();
  await page.getByTestId('matter-title').waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-menu').getByRole('link', { name: '事项看板' }).click();
  await page.waitForURL((url) => url.pathname === '/matters' && url.searchParams.get('escalation') === '2');

  // Remembered for the user on the server: a fresh sign-in opens the board as it was left.
  const again = await app.signIn('demo-city');
  await again.goto('/matters');
  await again.waitForURL((url) => url.searchParams.get('escalation') === '2');
  // …and only for that user: demo-town's board opens unfiltered.
  const other = await app.signIn('demo-town');
  await other.goto('/matters');
  await other.getByTestId('matter-table').waitFor();
  assert.equal(new URL(other.url()).searchParams.get('escalation'), null);
});

test('the header search finds a person by pinyin and opens their page, at 1366 and on a phone', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/matters');
  await page.getByTestId('global-search-input').fill('ltt');
  const hit = page
    .locator('.ant-select-dropdown:visible')
    .getByTestId('search-hit-person')
    .filter({ hasText: '陆婷婷' });
  await hit.first().waitFor();
  await page.keyboard.press('ArrowDown');
  await hit.first().click();
  await page.waitForURL((url) => url.pathname.startsWith('/people/'));
  await page.getByTestId('person-name').filter({ hasText: '陆婷婷' }).waitFor();

  const phone = await app.signIn('demo-town', { viewport: { width: 390, height: 844 } });
  await phone.getByTestId('global-search-open').click();
  const drawer = phone.getByTestId('global-search-drawer');
  await drawer.getByTestId('global-search-input').fill('lutingting');
  await phone.locator('.ant-select-dropdown:visible').getByTestId('search-hit-person').first().waitFor();
  await phone.keyboard.press('Enter');
  await phone.waitForURL((url) => url.pathname.startsWith('/people/'));
  await phone.getByTestId('person-name').filter({ hasText: '陆婷婷' }).waitFor();
  assert.ok(
    await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'the person page does not scroll sideways at 390 px',
  );
});
