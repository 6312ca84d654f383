// Unit scorecards with their ranking (rank, unit and 得分 fixed on the left, so the basis of the ranking is
// always in view): 及时签收率, 按时办结率, 退单率 (upheld returns), 重办率, 满意率, 催办 / 督办 / 通报.
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UnitScorecard } from '@xinhuo/shared';
import { useColumnSettings } from '../../../components/ColumnSettings';
import { useT } from '../../../i18n/use-t';
import { formatOneDecimal, formatPercent } from '../../../lib/format';

const byNumber = (k: keyof UnitScorecard) => (a: UnitScorecard, b: UnitScorecard) =>
  Number(a[k] ?? -1) - Number(b[k] ?? -1);

/** Hidden until shown in 列设置: the supervision counts (their effect is in the score already). */
const SCORECARD_DEFAULT_HIDDEN = ['urgeCount', 'superviseCount', 'circulateCount'];

export function ScorecardTable({ items }: { items: UnitScorecard[] }) {
  const t = useT();
  const rate = (k: keyof UnitScorecard, title: string, lowIsGood = false) => ({
    key: k,
    title,
    dataIndex: k,
    align: 'right' as const,
    width: 88,
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
    width: 64,
    sorter: byNumber(k),
  });
  const columns: ColumnsType<UnitScorecard> = [
    {
      key: 'rank',
      title: t('score.rank'),
      dataIndex: 'rank',
      width: 56,
      fixed: 'left',
      render: (r: number) => (r <= 3 ? <Tag color="gold">{r}</Tag> : r),
    },
    { key: 'unit', title: t('score.unit'), dataIndex: 'unitName', fixed: 'left', width: 150 },
    {
      key: 'score',
      title: t('score.score'),
      dataIndex: 'score',
      align: 'right',
      width: 72,
      fixed: 'left',
      sorter: byNumber('score'),
      render: (v: number) => <strong>{formatOneDecimal(v)}</strong>,
    },
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
  ];
  const settings = useColumnSettings('scorecards', columns, {
    locked: ['rank', 'unit', 'score'],
    defaultHidden: SCORECARD_DEFAULT_HIDDEN,
  });
  return (
    <>
      {settings.control && <div className="xh-table-tools">{settings.control}</div>}
      <Table<UnitScorecard>
        size={settings.size}
        rowKey="unitId"
        dataSource={[...items].sort((a, b) => a.rank - b.rank)}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={settings.scroll}
        data-testid="scorecard-table"
        columns={settings.columns}
      />
    </>
  );
}
