import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ageAt, formMonth, renderCadreForm } from '../../src/platform/lrmx/cadre-form-pdf';
import { emptyCadreRecord } from '../../src/platform/lrmx/cadre-record';
import { sampleRecord } from '../helpers/lrmx-samples';

/** The text of each page, read back through the fonts' ToUnicode maps, without white space. */
async function pdfPages(body: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(body), verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(
        content.items
          .map((it) => ('str' in it ? it.str : ''))
          .join('')
          .replace(/\s+/g, ''),
      );
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

describe('the 干部任免审批表 as PDF', () => {
  test('two pages: the table with name, age and 简历; then family and approval boxes', async () => {
    const r = sampleRecord();
    const pages = await pdfPages(await renderCadreForm(r, { asOf: '2026-11-30' }));
    assert.equal(pages.length, 2);
    const [one, two] = pages as [string, string];
    for (const s of [
      '干部任免审批表',
      '沈立新',
      '1988.07',
      '（37岁）',
      '江苏张家港',
      '扬州大学农学院',
      '某镇党委委员',
    ])
      assert.ok(one.includes(s), s);
    for (const line of r.resume.split('\r\n')) assert.ok(one.includes(line.replace(/\s+/g, '')), line);
    for (const s of [
      '2022年被评为苏州市优秀村党组织书记',
      '称谓',
      '顾文静',
      '中共党员',
      '审批机关意见',
      '填表人：周敏',
    ])
      assert.ok(two.includes(s.replace(/\s+/g, '')), s);
    assert.ok(two.includes('妻子顾文静36中共党员'), 'the wife is 36 at 202603');
    assert.ok(two.includes('父亲沈国良群众已去世'), 'no age for a deceased member');
  });

  test('an empty record makes two pages; a long 简历 is set smaller, and what still does not fit goes on', async () => {
    assert.equal(
      (await pdfPages(await renderCadreForm(emptyCadreRecord(), { asOf: '2026-01-01' }))).length,
      2,
    );
    const resume = (n: number) =>
      Array.from({ length: n }, (_, k) => `${2000 + k}.01--某镇某村工作${k}年`).join('\n');
    const count = (page: string) => page.split('某镇某村工作').length - 1;
    const thirty = await pdfPages(
      await renderCadreForm({ ...sampleRecord(), resume: resume(30) }, { asOf: '2026-01-01' }),
    );
    assert.equal(thirty.length, 2);
    assert.equal(count(thirty[0]!), 30, 'every line on the form, set smaller');
    const long = await pdfPages(
      await renderCadreForm({ ...sampleRecord(), resume: resume(80) }, { asOf: '2026-01-01' }),
    );
    assert.equal(long.length, 3);
    assert.ok(long[2]!.startsWith('干部任免审批表（续页）简历（续）'));
    assert.equal(count(long[0]!) + count(long[2]!), 80, 'nothing cut');
  });

  test('months and ages as the form prints them', () => {
    assert.equal(formMonth('198807'), '1988.07');
    assert.equal(formMonth('20260301'), '2026.03');
    assert.equal(formMonth('201001；民盟'), '2010.01；民盟');
    assert.equal(formMonth('民盟'), '民盟');
    assert.equal(ageAt('198807', '202607'), 38);
    assert.equal(ageAt('198807', '202606'), 37);
    assert.equal(ageAt('', '202606'), null);
  });
});
