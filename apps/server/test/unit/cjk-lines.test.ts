import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { breakLines, isWide } from '../../src/platform/pdf/cjk-lines';
import { pageStarts, type Flow } from '../../src/platform/pdf/page-flow';

/** A full-width character is 1 wide, anything else ½ (a monospaced stand-in for a real font). */
const measure = (s: string) => Array.from(s).reduce((w, ch) => w + (isWide(ch) ? 1 : 0.5), 0);

describe('breaking Chinese lines', () => {
  const cases: [string, string, number, string[], number?][] = [
    ['fills each line to the width', '一二三四五六七八九十', 4, ['一二三四', '五六七八', '九十']],
    ['closing punctuation never starts a line', '一二三，四五', 3, ['一二', '三，四', '五']],
    ['a run of closing marks stays with its character', '一二三」。四', 3, ['一二', '三」。', '四']],
    ['opening punctuation never ends a line', '一二「三四', 3, ['一二', '「三四']],
    ['a number or Latin word is not split', '日期2026年', 2.5, ['日期', '2026', '年']],
    ['a decimal stays whole', '约3.5万元', 2, ['约', '3.5', '万元']],
    ['a date unit stays with its number', '办结12月23日', 3.5, ['办结', '12月', '23日']],
    ['a word longer than the line is cut between letters', 'ABCDEFGHIJ', 2, ['ABCD', 'EFGH', 'IJ']],
    ['a space at a break disappears', '编号 SX-01，完', 4, ['编号', 'SX-01，', '完']],
    ['newlines are hard breaks and empty lines are kept', '一\n\n二', 5, ['一', '', '二']],
    ['the first line is shorter by the indent', '一二三四五六', 4, ['一二', '三四五六'], 2],
    ['the empty text is one empty line', '', 4, ['']],
  ];
  for (const [name, text, width, expected, indent] of cases) {
    test(name, () => {
      const lines = breakLines(text, { width, measure, firstLineIndent: indent });
      assert.deepEqual(lines, expected);
      assert.equal(lines.join('').replace(/\s/g, ''), text.replace(/\s/g, ''), 'no character lost');
    });
  }

  test('no line is wider than the width on real-looking text', () => {
    const text =
      '现将书记讲给书记听见面会的下列事项交由你单位牵头办理（编号 SX2026-00001），请于2026年3月3日前签收。'.repeat(
        5,
      );
    for (const width of [5, 8, 13, 27.5]) {
      for (const line of breakLines(text, { width, measure })) assert.ok(measure(line) <= width, line);
    }
  });
});

describe('cutting the strip into pages', () => {
  const line = (y: number) => ({
    kind: 'text' as const,
    x: 0,
    y,
    lineHeight: 10,
    text: '字',
    weight: 'regular' as const,
    size: 8,
    color: '#000',
    spacing: 0,
  });

  test('a page break falls between lines, never through one', () => {
    const flow: Flow = { ops: [0, 10, 20, 30, 40, 50].map(line), keeps: [], end: 60 };
    assert.deepEqual(pageStarts(flow, 25), [0, 20, 40]);
  });

  test('a kept block moves to the next page whole', () => {
    const flow: Flow = { ops: [0, 10, 20, 30].map(line), keeps: [[10, 30]], end: 40 };
    assert.deepEqual(pageStarts(flow, 25), [0, 10, 30]);
  });

  test('what fits on one page is one page', () => {
    assert.deepEqual(pageStarts({ ops: [line(0)], keeps: [], end: 10 }, 25), [0]);
  });
});
