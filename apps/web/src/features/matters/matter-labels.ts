// Display labels and colours of the matter loop's codes (from MATTER_LABELS in @xinhuo/shared).
import { MATTER_LABELS, type MatterCatalog, type MatterState } from '@xinhuo/shared';
import type { Language } from '../../i18n/language-store';
import type { Translate } from '../../i18n/use-t';

type Group = keyof typeof MATTER_LABELS;

/** The label of `code` in table `group`, or the code itself when unknown. */
export function matterLabel(group: Group, code: string | null | undefined, lang: Language): string {
  if (!code) return '';
  const table = MATTER_LABELS[group] as Record<string, { zh: string; en: string } | undefined>;
  const label = table[code];
  if (!label) return code;
  return lang === 'en' ? label.en : label.zh;
}

export const STATE_COLORS: Record<MatterState, string> = {
  registered: 'default',
  dispatched: 'gold',
  returned: 'volcano',
  in_progress: 'processing',
  submitted: 'purple',
  awaiting_feedback: 'cyan',
  dissatisfied: 'magenta',
  closed: 'success',
};

export const SATISFACTION_COLORS: Record<string, string> = {
  satisfied: 'green',
  basic: 'lime',
  dissatisfied: 'red',
  no_response: 'default',
};

/** Kanban columns: the states grouped the way people ask "where is it". */
export const STATE_GROUPS = [
  { key: 'toAssign', states: ['registered'] },
  { key: 'toSign', states: ['dispatched', 'returned'] },
  { key: 'handling', states: ['in_progress'] },
  { key: 'toVerify', states: ['submitted'] },
  { key: 'toRate', states: ['awaiting_feedback', 'dissatisfied'] },
  { key: 'closed', states: ['closed'] },
] as const satisfies readonly { key: string; states: readonly MatterState[] }[];
export type StateGroupKey = (typeof STATE_GROUPS)[number]['key'];

export function categoryName(catalog: MatterCatalog | undefined, code: string, lang: Language): string {
  const c = catalog?.categories.find((x) => x.code === code);
  if (!c) return code;
  return lang === 'en' ? c.nameEn : c.nameZh;
}

export function priorityName(catalog: MatterCatalog | undefined, code: string, lang: Language): string {
  const p = catalog?.priorities.find((x) => x.code === code);
  if (!p) return code;
  return lang === 'en' ? p.nameEn : p.nameZh;
}

const WITH_UNITS: readonly MatterState[] = ['dispatched', 'returned', 'in_progress'];

/** With the units, not overdue, and due within three calendar days: the yellow light (red is the server's isOverdue). */
export function isDueSoon(
  m: { state: MatterState; isOverdue: boolean; deadline: string | null },
  today: string,
): boolean {
  if (!WITH_UNITS.includes(m.state) || m.isOverdue || !m.deadline) return false;
  const days = (Date.parse(m.deadline) - Date.parse(today)) / 86_400_000;
  return days >= 0 && days <= 3;
}

/** "逾期 3 个工作日", or "已逾期（不足 1 个工作日）" when the deadline passed today or over a weekend. */
export function overdueText(t: Translate, days: number): string {
  return days > 0 ? t('matter.overdueDays', { days }) : t('matter.overdueToday');
}
