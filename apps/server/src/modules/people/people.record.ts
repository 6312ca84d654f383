import {
  DEGREES,
  EDUCATION_LEVELS,
  EMPTY_PERSON_RECORD,
  PERSON_PHOTO_MAX_BYTES,
  POLITICAL_STATUSES,
  checkWorkHistory,
  type PersonRecord,
} from '@xinhuo/shared';
import type { FieldError } from '../../platform/errors';

// Pure rules of the cadre record kept with a person (no I/O): the shape is the shared contract's
// personRecordSchema; these are the checks that need more than one field or the code tables.

const inTable = (table: readonly { code: string }[], code: string | null) =>
  code === null || table.some((e) => e.code === code);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** The photo's bytes must be what its type says (a renamed file is refused) and within the size limit. */
function photoIssue(photo: NonNullable<PersonRecord['photo']>): string | null {
  const bytes = Buffer.from(photo.data, 'base64');
  if (bytes.length > PERSON_PHOTO_MAX_BYTES) return 'PHOTO_TOO_LARGE';
  const magic = photo.type === 'image/png' ? PNG : JPEG;
  return bytes.length > magic.length && magic.every((b, i) => bytes[i] === b) ? null : 'PHOTO_TYPE';
}

/**
 * Issues with a record, on `today` (YYYY-MM-DD), each on its path in the request (`record.workHistory.2.from`):
 * codes from the standard tables, no period ending before it starts or starting in the future, and the
 * 简历 contiguous by the shared gap/overlap rule.
 */
export function checkRecord(record: PersonRecord, today: string): FieldError[] {
  const fields: FieldError[] = [];
  const month = today.slice(0, 7);
  const at = (path: string, reason: string) => fields.push({ path: `record.${path}`, reason });
  if (record.photo) {
    const issue = photoIssue(record.photo);
    if (issue) at('photo', issue);
  }
  record.education.forEach((e, i) => {
    if (!inTable(EDUCATION_LEVELS, e.education)) at(`education.${i}.education`, 'CODE_UNKNOWN');
    if (!inTable(DEGREES, e.degree)) at(`education.${i}.degree`, 'CODE_UNKNOWN');
    if (e.from > month) at(`education.${i}.from`, 'DATE_IN_FUTURE');
    else if (e.to !== null && e.to < e.from) at(`education.${i}.to`, 'PERIOD_REVERSED');
  });
  record.workHistory.forEach((p, i) => {
    if (p.from > month) at(`workHistory.${i}.from`, 'DATE_IN_FUTURE');
  });
  for (const issue of checkWorkHistory(record.workHistory)) {
    const onEnd =
      issue.reason === 'WORK_HISTORY_PERIOD_REVERSED' || issue.reason === 'WORK_HISTORY_OPEN_NOT_LAST';
    at(`workHistory.${issue.index}.${onEnd ? 'to' : 'from'}`, issue.reason);
  }
  record.family.forEach((r, i) => {
    if (!inTable(POLITICAL_STATUSES, r.politicalStatus)) at(`family.${i}.politicalStatus`, 'CODE_UNKNOWN');
    if (r.birthMonth !== null && r.birthMonth > month) at(`family.${i}.birthMonth`, 'DATE_IN_FUTURE');
  });
  return fields;
}

/** A stored record merged with the parts sent (a key left out keeps what is stored). */
export function mergeRecord(
  stored: PersonRecord | null,
  parts: Partial<PersonRecord> | undefined,
): PersonRecord {
  return { ...(stored ?? EMPTY_PERSON_RECORD), ...(parts ?? {}) };
}

/** The record's parts that differ between two versions, named for the audit trail (never their values). */
export function changedRecordParts(before: PersonRecord, after: PersonRecord): string[] {
  return (Object.keys(after) as (keyof PersonRecord)[])
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `record.${k}`);
}

/** True when nothing was entered: such a record is stored as null, not sealed. */
export function isEmptyRecord(record: PersonRecord): boolean {
  return changedRecordParts(EMPTY_PERSON_RECORD, record).length === 0;
}
