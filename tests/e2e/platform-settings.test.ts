// Issue 10 item 1 in the browser: the system administrator's 系统设置 page. A new display name (zh and en),
// organization department and support line saved there show on the login page in both languages, in the
// header after sign-in and in the browser tab; a user who never chose a language gets the default one. The
// page is looked at on a desk and a phone, in Chinese and English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useDemoApp } from './harness';

const app = useDemoApp();
const SHOTS = '/tmp/s21-set';

test('the system administrator renames the platform and the login page shows it in Chinese and English', async () => {
  const page = await app.signIn('demo-sysadmin');
  await page.getByRole('menuitem', { name: '系统设置' }).click();
  await page.waitForURL('**/admin/settings');
  const form = page.getByTestId('platform-settings-page');
  await form.getByTestId('settings-version').getByText('当前为系统默认值').waitFor();
  assert.equal(await form.getByTestId('settings-platformName-zh').inputValue(), '薪火');
  await page.screenshot({ path: `${SHOTS}/settings-zh-1366.png`, fullPage: true });

  await form.getByTestId('settings-platformName-zh').fill('薪火相传');
  await form.getByTestId('settings-platformName-en').fill('Xinhuo Relay');
  await form.getByTestId('settings-orgDepartmentName-zh').fill('张家港市委组织部');
  await form.getByTestId('settings-orgDepartmentName-en').fill('Zhangjiagang Organization Department');
  await form.getByTestId('settings-supportContact').fill('组织科 0512-58000000');
  // A value out of range is named under its field and nothing is sent.
  await form.getByTestId('settings-wallPanelSeconds').fill('2');
  await form.locator('.ant-form-item-has-error').filter({ hasText: '范围 5–300' }).waitFor();
  await form.getByTestId('settings-wallPanelSeconds').fill('30');
  await form.getByTestId('settings-save').click();
  await page.getByText('系统设置已保存（第 1 版）').waitFor();
  await form
    .getByTestId('settings-version')
    .getByText(/当前第 1 版，demo-sysadmin 于/)
    .waitFor();
  // The header shows the new name at once.
  await page.getByTestId('brand-name').getByText('薪火相传').waitFor();
  await page.waitForFunction(() => document.title.startsWith('薪火相传 · '));

  const zh = await app.newPage();
  await zh.goto('/login');
  await zh.getByTestId('login-platform-name').getByText('薪火相传').waitFor();
  await zh.getByTestId('login-department').getByText('张家港市委组织部').waitFor();
  await zh.getByTestId('login-support').getByText('技术支持：组织科 0512-58000000').waitFor();
  await zh.screenshot({ path: `${SHOTS}/login-zh-1366.png` });

  const en = await app.newPage({ locale: 'en' });
  await en.goto('/login');
  await en.getByTestId('login-platform-name').getByText('Xinhuo Relay').waitFor();
  await en.getByTestId('login-department').getByText('Zhangjiagang Organization Department').waitFor();
  await en.getByTestId('login-support').getByText('Support: 组织科 0512-58000000').waitFor();
  await en.waitForFunction(() => document.title.startsWith('Xinhuo Relay · '));
  await en.screenshot({ path: `${SHOTS}/login-en-1366.png` });

  const phone = await app.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto('/login');
  await phone.getByTestId('login-platform-name').getByText('薪火相传').waitFor();
  await phone.screenshot({ path: `${SHOTS}/login-zh-390.png` });
});

test('a stale save is refused with its message and the latest settings load', async () => {
  const first = await app.signIn('demo-sysadmin');
  await first.goto('/admin/settings');
  const a = first.getByTestId('platform-settings-page');
  await a
    .getByTestId('settings-version')
    .getByText(/当前第 1 版/)
    .waitFor();
  const second = await app.signIn('demo-sysadmin');
  await second.goto('/admin/settings');
  const b = second.getByTestId('platform-settings-page');
  await b
    .getByTestId('settings-version')
    .getByText(/当前第 1 版/)
    .waitFor();
  await b.getByTestId('settings-supportContact').fill('组织科 0512-58000001');
  await b.getByTestId('settings-save').click();
  await second.getByText('系统设置已保存（第 2 版）').waitFor();
  await a.getByTestId('settings-supportContact').fill('组织科 0512-58000002');
  await a.getByTestId('settings-save').click();
  await a
    .getByTestId('settings-error')
    .getByText(/已被其他管理员修改，未保存/)
    .waitFor();
  await a.getByTestId('settings-reload').click();
  await a
    .getByTestId('settings-version')
    .getByText(/当前第 2 版/)
    .waitFor();
  assert.equal(await a.getByTestId('settings-supportContact').inputValue(), '组织科 0512-58000001');
});

test('the default language for new users, and the page in English and on a phone', async () => {
  const page = await app.signIn('demo-sysadmin');
  await page.goto('/admin/settings');
  const form = page.getByTestId('platform-settings-page');
  await form
    .getByTestId('settings-version')
    .getByText(/当前第 2 版/)
    .waitFor();
  await form.getByTestId('settings-defaultLanguage').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: 'English' })
    .click();
  await form.getByTestId('settings-save').click();
  await page.getByText('系统设置已保存（第 3 版）').waitFor();

  // A browser that never chose a language: the login page is in Chinese (the login page reads only the
  // names), and after sign-in the platform's default, English, takes over without being remembered.
  const fresh = await app.signIn('demo-city');
  await fresh.getByTestId('brand-name').getByText('Xinhuo Relay').waitFor();
  assert.equal(await fresh.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await fresh.evaluate(() => window.localStorage.getItem('xinhuo.lang')), null);
  // A user who chose Chinese keeps it.
  const chose = await app.newPage();
  await chose.addInitScript(() => window.localStorage.setItem('xinhuo.lang', 'zh-CN'));
  await chose.goto('/login');
  await chose.getByTestId('login-username').fill('demo-town');
  await chose.getByTestId('login-password').fill('Chuan#Huo2021');
  await chose.getByTestId('login-submit').click();
  await chose.waitForURL((url) => !url.pathname.startsWith('/login'));
  await chose.getByTestId('brand-name').getByText('薪火相传').waitFor();
  assert.equal(await chose.evaluate(() => document.documentElement.lang), 'zh-CN');

  const en = await app.signIn('demo-sysadmin', { locale: 'en' });
  await en.goto('/admin/settings');
  await en.getByTestId('platform-settings-page').getByText('Platform settings').first().waitFor();
  await en
    .getByTestId('settings-version')
    .getByText(/Version 3, changed by demo-sysadmin/)
    .waitFor();
  await en.screenshot({ path: `${SHOTS}/settings-en-1366.png`, fullPage: true });
  const enPhone = await app.signIn('demo-sysadmin', { locale: 'en', viewport: { width: 390, height: 844 } });
  await enPhone.goto('/admin/settings');
  await enPhone
    .getByTestId('settings-version')
    .getByText(/Version 3/)
    .waitFor();
  await enPhone.screenshot({ path: `${SHOTS}/settings-en-390.png`, fullPage: true });
  const zhPhone = await app.signIn('demo-sysadmin', { viewport: { width: 390, height: 844 } });
  // The platform's default is English now: this user chooses Chinese.
  await zhPhone.evaluate(() => window.localStorage.setItem('xinhuo.lang', 'zh-CN'));
  await zhPhone.goto('/admin/settings');
  await zhPhone
    .getByTestId('settings-version')
    .getByText(/当前第 3 版/)
    .waitFor();
  await zhPhone.screenshot({ path: `${SHOTS}/settings-zh-390.png`, fullPage: true });
  const width = await zhPhone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scroll on a phone (${width})`);
});
