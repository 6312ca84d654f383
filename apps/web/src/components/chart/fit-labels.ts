// Category axis labels that fit the width the chart is drawn at: level while the longest name fits its
// slot, otherwise turned 40° and cut at LABEL_WIDTH with "…" (the axis tooltip and the data table name it
// whole), with room kept for them below the plot. Widths are estimated from the text (12 px ECharts font:
// a Chinese character about 12 px, a Latin letter or digit about 7 px), so no canvas is needed to measure.
import type { ChartOption } from '../Chart';

const TURN = 40;
const LABEL_WIDTH = 110;
/** Height below the plot a turned label needs: its width × sin 40°, plus the tick and a margin. */
const TURNED_BOTTOM = Math.ceil(LABEL_WIDTH * Math.sin((TURN * Math.PI) / 180)) + 24;

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

/** Which horizontal category axes of `option` must turn their labels at `width` px (one flag per x axis). */
export function turnedAxes(option: ChartOption, width: number): boolean[] {
  const grid = (asList<Record<string, unknown>>(option.grid as Record<string, unknown> | undefined)[0] ??
    {}) as Record<string, unknown>;
  const plot = width - px(grid.left, 60) - px(grid.right, 60);
  return asList<Axis>(option.xAxis as Axis | Axis[] | undefined).map((axis) => {
    if (axis.type !== 'category' || !Array.isArray(axis.data) || axis.data.length === 0 || width <= 0) {
      return false;
    }
    if (px(axis.axisLabel?.rotate, 0) !== 0) return true;
    const slot = plot / axis.data.length;
    const longest = Math.max(...axis.data.map((d) => labelWidth(String(d))));
    // A little air between neighbours.
    return longest > slot - 6;
  });
}

/** `option` with the labels of the axes flagged by `turned` turned and cut, and room kept below. */
export function withFittedLabels(option: ChartOption, turned: boolean[]): ChartOption {
  if (!turned.some(Boolean)) return option;
  const axes = asList<Axis>(option.xAxis as Axis | Axis[] | undefined).map((axis, i) =>
    turned[i]
      ? {
          ...axis,
          axisLabel: {
            ...axis.axisLabel,
            interval: 0,
            hideOverlap: false,
            rotate: TURN,
            width: LABEL_WIDTH,
            overflow: 'truncate',
          },
        }
      : axis,
  );
  const grids = asList<Record<string, unknown>>(option.grid as Record<string, unknown> | undefined);
  const grid = grids.map((g, i) =>
    i === 0 ? { ...g, bottom: Math.max(px(g.bottom, 0), TURNED_BOTTOM) } : g,
  );
  return {
    ...option,
    xAxis: Array.isArray(option.xAxis) ? axes : axes[0],
    grid: Array.isArray(option.grid) ? grid : (grid[0] ?? { bottom: TURNED_BOTTOM }),
  };
}
