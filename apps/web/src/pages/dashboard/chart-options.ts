// ECharts options for the dashboard. Tooltips use richText (drawn on canvas): org names never go through innerHTML.
import { EDUCATION_GROUPS } from '@xinhuo/shared';
import type { RosterStats } from '@xinhuo/shared';
import type { ChartOption } from '../../components/Chart';
import type { Language } from '../../i18n/language-store';
import type { Translate } from '../../i18n/use-t';
import { AGE_BAND_ORDER, labels } from '../../lib/labels';

const TOOLTIP = { renderMode: 'richText' } as const;

/**
 * Pie labels as whole percentages only, the legend below names the slices (a name beside its slice was cut
 * off at the card's edge in English, "emale 35%"); slivers under 8° stay unlabeled.
 */
const PIE_LABEL = {
  formatter: (p: { percent: number }) => `${Math.round(p.percent)}%`,
  overflow: 'none',
};

function orderIndex(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

export function ageBandsOption(stats: RosterStats, t: Translate): ChartOption {
  const bands = [...stats.ageBands].sort(
    (a, b) => orderIndex(AGE_BAND_ORDER, a.band) - orderIndex(AGE_BAND_ORDER, b.band),
  );
  return {
    tooltip: { ...TOOLTIP, trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: {
      type: 'category',
      name: t('unit.years'),
      data: bands.map((b) => labels.ageBand(b.band)),
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('chart.people'),
        data: bands.map((b) => b.count),
        barMaxWidth: 40,
        label: { show: true, position: 'top' },
      },
    ],
  };
}

export function educationOption(stats: RosterStats, lang: Language): ChartOption {
  const groupOrder = EDUCATION_GROUPS.map((g) => g.code as string);
  const rows = [...stats.education].sort(
    (a, b) => orderIndex(groupOrder, a.level) - orderIndex(groupOrder, b.level),
  );
  return {
    tooltip: { ...TOOLTIP, trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 10, itemGap: 8 },
    series: [
      {
        type: 'pie',
        radius: ['34%', '58%'],
        center: ['50%', '42%'],
        minShowLabelAngle: 8,
        label: PIE_LABEL,
        data: rows.map((row) => ({ name: labels.education(row.level, lang) || row.level, value: row.count })),
      },
    ],
  };
}

export function genderOption(stats: RosterStats, lang: Language): ChartOption {
  return {
    color: ['#3b7dd8', '#e0607e'],
    tooltip: { ...TOOLTIP, trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: '55%',
        center: ['50%', '44%'],
        minShowLabelAngle: 8,
        label: PIE_LABEL,
        data: [
          { name: labels.gender('1', lang), value: stats.gender.male },
          { name: labels.gender('2', lang), value: stats.gender.female },
        ],
      },
    ],
  };
}

export function byChildOption(stats: RosterStats, t: Translate): ChartOption {
  const names = stats.byChild.map((c) => c.name);
  const crowded = names.length > 12;
  return {
    tooltip: { ...TOOLTIP, trigger: 'axis' },
    // One legend line (it scrolls on a phone), the axis names below it.
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 48, top: 56, bottom: crowded ? 96 : 40 },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: crowded ? 45 : 0, hideOverlap: false },
      triggerEvent: true,
    },
    yAxis: [
      { type: 'value', name: t('chart.members'), minInterval: 1 },
      { type: 'value', name: t('chart.averageAge'), min: 20, max: 60, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: t('chart.members'),
        data: stats.byChild.map((c) => c.members),
        barMaxWidth: 36,
        cursor: 'pointer',
      },
      {
        type: 'line',
        name: t('chart.averageAge'),
        yAxisIndex: 1,
        data: stats.byChild.map((c) => (c.averageAge === null ? null : Number(c.averageAge.toFixed(1)))),
        symbolSize: 7,
      },
    ],
  };
}
