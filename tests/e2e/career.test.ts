// The person page's career line (薪火计划 item 9): a 兴村特岗书记 of the demo placed as a village
// secretary shows, in date order, the nomination, the selection into the cohort, the training and the
// placement in the village, in Chinese and in English, on a laptop and a phone.
// With XINHUO_E2E_SHOTS=<dir> it saves screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDemoApp } from './harness';

const SHOTS = process.env.XINHUO_E2E_SHOTS;
const app = useDemoApp();

before(() => {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** A placed 特岗 candidate of the demo: the person's id and the village they were placed in. */
async function placedPerson(page: Page): Promise<{ personId: string; village: string }> {
  return page.evaluate(async () => {
    const r = await fetch('/api/pipeline/candidates?state=placed&pageSize=5');
    const list = (await r.json()) as { items: { id: string; personId: string }[] };
    const c = list.items[0]!;
    const d = (await (await fetch(`/api/pipeline/candidates/${c.id}`)).json()) as { placedOrgName: string };
    return { personId: c.personId, village: d.placedOrgName };
  });
}

test('the person page shows the career line of a placed 特岗 secretary (zh-CN and English, laptop and phone)', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/pipeline');
  const { personId, village } = await placedPerson(page);
  await page.goto(`/people/${personId}`);
  const steps = page.getByTestId('career-steps');
  await steps.waitFor();
  const kinds = await steps
    .locator('[data-kind]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  for (const k of ['nominated', 'selected', 'training_started', 'placed'])
    assert.ok(kinds.includes(k), `${k} in ${kinds.join(',')}`);
  assert.ok(kinds.indexOf('nominated') < kinds.indexOf('selected'));
  assert.ok(kinds.indexOf('training_started') < kinds.indexOf('placed'));
  const placed = (await steps.locator('[data-kind="placed"]').textContent()) ?? '';
  assert.match(placed, new RegExp(`兴村特岗书记选任到岗：${village}党组织书记`));
  assert.match(
    (await steps.locator('[data-kind="selected"]').textContent()) ?? '',
    /入选兴村特岗书记（第.批）/,
  );
  await page.getByTestId('person-career').scrollIntoViewIfNeeded();
  await shot(page, 'career-1366-zh');

  const en = await app.signIn('demo-city', { locale: 'en' });
  await en.goto(`/people/${personId}`);
  await en.getByTestId('career-steps').waitFor();
  assert.match(
    (await en.getByTestId('career-steps').locator('[data-kind="placed"]').textContent()) ?? '',
    new RegExp(`Placed \\(Special-post .*\\): party secretary of ${village}`),
  );
  await en.getByTestId('person-career').scrollIntoViewIfNeeded();
  await shot(en, 'career-1366-en');

  const phone = await app.signIn('demo-city', { viewport: { width: 390, height: 844 } });
  await phone.goto(`/people/${personId}`);
  await phone.getByTestId('career-steps').waitFor();
  const box = await phone.getByTestId('person-career').boundingBox();
  assert.ok(box && box.width <= 390, 'the card fits the phone');
  await phone.getByTestId('person-career').scrollIntoViewIfNeeded();
  await shot(phone, 'career-390-zh');
  const phoneEn = await app.signIn('demo-city', { viewport: { width: 390, height: 844 }, locale: 'en' });
  await phoneEn.goto(`/people/${personId}`);
  await phoneEn.getByTestId('career-steps').waitFor();
  await phoneEn.getByTestId('person-career').scrollIntoViewIfNeeded();
  await shot(phoneEn, 'career-390-en');
});
