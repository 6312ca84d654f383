import {
  EDUCATION_LEVELS,
  ETHNICITIES,
  GENDERS,
  LABELS,
  POLITICAL_STATUSES,
  codeLabel,
  type Lang,
} from '@xinhuo/shared';
import { writeXlsxSheet } from '../../platform/excel/xlsx-writer';

interface ExportRow {
  name: string;
  gender: string;
  birthDate: string;
  age: number;
  ethnicity: string;
  education: string | null;
  politicalStatus: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  townName: string | null;
  orgName: string;
  positions: { role: keyof typeof LABELS.positionRole; orgName: string }[];
  isSecretaryDirector: boolean;
}

const HEADERS = {
  'zh-CN': [
    '姓名',
    '性别',
    '出生日期',
    '年龄',
    '民族',
    '学历',
    '政治面貌',
    '身份证号',
    '手机号',
    '镇（街道）',
    '所在组织',
    '职务',
    '一肩挑',
  ],
  en: [
    'Name',
    'Gender',
    'Birth date',
    'Age',
    'Ethnicity',
    'Education',
    'Political status',
    'ID number',
    'Mobile',
    'Town',
    'Organization',
    'Positions',
    'Secretary-director',
  ],
};

/** A real .xlsx of the roster rows (already masked and scoped), written by the streaming writer. */
export async function writeRosterXlsx(rows: readonly ExportRow[], lang: Lang): Promise<Buffer> {
  const widths = [10, 6, 12, 6, 8, 14, 12, 22, 14, 14, 16, 30, 8];
  const yes = lang === 'en' ? 'Yes' : '是';
  const roleLabel = (role: keyof typeof LABELS.positionRole) =>
    lang === 'en' ? LABELS.positionRole[role].en : LABELS.positionRole[role].zh;
  return writeXlsxSheet(
    lang === 'en' ? 'Roster' : '花名册',
    HEADERS[lang].map((header, i) => ({ header, width: widths[i]! })),
    rows.map((r) => [
      r.name,
      codeLabel(GENDERS, r.gender, lang),
      r.birthDate,
      r.age,
      codeLabel(ETHNICITIES, r.ethnicity, lang),
      r.education ? codeLabel(EDUCATION_LEVELS, r.education, lang) : '',
      codeLabel(POLITICAL_STATUSES, r.politicalStatus, lang),
      r.idNumberMasked,
      r.phoneMasked ?? '',
      r.townName ?? '',
      r.orgName,
      r.positions.map((p) => `${p.orgName} ${roleLabel(p.role)}`).join('；'),
      r.isSecretaryDirector ? yes : '',
    ]),
  );
}
