// 薪火计划 in the browser: the program page shows the tiers' targets 20 / 40 / 70 and the first
// 兴村特岗书记 cohort of 26; the city takes an eligible nominee from the eligibility check through
// vetting and the 任前公示 to selection, and an ineligible one shows the failing rule with its reason;
// demo-trainee sees only their own record. With XINHUO_E2E_SHOTS=<dir> it saves screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chooseOption, useDemoApp } from './harness';

const SHOTS = process.env.XINHUO_E2E_SHOTS;
const app = useDemoApp();

before(() => {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

/** The server's today (Asia/Shanghai), shifted by `days`. */
function shanghaiDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** A JSON call from inside the signed-in page (same origin, its session cookie). */
function call<T>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u as string, {
        method: m as string,
        headers: b ? { 'content-type': 'application/json' } : {},
        body: b ? JSON.stringify(b) : undefined,
      });
      return { status: r.status, json: (await r.json().catch(() => null)) as never };
    },
    [method, url, body] as const,
  );
}

/** Nominates the first of the listed people not yet an open candidate of the tier; its candidate id. */
async function nominateFirst(page: Page, tierId: string, peopleQuery: string): Promise<string> {
  const people = await call<{ items: { id: string }[] }>(
    page,
    'GET',
    `/api/people?${peopleQuery}&pageSize=50`,
  );
  for (const p of people.json.items) {
    const r = await call<{ id: string }>(page, 'POST', '/api/pipeline/candidates', {
      personId: p.id,
      tierId,
      selectionDate: shanghaiDay(),
      reason: '镇党委推荐',
    });
    if (r.status === 201) return r.json.id;
  }
  throw new Error(`no one to nominate among ${peopleQuery}`);
}

async function runStep(page: Page, action: string, fill: (page: Page) => Promise<void> = async () => {}) {
  await page.getByTestId(`action-${action}`).click();
  await fill(page);
  await page.getByTestId('step-submit').click();
  await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
}

test('the program page shows the tiers 20 / 40 / 70 and the first cohort of 26', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/pipeline');
  for (const [code, target] of [
    ['benchmark', 20],
    ['special_post', 40],
    ['vanguard', 70],
  ] as const)
    assert.match(
      (await page.getByTestId(`tier-target-${code}`).textContent()) ?? '',
      new RegExp(`目标 ${target}$`),
    );
  const first = page.getByTestId('pipeline-cohorts').locator('tr').filter({ hasText: '第一批' });
  await first.waitFor();
  const cells = await first.locator('td').allTextContents();
  assert.ok(cells.includes('兴村特岗书记') && cells.includes('2020-09-15'), cells.join('|'));
  assert.ok(cells.includes('26'), cells.join('|'));
  await shot(page, 'pipeline-1366');
  const phone = await app.signIn('demo-city', { viewport: { width: 390, height: 844 } });
  await phone.goto('/pipeline');
  await phone.getByTestId('tier-target-special_post').waitFor();
  await shot(phone, 'pipeline-390');
});

test('the city takes a nominee from the eligibility check to selection; an ineligible one shows the failing rule', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/pipeline');
  const programs = await call<{ items: { tiers: { id: string; code: string }[] }[] }>(
    page,
    'GET',
    '/api/pipeline/programs',
  );
  const vanguard = programs.json.items[0]!.tiers.find((t) => t.code === 'vanguard')!.id;

  // Too old for 青年尖兵村干 (≤ 35 on the selection date): the checklist shows the failing rule and why.
  const old = await nominateFirst(page, vanguard, 'committee=party&ageMin=55');
  await page.goto(`/pipeline/candidates/${old}`);
  await runStep(page, 'check_eligibility');
  const age = page.getByTestId('rule-max_age');
  await page.waitForSelector('[data-testid="rule-max_age"][data-outcome="fail"]');
  assert.match((await age.textContent()) ?? '', /不符合.*岁.*要求不超过 35 岁/);
  await shot(page, 'pipeline-ineligible');

  // A young college-educated village cadre: checked, vetted, noticed (started 20 days ago), selected.
  const young = await nominateFirst(page, vanguard, 'committee=party&ageMax=30&college=yes');
  await page.goto(`/pipeline/candidates/${young}`);
  await runStep(page, 'check_eligibility');
  await page.waitForSelector('[data-testid="rule-max_age"][data-outcome="pass"]');
  await runStep(page, 'vet', async (p) => {
    await p.getByTestId('step-team').fill('市委组织部考察组，镇党委');
    await p.getByTestId('step-findings').fill('群众基础好，工作实绩突出');
    await p.getByTestId('step-conclusion').fill('考察合格');
  });
  await runStep(page, 'start_notice', async (p) => {
    await p.getByTestId('step-date').fill(shanghaiDay(-20));
  });
  await page.getByTestId('notice-card').waitFor();
  assert.match((await page.getByTestId('notice-card').textContent()) ?? '', /5 个工作日/);
  await runStep(page, 'select', async (p) => {
    await p.getByTestId('step-date').fill(shanghaiDay());
    await chooseOption(p, p.getByTestId('step-cohort'), '2023年度');
  });
  await page.waitForFunction(
    () => document.querySelector('[data-testid="candidate-state"]')?.textContent === '已选定',
  );
  const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
  for (const step of ['提名', '资格审查', '考察', '任前公示', '确定人选'])
    assert.ok(timeline.includes(step), step);
  await shot(page, 'pipeline-selected');
  await page.getByTestId('notice-print-link').click();
  await page.getByTestId('notice-sheet').waitFor();
  assert.match((await page.getByTestId('notice-end').textContent()) ?? '', /个工作日/);
});

test('demo-trainee sees only their own record', async () => {
  const page = await app.signIn('demo-trainee');
  await page.waitForURL((u) => u.pathname === '/pipeline/me');
  await page.getByTestId('my-pipeline').waitFor();
  assert.match((await page.getByTestId('candidate-state').textContent()) ?? '', /培养中/);
  assert.equal((await call(page, 'GET', '/api/pipeline/candidates')).status, 403);
  assert.equal((await call(page, 'GET', '/api/pipeline/programs')).status, 403);
  assert.equal((await call(page, 'GET', '/api/people')).status, 403);
  await shot(page, 'pipeline-trainee');
});
