import {
  DEGREES,
  EDUCATION_LEVELS,
  ETHNICITIES,
  GENDERS,
  LABELS,
  POLITICAL_STATUSES,
  codeLabel,
  ethnicityCodeFromName,
  type PersonRecord,
  type PositionRole,
} from '@xinhuo/shared';
import type { CadreField } from '../../platform/lrmx/cadre-diff';
import { LRMX_WRITER_VERSION } from '../../platform/lrmx/lrmx';
import { emptyCadreRecord, type CadreRecord, type FamilyMember } from '../../platform/lrmx/cadre-record';
import type { FieldError } from '../../platform/errors';
import type { PersonInput } from './person-rules';

// A person of the roster as a 干部任免审批表 (LRMX text, codes printed as their zh labels) and back.
// Pure: no I/O. The roster keeps codes and ISO dates; LRMX keeps display text and yyyyMM months.

/** What the form is written from: the person's columns (decrypted) and the sealed record. */
export interface CadreSource {
  name: string;
  gender: string;
  birthDate: string;
  ethnicity: string;
  idNumber: string;
  fullTimeEducation: string | null;
  inServiceEducation: string | null;
  degree: string | null;
  partyJoinDate: string | null;
  workStartDate: string | null;
  positions: { role: PositionRole; orgName: string }[];
  record: PersonRecord;
}

/**
 * The fields an LRMX import compares and may write: the ones the roster keeps. Gender and birth month
 * follow from the ID number (the match key); posts come from terms and seats; the rest of the form
 * (health, titles, 拟任/拟免, 考核, 任免理由) is not kept by the roster, so it is written out empty and
 * never offered as a change.
 */
export const LRMX_IMPORT_FIELDS = [
  'name',
  'ethnicity',
  'nativePlace',
  'birthplace',
  'partyJoin',
  'workStart',
  'fullTimeEducation.level',
  'inServiceEducation.level',
  'resume',
  'rewardsAndPunishments',
  'family',
  'photo',
] as const satisfies readonly CadreField[];
type ImportField = (typeof LRMX_IMPORT_FIELDS)[number];
const isImportField = (f: CadreField): f is ImportField =>
  (LRMX_IMPORT_FIELDS as readonly CadreField[]).includes(f);

/** `2010-03-15` → `201003`. */
const toMonth = (date: string | null) => (date ? date.slice(0, 4) + date.slice(5, 7) : '');
/** `2010-03` → `2010.03` (简历 periods). */
const dotted = (ym: string) => ym.replace('-', '.');

const PNG = [0x89, 0x50, 0x4e, 0x47];

/** The 简历 as the form prints it: `yyyy.MM--yyyy.MM  经历`, the current period open-ended. */
export function resumeText(workHistory: PersonRecord['workHistory']): string {
  return workHistory
    .map((p) => `${dotted(p.from)}--${p.to ? dotted(p.to) : ''}  ${p.text}`.trimEnd())
    .join('\r\n');
}

const RESUME_LINE =
  /^(\d{4})[.\-/年](\d{1,2})月?\s*(?:--|—+|–|-|~|至)\s*(?:(\d{4})[.\-/年](\d{1,2})月?)?\s*(.*)$/;

const ym = (y: string, m: string) => `${y}-${m.padStart(2, '0')}`;

/**
 * The 简历 periods of a form's text; a line that does not start with a period continues the one before
 * (editors wrap long entries). Null when the text has a first line that is no period at all.
 */
export function parseResume(text: string): PersonRecord['workHistory'] | null {
  const out: PersonRecord['workHistory'] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = RESUME_LINE.exec(line);
    if (m) out.push({ from: ym(m[1]!, m[2]!), to: m[3] ? ym(m[3], m[4]!) : null, text: m[5]!.trim() });
    else if (out.length > 0) out[out.length - 1]!.text += line;
    else return null;
  }
  return out;
}

/** The form of a person. Education levels, degree, family status and ethnicity print as their zh labels. */
export function cadreRecordOf(p: CadreSource, filledOn: string): CadreRecord {
  const r = emptyCadreRecord();
  const rec = p.record;
  r.name = p.name;
  r.gender = codeLabel(GENDERS, p.gender, 'zh-CN');
  r.birthMonth = toMonth(p.birthDate);
  r.ethnicity = codeLabel(ETHNICITIES, p.ethnicity, 'zh-CN');
  r.nativePlace = rec.nativePlace?.text ?? '';
  r.birthplace = rec.birthPlace?.text ?? '';
  r.partyJoin = toMonth(p.partyJoinDate);
  r.workStart = toMonth(p.workStartDate);
  for (const [kind, code, into] of [
    ['full_time', p.fullTimeEducation, r.fullTimeEducation],
    ['in_service', p.inServiceEducation, r.inServiceEducation],
  ] as const) {
    into.level = codeLabel(EDUCATION_LEVELS, code, 'zh-CN');
    // The school of the level held (else the latest of that kind) and the degree it gave.
    const rows = rec.education.filter((e) => e.kind === kind);
    const row = rows.find((e) => e.education === code) ?? rows[rows.length - 1];
    if (row) {
      into.levelSchoolMajor = [row.school, row.major ?? ''].join('').trim();
      into.degree = codeLabel(DEGREES, row.degree, 'zh-CN');
      if (row.degree) into.degreeSchoolMajor = into.levelSchoolMajor;
    }
  }
  if (!r.fullTimeEducation.degree && !r.inServiceEducation.degree && p.degree)
    r.fullTimeEducation.degree = codeLabel(DEGREES, p.degree, 'zh-CN');
  r.currentPost = p.positions.map((x) => `${x.orgName}${LABELS.positionRole[x.role].zh}`).join('，');
  r.resume = resumeText(rec.workHistory);
  r.rewardsAndPunishments = rec.rewardsPunishments ?? '';
  r.family = rec.family.map((f): FamilyMember => ({
    relation: f.relation,
    name: f.name,
    birthMonth: f.birthMonth ? f.birthMonth.replace('-', '') : '',
    politicalStatus: codeLabel(POLITICAL_STATUSES, f.politicalStatus, 'zh-CN'),
    workUnitAndPost: f.workUnit ?? '',
  }));
  r.photo = rec.photo ? Buffer.from(rec.photo.data, 'base64') : null;
  r.idNumber = p.idNumber;
  r.filledOn = filledOn.replace(/-/g, '').slice(0, 6);
  r.version = LRMX_WRITER_VERSION;
  return r;
}

/** A change to the roster from accepted fields of a form: the person's columns and record parts. */
export type CadrePatch = Partial<Omit<PersonInput, 'orgId' | 'record'>> & { record?: Partial<PersonRecord> };

const codeOf = (table: readonly { code: string; zh: string }[], text: string) =>
  table.find((e) => e.zh === text.trim())?.code ?? null;

/** yyyyMM (or yyyyMMdd, yyyy.MM) → the first of the month as an ISO date; null when it is no month. */
function monthStart(text: string): string | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(\d{4})[.\-/]?(\d{2})(?:[.\-/]?\d{2})?$/.exec(t);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  return `${m[1]}-${m[2]}-01`;
}

/**
 * The roster's change for the accepted fields of a form, each reason on its field when the text cannot
 * be kept (a level not in GB/T 4658, a month that is no month, a 简历 without periods).
 * `stored` is the record as kept, for the parts a field leaves (a place's division code).
 */
export function patchFromCadre(
  file: CadreRecord,
  accepted: readonly CadreField[],
  stored: PersonRecord,
  current?: { partyJoinDate: string | null; workStartDate: string | null },
): { patch: CadrePatch; issues: FieldError[] } {
  const patch: CadrePatch = {};
  const record: Partial<PersonRecord> = {};
  const issues: FieldError[] = [];
  const bad = (path: string, reason: string) => issues.push({ path, reason });
  const place = (text: string, was: PersonRecord['nativePlace']) =>
    text.trim() === '' ? null : { code: was?.text === text.trim() ? was.code : null, text: text.trim() };
  for (const field of accepted) {
    if (!isImportField(field)) {
      bad(field, 'FIELD_NOT_KEPT');
      continue;
    }
    switch (field) {
      case 'name':
        patch.name = file.name.trim();
        break;
      case 'ethnicity': {
        const code = ethnicityCodeFromName(file.ethnicity);
        if (code) patch.ethnicity = code;
        else bad(field, 'CODE_UNKNOWN');
        break;
      }
      case 'nativePlace':
        record.nativePlace = place(file.nativePlace, stored.nativePlace);
        break;
      case 'birthplace':
        record.birthPlace = place(file.birthplace, stored.birthPlace);
        break;
      case 'partyJoin':
      case 'workStart': {
        const key = field === 'partyJoin' ? 'partyJoinDate' : 'workStartDate';
        const date = monthStart(file[field]);
        // The same month as kept keeps the day kept (LRMX has months only).
        if (date === undefined) bad(field, 'MONTH_FORMAT');
        else if (date !== null && current?.[key]?.slice(0, 7) === date.slice(0, 7)) patch[key] = current[key];
        else patch[key] = date;
        break;
      }
      case 'fullTimeEducation.level':
      case 'inServiceEducation.level': {
        const text =
          file[field === 'fullTimeEducation.level' ? 'fullTimeEducation' : 'inServiceEducation'].level;
        const code = text.trim() === '' ? null : codeOf(EDUCATION_LEVELS, text);
        if (text.trim() !== '' && code === null) bad(field, 'CODE_UNKNOWN');
        else if (field === 'fullTimeEducation.level') patch.fullTimeEducation = code;
        else patch.inServiceEducation = code;
        break;
      }
      case 'resume': {
        const periods = parseResume(file.resume);
        if (periods === null) bad(field, 'RESUME_FORMAT');
        else record.workHistory = periods;
        break;
      }
      case 'rewardsAndPunishments':
        record.rewardsPunishments = file.rewardsAndPunishments.trim() || null;
        break;
      case 'family': {
        const family: PersonRecord['family'] = [];
        file.family.forEach((m, i) => {
          const month = monthStart(m.birthMonth);
          const status =
            m.politicalStatus.trim() === '' ? null : codeOf(POLITICAL_STATUSES, m.politicalStatus);
          if (month === undefined) bad(`family.${i}.birthMonth`, 'MONTH_FORMAT');
          if (m.politicalStatus.trim() !== '' && status === null)
            bad(`family.${i}.politicalStatus`, 'CODE_UNKNOWN');
          family.push({
            relation: m.relation.trim(),
            name: m.name.trim(),
            birthMonth: month ? month.slice(0, 7) : null,
            politicalStatus: status,
            workUnit: m.workUnitAndPost.trim() || null,
          });
        });
        record.family = family;
        break;
      }
      case 'photo': {
        const bytes = file.photo;
        record.photo = bytes
          ? {
              type: PNG.every((b, i) => bytes[i] === b) ? 'image/png' : 'image/jpeg',
              data: bytes.toString('base64'),
            }
          : null;
        break;
      }
    }
  }
  if (Object.keys(record).length > 0) patch.record = record;
  return { patch, issues };
}

/**
 * The 政治面貌 of a new person from a form, which has no such field: a 入党时间 month means a CPC member,
 * a democratic party's name its member, otherwise 群众 — to be checked on the person's page.
 */
export function politicalStatusOf(file: CadreRecord): string {
  const t = file.partyJoin.trim();
  if (/^\d{6}/.test(t)) return '01';
  const named = POLITICAL_STATUSES.find(
    (s) => s.code >= '04' && s.code <= '11' && t.includes(s.zh.slice(0, 2)),
  );
  return named?.code ?? '13';
}
