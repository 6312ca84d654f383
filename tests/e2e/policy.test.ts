// Policy with effective dates in the browser (issue 10 item 5): the city administrator publishes a new
// priority-tier version effective tomorrow and sees it listed as 待生效 next to the version in force; a matter
// page says which policy version the matter keeps. With XINHUO_E2E_SHOTS=<dir> it saves screenshots at
// 1366×768 and 390×844 in zh-CN and en.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDemoApp } from './harness';

const app = useDemoApp();
const SHOTS = process.env.XINHUO_E2E_SHOTS;
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

before(() => {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

interface Versions {
  today: string;
  items: {
    version: number;
    status: string;
    effectiveFrom: string;
    body: { tiers: { code: string; handleWorkdays: number }[] };
  }[];
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

test('the city administrator publishes a priority-tier version effective tomorrow: it is listed as 待生效', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/policy');
  await page.getByTestId('policy-page').waitFor();
  const before = (await (await page.request.get('/api/policy/matter_loop/versions')).json()) as Versions;
  const tomorrow = nextDay(before.today);
  const tab = page.getByTestId('policy-tiers');
  await tab.getByTestId('policy-in-force').waitFor();
  assert.match(await tab.getByTestId('policy-in-force').innerText(), /现行版本：版本 \d+/);
  const rows = tab.getByTestId('policy-tier-row');
  assert.equal(await rows.count(), before.items[0]!.body.tiers.length);
  // The effective date offered is tomorrow; the normal tier's time becomes 8 working days.
  assert.equal(await tab.getByTestId('policy-effective-from').inputValue(), tomorrow);
  const normal = before.items[0]!.body.tiers.findIndex((x) => x.code === 'normal');
  const days = tab.getByTestId(`policy-tier-days-${normal}`);
  await days.fill('8');
  await tab.getByTestId('policy-publish').click();
  const version = before.items[0]!.version + 1;
  await page.getByText(`已发布版本 ${version}，${tomorrow} 起生效`).waitFor();
  const status = tab.getByTestId(`policy-status-${version}`);
  await status.waitFor();
  assert.equal((await status.innerText()).trim(), '待生效');
  const inForce = before.items.find((v) => v.status === 'in_force')!;
  assert.equal((await tab.getByTestId(`policy-status-${inForce.version}`).innerText()).trim(), '生效中');
  assert.match(
    await tab.getByTestId('policy-in-force').innerText(),
    new RegExp(`版本 ${version}，${tomorrow}`),
  );

  const after = (await (await page.request.get('/api/policy/matter_loop/versions')).json()) as Versions;
  assert.equal(after.items[0]!.version, version);
  assert.equal(after.items[0]!.status, 'scheduled');
  assert.equal(after.items[0]!.body.tiers[normal]!.handleWorkdays, 8);
  // Still in force today: the raise form's catalogue shows the old normal tier.
  const catalog = (await (await page.request.get('/api/matters/catalog')).json()) as {
    priorities: { code: string; handleWorkdays: number }[];
  };
  assert.equal(
    catalog.priorities.find((p) => p.code === 'normal')!.handleWorkdays,
    inForce.body.tiers.find((x) => x.code === 'normal')!.handleWorkdays,
  );
  await shot(page, 'policy-tiers-1366-zh');
  await page.getByRole('tab', { name: '时限与督办' }).click();
  await page.getByTestId('policy-thresholds').waitFor();
  await shot(page, 'policy-thresholds-1366-zh');
  await page.getByRole('tab', { name: '工作日调整' }).click();
  await page.getByTestId('policy-calendar').waitFor();
  await shot(page, 'policy-calendar-1366-zh');
});

test('a matter page says which policy version the matter keeps (zh-CN and en, desktop and phone)', async () => {
  const page = await app.signIn('demo-city');
  const list = (await (await page.request.get('/api/matters?pageSize=1')).json()) as {
    items: { id: string }[];
  };
  const id = list.items[0]!.id;
  const detail = (await (await page.request.get(`/api/matters/${id}`)).json()) as {
    policy: { version: number; effectiveFrom: string };
  };
  await page.goto(`/matters/${id}`);
  const cell = page.getByTestId('matter-policy-version');
  await cell.waitFor();
  assert.equal(
    (await cell.innerText()).trim(),
    `版本 ${detail.policy.version}（生效日期 ${detail.policy.effectiveFrom}）`,
  );
  await shot(page, 'matter-policy-1366-zh');

  const en = await app.signIn('demo-city', { viewport: PHONE, locale: 'en' });
  await en.goto(`/matters/${id}`);
  await en.getByTestId('matter-policy-version').waitFor();
  assert.equal(
    (await en.getByTestId('matter-policy-version').innerText()).trim(),
    `Version ${detail.policy.version} (effective ${detail.policy.effectiveFrom})`,
  );
  await shot(en, 'matter-policy-390-en');
  await en.goto('/policy');
  await en.getByTestId('policy-tiers').getByText('Scheduled').first().waitFor();
  await shot(en, 'policy-tiers-390-en');
  await en.setViewportSize(DESKTOP);
  await en.reload();
  await en.getByTestId('policy-tiers').getByText('Scheduled').first().waitFor();
  await shot(en, 'policy-tiers-1366-en');

  const phone = await app.signIn('demo-city', { viewport: PHONE });
  await phone.goto('/policy');
  await phone.getByTestId('policy-tiers').getByText('待生效').first().waitFor();
  await shot(phone, 'policy-tiers-390-zh');
  await phone.goto('/policy?tab=thresholds');
  await phone.getByTestId('policy-thresholds').waitFor();
  await shot(phone, 'policy-thresholds-390-zh');
  await phone.goto(`/matters/${id}`);
  await phone.getByTestId('matter-policy-version').waitFor();
  await shot(phone, 'matter-policy-390-zh');
});

test('the scheduled version is withdrawn with a reason: 已撤销, kept in the history, never in force', async () => {
  const page = await app.signIn('demo-city');
  const before = (await (await page.request.get('/api/policy/matter_loop/versions')).json()) as Versions;
  const scheduled = before.items.find((v) => v.status === 'scheduled')!;
  assert.ok(scheduled, 'the first test left a scheduled version');
  await page.goto('/policy');
  const tab = page.getByTestId('policy-tiers');
  await tab.getByTestId(`policy-status-${scheduled.version}`).waitFor();
  // Only the scheduled version offers the withdrawal.
  assert.equal(await tab.locator('[data-testid^="policy-cancel-"]').count(), 1);
  await tab.getByTestId(`policy-cancel-${scheduled.version}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`撤销版本 ${scheduled.version}（${scheduled.effectiveFrom} 起生效）`).waitFor();
  await page.getByTestId('policy-cancel-ok').click();
  await dialog.getByText('请填写撤销原因（至少 2 个字）').waitFor();
  await page.getByTestId('policy-cancel-reason').fill('方案调整，暂缓执行');
  await page.getByTestId('policy-cancel-ok').click();
  await page.getByText(`已撤销版本 ${scheduled.version}`).waitFor();
  const status = tab.getByTestId(`policy-status-${scheduled.version}`);
  await tab.getByText('（已撤销：方案调整，暂缓执行', { exact: false }).waitFor();
  assert.equal((await status.innerText()).trim(), '已撤销');
  assert.doesNotMatch(await tab.getByTestId('policy-in-force').innerText(), /待生效/);
  assert.equal(await tab.locator('[data-testid^="policy-cancel-"]').count(), 0);
  const after = (await (await page.request.get('/api/policy/matter_loop/versions')).json()) as Versions;
  const row = after.items.find((v) => v.version === scheduled.version)!;
  assert.equal(row.status, 'cancelled');
  assert.equal(row.effectiveFrom, scheduled.effectiveFrom);
  await shot(page, 'policy-cancelled-1366-zh');

  const en = await app.signIn('demo-city', { viewport: PHONE, locale: 'en' });
  await en.goto('/policy');
  await en.getByTestId(`policy-status-${scheduled.version}`).getByText('Withdrawn').waitFor();
  await shot(en, 'policy-cancelled-390-en');
});

test('事项类别: a category added from tomorrow is 待生效 and not offered today; 岗级薪酬 checks pay as typed', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/policy?tab=categories');
  const tab = page.getByTestId('policy-categories');
  await tab.getByTestId('policy-in-force').waitFor();
  const before = (await (await page.request.get('/api/policy/matter_categories/versions')).json()) as {
    today: string;
    items: { version: number; body: { categories: { code: string }[] } }[];
  };
  const rows = tab.getByTestId('policy-category-row');
  const n = before.items[0]!.body.categories.length;
  assert.equal(await rows.count(), n);
  // A published category keeps its code (retire it, never remove it).
  assert.equal(await tab.getByTestId('policy-category-code-0').isDisabled(), true);
  await tab.getByTestId('policy-category-add').click();
  await tab.getByTestId(`policy-category-code-${n}`).fill('Elder');
  await tab.getByTestId(`policy-category-zh-${n}`).fill('农村养老服务');
  await tab.getByText('代码以小写字母开头', { exact: false }).waitFor();
  await tab.getByTestId(`policy-category-code-${n}`).fill('elder_care');
  await tab.getByTestId(`policy-category-en-${n}`).fill('Rural elderly care');
  const tomorrow = nextDay(before.today);
  assert.equal(await tab.getByTestId('policy-effective-from').inputValue(), tomorrow);
  await tab.getByTestId('policy-publish').click();
  const version = before.items[0]!.version + 1;
  await page.getByText(`已发布版本 ${version}，${tomorrow} 起生效`).waitFor();
  assert.equal((await tab.getByTestId(`policy-status-${version}`).innerText()).trim(), '待生效');
  const catalog = (await (await page.request.get('/api/matters/catalog')).json()) as {
    categories: { code: string }[];
  };
  assert.ok(!catalog.categories.some((c) => c.code === 'elder_care'), 'not offered before its date');
  await shot(page, 'policy-categories-1366-zh');

  await page.getByRole('tab', { name: '岗级薪酬' }).click();
  const grades = page.getByTestId('policy-grades');
  await grades.getByTestId('policy-grade-illustrative').waitFor();
  assert.match(await grades.getByTestId('policy-grade-illustrative').innerText(), /示例数据/);
  assert.equal(await grades.getByTestId('policy-grade-post').count(), 4);
  assert.equal(await grades.getByTestId('policy-grade-rule').count(), 4);
  // Grade 5 below grade 4 is refused as typed; the grid follows the form.
  const pay4 = await grades.getByTestId('policy-grade-pay-4').inputValue();
  await grades.getByTestId('policy-grade-pay-5').fill('100');
  await grades.getByText('不能低于 4 级的月基本报酬').waitFor();
  await grades.getByTestId('policy-grade-pay-5').fill('9000');
  await grades.getByText('不能低于 5 级的月基本报酬').waitFor(); // now grade 6 is below grade 5
  await grades.getByTestId('policy-grade-pay-5').fill(String(Number(pay4.replace(/,/g, '')) + 100));
  await grades.getByText('不能低于', { exact: false }).first().waitFor({ state: 'detached' });
  await grades.getByTestId('policy-grade-grid').getByText('–').first().waitFor();
  await grades.getByTestId('policy-publish').click();
  await page.getByText(`已发布版本 2，${tomorrow} 起生效`).waitFor();
  assert.equal((await grades.getByTestId('policy-status-2').innerText()).trim(), '待生效');
  const gv = (await (await page.request.get('/api/policy/grade_table/versions')).json()) as {
    items: { version: number; body: { grades: { monthlyPay: number }[] } }[];
  };
  assert.equal(gv.items[0]!.body.grades[4]!.monthlyPay, Number(pay4.replace(/,/g, '')) + 100);
  await shot(page, 'policy-grades-1366-zh');

  const phone = await app.signIn('demo-city', { viewport: PHONE });
  await phone.goto('/policy?tab=grades');
  await phone.getByTestId('policy-grades').getByTestId('policy-status-2').waitFor();
  const scroll = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(scroll <= 0, `the page does not scroll sideways on a phone (${scroll}px)`);
  await shot(phone, 'policy-grades-390-zh');
  await phone.goto('/policy?tab=categories');
  await phone.getByTestId('policy-categories').getByTestId('policy-in-force').waitFor();
  await shot(phone, 'policy-categories-390-zh');

  const en = await app.signIn('demo-city', { viewport: PHONE, locale: 'en' });
  await en.goto('/policy?tab=grades');
  await en
    .getByTestId('policy-grade-illustrative')
    .getByText('Illustrative data', { exact: false })
    .waitFor();
  await en.getByTestId('policy-grades').getByTestId('policy-status-2').getByText('Scheduled').waitFor();
  await shot(en, 'policy-grades-390-en');
  await en.goto('/policy?tab=categories');
  await en.getByTestId('policy-categories').getByTestId('policy-in-force').waitFor();
  await shot(en, 'policy-categories-390-en');
  await en.setViewportSize(DESKTOP);
  await en.goto('/policy?tab=grades');
  await en.getByTestId('policy-grades').getByTestId('policy-status-2').waitFor();
  await shot(en, 'policy-grades-1366-en');
});
