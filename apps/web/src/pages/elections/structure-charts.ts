// ECharts options of the structure report: the previous term and the new one side by side.
import { STRUCTURE_AGE_BANDS, type StructureGroup } from '@xinhuo/shared';
import type { ChartOption } from '../../components/Chart';
import type { Language } from '../../i18n/language-store';
import type { Translate } from '../../i18n/use-t';
import { indicatorByKey, indicatorLabel } from './structure-format';

const TOOLTIP = { renderMode: 'richText' } as const;
const AGE_LABELS: Record<(typeof STRUCTURE_AGE_BANDS)[number], string> = {
  '<=35': '≤35',
  '36-45': '36–45',
  '46-55': '46–55',
  '>=56': '≥56',
};

export function ageBandsCompareOption(g: StructureGroup, t: Translate): ChartOption {
  return {
    tooltip: { ...TOOLTIP, trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: {
      type: 'category',
      data: STRUCTURE_AGE_BANDS.map((b) => AGE_LABELS[b]),
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('structure.previous'),
        data: g.previous.ageBands.map((b) => b.count),
        barMaxWidth: 28,
      },
      {
        type: 'bar',
        name: t('structure.current'),
        data: g.current.ageBands.map((b) => b.count),
        barMaxWidth: 28,
        label: { show: true, position: 'top' },
      },
    ],
  };
}

const SHARE_KEYS = [
  'collegeOrAbove',
  'women',
  'bornAfter1985',
  'bornAfter1990',
  'secretaryDirector',
] as const;

/** Shares in whole percent, horizontal bars so the long labels fit a phone. */
export function sharesCompareOption(g: StructureGroup, t: Translate, lang: Language): ChartOption {
  const inds = SHARE_KEYS.map(indicatorByKey);
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    tooltip: {
      ...TOOLTIP,
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v === null ? '–' : `${v}%`),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 44, top: 32, bottom: 8, containLabel: true },
    // The bars carry their values; axis labels would crowd a phone's width.
    xAxis: { type: 'value', max: 100, axisLabel: { show: false } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: inds.map((i) => indicatorLabel(i, lang).replace(/占比|比例|书记、主任/g, '')),
      // Wrapped, not cut ("Secretary also dir..."): a row has room for two lines.
      axisLabel: { width: 110, overflow: 'break', lineHeight: 14 },
    },
    series: [
      {
        type: 'bar',
        name: t('structure.previous'),
        data: inds.map((i) => pct(i.value(g.previous))),
        barMaxWidth: 12,
      },
      {
        type: 'bar',
        name: t('structure.current'),
        data: inds.map((i) => pct(i.value(g.current))),
        barMaxWidth: 12,
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  };
}
