import { TRAINING_LABELS, type StudentStatus, type TrainingKind } from '@xinhuo/shared';
import type { Language } from '../../i18n/language-store';

const pick = (lang: Language, x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);

export const kindLabel = (kind: TrainingKind, lang: Language) => pick(lang, TRAINING_LABELS.kind[kind]);
export const studentStatusLabel = (s: StudentStatus, lang: Language) =>
  pick(lang, TRAINING_LABELS.studentStatus[s]);

/** A colour per kind, the same on the calendar and the session page. */
export const KIND_COLORS: Record<TrainingKind, string> = {
  academy_course: 'red',
  vanguard_arena: 'volcano',
  field_forum: 'green',
  spring_training: 'cyan',
  winter_training: 'blue',
  on_demand_lecture: 'purple',
};
