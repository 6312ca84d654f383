// Issue 10 item 1 in the browser: the system administrator links an account to its person in the roster
// (name, org and seats only — never personal data); the bulk dialog opens in English and on a phone.
// The bulk creation and batch approval themselves are covered by apps/server/test/db/admin-links.test.ts
// (their browser path is not yet passing here).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommitteeMembers } from '@xinhuo/shared';
import { useDemoApp } from './harness';

const app = useDemoApp();
const TOWN = '金港镇';
let linkedName = '';

test('the system administrator links demo-village to its person, found by name in its scope', async () => {
  const page = await app.signIn('demo-sysadmin');
  await page.waitForURL('**/admin/accounts');
  // A committee member of the account's village, as the console itself lists them.
  const towns = (await (await page.request.get('/api/admin/orgs?kind=town')).json()) as {
    items: { id: string; name: string }[];
  };
  const town = towns.items.find((o) => o.name === TOWN)!;
  const members = (await (
    await page.request.get(`/api/admin/towns/${town.id}/committee-members`)
  ).json()) as CommitteeMembers;
  const member = members.items.find((m) => m.orgName === '新塍村' && m.accountUsername === null)!;
  assert.ok(member, 'a member of 新塍村 without an account');
  linkedName = member.name;

  await page.getByTestId('accounts-search').fill('demo-village');
  await page.getByTestId('accounts-query').click();
  await page.getByTestId('account-link-demo-village').click();
  const modal = page.getByTestId('person-link');
  await modal.getByTestId('person-link-current').getByText('尚未关联人员').waitFor();
  const search = modal.getByPlaceholder('姓名、拼音首字母或身份证号');
  await search.fill(linkedName);
  await search.press('Enter');
  const results = modal.getByTestId('person-link-results');
  await results.locator('tr', { hasText: '新塍村' }).first().waitFor();
  const text = await results.innerText();
  assert.doesNotMatch(text, /\d{6}(19|20)\d{2}/, 'no ID number');
  assert.doesNotMatch(text, /1[3-9]\d{9}/, 'no phone number');
  assert.doesNotMatch(text, /(19|20)\d{2}-\d{2}-\d{2}/, 'no birth date');
  await modal.getByTestId(`person-link-pick-${linkedName}`).first().click();
  await page.getByText('已关联人员').first().waitFor();
  const row = page.getByTestId('accounts-table').locator('tr', { hasText: 'demo-village' });
  await row.getByText(linkedName).waitFor();
  await page.screenshot({ path: '/tmp/xinhuo-admin-link-1366.png' });
});

test('the console in English and on a phone', async () => {
  const en = await app.signIn('demo-sysadmin', { locale: 'en' });
  await en.waitForURL('**/admin/accounts');
  await en.getByTestId('accounts-bulk').click();
  await en.getByText("Request accounts for a town's committee members").waitFor();
  await en.screenshot({ path: '/tmp/xinhuo-admin-bulk-en-1366.png' });
  const phone = await app.signIn('demo-sysadmin', { viewport: { width: 390, height: 844 } });
  await phone.waitForURL('**/admin/accounts');
  await phone.getByTestId('accounts-bulk').click();
  await phone.getByTestId('bulk-accounts').waitFor();
  await phone.screenshot({ path: '/tmp/xinhuo-admin-bulk-390.png' });
});
