import { CANDIDATE_STATE_LABELS, type CandidateItem, type Lang } from '@xinhuo/shared';
import { writeXlsxSheet } from '../../platform/excel/xlsx-writer';

const HEADERS = {
  'zh-CN': ['姓名', '性别', '出生年月', '单位', '层级', '环节', '资格', '批次', '选拔日期'],
  en: ['Name', 'Gender', 'Born', 'Organization', 'Tier', 'Stage', 'Eligibility', 'Cohort', 'Selection date'],
};

/**
 * The candidate list (already scoped) as .xlsx. Masked: no ID or phone number, the birth date to the
 * month only (as the notice shows it).
 */
export async function writeCandidatesXlsx(rows: readonly CandidateItem[], lang: Lang): Promise<Buffer> {
  const en = lang === 'en';
  const widths = [10, 6, 10, 24, 16, 12, 10, 10, 12];
  const eligible = (c: CandidateItem) =>
    c.eligible === null
      ? ''
      : c.eligible
        ? en
          ? 'Eligible'
          : '符合'
        : c.overridden
          ? en
            ? 'Overridden'
            : '破格'
          : en
            ? 'Not eligible'
            : '不符合';
  return writeXlsxSheet(
    en ? 'Candidates' : '薪火计划候选人',
    HEADERS[lang].map((header, i) => ({ header, width: widths[i]! })),
    rows.map((c) => [
      c.personName,
      c.gender === '2' ? (en ? 'F' : '女') : en ? 'M' : '男',
      c.birthDate.slice(0, 7),
      c.orgName,
      en ? c.tierNameEn : c.tierNameZh,
      en ? CANDIDATE_STATE_LABELS[c.state].en : CANDIDATE_STATE_LABELS[c.state].zh,
      eligible(c),
      c.cohortName ?? '',
      c.selectionDate,
    ]),
  );
}
