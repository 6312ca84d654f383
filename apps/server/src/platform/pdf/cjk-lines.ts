// Line breaking for Chinese text with Latin runs, after the usual 禁则 (line-start and line-end rules).

/** Closing punctuation may not begin a line (行首禁则): it stays with the character before it. */
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』〕】〗〙〛〉”’…—·～%‰,.;:?!)]}'));
/** Opening punctuation may not end a line (行尾禁则): it goes down with the character after it. */
const NO_LINE_END = new Set(Array.from('（《「『〔【〖〘〚〈“‘([{'));
/** Units that stay with the number before them: 12月23日 never ends a line on "23". */
const NUMBER_UNITS = new Set(Array.from('年月日号时分秒个位项亩元万亿'));

/** True for characters set on the full-width grid (CJK ideographs, kana, hangul, full-width forms, CJK punctuation). */
export function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    cp === 0x2014 ||
    cp === 0x2026 ||
    (cp >= 0x2018 && cp <= 0x201d)
  );
}

interface Group {
  text: string;
  isSpace: boolean;
}

/**
 * Split a paragraph into the smallest pieces a line may break between: each wide character on its
 * own, a Latin word or number whole, a run of spaces; punctuation is glued to its neighbour.
 */
function breakableGroups(text: string): Group[] {
  const groups: Group[] = [];
  let prefix = '';
  const push = (piece: string) => {
    const prev = groups[groups.length - 1];
    const first = Array.from(piece)[0] ?? '';
    const keepWithNumber = NUMBER_UNITS.has(first) && !prefix && /\d$/.test(prev?.text ?? '');
    if (prev && !prev.isSpace && (NO_LINE_START.has(first) || keepWithNumber)) prev.text += prefix + piece;
    else groups.push({ text: prefix + piece, isSpace: false });
    prefix = '';
  };
  for (const m of text.matchAll(/\s+|[^\s]/gu)) {
    const piece = m[0];
    if (/^\s/.test(piece)) {
      if (prefix) push('');
      groups.push({ text: ' ', isSpace: true });
    } else if (NO_LINE_END.has(piece)) {
      prefix += piece;
    } else if (isWide(piece) || NO_LINE_START.has(piece)) {
      push(piece);
    } else {
      // A narrow character continues the Latin word in progress (no prefix pending, not after a space).
      const prev = groups[groups.length - 1];
      const last = prev ? (Array.from(prev.text).pop() ?? '') : '';
      if (!prefix && prev && !prev.isSpace && !isWide(last)) prev.text += piece;
      else push(piece);
    }
  }
  if (prefix) push('');
  return groups;
}

export interface LineBreakOptions {
  /** The width of a line, in the unit of `measure`. */
  width: number;
  /** Less room on the first line (首行缩进). */
  firstLineIndent?: number;
  /** Width of a piece of text, in the unit of `width`. */
  measure: (text: string) => number;
}

/**
 * Break text into lines no wider than `width`, greedily, between breakable groups; a group wider
 * than a whole line is cut between characters. Newlines in the text are kept as hard breaks.
 */
export function breakLines(text: string, opts: LineBreakOptions): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((para, p) => {
    let line = '';
    let lineWidth = 0;
    const room = () => opts.width - (p === 0 && out.length === 0 ? (opts.firstLineIndent ?? 0) : 0);
    const flush = () => {
      out.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    };
    for (const g of breakableGroups(para)) {
      if (g.isSpace) {
        if (line) {
          line += ' ';
          lineWidth += opts.measure(' ');
        }
        continue;
      }
      const w = opts.measure(g.text);
      if (lineWidth + w <= room() + 1e-6) {
        line += g.text;
        lineWidth += w;
        continue;
      }
      if (line.trim()) flush();
      else line = '';
      if (w <= room() + 1e-6) {
        line = g.text;
        lineWidth = w;
        continue;
      }
      for (const ch of Array.from(g.text)) {
        const cw = opts.measure(ch);
        if (line && lineWidth + cw > room() + 1e-6) flush();
        line += ch;
        lineWidth += cw;
      }
    }
    flush();
  });
  return out;
}
