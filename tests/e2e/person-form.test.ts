// The person form in real Chromium: town staff add a person (a wrong check digit is explained on the
// field, birth date and gender come from the ID number), and then find them in the roster.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { computeCheckChar, makeIdNumber } from '@xinhuo/shared';
import { DEMO_PASSWORD, chooseOption, chooseTreeNode, launchBrowser, startServer } from './harness';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function loginInBrowser(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const fieldError = (page: Page, testId: string) =>
  page
    .locator('.ant-form-item')
    .filter({ has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error');

/** Waits for the person page after a save; a refusal fails at once with what the form showed. */
async function saved(page: Page): Promise<void> {
  // Only a message with words is a refusal: Ant Design keeps empty explain boxes while fields animate.
  const refusal = page
    .locator('.ant-form-item-explain-error, [data-testid="person-form"] .ant-alert')
    .filter({ hasText: /\S/ });
  await page.getByTestId('person-page').or(refusal).first().waitFor({ timeout: 60_000 });
  if (await page.getByTestId('person-page').isVisible()) return;
  // Saved and on its way to the person page (loaded on demand): the form's last render is no refusal.
  // (The form can show a 必填 for an instant between the answer and the navigation: give it 5 s.)
  const toPerson = (url: URL) => /^\/people\/[0-9a-f-]{36}$/.test(url.pathname);
  const navigated = await page.waitForURL(toPerson, { timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (navigated) {
    await page.getByTestId('person-page').waitFor();
    return;
  }
  assert.fail(`the save was refused: ${(await refusal.allTextContents()).join(' | ')} at ${page.url()}`);
}

test('town staff add a person in the form and find them in the roster', async () => {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await loginInBrowser(page, 'demo-town');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { scopeOrgs: { id: string }[] };
  const villages = (await (
    await page.request.get(`/api/orgs/children?parentId=${me.scopeOrgs[0]!.id}`)
  ).json()) as { items: { id: string; name: string; kind: string }[] };
  const village = villages.items.find((o) => o.kind === 'village')!;

  await page.goto('/roster');
  await page.getByTestId('person-new').click();
  await page.getByTestId('person-form').waitFor();

  const name = '滕晓岚';
  await page.getByTestId('pf-name').fill(name);
  const idNumber = makeIdNumber('320981', '1990-04-12', 362);
  const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
  await page.getByTestId('pf-id-number').fill(wrong);
  const explained = fieldError(page, 'pf-id-number');
  await explained.waitFor();
  const message = (await explained.textContent()) ?? '';
  assert.match(message, /校验位错误/);
  assert.ok(message.includes(`应为 ${computeCheckChar(idNumber.slice(0, 17))}`), message);

  await page.getByTestId('pf-id-number').fill(idNumber);
  await explained.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('pf-birth-date').inputValue(), '1990-04-12');

  // The shared date rules, as typed: joining the party at 17 is explained on the field, then fixed.
  const partyJoin = page.locator('#partyJoinDate');
  await partyJoin.fill('2007-04-12');
  await partyJoin.press('Enter');
  const tooYoung = page
    .locator('.ant-form-item')
    .filter({ has: partyJoin })
    .locator('.ant-form-item-explain-error');
  await tooYoung.waitFor();
  assert.match((await tooYoung.textContent()) ?? '', /18/);
  await partyJoin.fill('2012-07-01');
  await partyJoin.press('Enter');
  await tooYoung.waitFor({ state: 'detached' });

  await chooseOption(page, page.getByTestId('pf-political-status'), '中共党员');
  await chooseTreeNode(page, page.getByTestId('pf-org'), village.name);

  await page.getByTestId('person-save').click();
  await saved(page);
  assert.equal(((await page.getByTestId('person-name').textContent()) ?? '').trim(), name);

  await page.goto(`/roster?q=${encodeURIComponent(name)}`);
  const found = page.getByTestId('roster-name').filter({ hasText: name });
  await found.first().waitFor();
  assert.equal(await found.count(), 1);
  assert.deepEqual(dialogs, []);
});
