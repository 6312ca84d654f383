// Meetings linked to the roster: city staff add every village Party secretary of 金港镇 to a meeting
// from the roster in one pick; the saved participants link to their person pages, and so do speakers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useDemoApp } from './harness';

const app = useDemoApp();

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
  await page.getByTestId('roster-pick-org').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('金港镇', { exact: true }).click();
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
