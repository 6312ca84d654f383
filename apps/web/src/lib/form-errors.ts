// Puts the server's field errors (error.fields[].path) on the matching antd form fields.
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

/** Returns true when at least one server field error matched one of `fieldNames`. */
export function applyServerFieldErrors(
  form: FormInstance,
  error: unknown,
  fieldNames: readonly string[],
): boolean {
  if (!isApiError(error) || error.fields.length === 0) return false;
  const matched = error.fields.filter((f) => fieldNames.includes(f.path.split('.')[0] ?? ''));
  if (matched.length === 0) return false;
  form.setFields(
    matched.map((f) => ({
      name: f.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [f.message],
    })),
  );
  return true;
}
