// Training in the browser: the university class page shows the graduates of ten years (277, counted by the
// server from the students' records) with its chart; the city's staff sign an enrolled person in on a
// session page and that person's yearly hours in the hours report grow by the session's hours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDemoApp } from './harness';

const app = useDemoApp();

test('the university class page shows 277 trained over ten years, with the chart and the cohorts', async () => {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    const page = await app.signIn('demo-leader', { viewport });
    await page.goto('/training/class');
    await page.getByTestId('training-class').waitFor();
    assert.equal((await page.getByTestId('class-total').textContent())?.replace(/,/g, ''), '277');
    assert.match(await page.getByTestId('training-class').innerText(), /2011—2020 年共培养 277 人/);
    await page.getByTestId('class-chart').locator('canvas').waitFor();
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      `the class page does not scroll sideways at ${viewport.width} px`,
    );
    if (viewport.width > 800) {
      await page.getByTestId('class-cohorts').getByRole('link', { name: '2011级定制村干班' }).click();
      await page.getByTestId('training-cohort').waitFor();
      assert.match(await page.getByTestId('cohort-students').innerText(), /扬州大学|已毕业/);
    }
  }
});

const hoursOf = async (page: Page, personId: string, orgId: string) => {
  await page.goto(`/training/hours?year=2026&orgId=${orgId}`);
  const cell = page.getByTestId(`training-hours-${personId}`);
  await cell.waitFor();
  return Number(await cell.textContent());
};

test('staff sign a person in on a session page, and the hours report counts the session', async () => {
  const page = await app.signIn('demo-city');
  await page.goto('/training?month=2026-11');
  await page
    .getByTestId('training-sessions')
    .getByRole('link', { name: '先锋擂台：年度“书记项目”晒比' })
    .click();
  await page.getByTestId('training-session').waitFor();
  const sessionId = new URL(page.url()).pathname.split('/').pop()!;
  const session = (await (await page.request.get(`/api/training/sessions/${sessionId}`)).json()) as {
    hours: number;
    attended: number;
    enrollments: { personId: string; attended: boolean }[];
  };
  const absent = session.enrollments.find((e) => !e.attended);
  assert.ok(absent, 'the demo session has an enrolled person who did not sign in');
  const person = (await (await page.request.get(`/api/people/${absent.personId}`)).json()) as {
    orgId: string;
  };

  const reportPage = await app.signIn('demo-city');
  const before = await hoursOf(reportPage, absent.personId, person.orgId);

  await page.getByTestId(`training-sign-in-${absent.personId}`).click();
  await page.getByTestId(`training-sign-in-${absent.personId}`).waitFor({ state: 'detached' });
  await page
    .getByTestId('training-counts')
    .filter({ hasText: new RegExp(`^${session.attended + 1} /`) })
    .waitFor();

  const after = await hoursOf(reportPage, absent.personId, person.orgId);
  assert.equal(after, before + session.hours);
});
