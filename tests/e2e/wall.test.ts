// The wall screen (issue 10 item 8): the system administrator creates a display token for the city and
// sees its link once; the link opens the cockpit at 1920×1080 without any account, its panels rotate with
// a progress bar and pause under the pointer, and neither the page nor its data answer holds personal
// data. Revoked, the same screen says so at its next request. Usable at 1366×768 too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { chooseOption, useDemoApp } from './harness';

const app = useDemoApp();
const ID_RE = /[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]/;
const PHONE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
let link = '';

test('the system administrator creates a display token; its link is shown once', async () => {
  const page = await app.signIn('demo-sysadmin');
  await page.goto('/admin/displays');
  await page.getByTestId('display-tokens-page').waitFor();
  await page.getByRole('button', { name: '新建大屏令牌' }).click();
  await page.getByTestId('display-form-name').fill('市委组织部会议室');
  await chooseOption(page, page.getByTestId('display-form-org'), '张家港市');
  await page.getByTestId('display-form-submit').click();
  link = (await page.getByTestId('display-link').innerText()).trim();
  assert.match(link, /\/wall#token=xhd_[A-Za-z0-9_-]{43}$/);
  await page.getByTestId('display-link-done').click();
  await page.getByTestId('display-link').waitFor({ state: 'detached' });
  const row = page.locator('tr', { hasText: '市委组织部会议室' });
  await row.waitFor();
  assert.match(await row.innerText(), /有效/);
  assert.ok(!(await page.content()).includes(link.split('#token=')[1]!), 'the token is gone once closed');
});

test('the link opens the cockpit at 1920×1080: panels rotate, pause under the pointer, no personal data', async () => {
  const page = await app.newPage({ viewport: { width: 1920, height: 1080 } });
  const answers: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/')) void r.text().then((t) => answers.push(`${r.url()} ${r.status()} ${t}`));
  });
  // A short rotation for the test (`?seconds=`); the default is 20 s.
  const url = new URL(link);
  await page.goto(`/wall?seconds=3${url.hash}`);
  await page.getByTestId('wall-panel').waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
  const title = async () => (await page.getByTestId('wall-panel').locator('h2').innerText()).trim();
  const first = await title();
  assert.match(first, /^队伍结构/);
  const body = await page.getByTestId('wall').innerText();
  assert.match(body, /两委委员/);
  assert.match(body, /书记主任一肩挑/);
  await page.getByTestId('wall-progress').waitFor();
  // Rotates by itself within a few seconds.
  await page.waitForFunction(
    (t) => !document.querySelector('[data-testid="wall-panel"] h2')?.textContent?.startsWith(t),
    '队伍结构',
    { timeout: 10_000 },
  );
  const second = await title();
  assert.match(second, /^事项闭环/);
  assert.match(await page.getByTestId('wall').innerText(), /按时办结率/);
  // Under the pointer it stays.
  await page.getByTestId('wall-panel').hover();
  assert.equal((await page.getByTestId('wall-state').innerText()).trim(), '已暂停');
  await page.waitForTimeout(4500);
  assert.equal(await title(), second, 'paused while hovered');
  await page.mouse.move(5, 5);
  // Every panel, and the page's text and every API answer: no ID number, phone or record id.
  const texts: string[] = [];
  const tabs = page.locator('.xh-wall-tab');
  const n = await tabs.count();
  assert.ok(n >= 4, `${n} panels (roster, loop, by area, pipeline, training)`);
  for (let i = 0; i < n; i++) {
    await tabs.nth(i).click();
    texts.push(await page.getByTestId('wall').innerText());
  }
  const all = texts.join('\n');
  // Each panel's own figures: the towns' table, the pipeline's tiers, the university class.
  assert.match(all, /金港镇/);
  assert.match(all, /乡村标杆书记/);
  assert.match(all, /十年累计培养/);
  assert.doesNotMatch(all, ID_RE);
  assert.doesNotMatch(all, PHONE_RE);
  assert.doesNotMatch(all, /陆婷婷/);
  const wallAnswers = answers.filter((a) => a.includes('/api/wall'));
  assert.ok(wallAnswers.length >= 1);
  for (const a of wallAnswers) {
    assert.match(a, / 200 /);
    const json = a.slice(a.indexOf('{'));
    assert.doesNotMatch(json, ID_RE);
    assert.doesNotMatch(json, PHONE_RE);
    assert.doesNotMatch(json, UUID_RE);
    assert.doesNotMatch(json, /陆婷婷/);
  }
  assert.ok(!answers.some((a) => /\/api\/(people|auth\/me)/.test(a)), 'the wall asks nothing else');
});

/** Every panel of the page fits its box: nothing cut off or scrolled. */
async function panelsFit(page: Page, label: string): Promise<void> {
  await page.getByTestId('wall-panel').waitFor();
  const tabs = page.locator('.xh-wall-tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    const name = await tabs.nth(i).innerText();
    const over = await page.evaluate(() => {
      const main = document.querySelector('.xh-wall-main')!;
      return { sw: main.scrollWidth, cw: main.clientWidth, sh: main.scrollHeight, ch: main.clientHeight };
    });
    assert.ok(over.sw <= over.cw + 1, `${label} ${name}: ${over.sw} > ${over.cw}`);
    assert.ok(over.sh <= over.ch + 1, `${label} ${name}: ${over.sh} > ${over.ch}`);
    const header = await page.evaluate(() => document.querySelector('.xh-wall-header')!.clientHeight);
    assert.ok(header < 90, `${label}: the header stays one line (${header} px)`);
  }
}

test('usable at 1366×768: every panel fits, the city in Chinese and a town in English', async () => {
  const page = await app.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`/wall${new URL(link).hash}`);
  await panelsFit(page, 'city zh-CN');
  const town = await app.signIn('demo-town', { viewport: { width: 1366, height: 768 }, locale: 'en' });
  await town.goto('/wall');
  await panelsFit(town, 'town en');
});

test('revoked, the screen says so at its next request', async () => {
  const admin = await app.signIn('demo-sysadmin');
  await admin.goto('/admin/displays');
  const row = admin.locator('tr', { hasText: '市委组织部会议室' });
  assert.doesNotMatch(await row.innerText(), /从未使用/, 'last use listed');
  await admin.getByTestId('revoke-市委组织部会议室').click();
  await admin.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await row.getByText('已撤销').waitFor();
  const page = await app.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`/wall${new URL(link).hash}`);
  await page.getByTestId('wall-refused').waitFor();
  assert.match(await page.getByTestId('wall-refused').innerText(), /大屏令牌无效或已撤销/);
  assert.ok(!page.url().includes('/login'), 'a display is not sent to the login page');
});
