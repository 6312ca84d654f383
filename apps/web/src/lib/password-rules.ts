// Form rules shared by every page where someone chooses a password (activation, password change).
import type { FormRule } from 'antd';
import type { Translate } from '../i18n/use-t';

/** The confirmation field: required, and equal to the `newPassword` field of the same form. */
export function confirmPasswordRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('password.required') },
    ({ getFieldValue }) => ({
      validator: (_rule, value: string | undefined) =>
        !value || value === getFieldValue('newPassword')
          ? Promise.resolve()
          : Promise.reject(new Error(t('password.mismatch'))),
    }),
  ];
}
