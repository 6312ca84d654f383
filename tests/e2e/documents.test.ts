// The printable 交办单 in Chromium: printed to A4 by the browser itself, a demo matter's order is one
// sheet (the page sets itself tighter when it would run over); in English the document is worded,
// dated and punctuated in English, and its PDF link asks for the English PDF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDemoApp } from './harness';

const app = useDemoApp();

/** Pages of a PDF file, counted from its page objects. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

/** Dispatched demo matters, the ones with co-units (the longest orders) first. */
async function dispatchedMatters(page: Page, count: number) {
  const r = (await (
    await page.request.get('/api/matters', { params: { page: 1, pageSize: 100, sort: 'raisedAt' } })
  ).json()) as { items: { id: string; dispatchNo: string | null; description?: string }[] };
  return r.items.filter((m) => m.dispatchNo).slice(0, count);
}

async function printed(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

test('printed by the browser, each of a sample of demo 交办单 is one A4 sheet, set tighter where it would run over', async () => {
  const page = await app.signIn('demo-city');
  const matters = await dispatchedMatters(page, 4);
  assert.equal(matters.length, 4);
  const densities: string[] = [];
  for (const m of matters) {
    await page.goto(`/matters/${m.id}/assign-order`);
    await page.getByTestId('assign-order').waitFor();
    await page.evaluate(() => document.fonts.ready);
    assert.equal(pageCount(await printed(page)), 1, `${m.dispatchNo} printed on one sheet`);
    densities.push((await page.getByTestId('assign-order').getAttribute('data-density')) ?? '?');
    const recipient = (await page.getByTestId('doc-recipient').textContent()) ?? '';
    assert.match(recipient, /：$/);
    assert.match((await page.getByTestId('doc-date').textContent()) ?? '', /^\d{4}年\d{1,2}月\d{1,2}日$/);
  }
  assert.ok(
    densities.every((d) => /^[0-3]$/.test(d)) && densities.some((d) => d !== '0'),
    `each sheet is set at a density, and the usual order needs a tighter one than the standard: ${densities.join(',')}`,
  );
});

test('in English the order is worded, dated and punctuated in English, and so is its PDF', async () => {
  const page = await app.signIn('demo-city', { locale: 'en' });
  const [m] = await dispatchedMatters(page, 1);
  await page.goto(`/matters/${m!.id}/assign-order`);
  await page.getByTestId('assign-order').waitFor();
  assert.equal(await page.getByTestId('assign-order').getAttribute('lang'), 'en');
  assert.match((await page.getByTestId('doc-date').textContent()) ?? '', /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
  assert.match((await page.getByTestId('doc-recipient').textContent()) ?? '', /: $/);
  // What the raiser wrote stays as written; everything the document itself says is English.
  const typed = [
    (await page.getByTestId('doc-matter-title').innerText()) ?? '',
    (await page.locator('.xh-doc-cell-text').innerText()) ?? '',
  ];
  let body = (await page.getByTestId('assign-order').innerText()) ?? '';
  for (const t of typed) body = body.replace(t, '');
  assert.match(body, /Assignment order/);
  assert.doesNotMatch(body, /[、：（）]|\d{4}年/, 'no Chinese punctuation or dates in the English document');
  assert.equal(pageCount(await printed(page)), 1);

  const href = (await page.getByTestId('doc-pdf').getAttribute('href')) ?? '';
  assert.match(href, /assign-order\.pdf\?lang=en$/);
  const pdf = await page.request.get(href);
  assert.equal(pdf.status(), 200);
  assert.equal(pageCount(Buffer.from(await pdf.body())), 1);
});

test('公文 lists the issued orders: by kind, searched by number, each opening its document; on a phone too', async () => {
  const page = await app.signIn('demo-city');
  await page.getByRole('menuitem', { name: '公文' }).click();
  await page.getByTestId('documents-page').waitFor();
  const first = page.getByTestId('document-link').first();
  const docNo = ((await first.textContent()) ?? '').trim();
  assert.match(docNo, /^张组交〔202[56]〕\d+号$/);

  // Searched by its number: that one document; it opens the printable 交办单 with the same number.
  await page.getByTestId('documents-search').locator('input').fill(docNo);
  await page.getByTestId('documents-search').locator('input').press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === docNo);
  const { total } = (await (
    await page.request.get('/api/documents', { params: { kind: 'assign', q: docNo } })
  ).json()) as { total: number };
  assert.equal(total, 1);
  await page.locator('.ant-pagination-total-text', { hasText: '共 1 条' }).waitFor();
  await page.getByTestId('document-link').filter({ hasText: docNo }).click();
  await page.getByTestId('assign-order').waitFor();
  assert.equal((await page.getByTestId('doc-no').textContent())?.trim(), docNo);

  // 督办单: numbered in their own series; the filter stays in the address.
  await page.goto('/documents?kind=supervise');
  await page.getByTestId('document-link').first().waitFor();
  assert.match(
    ((await page.getByTestId('document-link').first().textContent()) ?? '').trim(),
    /^张组督〔202[56]〕\d+号$/,
  );

  // On a phone: cards, and the page does not scroll sideways.
  const phone = await app.signIn('demo-city', { viewport: { width: 390, height: 844 } });
  await phone.goto('/documents');
  await phone.getByTestId('document-link').first().waitFor();
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
});
