import { CANDIDATE_STATE_LABELS, type CandidateState, type Lang } from '@xinhuo/shared';
import { writeXlsxSheet } from '../../../platform/excel/xlsx-writer';

const HEADERS = {
  'zh-CN': ['层级', '批次', '选定日期', '欢送仪式', '计划人数', '姓名', '性别', '出生年月', '单位', '环节'],
  en: [
    'Tier',
    'Cohort',
    'Selected on',
    'Send-off',
    'Intake target',
    'Name',
    'Gender',
    'Born',
    'Organization',
    'Stage',
  ],
};

export interface CohortExportRow {
  name: string;
  selection_date: string;
  send_off_date: string | null;
  intake_target: number;
  tier_name_zh: string;
  tier_name_en: string;
  state: CandidateState | null;
  person_name: string | null;
  gender: string | null;
  birth_date: string | null;
  org_name: string | null;
}

/**
 * The cohorts and their members (already scoped) as .xlsx, one row per member (a cohort without members
 * in the scope: one row). Masked: no ID or phone number, the birth date to the month only.
 */
export async function writeCohortsXlsx(rows: readonly CohortExportRow[], lang: Lang): Promise<Buffer> {
  const en = lang === 'en';
  const widths = [16, 10, 12, 12, 8, 10, 6, 10, 24, 12];
  return writeXlsxSheet(
    en ? 'Cohorts' : '薪火计划批次',
    HEADERS[lang].map((header, i) => ({ header, width: widths[i]! })),
    rows.map((r) => [
      en ? r.tier_name_en : r.tier_name_zh,
      r.name,
      r.selection_date,
      r.send_off_date ?? '',
      r.intake_target,
      r.person_name ?? '',
      r.gender === null ? '' : r.gender === '2' ? (en ? 'F' : '女') : en ? 'M' : '男',
      r.birth_date?.slice(0, 7) ?? '',
      r.org_name ?? '',
      r.state ? CANDIDATE_STATE_LABELS[r.state][en ? 'en' : 'zh'] : '',
    ]),
  );
}
