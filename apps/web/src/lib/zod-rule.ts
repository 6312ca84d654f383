// A form rule that checks a field with the shared contract's schema, so the form says what the server would.
import { fieldMessage } from '@xinhuo/shared';
import type { FormRule } from 'antd';
import type { z } from 'zod';
import type { Language } from '../i18n/language-store';

export function zodRule(schema: z.ZodType, lang: Language): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return Promise.resolve();
      const r = schema.safeParse(typeof value === 'string' ? value.trim() : value);
      if (r.success) return Promise.resolve();
      const issue = r.error.issues[0]!;
      // The shared schemas carry catalogue codes as messages (DATE_FORMAT, NAME_CHARS); others fall back to zod's code.
      const known = fieldMessage(issue.message, lang) !== issue.message;
      return Promise.reject(new Error(fieldMessage(known ? issue.message : issue.code, lang)));
    },
  };
}
