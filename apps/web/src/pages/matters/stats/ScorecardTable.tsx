// Unit scorecards with their ranking: 及时签收率, 按时办结率, 退单率 (upheld returns), 重办率, 满意率, 催办 / 督办 / 通报.
import { Table, Tag } from 'antd';
import type { UnitScorecard } from '@xinhuo/shared';
import { useT } from '../../../i18n/use-t';
import { formatOneDecimal, formatPercent } from '../../../lib/format';

const byNumber = (k: keyof UnitScorecard) => (a: UnitScorecard, b: UnitScorecard) =>
  Number(a[k] ?? -1) - Number(b[k] ?? -1);

export function ScorecardTable({ items }: { items: UnitScorecard[] }) {
  const t = useT();
  const rate = (k: keyof UnitScorecard, title: string, lowIsGood = false) => ({
    key: k,
    title,
    dataIndex: k,
    align: 'right' as const,
    width: 96,
    sorter: byNumber(k),
    render: (v: number | null) => (
      <span className={v !== null && (lowIsGood ? v > 0.1 : v < 0.9) ? 'xh-rate-bad' : undefined}>
        {formatPercent(v)}
      </span>
    ),
  });
  const count = (k: keyof UnitScorecard, title: string) => ({
    key: k,
    title,
    dataIndex: k,
    align: 'right' as const,
    width: 72,
    sorter: byNumber(k),
  });
  return (
    <Table<UnitScorecard>
      size="small"
      rowKey="unitId"
      dataSource={[...items].sort((a, b) => a.rank - b.rank)}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 1300 }}
      data-testid="scorecard-table"
      columns={[
        {
          key: 'rank',
          title: t('score.rank'),
          dataIndex: 'rank',
          width: 64,
          fixed: 'left',
          render: (r: number) => (r <= 3 ? <Tag color="gold">{r}</Tag> : r),
        },
        { key: 'unit', title: t('score.unit'), dataIndex: 'unitName', fixed: 'left', width: 160 },
        count('assigned', t('score.assigned')),
        count('led', t('score.led')),
        count('completed', t('score.completed')),
        rate('signOnTimeRate', t('score.signOnTimeRate')),
        rate('onTimeRate', t('score.onTimeRate')),
        rate('returnRate', t('score.returnRate'), true),
        rate('rehandleRate', t('score.rehandleRate'), true),
        rate('satisfactionRate', t('score.satisfactionRate')),
        count('urgeCount', t('score.urge')),
        count('superviseCount', t('score.supervise')),
        count('circulateCount', t('score.circulate')),
        count('overdueOpen', t('score.overdueOpen')),
        {
          key: 'score',
          title: t('score.score'),
          dataIndex: 'score',
          align: 'right',
          width: 80,
          sorter: byNumber('score'),
          render: (v: number) => <strong>{formatOneDecimal(v)}</strong>,
        },
      ]}
    />
  );
}
