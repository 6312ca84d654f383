// Issue 10 item 1 in the browser: the system administrator links an account to its person in the roster
// (name, org and seats only — never personal data) and requests accounts for a town's committee members in
// one go; the security administrator approves the batch and gets the printable hand-over sheet (one
// activation code per created account). The bulk dialog also opens in English and on a phone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommitteeMembers } from '@xinhuo/shared';
import { chooseOption, useDemoApp } from './harness';

const app = useDemoApp();
const TOWN = '金港镇';
let linkedName = '';
let requested = 0;

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

test("the system administrator requests accounts for a town's committee members in one go", async () => {
  const page = await app.signIn('demo-sysadmin');
  await page.waitForURL('**/admin/accounts');
  await page.getByTestId('accounts-bulk').click();
  const modal = page.getByTestId('bulk-accounts');
  await chooseOption(page, modal.getByTestId('bulk-town'), TOWN);
  const table = modal.getByTestId('bulk-members');
  // The member linked in the first test shows its account and cannot be chosen again.
  const linked = table.locator('tr', { hasText: linkedName });
  await linked.getByText('已有账号 demo-village').waitFor();
  assert.equal(await linked.locator('input[type=checkbox]').isDisabled(), true);
  const submit = page.getByTestId('bulk-submit');
  await page.waitForFunction(() => /创建 \d+ 个账号/.test(document.body.innerText));
  const label = await submit.innerText();
  requested = Number(/创建 (\d+) 个账号/.exec(label)![1]);
  assert.ok(requested > 3, `${requested} members without an account`);
  // Pages of 50; the choice spans them all.
  const total = /共 (\d+) 人，(\d+) 人没有账号/.exec(await modal.innerText());
  assert.ok(total, 'the total under the table');
  assert.equal(Number(total[2]), requested);
  assert.ok(Number(total[1]) > 50);
  assert.doesNotMatch(await table.innerText(), /\d{6}(19|20)\d{2}/, 'no ID number');
  await page.screenshot({ path: '/tmp/xinhuo-admin-bulk-1366.png' });
  await submit.click();
  await page.getByText(`已创建 ${requested} 个账号，等待安全管理员审批`).waitFor();
  // Nothing granted yet: the new accounts hold no role.
  // (More than one page of the list: a town has hundreds of committee members.)
  const fresh: { roles: string[]; person: { name: string } | null }[] = [];
  for (let p = 1; ; p++) {
    const list = (await (
      await page.request.get(`/api/admin/users?state=pending&pageSize=200&page=${p}`)
    ).json()) as { total: number; items: { roles: string[]; person: { name: string } | null }[] };
    fresh.push(...list.items.filter((u) => u.person !== null));
    if (p * 200 >= list.total) break;
  }
  assert.equal(fresh.length, requested);
  assert.ok(
    fresh.every((u) => u.roles.length === 0),
    'no role before the approval',
  );
});

test('the security administrator approves the batch and gets the hand-over sheet', async () => {
  const page = await app.signIn('demo-secadmin');
  await page.waitForURL('**/admin/grants');
  await page.getByTestId('grants-approve-batch').first().click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  const sheet = page.getByTestId('handover-sheet');
  await sheet.waitFor();
  const rows = await sheet.locator('tbody tr').count();
  assert.equal(rows, requested);
  // One activation code per created account, each its own.
  const codes = (await sheet.innerText()).match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/g) ?? [];
  assert.equal(codes.length, requested);
  assert.equal(new Set(codes).size, requested);
  await page.screenshot({ path: '/tmp/xinhuo-admin-handover-1366.png' });
  await page.getByTestId('handover-close').click();
});

test('the console in English and on a phone', async () => {
  const en = await app.signIn('demo-sysadmin', { locale: 'en' });
  await en.waitForURL('**/admin/accounts');
  await en.getByTestId('accounts-bulk').click();
  await en.getByText("Request accounts for a town's committee members").waitFor();
  // Another town, whose members have no account yet.
  const towns = (await (await en.request.get('/api/admin/orgs?kind=town')).json()) as {
    items: { name: string; kind: string }[];
  };
  const other = towns.items.find((o) => o.kind === 'town' && o.name !== TOWN)!.name;
  const enModal = en.getByTestId('bulk-accounts');
  await chooseOption(en, enModal.getByTestId('bulk-town'), other);
  await en.getByText(/^Create \d+ accounts and request approval/).waitFor();
  await en.screenshot({ path: '/tmp/xinhuo-admin-bulk-en-1366.png' });
  const phone = await app.signIn('demo-sysadmin', { viewport: { width: 390, height: 844 } });
  await phone.waitForURL('**/admin/accounts');
  await phone.getByTestId('accounts-bulk').click();
  const phoneModal = phone.getByTestId('bulk-accounts');
  await chooseOption(phone, phoneModal.getByTestId('bulk-town'), other);
  await phone.waitForFunction(() => /创建 \d+ 个账号/.test(document.body.innerText));
  await phone.screenshot({ path: '/tmp/xinhuo-admin-bulk-390.png' });
});
