import { parseIdNumber } from '@xinhuo/shared';
import type { FieldError } from '../../platform/errors';
import type { ImportColumn } from '../../platform/excel/import-columns';

/*
 * Pure rules of training, without I/O: which hours count, the shortfall, and the judgement of a
 * sign-in sheet's rows.
 */

export interface AttendanceRecord {
  attended: boolean;
  sessionDate: string;
  hoursTenths: number;
}

/** Hours (tenths) credited in a year: only sessions the person attended, on a date in that year. */
export function creditedTenths(records: readonly AttendanceRecord[], year: number): number {
  const prefix = `${year}-`;
  let sum = 0;
  for (const r of records) if (r.attended && r.sessionDate.startsWith(prefix)) sum += r.hoursTenths;
  return sum;
}

/** What is missing to reach the requirement (tenths), never negative. */
export function shortfallTenths(attendedTenths: number, requiredTenths: number): number {
  return Math.max(0, requiredTenths - attendedTenths);
}

/** The columns of a session's sign-in sheet: who (name and ID number) signed. */
export const SIGN_IN_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', header: { zh: '姓名', en: 'Name' }, required: true, type: 'text', width: 12 },
  {
    key: 'idNumber',
    header: { zh: '身份证号', en: 'ID number' },
    aliases: ['公民身份号码', '身份证号码'],
    required: true,
    type: 'identifier',
    width: 22,
  },
  { key: 'signature', header: { zh: '签到', en: 'Signed' }, aliases: ['签名'], type: 'text', width: 12 },
];

export interface SignInRow {
  row: number;
  name: string;
  idNumber: string;
  /** Reader findings on the row's cells (a number that lost digits, …). */
  findings: { column: string; reason: string }[];
}

/** A row's ID number as stored (normalized), or the reason it cannot be one. */
export function signInIdNumber(raw: string): { ok: true; id: string } | { ok: false; reason: string } {
  if (raw.trim() === '') return { ok: false, reason: 'required' };
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) return { ok: false, reason: parsed.error };
  return { ok: true, id: parsed.idNumber };
}

/**
 * Judges the rows of a sign-in sheet: every row must name a person of the roster in scope (by ID
 * number, the name matching), enrolled in the session, once. Returns the people to sign in, or the
 * errors by row number (`rows.<n>.<column>`): the import is all or nothing.
 */
export function judgeSignInRows(
  rows: readonly SignInRow[],
  people: ReadonlyMap<string, { id: string; name: string }>,
  enrolled: ReadonlySet<string>,
): { personIds: string[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const personIds: string[] = [];
  for (const r of rows) {
    const at = (column: string) => `rows.${r.row}.${column}`;
    if (r.findings.length > 0) {
      for (const f of r.findings) errors.push({ path: at(f.column), reason: f.reason });
      continue;
    }
    if (r.name.trim() === '') {
      errors.push({ path: at('name'), reason: 'required' });
      continue;
    }
    const id = signInIdNumber(r.idNumber);
    if (!id.ok) {
      errors.push({ path: at('idNumber'), reason: id.reason });
      continue;
    }
    const person = people.get(id.id);
    if (!person) {
      errors.push({ path: at('idNumber'), reason: 'TRAINING_PERSON_UNKNOWN' });
      continue;
    }
    if (person.name !== r.name.trim()) {
      errors.push({ path: at('name'), reason: 'TRAINING_NAME_MISMATCH' });
      continue;
    }
    if (!enrolled.has(person.id)) {
      errors.push({ path: at('idNumber'), reason: 'TRAINING_NOT_ENROLLED' });
      continue;
    }
    if (seen.has(person.id)) {
      errors.push({ path: at('idNumber'), reason: 'TRAINING_ROW_DUPLICATE' });
      continue;
    }
    seen.add(person.id);
    personIds.push(person.id);
  }
  return { personIds, errors };
}
