// Display labels of codes (from @xinhuo/shared tables) in the current language.
import {
  AGE_BANDS,
  DEGREES,
  EDUCATION_GROUPS,
  EDUCATION_LEVELS,
  ETHNICITIES,
  GENDERS,
  LABELS,
  POLITICAL_STATUSES,
  ROLE_LABELS,
  codeLabel,
  type Role,
} from '@xinhuo/shared';
import type { Language } from '../i18n/language-store';

interface Bilingual {
  zh: string;
  en: string;
}

function pick(label: Bilingual | undefined, fallback: string, lang: Language): string {
  if (!label) return fallback;
  return lang === 'en' ? label.en : label.zh;
}

function lookup<T extends Record<string, Bilingual>>(
  table: T,
  key: string | null | undefined,
  lang: Language,
): string {
  if (!key) return '';
  return pick((table as Record<string, Bilingual | undefined>)[key], key, lang);
}

export const labels = {
  role: (role: string, lang: Language) => lookup(ROLE_LABELS as Record<Role, Bilingual>, role, lang),
  positionRole: (role: string, lang: Language) => lookup(LABELS.positionRole, role, lang),
  orgKind: (kind: string, lang: Language) => lookup(LABELS.orgKind, kind, lang),
  subKind: (subKind: string, lang: Language) => lookup(LABELS.subKind, subKind, lang),
  partyOrgType: (type: string | null, lang: Language) => lookup(LABELS.partyOrgType, type, lang),
  gender: (code: string | null | undefined, lang: Language) => codeLabel(GENDERS, code, lang),
  ethnicity: (code: string | null | undefined, lang: Language) => codeLabel(ETHNICITIES, code, lang),
  politicalStatus: (code: string | null | undefined, lang: Language) =>
    codeLabel(POLITICAL_STATUSES, code, lang),
  degree: (code: string | null | undefined, lang: Language) => codeLabel(DEGREES, code, lang),
  /** A GB/T 4658 detail code, or an education group code (as in statistics). */
  education: (code: string | null | undefined, lang: Language) => {
    if (!code) return '';
    if (EDUCATION_GROUPS.some((g) => g.code === code)) return codeLabel(EDUCATION_GROUPS, code, lang);
    return codeLabel(EDUCATION_LEVELS, code, lang);
  },
  /** Age bands come as `<=30`, `31-35`, …, `>55`; shown compactly (the axis names the unit). */
  ageBand: (band: string) => band.replace('<=', '≤').replace('-', '–'),
};

export const AGE_BAND_ORDER: readonly string[] = AGE_BANDS;

export const codeTables = { GENDERS, POLITICAL_STATUSES, ETHNICITIES, EDUCATION_LEVELS };

/** Options for an antd Select from a code table. */
export function codeOptions(table: readonly { code: string; zh: string; en: string }[], lang: Language) {
  return table.map((e) => ({ value: e.code, label: lang === 'en' ? e.en : e.zh }));
}
