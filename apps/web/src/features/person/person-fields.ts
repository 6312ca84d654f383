// The person form's code-table options and ID-number rule, shared with the campaign's new-candidate form.
import {
  DEGREES,
  EDUCATION_LEVELS,
  ETHNICITIES,
  POLITICAL_STATUSES,
  computeCheckChar,
  fieldMessage,
  normalizeIdNumber,
  parseIdNumber,
} from '@xinhuo/shared';
import dayjs from 'dayjs';
import { useLanguage, useT } from '../../i18n/use-t';

export function useCodeOptions() {
  const lang = useLanguage();
  const of = (table: readonly { code: string; zh: string; en: string }[]) =>
    table.map((e) => ({ value: e.code, label: `${e.code} ${lang === 'en' ? e.en : e.zh}` }));
  return {
    ethnicity: of(ETHNICITIES),
    political: of(POLITICAL_STATUSES),
    education: of(EDUCATION_LEVELS),
    degree: of(DEGREES),
  };
}

/** The ID number's own message, the check digit explained with the digit it should be. */
export function useIdNumberRule(required: boolean) {
  const t = useT();
  const lang = useLanguage();
  return {
    validator: async (_: unknown, raw: string | undefined) => {
      if (!raw?.trim()) {
        if (required) throw new Error(fieldMessage('required', lang));
        return;
      }
      const id = normalizeIdNumber(raw);
      const parsed = parseIdNumber(id, dayjs().format('YYYY-MM-DD'));
      if (parsed.ok) return;
      if (parsed.error === 'ID_CHECK_DIGIT' && /^\d{17}/.test(id))
        throw new Error(
          t('personForm.idCheckDigit', { expected: computeCheckChar(id.slice(0, 17)), actual: id.slice(17) }),
        );
      throw new Error(fieldMessage(parsed.error, lang));
    },
  };
}
