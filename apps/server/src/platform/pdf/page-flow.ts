// A document laid out on one endless strip, then cut into pages between lines (never through one).
import type { CjkWeight } from './cjk-fonts';

/** One line of text; `y` is the top of its line box. */
interface TextOp {
  kind: 'text';
  x: number;
  y: number;
  lineHeight: number;
  text: string;
  weight: CjkWeight;
  size: number;
  color: string;
  /** Extra space after each character (letter spacing plus justification), in points. */
  spacing: number;
  /**
   * A table header's line, centred at drawing time in the part of its cell on the page of the cell's
   * top (a cell spanning rows may be cut by a page break): line `index` of `lines`.
   */
  middleOf?: { y: number; h: number; index: number; lines: number };
}

/** A table cell's border: cut at a page break, each part is closed on its own page. */
interface BoxOp {
  kind: 'box';
  x: number;
  y: number;
  w: number;
  h: number;
}

interface RuleOp {
  kind: 'rule';
  x: number;
  y: number;
  w: number;
  lineWidth: number;
  color: string;
}

/** The dashed placeholder of the seal over the issuer's name; `y` is where it is anchored to a page. */
interface SealOp {
  kind: 'seal';
  y: number;
  cx: number;
  cy: number;
  r: number;
  label: string;
}

export type FlowOp = TextOp | BoxOp | RuleOp | SealOp;

/** Ops on the strip plus the spans that must stay on one page. */
export interface Flow {
  ops: FlowOp[];
  keeps: [number, number][];
  end: number;
}

/**
 * Where each page starts on the strip: a page holds `pageHeight`, and a cut that would fall inside a
 * line or a kept block moves up to its top (unless that block alone is taller than a page).
 */
export function pageStarts(flow: Flow, pageHeight: number): number[] {
  const spans = [
    ...flow.keeps,
    ...flow.ops
      .filter((o): o is TextOp => o.kind === 'text' && !o.middleOf)
      .map((o): [number, number] => [o.y, o.y + o.lineHeight]),
  ];
  const starts = [0];
  let start = 0;
  while (flow.end > start + pageHeight + 1e-6) {
    let cut = start + pageHeight;
    let moved = true;
    while (moved) {
      moved = false;
      for (const [a, b] of spans) {
        if (a > start + 1e-6 && a < cut - 1e-6 && b > cut + 1e-6) {
          cut = a;
          moved = true;
        }
      }
    }
    if (cut <= start + 1e-6) cut = start + pageHeight;
    starts.push(cut);
    start = cut;
  }
  return starts;
}

/** The page index of a point of the strip (page 0 also takes what lies above the strip's top). */
export function pageOf(starts: readonly number[], y: number): number {
  let k = 0;
  while (k + 1 < starts.length && y >= starts[k + 1]! - 1e-6) k++;
  return k;
}
