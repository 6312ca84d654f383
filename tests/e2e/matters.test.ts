// Golden paths of the secretaries' meetings and the matter loop in real Chromium, one browser context per user:
// a matter raised at a meeting goes assign → sign for → submit → verify → 满意 → closed and the statistics follow;
// then the clock moves a month and the overdue matter is urged and supervised.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, startServer } from './harness';

const CLOCK_START = '2026-11-27T02:00:00Z';
const LEAD_UNIT = '农业农村局';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  server = await startServer({ env: { NODE_ENV: 'test', XINHUO_TEST_CLOCK: CLOCK_START } });
  browser = await launchBrowser();
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

/** A small real PNG (what a phone photo stands in for). */
const SITE_PHOTO = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001749444154789c63a858f5ac62d5338605279e2d38f10c00397008adab4145380000000049454e44ae426082',
  'hex',
);

/** The bytes of a finished download. */
async function readDownload(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A signed-in user in a browser context of their own; any JavaScript dialog is recorded. */
async function signIn(username: string): Promise<{ page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await logIn(page, username);
  return { page, dialogs };
}

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Picks `text` in the open antd Select / TreeSelect dropdown. */
async function pickOption(page: Page, text: string): Promise<void> {
  await page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .first()
    .click();
}

/** Types into a searchable Select and takes the highlighted match with Enter (no click on a moving dropdown). */
async function searchAndPick(page: Page, combobox: Locator, text: string): Promise<void> {
  await combobox.fill(text);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option-active')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor();
  await combobox.press('Enter');
}

/** Runs one workflow action from the matter page: its button, its form, OK; waits for the new state. */
async function act(page: Page, action: string, fill: (modal: Locator) => Promise<void>, state: string) {
  await page.getByTestId(`action-${action}`).click();
  // The form is filled once the modal has finished zooming in.
  const modal = page.locator('.ant-modal:visible:not([class*="zoom"])');
  await modal.waitFor();
  await fill(modal);
  await modal.getByTestId('action-ok').click();
  await page.locator(`[data-testid="matter-page"][data-state="${state}"]`).waitFor();
}

async function buttonsOf(page: Page): Promise<string[]> {
  const ids = await page
    .getByTestId('matter-actions')
    .locator('button')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^action-/, ''));
}

/** The figures of /matter-stats once loaded and not refreshing (digits only, "1,234" → 1234). */
async function statsFigures(page: Page): Promise<{ closed: number; raised: number; overdue: number }> {
  await page.goto('/matter-stats');
  await page.locator('[data-testid="matter-stats"]:not(.xh-refreshing)').waitFor();
  const read = async (id: string) =>
    Number(((await page.getByTestId(id).textContent()) ?? '').replace(/\D/g, ''));
  return {
    closed: await read('mstat-closed'),
    raised: await read('mstat-raised'),
    overdue: await read('mstat-overdue'),
  };
}

async function matterIdFromUrl(page: Page): Promise<string> {
  await page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

test('a matter raised at a meeting is assigned, signed for, resolved, verified, rated 满意 and closed', async () => {
  const city = await signIn('demo-city');
  const village = await signIn('demo-village');
  const dept = await signIn('demo-dept');
  // Settle what is due at the fixed start time first (the periodic sweep may still be on its first run).
  const settled = await city.page.request.post('/api/matters/sweep', {
    headers: { Origin: server.baseUrl },
    data: {},
  });
  assert.equal(settled.status(), 200, await settled.text());
  const before = await statsFigures(city.page);

  // The city records the meeting.
  const title = `书记讲给书记听 e2e ${Date.now()}`;
  await city.page.goto('/meetings/new');
  await city.page.getByLabel('会议名称').fill(title);
  await city.page.getByLabel('主办单位').click();
  await pickOption(city.page, '张家港市');
  await city.page.getByRole('button', { name: '添加参会人员' }).click();
  await city.page.getByPlaceholder('姓名').fill('李四');
  await city.page.getByRole('checkbox', { name: '发言' }).check();
  await city.page.getByPlaceholder('发言题目').fill('农田灌溉渠年久失修');
  await city.page.getByTestId('meeting-save').click();
  await city.page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
  const meetingPath = new URL(city.page.url()).pathname;
  assert.equal((await city.page.getByTestId('meeting-title').textContent())?.trim(), title);

  // The village secretary raises the matter on the meeting page, in one step.
  const matterTitle = `新塍村灌溉渠渗漏 ${Date.now()}`;
  await village.page.goto(meetingPath);
  const form = village.page.getByTestId('meeting-raise');
  await form.getByLabel('事项名称').fill(matterTitle);
  await form.getByLabel('事项内容').fill('灌溉渠约 2 公里渗漏严重，影响 300 亩水稻。');
  await form.getByLabel('类别').click();
  await pickOption(village.page, '村级经济发展');
  await form.getByLabel('提出人').fill('李四');
  // With a site photo, held in the form and uploaded once the matter exists.
  await form
    .locator('input[type="file"]')
    .setInputFiles({ name: '渠道现场.png', mimeType: 'image/png', buffer: SITE_PHOTO });
  await form.getByText('渠道现场.png').waitFor();
  await form.getByTestId('raise-submit').click();
  const raised = village.page.getByTestId('meeting-matters').getByRole('link', { name: matterTitle });
  await raised.click();
  const matterId = await matterIdFromUrl(village.page);
  await village.page.locator('[data-testid="matter-page"][data-state="registered"]').waitFor();
  assert.deepEqual(await buttonsOf(village.page), [], 'the raiser has nothing to do before verification');
  await village.page.locator('[data-testid="attachment-item"][data-name="渠道现场.png"]').waitFor();
  // The list shows the photo's thumbnail (made on upload), not the original.
  const thumb = village.page.locator('[data-testid="attachment-item"][data-name="渠道现场.png"] img');
  assert.match((await thumb.getAttribute('src')) ?? '', /\/attachments\/[^/]+\/thumbnail$/);
  await village.page.waitForFunction(
    (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth === 2,
    await thumb.elementHandle(),
  );

  // The city assigns it to 农业农村局 (交办); the 交办单 gets its number.
  await city.page.goto(`/matters/${matterId}`);
  await city.page.locator('[data-testid="matter-page"][data-state="registered"]').waitFor();
  assert.ok((await buttonsOf(city.page)).includes('dispatch'));
  await act(
    city.page,
    'dispatch',
    (modal) => searchAndPick(city.page, modal.getByLabel('牵头单位'), LEAD_UNIT),
    'dispatched',
  );
  const docNo = ((await city.page.getByTestId('assign-order-link').textContent()) ?? '').trim();
  assert.match(docNo, /^张组交〔2026〕\d+号$/);

  // The unit sees the new assignment in its bell, signs for it and submits the resolution.
  await dept.page.goto(`/matters/${matterId}`);
  await dept.page.locator('[data-testid="matter-page"][data-state="dispatched"]').waitFor();
  await dept.page.locator('[data-testid="notify-bell"]:not([aria-label="消息通知，0 条未读"])').waitFor();
  assert.deepEqual((await buttonsOf(dept.page)).sort(), ['return', 'sign']);
  await act(dept.page, 'sign', async () => {}, 'in_progress');

  // The unit attaches its evidence: a wrong kind is refused in the page before sending, a PDF is uploaded.
  const card = dept.page.getByTestId('attachments-card');
  const picker = card.locator('input[type="file"]');
  await picker.setInputFiles({
    name: 'setup.exe',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('MZ'),
  });
  await dept.page.getByText('setup.exe：不支持该文件类型').waitFor();
  const evidence = Buffer.from('%PDF-1.4\n% 渠道防渗改造验收单\n%%EOF\n');
  await picker.setInputFiles({ name: '验收单.pdf', mimeType: 'application/pdf', buffer: evidence });
  await card.locator('[data-testid="attachment-item"][data-name="验收单.pdf"]').waitFor();
  assert.deepEqual(
    await card
      .getByTestId('attachment-item')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-name'))),
    ['渠道现场.png', '验收单.pdf'],
    'the photo from raising and the PDF; not the refused file',
  );
  await act(
    dept.page,
    'submit',
    async (modal) => {
      await modal.getByLabel('办理结果').fill('已完成渠道防渗改造，验收合格。');
      await modal.getByLabel('单位负责人签字').fill('王局长');
    },
    'submitted',
  );

  // The city verifies (查办) and accepts.
  await city.page.reload();
  await city.page.locator('[data-testid="matter-page"][data-state="submitted"]').waitFor();
  await act(city.page, 'accept', async () => {}, 'awaiting_feedback');

  // The verifier downloads the unit's evidence: the same bytes, under its Chinese name.
  const [download] = await Promise.all([
    city.page.waitForEvent('download'),
    city.page.getByTestId('attachment-link').filter({ hasText: '验收单.pdf' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '验收单.pdf');
  assert.deepEqual(await readDownload(download), evidence);

  // The raiser rates 满意: the matter is closed as solved.
  await village.page.reload();
  await village.page.locator('[data-testid="matter-page"][data-state="awaiting_feedback"]').waitFor();
  assert.deepEqual(await buttonsOf(village.page), ['rate']);
  await act(village.page, 'rate', (modal) => modal.getByText('满意', { exact: true }).click(), 'closed');
  assert.equal((await village.page.getByTestId('matter-satisfaction').first().textContent())?.trim(), '满意');
  await village.page.getByTestId('attachment-item').first().waitFor();
  assert.equal(
    await village.page.getByTestId('attachments-upload').count(),
    0,
    'a closed matter takes no files',
  );
  const actions = await village.page
    .getByTestId('timeline-event')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
  for (const step of ['raise', 'dispatch', 'sign', 'submit', 'accept', 'rate']) {
    assert.ok(actions.includes(step), `timeline has ${step}: ${actions.join(',')}`);
  }

  // The printable 交办单 carries the number, the unit and the matter.
  await city.page.goto(`/matters/${matterId}/assign-order`);
  await city.page.getByTestId('assign-order').waitFor();
  assert.equal((await city.page.getByTestId('doc-no').textContent())?.trim(), docNo);
  assert.equal((await city.page.getByTestId('doc-recipient').textContent())?.trim(), `${LEAD_UNIT}：`);
  assert.equal((await city.page.getByTestId('doc-matter-title').textContent())?.trim(), matterTitle);
  // …and so does its PDF.
  const [pdf] = await Promise.all([
    city.page.waitForEvent('download'),
    city.page.getByTestId('doc-pdf').click(),
  ]);
  assert.equal(pdf.suggestedFilename(), `交办单-${docNo}.pdf`);
  const pdfBytes = await readDownload(pdf);
  assert.equal(pdfBytes.subarray(0, 5).toString('latin1'), '%PDF-');

  // The statistics follow: one more matter raised and one more closed.
  const afterClose = await statsFigures(city.page);
  assert.equal(afterClose.raised, before.raised + 1, 'raised +1');
  assert.equal(afterClose.closed, before.closed + 1, 'closed +1');

  for (const user of [city, village, dept]) assert.deepEqual(user.dialogs, []);
});

test('once the clock moves past its deadline, an assigned matter is overdue, urged and supervised', async () => {
  const city = await signIn('demo-city');
  const dept = await signIn('demo-dept');
  const origin = { Origin: server.baseUrl };

  // Setup through the API: a matter of demo-village's own village, assigned to the unit and signed for.
  const me = (await (await city.page.request.get('/api/auth/me')).json()) as { scopeOrgs: { id: string }[] };
  const towns = (await (
    await city.page.request.get(`/api/orgs/children?parentId=${me.scopeOrgs[0]!.id}`)
  ).json()) as { items: { id: string; name: string }[] };
  const town = towns.items.find((o) => o.name === '金港镇')!;
  const villages = (await (await city.page.request.get(`/api/orgs/children?parentId=${town.id}`)).json()) as {
    items: { id: string }[];
  };
  const catalog = (await (await city.page.request.get('/api/matters/catalog')).json()) as {
    units: { id: string; name: string }[];
  };
  const unit = catalog.units.find((u) => u.name === LEAD_UNIT)!;
  const title = `村道路灯损坏 e2e ${Date.now()}`;
  const raised = await city.page.request.post('/api/matters', {
    headers: origin,
    data: {
      title,
      description: '主干道路灯 10 盏不亮。',
      categoryCode: 'beautiful_village',
      villageId: villages.items[0]!.id,
      raiserName: '李四',
    },
  });
  assert.equal(raised.status(), 201, await raised.text());
  const matter = (await raised.json()) as { id: string; version: number };
  const transition = async (page: Page, body: Record<string, unknown>) => {
    const current = (await (await page.request.get(`/api/matters/${matter.id}`)).json()) as {
      version: number;
    };
    const res = await page.request.post(`/api/matters/${matter.id}/transitions`, {
      headers: origin,
      data: { ...body, version: current.version },
    });
    assert.equal(res.status(), 200, await res.text());
  };
  await transition(city.page, { action: 'dispatch', leadUnitId: unit.id });
  await transition(dept.page, { action: 'sign' });

  await city.page.goto(`/matters/${matter.id}`);
  await city.page.locator('[data-testid="matter-page"][data-state="in_progress"]').waitFor();
  assert.equal(await city.page.getByTestId('matter-overdue').count(), 0, 'not overdue yet');

  // A month passes (sessions expire meanwhile), then the sweep records what became due.
  const moved = await city.page.request.post('/api/test/clock', {
    headers: origin,
    data: { advanceDays: 30 },
  });
  assert.equal(moved.status(), 200, await moved.text());
  await logIn(city.page, 'demo-city');
  const swept = await city.page.request.post('/api/matters/sweep', { headers: origin, data: {} });
  assert.equal(swept.status(), 200, await swept.text());

  await city.page.goto(`/matters/${matter.id}`);
  await city.page.getByTestId('matter-overdue').first().waitFor();
  assert.match(
    (await city.page.getByTestId('matter-overdue').first().textContent()) ?? '',
    /逾期 \d+ 个工作日/,
  );
  const kinds = await city.page
    .getByTestId('supervision-kind')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
  assert.ok(kinds.includes('urge'), `催办 recorded: ${kinds.join(',')}`);
  assert.ok(kinds.includes('supervise'), `督办 recorded: ${kinds.join(',')}`);
  const events = await city.page
    .getByTestId('timeline-event')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
  assert.ok(events.includes('urge') && events.includes('supervise'), `timeline: ${events.join(',')}`);

  // The 督办单 is a numbered printable document addressed to the unit.
  await city.page.getByTestId('supervision-order-link').first().click();
  await city.page.getByTestId('supervision-order').waitFor();
  assert.match((await city.page.getByTestId('doc-no').textContent()) ?? '', /^张组督〔2026〕\d+号$/);
  assert.equal((await city.page.getByTestId('doc-recipient').textContent())?.trim(), `${LEAD_UNIT}：`);

  // The board's overdue filter lists it.
  await city.page.goto(`/matters?overdue=true&q=${encodeURIComponent(title)}`);
  await city.page.getByTestId('matter-table').getByRole('link', { name: title }).waitFor();

  // 事项统计: the overdue-now list downloads as a workbook that holds it.
  await city.page.goto('/matter-stats');
  await city.page.getByTestId('overdue-table').waitFor();
  const [xlsx] = await Promise.all([
    city.page.waitForEvent('download'),
    city.page.getByTestId('overdue-export').click(),
  ]);
  assert.match(xlsx.suggestedFilename(), /^当前逾期事项-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readDownload(xlsx)) as unknown as ArrayBuffer);
  const titles: string[] = [];
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n > 1) titles.push(String(row.getCell(2).value));
  });
  assert.ok(titles.includes(title), 'the overdue matter is in the export');

  for (const user of [city, dept]) assert.deepEqual(user.dialogs, []);
});
