// The administrators' consoles in the browser (issue 10 items 1–2, 三员分立): the system administrator
// requests an account for town staff with 金港镇 as its scope; the security administrator approves it and
// receives the one-time code; the new user activates with it, chooses a password and sees only that town.
// Then the account is locked by wrong passwords and the security administrator unlocks it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Locator } from 'playwright-core';
import { useDemoApp } from './harness';

const app = useDemoApp();
const USERNAME = `e2e-town-${Math.floor(Math.random() * 1e6)}`;
const PASSWORD = 'Own#Choice2026kq';
let code = '';

/**
 * A multiple select stays open after a choice: pick (typing to filter first), then click away to close it.
 * On a loaded machine a click can land while the dropdown is still opening; the choice is then made again.
 */
async function pickMany(page: Page, select: Locator, option: string, typed?: string): Promise<void> {
  const chosen = async () => new RegExp(option).test((await select.textContent()) ?? '');
  for (let attempt = 0; attempt < 3 && !(await chosen()); attempt++) {
    await select.click();
    if (typed) await page.keyboard.type(typed);
    const item = page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first();
    await item.waitFor();
    await item.click();
    await page.locator('.ant-modal-title').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await page
      .waitForFunction(
        ([el, text]) => (el as Element).textContent?.includes(text as string) ?? false,
        [await select.elementHandle(), option] as const,
        { timeout: 3000 },
      )
      .catch(() => undefined);
  }
  assert.match((await select.textContent()) ?? '', new RegExp(option));
}

async function menuKeys(page: Page): Promise<string[]> {
  await page.locator('.ant-menu-item').first().waitFor();
  return page.locator('.ant-menu-item').allInnerTexts();
}

test('the system administrator requests a town staff account with a scope; it does nothing until approved', async () => {
  const page = await app.signIn('demo-sysadmin');
  await page.waitForURL('**/admin/accounts');
  assert.deepEqual(
    (await menuKeys(page)).map((s) => s.trim()),
    ['账号管理', '大屏令牌', '系统设置', '授权审批'],
    'the system administrator sees only its own entries',
  );
  await page.getByTestId('account-create').click();
  const form = page.getByTestId('grant-form');
  await form.getByTestId('grant-form-username').fill(USERNAME);
  await form.getByTestId('grant-form-display-name').fill('金港干事');
  await pickMany(page, form.getByTestId('grant-form-roles'), '镇（街道）组织干事');
  await pickMany(page, form.getByTestId('grant-form-orgs'), '金港镇', '金港镇');
  await page.getByTestId('grant-form-submit').click();
  await page.getByText('申请已提交，待第二方审批后生效').waitFor();

  await page.getByTestId('accounts-search').fill(USERNAME);
  await page.getByTestId('accounts-query').click();
  const row = page.getByTestId('accounts-table').locator('tr', { hasText: USERNAME });
  await row.waitFor();
  assert.match(await row.innerText(), /待激活/);
  assert.doesNotMatch(await row.innerText(), /组织干事/, 'no role before approval');

  await page.goto('/admin/grants');
  const own = page.getByTestId('grants-table').locator('tr', { hasText: USERNAME });
  await own.getByText('待对方审批').waitFor();
  assert.equal(
    await page.getByTestId(`grant-approve-${USERNAME}`).count(),
    0,
    'no approving its own request',
  );
});

test('the security administrator approves and receives the one-time code with a hand-over sheet', async () => {
  const page = await app.signIn('demo-secadmin');
  await page.waitForURL('**/admin/grants');
  assert.deepEqual(
    (await menuKeys(page)).map((s) => s.trim()),
    ['授权审批', '安全管理', '安全策略', '安全告警'],
  );
  await page.getByTestId(`grant-approve-${USERNAME}`).click();
  const sheet = page.getByTestId('activation-code-sheet');
  await sheet.waitFor();
  assert.match(await sheet.innerText(), new RegExp(USERNAME));
  code = (await page.getByTestId('activation-code').innerText()).trim();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await page.getByTestId('activation-code-close').click();
});

test('the new user activates with the code, sets a password and sees only 金港镇', async () => {
  assert.ok(code, 'the code from the approval');
  const page = await app.newPage();
  await page.goto('/activate');
  await page.getByTestId('activate-username').fill(USERNAME);
  await page.getByTestId('activate-code').fill(code);
  await page.getByTestId('activate-password').fill(PASSWORD);
  await page.getByTestId('activate-confirm').fill(PASSWORD);
  await page.getByTestId('activate-submit').click();
  await page.waitForURL('**/login**');
  await page.getByTestId('login-username').fill(USERNAME);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const me = (await (await page.request.get('/api/auth/me')).json()) as {
    roles: string[];
    scopeOrgs: { name: string }[];
  };
  assert.deepEqual(me.roles, ['town_staff']);
  assert.deepEqual(
    me.scopeOrgs.map((o) => o.name),
    ['金港镇'],
  );
  const roots = (
    (await (await page.request.get('/api/orgs/children')).json()) as { items: { name: string }[] }
  ).items;
  assert.deepEqual(
    roots.map((o) => o.name),
    ['金港镇'],
    'the org tree starts at the town',
  );
  await page.getByRole('tree').getByText('金港镇').first().waitFor();
});

test('the security administrator unlocks a locked account', async () => {
  const anon = await app.newPage();
  for (let i = 0; i < 5; i++) {
    const r = await anon.request.post('/api/auth/login', {
      headers: { Origin: app.server.baseUrl },
      data: { username: USERNAME, password: 'Wrong#Password1x' },
    });
    assert.equal(r.status(), 401);
  }
  const locked = await anon.request.post('/api/auth/login', {
    headers: { Origin: app.server.baseUrl },
    data: { username: USERNAME, password: PASSWORD },
  });
  assert.equal(locked.status(), 401, 'locked: even the right password is refused');

  const page = await app.signIn('demo-secadmin');
  await page.goto('/admin/security');
  await page.getByTestId(`unlock-${USERNAME}`).click();
  await page.getByText('账号已解锁').waitFor();
  const after = await anon.request.post('/api/auth/login', {
    headers: { Origin: app.server.baseUrl },
    data: { username: USERNAME, password: PASSWORD },
  });
  assert.equal(after.status(), 200, await after.text());
});
