import {
  DEGREES,
  EDUCATION_LEVELS,
  ETHNICITIES,
  POLITICAL_STATUSES,
  checkPersonDates,
  highestEducation,
  isCollegeOrAbove,
  isValidMobile,
  normalizePhone,
  parseIdNumber,
  type CadreRank,
  type PersonRecord,
} from '@xinhuo/shared';
import { AppError, type FieldError } from '../../platform/errors';

export interface PersonInput {
  name: string;
  idNumber: string;
  gender?: '1' | '2';
  birthDate?: string;
  ethnicity: string;
  phone?: string | null;
  fullTimeEducation?: string | null;
  inServiceEducation?: string | null;
  degree?: string | null;
  major?: string | null;
  politicalStatus: string;
  partyJoinDate?: string | null;
  workStartDate?: string | null;
  /** 职级 of an organ cadre (中层正职/中层副职/一般干部). */
  cadreRank?: CadreRank | null;
  /** Parts of the cadre record; a part left out keeps what is stored. */
  record?: Partial<PersonRecord>;
  orgId: string;
}

export interface CheckedPerson {
  idNumber: string;
  gender: '1' | '2';
  birthDate: string;
  phone: string | null;
  highestEducation: string | null;
  isCollege: boolean;
}

const inTable = (table: readonly { code: string }[], code: string | null | undefined) =>
  code == null || table.some((e) => e.code === code);

/**
 * Pure checks of one person record: the ID number's check digit, birth date and gender derived from it and
 * cross-checked, codes from the standard tables, the shared date rules (`checkPersonDates`).
 */
export function checkPerson(input: PersonInput, today: string): CheckedPerson {
  const fields: FieldError[] = [];
  const parsed = parseIdNumber(input.idNumber, today);
  if (!parsed.ok) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'idNumber', reason: parsed.error }] });
  }
  if (
    (input.gender && input.gender !== parsed.gender) ||
    (input.birthDate && input.birthDate !== parsed.birthDate)
  ) {
    throw new AppError('PERSON_ID_MISMATCH', {
      fields: [
        {
          path: input.birthDate && input.birthDate !== parsed.birthDate ? 'birthDate' : 'gender',
          reason: 'invalid_value',
        },
      ],
    });
  }
  if (!inTable(ETHNICITIES, input.ethnicity)) fields.push({ path: 'ethnicity', reason: 'CODE_UNKNOWN' });
  if (!inTable(POLITICAL_STATUSES, input.politicalStatus))
    fields.push({ path: 'politicalStatus', reason: 'CODE_UNKNOWN' });
  if (!inTable(EDUCATION_LEVELS, input.fullTimeEducation))
    fields.push({ path: 'fullTimeEducation', reason: 'CODE_UNKNOWN' });
  if (!inTable(EDUCATION_LEVELS, input.inServiceEducation))
    fields.push({ path: 'inServiceEducation', reason: 'CODE_UNKNOWN' });
  if (!inTable(DEGREES, input.degree)) fields.push({ path: 'degree', reason: 'CODE_UNKNOWN' });
  // The shared date rules (the import and the web form check the same): not in the future, not before
  // birth, party membership from 18, work from 16.
  for (const issue of checkPersonDates(
    { birthDate: parsed.birthDate, partyJoinDate: input.partyJoinDate, workStartDate: input.workStartDate },
    today,
  ))
    fields.push({ path: issue.field, reason: issue.reason });
  let phone: string | null = null;
  if (input.phone) {
    phone = normalizePhone(input.phone);
    if (!isValidMobile(phone)) fields.push({ path: 'phone', reason: 'PHONE_FORMAT' });
  }
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  const highest = highestEducation(input.fullTimeEducation ?? null, input.inServiceEducation ?? null);
  return {
    idNumber: parsed.idNumber,
    gender: parsed.gender,
    birthDate: parsed.birthDate,
    phone,
    highestEducation: highest,
    isCollege: isCollegeOrAbove(highest),
  };
}
