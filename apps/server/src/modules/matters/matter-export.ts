import { MATTER_LABELS, type Lang } from '@xinhuo/shared';
import type { MatterListItem } from './matter-views';
import { writeXlsxSheet } from '../../platform/excel/xlsx-writer';

const HEADERS = {
  'zh-CN': [
    '编号',
    '标题',
    '类别',
    '村（社区）',
    '提出人',
    '提出时间',
    '状态',
    '牵头单位',
    '交办单号',
    '办理期限',
    '逾期工作日',
    '督办等级',
    '结果',
    '满意度',
  ],
  en: [
    'Code',
    'Title',
    'Category',
    'Village',
    'Raised by',
    'Raised at',
    'State',
    'Lead unit',
    'Assignment no.',
    'Deadline',
    'Overdue working days',
    'Escalation',
    'Outcome',
    'Satisfaction',
  ],
};

/** A real .xlsx of a matter list (already scoped), written by the streaming writer. */
export async function writeMattersXlsx(rows: readonly MatterListItem[], lang: Lang): Promise<Buffer> {
  const widths = [14, 40, 14, 14, 10, 18, 16, 18, 20, 12, 10, 8, 12, 10];
  const l = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
  return writeXlsxSheet(
    lang === 'en' ? 'Matters' : '事项清单',
    HEADERS[lang].map((header, i) => ({ header, width: widths[i]! })),
    rows.map((r) => [
      r.code,
      r.title,
      r.categoryName,
      r.villageName,
      r.raiserName,
      new Date(Date.parse(r.raisedAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '),
      l(MATTER_LABELS.state[r.state]),
      r.leadUnit?.name ?? '',
      r.dispatchNo ?? '',
      r.deadline ?? '',
      r.overdueWorkdays,
      r.escalationLevel,
      r.outcome ? l(MATTER_LABELS.outcome[r.outcome]) : '',
      r.satisfaction ? l(MATTER_LABELS.satisfaction[r.satisfaction]) : '',
    ]),
  );
}
