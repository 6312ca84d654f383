// LRMX in real Chromium: a town's staff export a demo person's 任免审批表 file, change one field in it
// (as the form editor would), import it, see exactly that difference, accept it and find the person
// updated; the 任免审批表 PDF downloads from the same page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

async function login(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

test('export a person as LRMX, change a field, import it: one difference, accepted, person updated', async () => {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await login(page, 'demo-town');
  await page.goto('/roster');
  await page.getByTestId('roster-name').first().click();
  await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
  const personUrl = new URL(page.url()).pathname;
  const name = (await page.getByTestId('person-name').innerText()).trim();
  await page.screenshot({ path: '/tmp/lx-person-1366.png' });

  const [lrmx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('person-lrmx').click()]);
  assert.equal(lrmx.suggestedFilename(), `${name}.lrmx`);
  const exported = (await readFile((await lrmx.path())!)).toString('utf8');
  assert.match(exported, /^<\?xml version="1.0" encoding="UTF-8"\?>\r\n<Person>/);
  assert.ok(exported.includes(`<XingMing>${name}</XingMing>`));

  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('person-cadre-form').click(),
  ]);
  assert.equal((await readFile((await pdf.path())!)).subarray(0, 5).toString('latin1'), '%PDF-');

  // The one change, made in the file as the form editor would write it.
  const award = `${new Date().getFullYear()}年度优秀村干部（测试）`;
  const changed = exported.replace(
    /<JiangChengQingKuang\s*\/>|<JiangChengQingKuang>[\s\S]*?<\/JiangChengQingKuang>/,
    `<JiangChengQingKuang>${award}</JiangChengQingKuang>`,
  );
  assert.notEqual(changed, exported);

  await page.goto('/import-lrmx');
  await page.getByTestId('lrmx-file').setInputFiles({
    name: `${name}.lrmx`,
    mimeType: 'application/xml',
    buffer: Buffer.from(changed, 'utf8'),
  });
  await page.getByTestId('lrmx-status-0').waitFor();
  assert.equal(await page.getByTestId('lrmx-status-0').innerText(), '已匹配');
  const rows = page.getByTestId('lrmx-diff').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), new RegExp(`^奖惩情况[\\s\\S]*${award}`));
  await page.getByTestId('lrmx-accept-rewardsAndPunishments').click();
  await page.screenshot({ path: '/tmp/lx-diff-1366.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: '/tmp/lx-diff-390.png', fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByTestId('lrmx-apply').click();
  await page.getByTestId('lrmx-applied').waitFor();
  assert.match(await page.getByTestId('lrmx-applied').innerText(), /更新 1 人/);

  await page.goto(personUrl);
  await page.getByText(award).waitFor();
  await context.close();
});
