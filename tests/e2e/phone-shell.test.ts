// The shell on a phone (390×844): the menu is a drawer that opens from the header and navigates, sign-out
// stays in view, tables become card lists, and no main page scrolls sideways. At 1366×768 the side menu
// is still there. With XINHUO_E2E_SHOTS=<dir> it also saves screenshots of the pages at both sizes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, startServer } from './harness';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 768 };
const SHOTS = process.env.XINHUO_E2E_SHOTS;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function signedIn(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await shot(page, `login-${viewport.width}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** How far the page itself reaches sideways (a table scrolling inside its own box does not count). */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('on a phone the menu is a drawer that navigates, and sign-out is in view', async () => {
  const page = await signedIn('demo-city', PHONE);
  await page.getByTestId('my-work-page').or(page.getByTestId('dashboard')).first().waitFor();
  assert.equal(await page.locator('.xh-sider').count(), 0, 'no side panel on a phone');
  assert.ok(await page.getByTestId('logout').isVisible(), 'sign-out is visible');

  await page.getByTestId('menu-open').click();
  const drawer = page.locator('.xh-nav-drawer');
  await drawer.getByRole('link', { name: '花名册', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/roster');
  await page.getByTestId('roster-table').getByTestId('row-card').first().waitFor();
  await drawer.waitFor({ state: 'hidden' });
  assert.ok(await page.getByTestId('logout').isVisible());

  // The org tree is in the drawer too: picking a town filters the roster to it.
  await page.getByTestId('menu-open').click();
  // Below the menu, it loads when scrolled to (as a user scrolls the drawer down to it).
  await drawer.locator('.xh-tree-panel').scrollIntoViewIfNeeded();
  await drawer.getByTestId('org-tree-node').first().waitFor();
  const before = page.url();
  await drawer.getByTestId('org-tree-node').first().click();
  await page.waitForURL((url) => url.toString() !== before && url.searchParams.has('orgId'));
  await drawer.waitFor({ state: 'hidden' });
});

test('no main page scrolls sideways at 390 px, and the desk layout keeps its side menu', async () => {
  const page = await signedIn('demo-city', PHONE);
  const pages: [string, string][] = [
    ['dashboard', '/dashboard'],
    ['roster', '/roster'],
    ['board', '/matters'],
  ];
  for (const [name, url] of pages) {
    await page.goto(url);
    await page.getByTestId(name === 'board' ? 'matter-board' : name).waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok((await pageWidth(page)) <= PHONE.width, `${name} is ${await pageWidth(page)} px wide`);
    await shot(page, `${name}-390`);
  }
  // A person and a matter, opened from their cards.
  await page.goto('/roster');
  await page.getByTestId('roster-name').first().click();
  await page.getByTestId('person-page').waitFor();
  await page.waitForLoadState('networkidle');
  assert.ok((await pageWidth(page)) <= PHONE.width, `a person page is ${await pageWidth(page)} px wide`);
  await shot(page, 'person-390');
  await page.goto('/matters');
  await page.getByTestId('matter-link').first().click();
  await page.getByTestId('matter-page').waitFor();
  assert.ok((await pageWidth(page)) <= PHONE.width, `a matter page is ${await pageWidth(page)} px wide`);
  await shot(page, 'matter-390');
  await page.goto('/orgs');
  await shot(page, 'orgs-390');

  const desk = await signedIn('demo-city', DESK);
  await desk.goto('/roster');
  await desk.getByTestId('roster-name').first().waitFor();
  assert.equal(await desk.getByTestId('menu-open').count(), 0, 'no drawer button on a desk');
  assert.ok(await desk.locator('.xh-sider').isVisible(), 'the side menu stays on a desk');
  assert.ok(await desk.getByTestId('current-user').isVisible());
  for (const [name, url] of [...pages, ['orgs', '/orgs']]) {
    await desk.goto(url);
    await shot(desk, `${name}-1366`);
  }
  await desk.goto('/roster');
  await desk.getByTestId('roster-name').first().click();
  await desk.getByTestId('person-page').waitFor();
  await shot(desk, 'person-1366');
  await desk.goto('/matters');
  await desk.getByTestId('matter-link').first().click();
  await desk.getByTestId('matter-page').waitFor();
  await shot(desk, 'matter-1366');
});

/** How the header lays out: its controls' vertical spans, how far they reach right, the language buttons' lines. */
function headerLayout(page: Page) {
  return page.evaluate(() => {
    const header = (document.querySelector('.xh-header') as HTMLElement).getBoundingClientRect();
    const controls = [...document.querySelectorAll('.xh-brand, .xh-header-right > *')].map((el) =>
      el.getBoundingClientRect(),
    );
    const langLines = [...document.querySelectorAll('.xh-lang-option')].map((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    return {
      header: { top: header.top, bottom: header.bottom },
      tops: controls.map((r) => r.top),
      bottoms: controls.map((r) => r.bottom),
      right: Math.max(...controls.map((r) => r.right)),
      langLines,
    };
  });
}

test('the header is one line in English at 1366 px, and at 390 px the language buttons do not wrap', async () => {
  for (const viewport of [DESK, PHONE]) {
    const page = await signedIn('demo-city', viewport);
    await page.getByTestId('language-switch').getByRole('radio', { name: 'English' }).click();
    await page
      .getByTestId('language-switch')
      .getByRole('radio', { name: 'English', checked: true })
      .waitFor();
    await shot(page, `header-en-${viewport.width}`);
    const layout = await headerLayout(page);
    for (const [i, top] of layout.tops.entries()) {
      assert.ok(
        top >= layout.header.top,
        `header control ${i} starts inside the header (${viewport.width} px)`,
      );
      assert.ok(
        (layout.bottoms[i] ?? Infinity) <= layout.header.bottom,
        `header control ${i} ends inside the header (${viewport.width} px): ${JSON.stringify(layout)}`,
      );
    }
    assert.ok(layout.right <= viewport.width, `the header's controls stay in view at ${viewport.width} px`);
    assert.deepEqual(layout.langLines, [1, 1], `each language button is one line at ${viewport.width} px`);
  }
});
