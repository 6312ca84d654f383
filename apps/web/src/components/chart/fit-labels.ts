// Category axis labels that fit the width the chart is drawn at: level while the longest name fits its
// slot, wrapped onto two lines when it fits two, otherwise turned 40° and cut at LABEL_WIDTH with "…" (the
// axis tooltip and the data table name it whole), with room kept for them below the plot. Widths are estimated from the text (12 px ECharts font:
// a Chinese character about 12 px, a Latin letter or digit about 7 px), so no canvas is needed to measure.
import type { ChartOption } from '../Chart';

const TURN = 40;
const LABEL_WIDTH = 110;
/** Height below the plot a turned label needs: its width × sin 40°, plus the tick and a margin. */
const TURNED_BOTTOM = Math.ceil(LABEL_WIDTH * Math.sin((TURN * Math.PI) / 180)) + 24;
/** Height below the plot two lines of labels need. */
const WRAPPED_BOTTOM = 52;

/** The estimated width in px of `text` in ECharts' default 12 px font. */
export function labelWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 7;
  return width;
}

type Axis = Record<string, unknown> & {
  type?: string;
  data?: unknown[];
  axisLabel?: Record<string, unknown>;
};

const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const px = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);

/** How an axis shows its labels: level, wrapped at a width (px), or turned. */
export type LabelFit = 'level' | 'turn' | number;

/** How each horizontal category axis of `option` fits its labels at `width` px (one entry per x axis). */
export function fitAxes(option: ChartOption, width: number): LabelFit[] {
  const grid = (asList<Record<string, unknown>>(option.grid as Record<string, unknown> | undefined)[0] ??
    {}) as Record<string, unknown>;
  const plot = width - px(grid.left, 60) - px(grid.right, 60);
  return asList<Axis>(option.xAxis as Axis | Axis[] | undefined).map((axis) => {
    if (axis.type !== 'category' || !Array.isArray(axis.data) || axis.data.length === 0 || width <= 0) {
      return 'level';
    }
    if (px(axis.axisLabel?.rotate, 0) !== 0) return 'turn';
    // A little air between neighbours; the width in steps of 10 px, so a resize redraws only now and then.
    const room = Math.floor((plot / axis.data.length - 8) / 10) * 10;
    // A label's own line breaks are kept: its longest line counts, in the axis' font size.
    const scale = px(axis.axisLabel?.fontSize, 12) / 12;
    const names = axis.data.flatMap((d) => String(d).split('\n'));
    const longest = Math.max(...names.map(labelWidth)) * scale;
    if (longest <= room) return 'level';
    // A label that already breaks its lines is turned rather than broken further.
    if (axis.data.some((d) => String(d).includes('\n'))) return 'turn';
    // Two lines hold it when every word fits a line and the whole fits two (a word is never cut).
    const longestWord = Math.max(
      ...names
        .flatMap((n) => n.split(/\s+/))
        .map((w) => (/[\u2e80-\u9fff]/.test(w) ? 12 : labelWidth(w) * scale)),
    );
    return room >= 40 && longest <= room * 1.8 && longestWord <= room ? room : 'turn';
  });
}

/** `option` with its axes' labels fitted as `fits` says, and room kept below the plot for them. */
export function withFittedLabels(option: ChartOption, fits: LabelFit[]): ChartOption {
  if (fits.every((f) => f === 'level')) return option;
  const axes = asList<Axis>(option.xAxis as Axis | Axis[] | undefined).map((axis, i) => {
    const fit = fits[i] ?? 'level';
    if (fit === 'level') return axis;
    const label =
      fit === 'turn'
        ? { rotate: TURN, width: LABEL_WIDTH, overflow: 'truncate' }
        : { rotate: 0, width: fit, overflow: 'break', lineHeight: 14 };
    return { ...axis, axisLabel: { ...axis.axisLabel, interval: 0, hideOverlap: false, ...label } };
  });
  const bottom = fits.includes('turn') ? TURNED_BOTTOM : WRAPPED_BOTTOM;
  const grids = asList<Record<string, unknown>>(option.grid as Record<string, unknown> | undefined);
  const grid = grids.map((g, i) => (i === 0 ? { ...g, bottom: Math.max(px(g.bottom, 0), bottom) } : g));
  return {
    ...option,
    xAxis: Array.isArray(option.xAxis) ? axes : axes[0],
    grid: Array.isArray(option.grid) ? grid : (grid[0] ?? { bottom }),
  };
}
