import { TRAINING_LABELS, type Lang, type TrainingHoursRow, type UnivStudent } from '@xinhuo/shared';
import { writeXlsxSheet } from '../../platform/excel/xlsx-writer';

const l = (lang: Lang, x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);

/** The yearly hours report as a real .xlsx (ID numbers masked). */
export function writeHoursXlsx(
  report: { year: number; requiredHours: number; items: readonly TrainingHoursRow[] },
  lang: Lang,
): Promise<Buffer> {
  const headers =
    lang === 'en'
      ? ['Name', 'ID number', 'Organization', `Hours ${report.year}`, 'Required', 'Shortfall']
      : ['姓名', '身份证号', '所在组织', `${report.year}年学时`, '要求学时', '差额'];
  const widths = [12, 22, 24, 12, 10, 10];
  return writeXlsxSheet(
    lang === 'en' ? 'Training hours' : '培训学时',
    headers.map((header, i) => ({ header, width: widths[i]! })),
    report.items.map((r) => [
      r.name,
      r.idNumberMasked,
      r.orgName,
      r.hours,
      report.requiredHours,
      r.shortfall,
    ]),
  );
}

/** The university class's students as a real .xlsx (ID numbers masked). */
export function writeClassXlsx(
  rows: readonly { cohort: string; intakeYear: number; student: UnivStudent }[],
  lang: Lang,
): Promise<Buffer> {
  const headers =
    lang === 'en'
      ? [
          'Cohort',
          'Intake',
          'Name',
          'ID number',
          'Status',
          'Graduated',
          'First placement',
          'Position',
          'Later path',
        ]
      : ['班次', '入学年份', '姓名', '身份证号', '状态', '毕业日期', '首次安置', '岗位', '后续经历'];
  const widths = [18, 8, 12, 22, 8, 12, 20, 14, 30];
  return writeXlsxSheet(
    lang === 'en' ? 'Village-cadre class' : '定制村干班',
    headers.map((header, i) => ({ header, width: widths[i]! })),
    rows.map(({ cohort, intakeYear, student: s }) => [
      cohort,
      intakeYear,
      s.name,
      s.idNumberMasked,
      l(lang, TRAINING_LABELS.studentStatus[s.status]),
      s.graduationDate ?? '',
      s.placementOrgName ?? '',
      s.placementRole ?? '',
      s.laterPath ?? '',
    ]),
  );
}
