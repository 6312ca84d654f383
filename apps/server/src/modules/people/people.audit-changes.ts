import { AUDIT_SENSITIVE_FIELDS, maskIdNumber, maskPersonName, maskPhone } from '@xinhuo/shared';
import type { PersonInput } from './person-rules';

type Value = string | number | boolean | null;

function masked(field: string, v: unknown): Value {
  if (v === null || v === undefined || v === '') return null;
  if (field === 'idNumber') return maskIdNumber(String(v));
  if (field === 'phone') return maskPhone(String(v));
  if (field === 'name') return maskPersonName(String(v));
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

/**
 * The old and new values of a person's changed columns, for the audit trail's readable diff: ID number,
 * phone and name only as masked (3205**************, 138****5678, 王某某), the sealed record's parts
 * (relatives, work history) by name only.
 */
export function auditedChanges(
  before: PersonInput,
  after: PersonInput,
  changed: readonly string[],
): Record<string, { from: Value; to: Value; masked?: true }> {
  const out: Record<string, { from: Value; to: Value; masked?: true }> = {};
  for (const field of changed) {
    if (field.startsWith('record.')) continue;
    const from = masked(field, (before as unknown as Record<string, unknown>)[field]);
    const to = masked(field, (after as unknown as Record<string, unknown>)[field]);
    out[field] = AUDIT_SENSITIVE_FIELDS.includes(field) ? { from, to, masked: true } : { from, to };
  }
  return out;
}
