// Number and date formatting shared by the pages.
import type { Language } from '../i18n/language-store';

/** 0.9412 → "94%" (whole percent, as the article quotes it). */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return `${Math.round(share * 100)}%`;
}

/** 39.04 → "39.0". */
export function formatOneDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toFixed(1);
}

export function formatInteger(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN').format(value);
}

/** ISO timestamp → local "YYYY-MM-DD HH:mm:ss". */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Any JSON value as plain text for display (never as HTML). */
export function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details === 'string') return details;
  try {
    return JSON.stringify(details);
  } catch {
    return String(details);
  }
}

/** A list of names or labels joined as the language writes it: 书记、主任 / Secretary, Director. */
export function joinList(items: readonly string[], lang: Language): string {
  return items.join(lang === 'en' ? ', ' : '、');
}
