// Terms and seats on the org page in real Chromium (issue 9): town staff end a seat with a reason, then make a
// mid-term adjustment (届中调整) — the secretary leaves, a successor takes the post the same day — with its
// filing record (备案), and find both in the term's seats and its adjustment history. Screenshots of the
// section at 1366×768 and 390×844 go to XINHUO_E2E_SHOTS when it is set.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Org, Page as ApiPage, Term, TermList } from '@xinhuo/shared';
import { DEMO_PASSWORD, chooseOption, launchBrowser, startServer, waitSelectClosed } from './harness';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function getJson<T>(page: Page, url: string): Promise<T> {
  const r = await page.request.get(url);
  assert.equal(r.status(), 200, url);
  return (await r.json()) as T;
}

/** Fills the open modal's fields (date inputs by test id) and confirms; waits until it has closed. */
async function submitModal(page: Page, fill: (modal: ReturnType<Page['locator']>) => Promise<void>) {
  const modal = page.locator('.ant-modal:visible:not([class*="zoom"])');
  await modal.waitFor();
  await fill(modal);
  await modal.getByTestId('terms-submit').click();
  await modal.waitFor({ state: 'hidden' });
}

async function pickInSelect(page: Page, modal: ReturnType<Page['locator']>, testId: string, text: string) {
  await modal.getByTestId(testId).locator('input').fill(text);
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text });
  await option.first().click();
  await waitSelectClosed(page);
}

test('town staff end a seat, adjust the secretary with its 备案, and see the history', async () => {
  context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-username').fill('demo-town');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  const village = (
    await getJson<ApiPage<Org>>(page, `/api/orgs?q=${encodeURIComponent('新塍村')}&kind=village`)
  ).items[0]!;
  const terms = (await getJson<TermList>(page, `/api/orgs/${village.id}/terms`)).items;
  const party = terms.find((t: Term) => t.committee === 'party' && t.endedOn === null && t.seats.length > 1)!;
  const secretary = party.seats.find((s) => s.role === 'party_secretary' && s.endDate === null)!;
  const member = party.seats.find((s) => s.role !== 'party_secretary' && s.endDate === null)!;
  const holders = new Set(party.seats.map((s) => s.personId));
  const villagers = terms.find((t) => t.committee === 'villagers' && t.endedOn === null)!;
  const successor = villagers.seats.find((s) => !holders.has(s.personId))!;
  assert.ok(secretary && member && successor, 'the demo village has a secretary, a member and another cadre');

  await page.goto(`/orgs/${village.id}`);
  const section = page.getByTestId('terms-section');
  await section.waitFor();
  const card = section
    .getByTestId('term-card')
    .filter({ hasText: party.name })
    .filter({ hasText: '村党组织' });

  // 免职/结束任职: a date before the seat began is refused as typed, with the server's words.
  await card
    .getByTestId('term-seats')
    .locator('tr', { hasText: member.personName })
    .getByTestId('seat-end')
    .click();
  await submitModal(page, async (modal) => {
    await modal.getByTestId('terms-seat-end-date').fill('2000-01-01');
    await modal.getByText('结束日期不能早于任职开始日期').waitFor();
    await modal.getByTestId('terms-seat-end-date').fill('2026-05-01');
    await chooseOption(page, modal.getByTestId('terms-reason'), '辞职');
  });
  await card
    .getByTestId('term-seats')
    .locator('tr', { hasText: member.personName })
    .filter({ hasText: '辞职' })
    .waitFor();

  // 届中调整: the secretary is transferred; the successor takes the post the same day; the 备案 is kept.
  await card
    .getByTestId('term-seats')
    .locator('tr', { hasText: secretary.personName })
    .getByTestId('seat-adjust')
    .click();
  await submitModal(page, async (modal) => {
    await modal.getByTestId('terms-seat-end-date').fill('2026-06-01');
    await chooseOption(page, modal.getByTestId('terms-reason'), '调离');
    await pickInSelect(page, modal, 'terms-successor', successor.personName);
    await modal.getByTestId('terms-filing-number').fill('张组备〔2026〕12号');
    await modal.getByTestId('terms-filing-date').fill('2026-06-03');
    await modal.getByTestId('terms-approving-body').fill('中共张家港市委组织部');
  });
  const history = card.getByTestId('term-adjustments');
  await history.waitFor();
  const text = (await history.textContent()) ?? '';
  assert.match(
    text,
    new RegExp(`2026-06-01 党组织书记：${secretary.personName} → ${successor.personName}（调离）`),
  );
  assert.match(text, /备案 张组备〔2026〕12号，2026-06-03，中共张家港市委组织部/);
  await card
    .getByTestId('term-seats')
    .locator('tr', { hasText: successor.personName })
    .filter({ hasText: '党组织书记' })
    .filter({ hasText: '至今' })
    .waitFor();

  const shots = process.env.XINHUO_E2E_SHOTS;
  if (shots) {
    await section.screenshot({ path: path.join(shots, 'terms-1366.png') });
    // A phone opens the page afresh (the layout collapses its menu on load at this width).
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`/orgs/${village.id}`);
    const phoneSection = phone.getByTestId('terms-section');
    await phoneSection.getByTestId('term-adjustments').waitFor();
    await phoneSection.screenshot({ path: path.join(shots, 'terms-390.png') });
    await phoneSection.getByTestId('seat-adjust').first().click();
    await phone.locator('.ant-modal:visible:not([class*="zoom"])').waitFor();
    await phone.screenshot({ path: path.join(shots, 'terms-390-modal.png') });
  }
});
