// Issue 10 item 1 in the browser: the system administrator links an account to its person in the roster
// (name, org and seats only — never personal data) and requests accounts for a town's committee members in
// one go — the role of each following the member's seat (secretary → village secretary, other members →
// trainee), narrowed to chosen villages and with a row left out; the security administrator approves the
// batch and gets the printable hand-over sheet (one activation code per created account), and the accounts
// get the roles of their seats. The bulk dialog also opens in English and on a phone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommitteeMembers } from '@xinhuo/shared';
import { chooseOption, useDemoApp } from './harness';

const app = useDemoApp();
const TOWN = '金港镇';
let linkedName = '';
let requested = 0;
/** The members asked for in the bulk test, by name, with the role each was shown to request. */
let asked: { name: string; role: string }[] = [];

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
  // Each row shows the role its account would request, by seat.
  const towns = (await (await page.request.get('/api/admin/orgs?kind=town')).json()) as {
    items: { id: string; name: string }[];
  };
  const town = towns.items.find((o) => o.name === TOWN)!;
  const members = (await (
    await page.request.get(`/api/admin/towns/${town.id}/committee-members`)
  ).json()) as CommitteeMembers;
  const open = members.items.filter((m) => m.accountUsername === null);
  // Two villages of the town with both a secretary and another member without an account.
  const villages = [...new Set(open.map((m) => m.orgName))]
    .filter(
      (v) =>
        open.some((m) => m.orgName === v && m.positions.includes('party_secretary')) &&
        open.some((m) => m.orgName === v && !m.positions.includes('party_secretary')),
    )
    .slice(0, 2);
  assert.equal(villages.length, 2, 'two villages with a secretary and other members');
  const villageSelect = modal.getByTestId('bulk-villages');
  // The multiple select stays open: typed names narrow its (virtual) list to the one to pick.
  await villageSelect.click();
  for (const v of villages) {
    await page.keyboard.type(v);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: v })
      .first()
      .click();
    await villageSelect.getByText(v).waitFor();
  }
  // Closed by a click beside it (Escape would close the dialog too).
  await page.locator('.ant-modal-title').click();
  const inVillages = open.filter((m) => villages.includes(m.orgName));
  await page.waitForFunction(
    (n) => new RegExp(`创建 ${n} 个账号`).test(document.body.innerText),
    inVillages.length,
  );
  const secretary = inVillages.find((m) => m.positions.includes('party_secretary'))!;
  const member = inVillages.find((m) => !m.positions.includes('party_secretary'))!;
  assert.equal(secretary.role, 'village_secretary');
  assert.equal(member.role, 'trainee');
  const rowOf = (m: { name: string; orgName: string }) =>
    table.locator('tr', { hasText: m.name }).filter({ hasText: m.orgName }).first();
  await rowOf(secretary).getByTestId('bulk-row-role').getByText('村（社区）党组织书记').waitFor();
  await rowOf(member).getByTestId('bulk-row-role').getByText('薪火计划学员').waitFor();
  // Only the chosen villages' members are listed.
  const shownOrgs = await table.locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
  assert.ok(shownOrgs.length > 0 && shownOrgs.every((o) => villages.includes(o.trim())), shownOrgs.join(','));
  // One member left out.
  const left = inVillages.find((m) => m !== secretary && m !== member) ?? member;
  await rowOf(left).locator('input[type=checkbox]').click();
  requested = inVillages.length - 1;
  asked = inVillages.filter((m) => m !== left).map((m) => ({ name: m.name, role: m.role }));
  const secretaries = asked.filter((m) => m.role === 'village_secretary').length;
  await modal
    .getByTestId('bulk-summary')
    .getByText(`将申请：${secretaries} 个村党组织书记账号，${requested - secretaries} 个学员账号`)
    .waitFor();
  await page.screenshot({ path: '/tmp/xinhuo-admin-bulk-1366.png' });
  await page.screenshot({ path: '/tmp/s21-set/bulk-by-seat-zh-1366.png' });
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
  // Each account now holds the role of its member's seat.
  const sys = await app.signIn('demo-sysadmin');
  const granted: { roles: string[]; person: { name: string } | null }[] = [];
  for (let p = 1; ; p++) {
    const list = (await (
      await sys.request.get(`/api/admin/users?state=pending&pageSize=200&page=${p}`)
    ).json()) as { total: number; items: { roles: string[]; person: { name: string } | null }[] };
    granted.push(...list.items.filter((u) => u.person !== null));
    if (p * 200 >= list.total) break;
  }
  assert.deepEqual(
    granted.map((u) => [u.person!.name, u.roles.join(',')]).sort(),
    asked.map((m) => [m.name, m.role]).sort(),
  );
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
