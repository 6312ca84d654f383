/**
 * One row of the roster import workbook (people, with an optional post): the columns of the template,
 * and the row-level validation of the dry run — no database, so "already in the database" and "org not
 * in the importer's scope" are the server's part. Every issue names its column and a reason code of the
 * field-message catalogue (FIELD_MESSAGES, zh/en), with parameters and, for code-table text, suggestions.
 */
import { safeText } from '../api/common';
import type { Committee } from '../api/people';
import { highestEducation, isCollegeOrAbove } from '../codes';
import { parseIdNumber } from '../id-number';
import { isValidMobile, normalizePhone } from '../mask';
import { LABELS, PARTY_COMMITTEE_ROLES, type PositionRole } from '../org';
import type { FieldReason } from '../errors';
import { matchCode, normalizeCodeText, type CodeSuggestion, type CodeTableName } from './code-match';
import { checkPersonDates, crossCheckIdNumber, isIsoDate } from './person-checks';

/** The template's columns, in order: key, zh header, en header, required. */
export const IMPORT_COLUMNS = [
  { key: 'name', zh: '姓名', en: 'Name', required: true },
  { key: 'idNumber', zh: '身份证号', en: 'ID number', required: true },
  { key: 'gender', zh: '性别', en: 'Gender', required: false },
  { key: 'birthDate', zh: '出生日期', en: 'Birth date', required: false },
  { key: 'ethnicity', zh: '民族', en: 'Ethnicity', required: true },
  { key: 'politicalStatus', zh: '政治面貌', en: 'Political status', required: true },
  { key: 'partyJoinDate', zh: '入党时间', en: 'Party join date', required: false },
  { key: 'workStartDate', zh: '参加工作时间', en: 'Work start date', required: false },
  { key: 'phone', zh: '手机号', en: 'Mobile', required: false },
  { key: 'fullTimeEducation', zh: '全日制学历', en: 'Full-time education', required: false },
  { key: 'inServiceEducation', zh: '在职学历', en: 'In-service education', required: false },
  { key: 'degree', zh: '学位', en: 'Degree', required: false },
  { key: 'major', zh: '所学专业', en: 'Major', required: false },
  { key: 'org', zh: '所在组织', en: 'Organization', required: true },
  { key: 'committee', zh: '班子', en: 'Committee', required: false },
  { key: 'role', zh: '职务', en: 'Post', required: false },
  { key: 'positionStartDate', zh: '任职时间', en: 'Post start date', required: false },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['key'];

/** A row as read from the workbook: the text of each cell (missing, null or blank = empty). */
export type ImportRow = Partial<Record<ImportColumn, string | null>>;

export type ImportIssueReason = FieldReason;

export interface ImportIssue {
  column: ImportColumn;
  code: ImportIssueReason;
  /** A warning is reported but does not stop the row from being imported. */
  severity: 'error' | 'warning';
  params?: Record<string, string | number>;
  suggestions?: readonly CodeSuggestion[];
}

/** A row's values as the roster keeps them. */
export interface ImportPersonRow {
  name: string;
  idNumber: string;
  gender: '1' | '2';
  birthDate: string;
  ethnicity: string;
  politicalStatus: string;
  partyJoinDate: string | null;
  workStartDate: string | null;
  phone: string | null;
  fullTimeEducation: string | null;
  inServiceEducation: string | null;
  highestEducation: string | null;
  isCollege: boolean;
  degree: string | null;
  major: string | null;
  /** Org names from the top down ("杨舍镇/福前村" → ["杨舍镇", "福前村"]), or one code or name. */
  orgPath: string[];
  position: { committee: Committee; role: PositionRole; startDate: string } | null;
}

export interface ImportRowResult {
  issues: ImportIssue[];
  /** Null when any issue is an error. */
  value: ImportPersonRow | null;
}

const COMMITTEE_NAMES: Readonly<Record<string, Committee>> = {
  党组织: 'party',
  党委: 'party',
  党总支: 'party',
  党支部: 'party',
  支部: 'party',
  党组织班子: 'party',
  村委会: 'villagers',
  居委会: 'villagers',
  村居委会: 'villagers',
  '村（居）委会': 'villagers',
  村民委员会: 'villagers',
  居民委员会: 'villagers',
  party: 'party',
  villagers: 'villagers',
};

/** Short post names; 委员 alone needs the committee column. */
const ROLE_NAMES: Readonly<Record<string, PositionRole | 'member'>> = {
  书记: 'party_secretary',
  党委书记: 'party_secretary',
  党总支书记: 'party_secretary',
  党支部书记: 'party_secretary',
  支部书记: 'party_secretary',
  副书记: 'party_deputy_secretary',
  主任: 'director',
  副主任: 'deputy_director',
  委员: 'member',
};

const ROLE_BY_TEXT: ReadonlyMap<string, PositionRole | 'member'> = (() => {
  const m = new Map<string, PositionRole | 'member'>(Object.entries(ROLE_NAMES));
  for (const [role, label] of Object.entries(LABELS.positionRole) as [
    PositionRole,
    { zh: string; en: string },
  ][]) {
    m.set(normalizeCodeText(label.zh), role);
    m.set(normalizeCodeText(label.en), role);
    m.set(role, role);
  }
  return m;
})();

function roleFromText(text: string): PositionRole | 'member' | null {
  return ROLE_BY_TEXT.get(normalizeCodeText(text)) ?? null;
}

/**
 * A date cell as text: `YYYY-MM-DD`, `YYYY.MM.DD`, `YYYY/M/D`, `YYYYMMDD`, or month only
 * (`YYYY.MM`, `YYYYMM`, as 简历 and LRMX write them), which is read as the first of the month.
 * Null when it is none of these or not a real date.
 */
export function parseImportDate(text: string): string | null {
  const s = String(text ?? '')
    .normalize('NFKC')
    .trim()
    .replace(/[年月]/g, '.')
    .replace(/日$/, '')
    .replace(/\.$/, '');
  const m = /^(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${(m[3] ?? '01').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

// The same text rules as the person form (api/people.ts), built once: a zod schema is costly to build.
const NAME_TEXT = safeText(50);
const MAJOR_TEXT = safeText(60);

const cell = (row: ImportRow, column: ImportColumn): string => String(row[column] ?? '').trim();

/**
 * Validate one row on `today` (YYYY-MM-DD). Returns every issue found (a row is reported in full, not
 * stopped at its first problem) and, when there is no error, the normalized values.
 */
export function validateImportRow(row: ImportRow, today: string): ImportRowResult {
  const issues: ImportIssue[] = [];
  const error = (column: ImportColumn, code: ImportIssueReason, extra: Partial<ImportIssue> = {}) =>
    issues.push({ column, code, severity: 'error', ...extra });

  for (const c of IMPORT_COLUMNS) if (c.required && !cell(row, c.key)) error(c.key, 'required');

  const nameText = cell(row, 'name');
  let name = '';
  if (nameText) {
    const parsed = NAME_TEXT.safeParse(row.name);
    if (parsed.success) name = parsed.data;
    else error('name', (parsed.error.issues[0]?.message as FieldReason | undefined) ?? 'invalid_value');
  }

  const idText = cell(row, 'idNumber');
  const id = idText ? parseIdNumber(idText, today) : null;
  if (id && !id.ok) error('idNumber', id.error);
  if (id?.ok && !id.regionListed) {
    issues.push({
      column: 'idNumber',
      code: 'ID_REGION_UNLISTED',
      severity: 'warning',
      params: { region: id.regionCode },
    });
  }

  const code = (column: ImportColumn, table: CodeTableName): string | null => {
    const text = cell(row, column);
    if (!text) return null;
    const m = matchCode(table, text);
    if (m.ok) return m.code;
    error(column, 'CODE_UNKNOWN', { params: { text }, suggestions: m.suggestions });
    return null;
  };
  const gender = code('gender', 'gender');
  const ethnicity = code('ethnicity', 'ethnicity');
  const politicalStatus = code('politicalStatus', 'politicalStatus');
  const fullTimeEducation = code('fullTimeEducation', 'education');
  const inServiceEducation = code('inServiceEducation', 'education');
  const degree = code('degree', 'degree');

  const date = (column: ImportColumn): string | null => {
    const text = cell(row, column);
    if (!text) return null;
    const d = parseImportDate(text);
    if (d === null) error(column, 'DATE_FORMAT', { params: { text } });
    return d;
  };
  const birthDate = date('birthDate');
  const partyJoinDate = date('partyJoinDate');
  const workStartDate = date('workStartDate');
  const positionStartDate = date('positionStartDate');

  if (id?.ok) {
    for (const i of crossCheckIdNumber(id, { birthDate, gender })) error(i.field, i.reason);
    for (const i of checkPersonDates({ birthDate: id.birthDate, partyJoinDate, workStartDate }, today)) {
      error(i.field, i.reason);
    }
    if (positionStartDate !== null) {
      if (positionStartDate > today) error('positionStartDate', 'DATE_IN_FUTURE');
      else if (positionStartDate < id.birthDate) error('positionStartDate', 'DATE_BEFORE_BIRTH');
    }
  }

  let phone: string | null = null;
  if (cell(row, 'phone')) {
    phone = normalizePhone(cell(row, 'phone'));
    if (!isValidMobile(phone)) error('phone', 'PHONE_FORMAT');
  }

  let major: string | null = null;
  if (cell(row, 'major')) {
    const parsed = MAJOR_TEXT.safeParse(row.major);
    if (parsed.success) major = parsed.data;
    else error('major', (parsed.error.issues[0]?.message as FieldReason | undefined) ?? 'invalid_value');
  }

  const orgPath = cell(row, 'org')
    .normalize('NFKC')
    .split(/[/>\\]/)
    .map((s) => s.trim())
    .filter(Boolean);

  const position = checkPosition(row, positionStartDate, error);

  if (issues.some((i) => i.severity === 'error') || !id?.ok) return { issues, value: null };
  const highest = highestEducation(fullTimeEducation, inServiceEducation);
  return {
    issues,
    value: {
      name,
      idNumber: id.idNumber,
      gender: id.gender,
      birthDate: id.birthDate,
      ethnicity: ethnicity!,
      politicalStatus: politicalStatus!,
      partyJoinDate,
      workStartDate,
      phone,
      fullTimeEducation,
      inServiceEducation,
      highestEducation: highest,
      isCollege: isCollegeOrAbove(highest),
      degree,
      major,
      orgPath,
      position,
    },
  };
}

/** The post columns: all empty (no post), or a role and a start date; the committee when 委员 needs it. */
function checkPosition(
  row: ImportRow,
  startDate: string | null,
  error: (column: ImportColumn, code: ImportIssueReason) => void,
): ImportPersonRow['position'] {
  const committeeText = cell(row, 'committee');
  const roleText = cell(row, 'role');
  if (!committeeText && !roleText && !cell(row, 'positionStartDate')) return null;
  let committee: Committee | null = null;
  if (committeeText) {
    committee = COMMITTEE_NAMES[normalizeCodeText(committeeText)] ?? null;
    if (committee === null) error('committee', 'invalid_value');
  }
  if (!roleText) {
    error('role', 'required');
    return null;
  }
  if (!cell(row, 'positionStartDate')) error('positionStartDate', 'required');
  const found = roleFromText(roleText);
  let role: PositionRole | null = null;
  if (found === null) error('role', 'invalid_value');
  else if (found === 'member') {
    if (committee === 'party') role = 'party_member';
    else if (committee === 'villagers') role = 'committee_member';
    else if (!committeeText) error('committee', 'required');
  } else {
    role = found;
    const roleCommittee: Committee = PARTY_COMMITTEE_ROLES.includes(found) ? 'party' : 'villagers';
    if (committee !== null && committee !== roleCommittee) error('role', 'ROLE_COMMITTEE_MISMATCH');
    committee ??= roleCommittee;
  }
  if (role === null || committee === null || startDate === null) return null;
  return { committee, role, startDate };
}

/**
 * Rows that carry the same person (same ID number once normalized and upgraded to 18 digits): for each
 * such ID, the row indexes in file order. Rows whose ID does not parse are left to the row check.
 */
export function findDuplicateIdRows(rows: readonly ImportRow[], today: string): number[][] {
  const byId = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const parsed = parseIdNumber(cell(row, 'idNumber'), today);
    if (!parsed.ok) return;
    const list = byId.get(parsed.idNumber) ?? [];
    list.push(index);
    byId.set(parsed.idNumber, list);
  });
  return [...byId.values()].filter((list) => list.length > 1);
}

/**
 * The in-file duplicate check one row at a time (an import reads its file as a stream and keeps no rows):
 * called with each row in file order and its number, it gives the issue on the idNumber column of a row
 * whose person an earlier row already carries, naming that first row's number.
 */
export function duplicateIdTracker(today: string): (row: ImportRow, rowNumber: number) => ImportIssue | null {
  const firstRow = new Map<string, number>();
  return (row, rowNumber) => {
    const parsed = parseIdNumber(cell(row, 'idNumber'), today);
    if (!parsed.ok) return null;
    const first = firstRow.get(parsed.idNumber);
    if (first === undefined) {
      firstRow.set(parsed.idNumber, rowNumber);
      return null;
    }
    return {
      column: 'idNumber',
      code: 'IMPORT_DUPLICATE_IN_FILE',
      severity: 'error',
      params: { firstRow: first },
    };
  };
}

/** The in-file duplicates as issues on the idNumber column, for every row after the first of its ID. */
export function duplicateIdIssues(rows: readonly ImportRow[], today: string): Map<number, ImportIssue> {
  const check = duplicateIdTracker(today);
  const issues = new Map<number, ImportIssue>();
  rows.forEach((row, index) => {
    const issue = check(row, index);
    if (issue) issues.set(index, issue);
  });
  return issues;
}
