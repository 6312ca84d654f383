import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCjkFonts } from '../../src/platform/pdf/cjk-fonts';

/** Every character of GB 2312 (rows 0xA1–0xF7: symbols, full-width forms and the 6,763 hanzi). */
function gb2312(): string {
  const decoder = new TextDecoder('gb18030');
  let out = '';
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      // Unassigned cells decode to the private use area.
      const isPrivate = /[\uE000-\uF8FF\uFFFD]/.test(ch);
      if (!isPrivate && (hi >= 0xb0 || hi <= 0xa3)) out += ch;
    }
  }
  return out;
}

test('the embedded fonts have a glyph for every GB 2312 hanzi and symbol, in both weights', async () => {
  const fonts = await loadCjkFonts();
  const chars = gb2312();
  assert.ok(chars.length > 6763, `decoded ${chars.length} characters`);
  for (const weight of ['regular', 'bold'] as const) {
    assert.deepEqual(fonts[weight].missingGlyphs(chars), [], weight);
    assert.deepEqual(fonts[weight].missingGlyphs('〔〕「」（）：；，。、—ABCxyz0123456789'), [], weight);
  }
  assert.equal(await loadCjkFonts(), fonts, 'loaded once and kept');
});
