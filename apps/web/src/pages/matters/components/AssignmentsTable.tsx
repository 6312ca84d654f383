// The units a matter is assigned to (lead and co-units, each with its own deadline), and its supervision record.
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useColumnSettings } from '../../../components/ColumnSettings';
import { Link } from 'react-router';
import type { MatterAssignment, MatterSupervision } from '@xinhuo/shared';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatTimestamp } from '../../../lib/format';
import { matterLabel } from '../../../features/matters/matter-labels';

const STATUS_COLORS: Record<string, string> = {
  pending: 'gold',
  signed: 'processing',
  returned: 'volcano',
  withdrawn: 'default',
  submitted: 'purple',
  done: 'success',
};

export function AssignmentsTable({ assignments }: { assignments: MatterAssignment[] }) {
  const t = useT();
  const lang = useLanguage();
  const columns: ColumnsType<MatterAssignment> = [
    {
      key: 'unit',
      title: t('assignment.unit'),
      dataIndex: 'unitName',
      width: 200,
      render: (name: string, a) => (
        <span data-testid="assignment-unit" title={name}>
          {name}{' '}
          <Tag color={a.role === 'lead' ? 'red' : 'blue'}>{matterLabel('assignmentRole', a.role, lang)}</Tag>
        </span>
      ),
    },
    {
      key: 'status',
      title: t('assignment.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: string, a) => (
        <>
          <Tag color={STATUS_COLORS[s]} data-testid="assignment-status" data-status={s}>
            {matterLabel('assignmentStatus', s, lang)}
          </Tag>
          {a.isOverdue && <Tag color="red">{t('matter.overdue')}</Tag>}
        </>
      ),
    },
    {
      key: 'signDue',
      title: t('assignment.signDue'),
      dataIndex: 'signDue',
      width: 150,
      render: (d: string, a) => (
        <div className="xh-mono">
          {d}
          {a.signedAt && (
            <Typography.Text type="secondary" className="xh-signed-at">
              ✓ {formatTimestamp(a.signedAt).slice(0, 16)}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      key: 'dueDate',
      title: t('assignment.dueDate'),
      dataIndex: 'dueDate',
      width: 150,
      render: (d: string, a) => (
        <span className="xh-mono">
          {d}
          {a.isOnTime === false && <Tag color="orange">{t('assignment.late')}</Tag>}
        </span>
      ),
    },
    {
      title: t('assignment.reply'),
      key: 'reply',
      // the reply wraps: it is the one cell read in full
      ellipsis: false,
      render: (_: unknown, a) => (
        <div className="xh-assignment-reply">
          {a.returnReason && (
            <div>
              {t('assignment.returnReasonValue', { reason: a.returnReason })}
              {a.returnRuling && ` · ${t(`assignment.ruling.${a.returnRuling}`)}`}
            </div>
          )}
          {a.reply && <div>{a.reply}</div>}
          {a.replySignOff && (
            <Typography.Text type="secondary">
              {t('timeline.signOff', { name: a.replySignOff })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('assignment.supervision'),
      key: 'supervision',
      width: 150,
      render: (_: unknown, a) =>
        t('assignment.supervisionCounts', {
          urge: a.urgeCount,
          supervise: a.superviseCount,
          circulate: a.circulateCount,
        }),
    },
  ];
  const settings = useColumnSettings('matter-units', columns, {
    locked: ['unit'],
    // the page gives this table about 650 px at 1366: the sign-for date and the counts wait in 列设置
    defaultHidden: ['signDue', 'supervision'],
  });
  return (
    <>
      {settings.control && <div className="xh-table-tools">{settings.control}</div>}
      <Table<MatterAssignment>
        size={settings.size}
        rowKey="id"
        pagination={false}
        dataSource={assignments}
        data-testid="assignments-table"
        scroll={settings.scroll}
        locale={{ emptyText: t('assignment.none') }}
        columns={settings.columns}
      />
    </>
  );
}

const mono = (d: string) => <span className="xh-mono">{d}</span>;

export function SupervisionList({ items }: { items: MatterSupervision[] }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Table<MatterSupervision>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={[...items].sort((a, b) => a.level - b.level || a.createdAt.localeCompare(b.createdAt))}
      data-testid="supervision-list"
      // Six columns do not fit a phone: the table scrolls in its own box, not the page.
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('supervision.kind'),
          dataIndex: 'kind',
          render: (k: string) => (
            <Tag color={k === 'due_soon' ? 'gold' : 'red'} data-testid="supervision-kind" data-kind={k}>
              {matterLabel('supervision', k, lang)}
            </Tag>
          ),
        },
        { title: t('assignment.unit'), dataIndex: 'unitName' },
        { title: t('assignment.dueDate'), dataIndex: 'dueDate', render: mono },
        { title: t('supervision.triggeredOn'), dataIndex: 'triggeredOn', render: mono },
        {
          title: t('supervision.docNo'),
          dataIndex: 'docNo',
          render: (no: string | null, s) =>
            no ? (
              <Link
                to={`/supervisions/${encodeURIComponent(s.id)}/order`}
                data-testid="supervision-order-link"
              >
                {no}
              </Link>
            ) : (
              '–'
            ),
        },
      ]}
    />
  );
}
