import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENT_TEXTS, documentDate, documentList, fillTemplate, mastheadSize } from '../src/documents';

describe('numbered documents', () => {
  test('dates are written the GB/T 9704 way, without leading zeros', () => {
    assert.equal(documentDate('2026-01-05'), '2026年1月5日');
    assert.equal(documentDate('2026-11-27T08:00:00Z'), '2026年11月27日');
    assert.equal(documentDate('not a date'), 'not a date');
  });

  test('in English, dates, lists and punctuation are English', () => {
    assert.equal(documentDate('2026-01-05', 'en'), '5 January 2026');
    assert.equal(documentDate('2026-12-31T08:00:00Z', 'en'), '31 December 2026');
    assert.equal(documentDate('2026-13-01', 'en'), '2026-13-01');
    assert.equal(documentList(['农业农村局', '民政局'], 'en'), '农业农村局, 民政局');
    assert.equal(documentList(['农业农村局', '民政局']), '农业农村局、民政局');
    assert.equal(DOCUMENT_TEXTS.en['doc.colon'], ': ');
    for (const text of Object.values(DOCUMENT_TEXTS.en))
      assert.doesNotMatch(text, /[\u3000-\u303f\uff00-\uffef]/);
  });

  test('templates fill named placeholders and leave unknown ones', () => {
    assert.equal(
      fillTemplate(DOCUMENT_TEXTS['zh-CN']['doc.unitName'], { unit: '农业农村局', role: '牵头' }),
      '农业农村局（牵头）',
    );
    assert.equal(fillTemplate('{a}-{b}', { a: 1 }), '1-{b}');
  });

  test('both languages have the same placeholders in every text', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, zh] of Object.entries(DOCUMENT_TEXTS['zh-CN']))
      assert.deepEqual(names(DOCUMENT_TEXTS.en[key as keyof typeof DOCUMENT_TEXTS.en]), names(zh), key);
  });

  test('a long masthead gets smaller type, within 18–30 pt', () => {
    assert.equal(mastheadSize('张家港市委组织部'), 30);
    assert.equal(mastheadSize('中共张家港市委组织部书记讲给书记听工作专班'), 18);
  });
});
