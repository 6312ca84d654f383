// How the structure report's indicators read: the shared list (the workbook uses the same one) in the UI language.
import { STRUCTURE_INDICATORS } from '@xinhuo/shared';
import type { Language } from '../../i18n/language-store';
import { formatInteger, formatOneDecimal, formatPercent } from '../../lib/format';

export type StructureIndicator = (typeof STRUCTURE_INDICATORS)[number];

export function indicatorByKey(key: string): StructureIndicator {
  const found = STRUCTURE_INDICATORS.find((i) => i.key === key);
  if (!found) throw new Error(`unknown structure indicator ${key}`);
  return found;
}

export function indicatorLabel(ind: StructureIndicator, lang: Language): string {
  return lang === 'en' ? ind.en : ind.zh;
}

export function formatIndicator(ind: StructureIndicator, v: number | null, lang: Language): string {
  if (ind.unit === 'share') return formatPercent(v);
  if (ind.unit === 'years') return formatOneDecimal(v);
  return formatInteger(v, lang);
}

/** The change as text with its sign: "+3", "−2.1", "+12 pts" (shares in percentage points). */
export function formatChange(
  ind: StructureIndicator,
  prev: number | null,
  cur: number | null,
  lang: Language,
): string {
  if (prev === null || cur === null) return '–';
  const d =
    ind.unit === 'share'
      ? Math.round((cur - prev) * 100)
      : ind.unit === 'years'
        ? Math.round((cur - prev) * 10) / 10
        : cur - prev;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  const body = ind.unit === 'years' ? abs.toFixed(1) : formatInteger(abs, lang);
  return ind.unit === 'share' ? `${sign}${body}${lang === 'en' ? ' pts' : '个百分点'}` : `${sign}${body}`;
}
