// Meetings linked to the roster: city staff add every village Party secretary of 金港镇 to a meeting
// from the roster in one pick; the saved participants link to their person pages, and so do speakers;
// a 签到表 adds participants; per-secretary statistics; the raiser of a matter on the roster.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { chooseTreeNode, useDemoApp } from './harness';

const app = useDemoApp();
/** Screenshots for a person to look at (XINHUO_E2E_SHOTS=dir), else a temporary directory. */
const SHOTS = process.env.XINHUO_E2E_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinhuo-shots-'));
const shot = (name: string) => path.join(SHOTS, name);

test('participants picked from the roster by town and post, saved linked to their person pages', async () => {
  const page = await app.signIn('demo-city');
  const meetings = (await (
    await page.request.get('/api/meetings', { params: { page: 1, pageSize: 5 } })
  ).json()) as { items: { id: string }[] };
  const id = meetings.items[0]!.id;
  const before = (await (await page.request.get(`/api/meetings/${id}`)).json()) as {
    participants: { personId: string | null }[];
  };

  // The demo's speakers are roster people: their names open their pages.
  await page.goto(`/meetings/${id}`);
  await page.getByTestId('speakers-list').getByTestId('participant-person-link').first().waitFor();

  await page.goto(`/meetings/${id}/edit`);
  await page.getByTestId('meeting-form-page').waitFor();
  const rowsBefore = await page.getByTestId('participant-row').count();
  await page.getByTestId('participants-from-roster').click();
  await chooseTreeNode(page, page.getByTestId('roster-pick-org'), '金港镇');
  const table = page.getByTestId('roster-pick-table');
  await table.locator('.ant-table-row').first().waitFor();
  // Every current village Party secretary of the town, all ticked but those already in.
  const listed = await table.locator('.ant-table-row').count();
  const already = new Set(before.participants.map((p) => p.personId).filter(Boolean));
  assert.ok(listed >= 20, `金港镇's village secretaries are listed (${listed})`);
  const ticked = await table.locator('.ant-table-row .ant-checkbox-checked').count();
  assert.ok(ticked > 0 && ticked <= listed);
  await page.getByTestId('roster-pick-ok').click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="participant-row"]').length === n,
    rowsBefore + ticked,
  );
  await page.getByTestId('meeting-save').click();
  await page.waitForURL((url) => url.pathname === `/meetings/${id}`);

  const after = (await (await page.request.get(`/api/meetings/${id}`)).json()) as {
    participants: { personId: string | null; name: string }[];
  };
  const linked = after.participants.filter((p) => p.personId && !already.has(p.personId));
  assert.equal(linked.length, ticked, 'each picked secretary is saved with their person id');
  // The participants table (paged) links roster people to their pages.
  const link = page.getByTestId('participants-table').getByTestId('participant-person-link').first();
  const href = (await link.getAttribute('href')) ?? '';
  const personIds = new Set(after.participants.map((p) => p.personId));
  assert.ok(personIds.has(href.replace('/people/', '')), href);
  await link.click();
  await page.waitForURL((url) => url.pathname === href);
});

/** A 签到表 as a town brings it: 姓名, 单位, 参会身份 (no ID numbers). */
async function signInSheet(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签到表');
  ws.addRow(['姓名', '单位', '参会身份', '签到']);
  for (const r of rows) ws.addRow([r[0] ?? '', r[1] ?? '', r[2] ?? '', '✓']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a 签到表 adds roster people by name and village and guests by name; a bad sheet adds nobody', async () => {
  const page = await app.signIn('demo-town');
  const people = (await (
    await page.request.get('/api/people', {
      params: { role: 'party_secretary', page: 1, pageSize: 2, sort: 'org' },
    })
  ).json()) as { items: { id: string; name: string; orgName: string }[] };
  const [a, b] = people.items;
  await page.goto('/meetings/new');
  await page.getByTestId('meeting-form-page').waitFor();
  const input = page.getByTestId('participants-sheet-file');

  // A name that is nobody in the village named: refused, nobody added, the row named.
  await input.setInputFiles({
    name: '签到表.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await signInSheet([
      [a!.name, a!.orgName, '发言'],
      ['某某', a!.orgName, '旁听'],
    ]),
  });
  const errors = page.getByTestId('participants-sheet-errors');
  await errors.waitFor();
  assert.match((await errors.textContent()) ?? '', /第 3 行/);
  assert.equal(await page.getByTestId('participant-row').count(), 0);

  await input.setInputFiles({
    name: '签到表.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await signInSheet([
      [a!.name, a!.orgName, '发言'],
      [b!.name, b!.orgName],
      ['列席嘉宾', '市农业农村局', '列席'],
    ]),
  });
  await errors.waitFor({ state: 'detached' }); // the first sheet's errors go when the next one is read
  await page
    .getByText(/签到表 3 行已读取/)
    .or(errors)
    .first()
    .waitFor();
  assert.equal(await errors.count(), 0, (await errors.count()) ? ((await errors.textContent()) ?? '') : '');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="participant-row"]').length === 3);
  const rows = page.getByTestId('participant-row');
  assert.equal(await rows.nth(0).locator('.xh-roster-tag').count(), 1, `${a!.name} is from the roster`);
  assert.equal(await rows.nth(1).locator('.xh-roster-tag').count(), 1);
  assert.equal(await rows.nth(2).locator('.xh-roster-tag').count(), 0, 'the guest is typed');
  // The same sheet again adds nobody twice.
  await input.setInputFiles({
    name: '签到表.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await signInSheet([[a!.name, a!.orgName]]),
  });
  await page.getByText(/新增 0 人/).waitFor();
  assert.equal(await rows.count(), 3);
  await page.screenshot({ path: shot('meeting-sheet-1366.png') });
});

test('per-secretary statistics: names open the person page; the raise form links the raiser to the roster', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/matter-stats');
  const table = page.getByTestId('raiser-table');
  await table.locator('.ant-table-row').first().waitFor();
  const first = table.locator('.ant-table-row').first();
  const raised = Number((await first.locator('td').nth(2).textContent())?.trim());
  assert.ok(raised > 0, `the first secretary raised ${raised}`);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('raisers-1366.png') });
  const link = first.locator('a').first();
  const href = (await link.getAttribute('href')) ?? '';
  await link.click();
  await page.waitForURL((url) => url.pathname === href);

  // A village secretary's raise form starts with the village's secretary, linked to the roster.
  const phone = await app.signIn('demo-village', { viewport: { width: 390, height: 844 } });
  await phone.goto('/matters');
  await phone.getByTestId('board-raise').click();
  const linkText = phone.getByTestId('raise-raiser-link');
  await linkText.waitFor();
  assert.match((await linkText.textContent()) ?? '', /^花名册：.+（.*党组织书记.*）$/);
  await phone.screenshot({ path: shot('raise-390.png') });
  await phone.getByTestId('raise-raiser').locator('input').fill('不在花名册的人');
  await phone.getByText('本村花名册中无此人，将按填写的姓名登记').waitFor();
});
