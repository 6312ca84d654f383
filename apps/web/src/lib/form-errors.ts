// Puts the server's field errors (error.fields[].path) on the matching antd form fields.
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

/**
 * Returns true when at least one server field error matched one of `fieldNames`. `prefix` is taken off
 * the server's paths first (a policy version's body fields come as `body.…`).
 */
export function applyServerFieldErrors(
  form: FormInstance,
  error: unknown,
  fieldNames: readonly string[],
  prefix = '',
): boolean {
  if (!isApiError(error) || error.fields.length === 0) return false;
  const paths = error.fields.map((f) => ({
    ...f,
    path: prefix && f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path,
  }));
  const matched = paths.filter((f) => fieldNames.includes(f.path.split('.')[0] ?? ''));
  if (matched.length === 0) return false;
  form.setFields(
    matched.map((f) => ({
      name: f.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [f.message],
    })),
  );
  return true;
}
