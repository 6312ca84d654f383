import {
  CODE_TABLES,
  IMPORT_COLUMNS,
  LABELS,
  type CodeTableName,
  type ImportColumn as RosterColumnKey,
} from '@xinhuo/shared';
import type { ImportColumn, LocalText } from '../../platform/excel/import-columns';

/** Columns read from a code table: the template offers its entries as a drop-down list. */
const CODE_COLUMNS: Partial<Record<RosterColumnKey, CodeTableName>> = {
  gender: 'gender',
  ethnicity: 'ethnicity',
  politicalStatus: 'politicalStatus',
  fullTimeEducation: 'education',
  inServiceEducation: 'education',
  degree: 'degree',
};

const DATE_COLUMNS = new Set<RosterColumnKey>([
  'birthDate',
  'partyJoinDate',
  'workStartDate',
  'positionStartDate',
]);

/** Digits that must stay exact (Excel would round a long number). */
const IDENTIFIER_COLUMNS = new Set<RosterColumnKey>(['idNumber', 'phone']);

const NOTES: Partial<Record<RosterColumnKey, LocalText>> = {
  idNumber: {
    zh: '18位身份证号（15位旧号码自动升级）；请保持文本格式',
    en: '18-character ID number (15-digit old numbers are upgraded); keep the column as text',
  },
  gender: { zh: '可不填，按身份证号推出', en: 'May be left empty: taken from the ID number' },
  birthDate: { zh: '可不填，按身份证号推出', en: 'May be left empty: taken from the ID number' },
  org: {
    zh: '组织名称或代码；同名时写上级，如 杨舍镇/福前村',
    en: 'Organization name or code; with a parent when names repeat, e.g. 杨舍镇/福前村',
  },
  committee: { zh: '任职时填写：党组织 或 村（居）委会', en: 'With a post: 党组织 or 村（居）委会' },
  role: { zh: '如 书记、副书记、主任、委员', en: 'e.g. 书记, 副书记, 主任, 委员' },
};

const choicesOf = (key: RosterColumnKey, lang: 'zh' | 'en'): string[] | undefined => {
  const table = CODE_COLUMNS[key];
  if (table) return CODE_TABLES[table].map((e) => (lang === 'zh' ? e.zh : e.en));
  if (key === 'committee') return ['党组织', '村（居）委会'];
  if (key === 'role') return Object.values(LABELS.positionRole).map((l) => l[lang]);
  return undefined;
};

/** The roster import's column set for the Excel engine, in the template's language (its drop-down texts). */
export function rosterColumns(lang: 'zh-CN' | 'en'): ImportColumn[] {
  const l = lang === 'en' ? 'en' : 'zh';
  return IMPORT_COLUMNS.map((c) => ({
    key: c.key,
    header: { zh: c.zh, en: c.en },
    required: c.required,
    type: DATE_COLUMNS.has(c.key) ? 'date' : IDENTIFIER_COLUMNS.has(c.key) ? 'identifier' : 'text',
    note: NOTES[c.key],
    choices: choicesOf(c.key, l),
  }));
}

export const TEMPLATE_SHEET: LocalText = { zh: '花名册', en: 'Roster' };

export const TEMPLATE_INSTRUCTIONS: readonly LocalText[] = [
  {
    zh: '每行一人；带 * 的列必填。上传后先预检，所有错误改正后才能导入，导入要么全部成功，要么一条也不写入。',
    en: 'One person per row; columns marked * are required. An upload is checked first; nothing is imported until every error is fixed, and then all rows are imported or none.',
  },
  {
    zh: '已在花名册中的人员（按身份证号识别）可选择更新或跳过；只能导入本人管辖范围内的组织。',
    en: 'People already on the roster (matched by ID number) are updated or skipped, as you choose; only organizations within your scope can be used.',
  },
  {
    zh: '填写职务的，该职务计入组织此委员会在任职时间进行中的届次；没有这样的届次时该行报错，请先在“届次与任职”中开设届次。职务只为新增人员写入。',
    en: 'A post goes into the open term of the organization’s committee that runs on the post start date; with no such term the row is an error: open the term under “Terms and seats” first. Posts are written for new people only.',
  },
];
