// The Chinese fonts of generated PDFs: Noto Serif SC (SIL OFL 1.1, embedding allowed), whole TTFs
// shipped by an npm package, so a fresh machine without any CJK font renders the same documents.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

export type CjkWeight = keyof typeof FONT_FILES;

/** A parsed font with the metrics the typesetter needs, in points for a given size. */
interface CjkFont {
  readonly font: Font;
  /** Width of text set at `size` points, without letter spacing. */
  widthOf(text: string, size: number): number;
  /** Ascent and descent (positive) as fractions of the font size. */
  readonly ascent: number;
  readonly descent: number;
  /** Characters of text that the font has no glyph for. */
  missingGlyphs(text: string): string[];
}

export type CjkFonts = Record<CjkWeight, CjkFont>;

function wrap(font: Font): CjkFont {
  // Advance widths in font units, per string: lines are measured piece by piece, mostly single characters.
  const widths = new Map<string, number>();
  const units = (text: string) => {
    let w = widths.get(text);
    if (w === undefined) {
      w = font.layout(text).advanceWidth;
      if (widths.size < 50_000) widths.set(text, w);
    }
    return w;
  };
  return {
    font,
    widthOf: (text, size) => (units(text) * size) / font.unitsPerEm,
    ascent: font.ascent / font.unitsPerEm,
    descent: Math.abs(font.descent) / font.unitsPerEm,
    missingGlyphs: (text) =>
      Array.from(new Set(Array.from(text))).filter(
        (ch) => /\S/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!),
      ),
  };
}

async function load(): Promise<CjkFonts> {
  const require = createRequire(import.meta.url);
  const open = async (weight: CjkWeight) => {
    const parsed = create(await readFile(require.resolve(FONT_FILES[weight])));
    if (!('layout' in parsed)) throw new Error(`${FONT_FILES[weight]} is a font collection`);
    return wrap(parsed);
  };
  const [regular, bold] = await Promise.all([open('regular'), open('bold')]);
  return { regular, bold };
}

let cached: Promise<CjkFonts> | undefined;

/** The fonts, read and parsed on first use (~30 MB of TTF) and kept for the life of the process. */
export function loadCjkFonts(): Promise<CjkFonts> {
  cached ??= load().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
