// ECharts options of the matter statistics. Tooltips draw rich text on canvas (names never go through innerHTML).
import type { LoopTotals, MatterCatalog, MatterStats, UnitScorecard } from '@xinhuo/shared';
import type { ChartOption } from '../../../components/Chart';
import type { Language } from '../../../i18n/language-store';
import type { Translate } from '../../../i18n/use-t';
import { categoryName, matterLabel } from '../matter-labels';

const TOOLTIP = { renderMode: 'richText', trigger: 'axis' } as const;
// The legend keeps to one line (it scrolls on a phone) and the axis names sit below it, not under it.
const LEGEND = { top: 0, type: 'scroll' } as const;
const GRID_TOP = 56;
// Colours that mean the same on every chart: solved green, side exits grey, open blue, overdue red.
const SOLVED = '#4aa564';
const SIDE = '#bfbfbf';
const OPEN = '#3b7dd8';
const OVERDUE = '#c62f2f';
const RATE = '#e8903a';
const bar = (color: string, barMaxWidth = 36) => ({ type: 'bar', itemStyle: { color }, barMaxWidth });
const sideExits = (x: LoopTotals) =>
  x.sideExits.notResponsible + x.sideExits.duplicate + x.sideExits.explained;
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** Solved, closed without solving, and still open, stacked per row; the closed-loop rate as a line. */
function stackedOption(names: string[], rows: LoopTotals[], t: Translate, rotate: boolean): ChartOption {
  return {
    tooltip: TOOLTIP,
    legend: LEGEND,
    grid: { left: 44, right: 48, top: GRID_TOP, bottom: rotate ? 88 : 36 },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: rotate ? 40 : 0, hideOverlap: false },
    },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('mstats.chart.count') },
      { type: 'value', min: 0, max: 100, name: '%', splitLine: { show: false } },
    ],
    series: [
      { ...bar(SOLVED), stack: 'm', name: t('mstats.solved'), data: rows.map((r) => r.closedSolved) },
      { ...bar(SIDE), stack: 'm', name: t('mstats.sideExits'), data: rows.map(sideExits) },
      { ...bar(OPEN), stack: 'm', name: t('mstats.open'), data: rows.map((r) => r.open) },
      {
        type: 'line',
        itemStyle: { color: RATE },
        lineStyle: { color: RATE },
        name: t('mstats.closedLoopRate'),
        yAxisIndex: 1,
        data: rows.map((r) => pct(r.closedLoopRate)),
        symbolSize: 7,
      },
    ],
  };
}

export function byCategoryOption(
  stats: MatterStats,
  catalog: MatterCatalog | undefined,
  t: Translate,
  lang: Language,
): ChartOption {
  const names = stats.byCategory.map((c) => categoryName(catalog, c.category, lang));
  return stackedOption(names, stats.byCategory, t, false);
}

export function byChildOption(stats: MatterStats, t: Translate): ChartOption {
  const rows = stats.byChild.filter((c) => c.raised > 0);
  return stackedOption(
    rows.map((c) => c.name),
    rows,
    t,
    rows.length > 8,
  );
}

export function byUnitOption(units: UnitScorecard[], t: Translate): ChartOption {
  const rows = [...units].sort((a, b) => b.assigned - a.assigned).slice(0, 20);
  return {
    tooltip: TOOLTIP,
    legend: LEGEND,
    grid: { left: 44, right: 48, top: GRID_TOP, bottom: rows.length > 8 ? 96 : 36 },
    xAxis: {
      type: 'category',
      data: rows.map((u) => u.unitName),
      axisLabel: { interval: 0, rotate: rows.length > 8 ? 40 : 0, hideOverlap: false },
    },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('mstats.chart.count') },
      { type: 'value', min: 0, max: 100, name: '%', splitLine: { show: false } },
    ],
    series: [
      { ...bar(OPEN, 28), name: t('score.assigned'), data: rows.map((u) => u.assigned) },
      { ...bar(SOLVED, 28), name: t('score.completed'), data: rows.map((u) => u.completed) },
      { ...bar(OVERDUE, 28), name: t('score.overdueOpen'), data: rows.map((u) => u.overdueOpen) },
      {
        type: 'line',
        itemStyle: { color: RATE },
        lineStyle: { color: RATE },
        name: t('score.onTimeRate'),
        yAxisIndex: 1,
        data: rows.map((u) => pct(u.onTimeRate)),
        symbolSize: 7,
      },
    ],
  };
}

export function satisfactionOption(totals: LoopTotals, lang: Language): ChartOption {
  const s = totals.satisfaction;
  return {
    color: ['#4aa564', '#a0d468', '#c62f2f', '#bfbfbf'],
    tooltip: { renderMode: 'richText', trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '60%'],
        center: ['50%', '44%'],
        // The count only: the legend below names the slices (names beside them were cut off, "Dissatisfi...").
        minShowLabelAngle: 4,
        label: { formatter: '{c}' },
        data: [
          { name: matterLabel('satisfaction', 'satisfied', lang), value: s.satisfied },
          { name: matterLabel('satisfaction', 'basic', lang), value: s.basic },
          { name: matterLabel('satisfaction', 'dissatisfied', lang), value: s.dissatisfied },
          { name: matterLabel('satisfaction', 'no_response', lang), value: s.noResponse },
        ],
      },
    ],
  };
}
