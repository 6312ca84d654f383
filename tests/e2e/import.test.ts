// The roster import in real Chromium: a town's staff download the template, upload a workbook with an
// error, see it on its row, fix it, commit, and find the new people on the roster.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { IMPORT_COLUMNS, makeIdNumber } from '@xinhuo/shared';
import { DEMO_PASSWORD, launchBrowser, startServer } from './harness';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A workbook with the template's zh headers and these rows (by column key). */
async function workbook(rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.zh));
  for (const r of rows) ws.addRow(IMPORT_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function login(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

test('town staff import people: errors on the right rows, fix, commit, find them', async () => {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  await login(page, 'demo-town');
  await page.goto('/import');

  // The template is a real workbook.
  const template = await page.request.get('/api/imports/template');
  assert.equal(template.status(), 200);
  const check = new ExcelJS.Workbook();
  await check.xlsx.load((await template.body()) as unknown as ArrayBuffer);
  assert.equal(check.worksheets[0]!.getCell(1, 1).value, '姓名*');

  const good = makeIdNumber('320582', '1991-06-01', 777);
  const second = makeIdNumber('320582', '1993-02-11', 778);
  const wrongDigit = second.slice(0, 17) + (second[17] === '0' ? '1' : '0');
  const rows = (secondId: string) => [
    {
      name: '导入甲',
      idNumber: good,
      ethnicity: '汉族',
      politicalStatus: '中共党员',
      fullTimeEducation: '本科',
      org: '新塍村',
    },
    {
      name: '导入乙',
      idNumber: secondId,
      ethnicity: '汉族',
      politicalStatus: '群众',
      fullTimeEducation: '大专',
      org: '新塍村',
    },
  ];

  await page.getByTestId('import-file').setInputFiles({
    name: '花名册.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbook(rows(wrongDigit)),
  });
  await page.getByTestId('import-summary').waitFor();
  assert.match(await page.getByTestId('import-summary').innerText(), /有错误 1 行/);
  const issueRow = page.getByTestId('import-issues').locator('tbody tr.ant-table-row').first();
  await issueRow.waitFor();
  assert.match(await issueRow.innerText(), /^3\s+身份证号[\s\S]*校验位错误/);
  assert.equal(await page.getByTestId('import-commit').count(), 0);
  await page.screenshot({ path: '/tmp/im-import-report-1366.png', fullPage: true });

  await page.getByTestId('import-file').setInputFiles({
    name: '花名册.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbook(rows(second)),
  });
  await page.getByText('预检通过，可以提交。').waitFor();
  await page.getByTestId('import-commit').click();
  await page.getByTestId('import-result').waitFor();
  assert.match(await page.getByTestId('import-result').innerText(), /新增 2 人/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: '/tmp/im-import-result-390.png', fullPage: true });

  await page.goto('/roster?q=' + encodeURIComponent('导入乙'));
  await page.getByText('导入乙').first().waitFor();
  await context.close();
});

test('a long check shows its progress per phase, at 1366 and 390 px wide, and ends with the report', async () => {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  await login(page, 'demo-town');
  await page.goto('/import');
  const rows = Array.from({ length: 6000 }, (_, i) => ({
    name: `进度${i}`,
    idNumber: makeIdNumber(
      '320582',
      new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      15,
    ),
    ethnicity: '汉族',
    politicalStatus: '群众',
    fullTimeEducation: '高中',
    org: '新塍村',
  }));
  await page.getByTestId('import-file').setInputFiles({
    name: '大文件.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbook(rows),
  });
  const progress = page.getByTestId('import-job-progress');
  await progress.waitFor();
  assert.equal(await page.getByTestId('import-phase-parse').count(), 1);
  await page.screenshot({ path: '/tmp/im-import-progress-1366.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: '/tmp/im-import-progress-390.png', fullPage: true });
  // The job is in the address: leaving and coming back finds it.
  assert.match(page.url(), /[?&]job=/);
  await page.goto('/roster');
  await page.goto('/import');
  await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
  assert.match(await page.getByTestId('import-summary').innerText(), /共 6000 行/);
  await context.close();
});
