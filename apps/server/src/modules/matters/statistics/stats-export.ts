import { MATTER_LABELS, type Lang } from '@xinhuo/shared';
import { writeXlsxSheet } from '../../../platform/excel/xlsx-writer';
import type { MatterStatsService } from './matter-stats.service';

type Scorecards = Awaited<ReturnType<MatterStatsService['scorecards']>>;
type Overdue = Awaited<ReturnType<MatterStatsService['overdueNow']>>;

/** A rate 0–1 as a percentage with one decimal, for a numeric cell; empty when there is no base. */
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
const pick = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);
/** A column headed in the reader's language. */
const column = (lang: Lang) => (zh: string, en: string, width: number) => ({
  header: pick(lang, zh, en),
  width,
});

/** The unit scorecards with their ranking as a real .xlsx (numbers stay numbers, so Excel sorts them). */
export function writeScorecardsXlsx(s: Scorecards, lang: Lang): Promise<Buffer> {
  const h = column(lang);
  return writeXlsxSheet(
    pick(lang, '单位考评', 'Unit scorecards'),
    [
      h('排名', 'Rank', 6),
      h('单位', 'Unit', 24),
      h('承办', 'Assigned', 8),
      h('牵头', 'As lead', 8),
      h('办结', 'Completed', 8),
      h('在办逾期', 'Overdue open', 10),
      h('及时签收率（%）', 'Signed on time (%)', 14),
      h('按时办结率（%）', 'Completed on time (%)', 14),
      h('退单率（%）', 'Upheld returns (%)', 12),
      h('重办率（%）', 'Re-handled (%)', 12),
      h('满意率（%）', 'Satisfied (%)', 12),
      h('催办', 'Urged', 8),
      h('督办', 'Supervised', 8),
      h('通报', 'Circulated', 8),
      h('得分', 'Score', 8),
    ],
    s.items.map((u) => [
      u.rank,
      u.unitName,
      u.assigned,
      u.led,
      u.completed,
      u.overdueOpen,
      pct(u.signOnTimeRate),
      pct(u.onTimeRate),
      pct(u.returnRate),
      pct(u.rehandleRate),
      pct(u.satisfactionRate),
      u.urgeCount,
      u.superviseCount,
      u.circulateCount,
      u.score,
    ]),
  );
}

/** The "overdue now" list (one row per unit part past its deadline) as a real .xlsx. */
export function writeOverdueXlsx(o: Overdue, lang: Lang): Promise<Buffer> {
  const h = column(lang);
  const l = (x: { zh: string; en: string }) => pick(lang, x.zh, x.en);
  return writeXlsxSheet(
    pick(lang, '当前逾期事项', 'Overdue now'),
    [
      h('编号', 'Code', 14),
      h('事项名称', 'Title', 36),
      h('村（社区）', 'Village', 14),
      h('状态', 'State', 14),
      h('交办单号', 'Assignment no.', 20),
      h('承办单位', 'Unit', 22),
      h('牵头/协办', 'Lead/co', 10),
      h('办结时限', 'Due', 12),
      h('逾期工作日', 'Working days overdue', 12),
      h('催办', 'Urged', 8),
      h('督办', 'Supervised', 8),
      h('通报', 'Circulated', 8),
    ],
    o.items.map((r) => [
      r.code,
      r.title,
      r.villageName,
      l(MATTER_LABELS.state[r.state]),
      r.dispatchNo ?? '',
      r.unitName,
      r.role === 'lead' ? pick(lang, '牵头', 'lead') : pick(lang, '协办', 'co-unit'),
      r.dueDate,
      r.overdueWorkdays,
      r.urgeCount,
      r.superviseCount,
      r.circulateCount,
    ]),
  );
}
