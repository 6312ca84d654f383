// The term election campaign (换届) in the browser: city staff start a campaign for 金港镇, nominate for
// 新塍村 (one roster person for secretary and director — 一肩挑 — and one new person), vet, hold the notice
// (started in the past so it has ended; the server counts its working days), enter results, finalize, and
// see the new committee on the org page. With XINHUO_E2E_SHOTS=<dir> it saves screenshots at 1366 and 390 px.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '@xinhuo/shared';
import { chooseTreeNode, useDemoApp, waitSelectClosed, waitTableFiltered } from './harness';

const SHOTS = process.env.XINHUO_E2E_SHOTS;
const app = useDemoApp();

before(() => {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

/** The server's today (Asia/Shanghai), shifted by `days`. */
function shanghaiDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const signIn = (username: string, viewport = { width: 1366, height: 768 }) =>
  app.signIn(username, { viewport });

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Picks the option whose text starts with `text` in the open dropdown. */
async function pickOption(page: Page, text: string): Promise<void> {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
  await waitSelectClosed(page);
}

async function step(page: Page, action: string): Promise<void> {
  await page.getByTestId(`step-${action}`).click();
  if (action !== 'start_notice') await page.getByTestId('step-confirm').click();
}

async function nominateFromRoster(page: Page, role: string, committee: string, name: string): Promise<void> {
  const form = page.getByTestId('nominate-form');
  await form.getByTestId('nominate-committee').click();
  await pickOption(page, committee);
  await form.getByTestId('nominate-role').click();
  await pickOption(page, role);
  await form.getByTestId('nominate-person').click();
  await page.keyboard.type(name);
  await pickOption(page, `${name}（`);
  await form.getByTestId('nominate-submit').click();
  await page
    .getByTestId('candidate')
    .filter({ hasText: name })
    .nth(committee === '村党组织' ? 0 : 1)
    .waitFor();
}

test('city staff run a village through the campaign to its new committee', async () => {
  const page = await signIn('demo-city');
  const today = shanghaiDay();

  // 1. Create the campaign for 金港镇 (the menu entry leads there).
  await page.getByRole('link', { name: '换届选举', exact: true }).click();
  await page.getByTestId('campaign-new').click();
  await page.getByTestId('campaign-name').fill('金港镇2026年村“两委”换届（测试）');
  await chooseTreeNode(page, page.getByTestId('campaign-scope'), '金港镇');
  await page.getByTestId('campaign-date').fill(today);
  // The negative list: a legacy default item left out, a local one added.
  await page.getByTestId('campaign-vetting-defaults').getByText('违反计划生育政策（历史遗留）').click();
  await page.getByTestId('campaign-vetting-extra').locator('input').fill('拒不履行村规民约');
  await page.getByTestId('campaign-vetting-extra').locator('input').press('Enter');
  await page.getByTestId('campaign-create-submit').click();
  await page.getByTestId('campaign-page').waitFor();
  await page.getByTestId('campaign-org-link').first().waitFor();
  const campaignPath = new URL(page.url()).pathname;
  const planning = Number(
    await page.getByTestId('campaign-count-planning').locator('.ant-statistic-content-value').innerText(),
  );
  assert.ok(planning >= 30, `金港镇's villages take part (${planning})`);
  await shot(page, 'campaign-1366');

  // 2. 新塍村: its page, found by name.
  await page.getByTestId('campaign-org-search').locator('input').fill('新塍村');
  await page.getByTestId('campaign-org-search').locator('input').press('Enter');
  await waitTableFiltered(page, 'campaign-org-table', 'campaign-org-link', '新塍村');
  await page
    .getByTestId('campaign-org-link')
    .filter({ hasText: /^新塍村$/ })
    .click();
  await page.getByTestId('campaign-org-page').waitFor();
  const orgId = new URL(page.url()).pathname.split('/').pop()!;
  const people = (await (
    await page.request.get('/api/people', { params: { orgId, page: 1, pageSize: 5, sort: 'name' } })
  ).json()) as { items: { name: string }[] };
  const chosen = people.items[0]!.name;

  await step(page, 'open_nomination');
  await page.getByTestId('nominate-form').waitFor();
  await nominateFromRoster(page, '党组织书记', '村党组织', chosen);
  await nominateFromRoster(page, '村（居）委会主任', '村（居）民委员会', chosen);
  // A new person stands for a Party committee member's seat.
  const form = page.getByTestId('nominate-form');
  await form.getByTestId('nominate-committee').click();
  await pickOption(page, '村党组织');
  await form.getByTestId('nominate-role').click();
  await pickOption(page, '党组织委员');
  await form.getByTestId('nominate-source').getByText('新增人员').click();
  const newName = '测候选';
  await form.getByTestId('nominate-name').fill(newName);
  await form.getByTestId('nominate-id').fill(makeIdNumber('320582', '1991-03-15', 27));
  await form.getByTestId('nominate-ethnicity').click();
  await pickOption(page, '01 ');
  await form.getByTestId('nominate-political').click();
  await pickOption(page, '中共党员');
  await form.getByTestId('nominate-submit').click();
  await page.getByTestId('candidate').filter({ hasText: newName }).waitFor();
  assert.equal(await page.getByTestId('candidate').count(), 3);
  await shot(page, 'campaign-org-candidates-1366');

  // 3. Vetting: the notice is refused while a check is missing, then every item is cleared.
  await step(page, 'start_vetting');
  await page.locator('[data-testid="campaign-org-page"][data-state="vetting"]').waitFor();
  await page.getByTestId('step-start_notice').click();
  await page.getByTestId('notice-start-confirm').click();
  await page.getByTestId('campaign-org-error').filter({ hasText: '资格联审尚未完成' }).waitFor();
  const cards = page.getByTestId('vetting-card');
  const checklist = await cards.first().innerText();
  assert.ok(checklist.includes('拒不履行村规民约') && !checklist.includes('计划生育'), checklist);
  for (let i = 0; i < 3; i++) {
    const card = cards.nth(i);
    const radios = card.getByText('不存在', { exact: true });
    for (let j = 0; j < (await radios.count()); j++) await radios.nth(j).click();
    await card.getByTestId('vetting-save').click();
    await card.getByText('通过', { exact: true }).waitFor();
  }
  await shot(page, 'campaign-org-vetting-1366');

  // 4. The notice, started three weeks ago: the server's end date is shown and the notice has ended.
  await page.getByTestId('step-start_notice').click();
  await page.getByTestId('notice-start-date').fill(shanghaiDay(-21));
  await page.getByTestId('notice-start-confirm').click();
  await page.locator('[data-testid="campaign-org-page"][data-state="notice"]').waitFor();
  const end = (await page.getByTestId('notice-end').innerText()).trim();
  assert.match(end, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(end > shanghaiDay(-21) && end < today, `the notice ends on ${end}`);
  assert.equal((await page.getByTestId('notice-state').innerText()).trim(), '公示期已结束');
  await shot(page, 'campaign-org-notice-1366');

  // 5. Results: everyone elected; the same person as secretary and director is 一肩挑.
  await step(page, 'open_voting');
  await page.locator('[data-testid="campaign-org-page"][data-state="voting"]').waitFor();
  const votes = page.getByTestId('result-votes');
  for (let i = 0; i < 3; i++) {
    await votes.nth(i).fill(String(300 + i));
    await page.getByTestId('result-elected').nth(i).check();
  }
  await page.getByTestId('results-save').click();
  await page.getByTestId('one-shoulder').filter({ hasText: chosen }).waitFor();
  await shot(page, 'campaign-org-results-1366');

  // 6. Finalize, then the new committee on the org page.
  await page.getByRole('tab', { name: '完成换届' }).click();
  await page.getByTestId('finalize').click();
  await page.getByTestId('finalize-confirm').click();
  await page.getByTestId('finalized').waitFor();
  assert.ok(await page.getByTestId('new-committee').getByText(newName).isVisible());
  await shot(page, 'campaign-org-finalized-1366');
  await page.getByTestId('open-org').click();
  await page.waitForURL((url) => url.pathname === `/orgs/${orgId}`);
  // The org page's terms: a term elected today holds the new member's seat.
  const newTerm = page.getByTestId('term-card').filter({ hasText: newName }).first();
  await newTerm.waitFor();
  assert.ok((await newTerm.innerText()).includes(today), 'the new term starts on the election day');
  assert.ok((await newTerm.innerText()).includes(chosen));
  await shot(page, 'org-after-campaign-1366');

  // The same pages on a phone fit the width.
  const phone = await signIn('demo-city', { width: 390, height: 844 });
  const pageWidth = () => phone.evaluate(() => document.documentElement.scrollWidth);
  await phone.goto('/elections');
  await phone.getByTestId('campaign-link').first().waitFor();
  assert.ok((await pageWidth()) <= 390, `the list is ${await pageWidth()} px wide`);
  await shot(phone, 'elections-390');
  await phone.goto(campaignPath);
  await phone.getByTestId('campaign-org-link').first().waitFor();
  assert.ok((await pageWidth()) <= 390, `the campaign is ${await pageWidth()} px wide`);
  await shot(phone, 'campaign-390');
  await phone.goto(`${campaignPath}/orgs/${orgId}`);
  await phone.getByTestId('finalized').waitFor();
  assert.ok((await pageWidth()) <= 390, `the village's part is ${await pageWidth()} px wide`);
  await shot(phone, 'campaign-org-390');
});
