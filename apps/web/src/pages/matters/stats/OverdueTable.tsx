// 逾期事项 "overdue now": every unit part that is past its deadline today, with its supervision steps.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { mattersApi } from '../../../api/endpoints';
import type { OverdueItem } from '@xinhuo/shared';
import { useLanguage, useT } from '../../../i18n/use-t';
import { matterLabel, overdueText } from '../../../features/matters/matter-labels';

export function OverdueTable({ orgId, pageSize = 10 }: { orgId?: string; pageSize?: number }) {
  const t = useT();
  const lang = useLanguage();
  const [page, setPage] = useState(1);
  const overdue = useQuery({
    queryKey: ['matters', 'stats', 'overdue', orgId ?? 'default', page, pageSize],
    queryFn: ({ signal }) => mattersApi.overdue({ orgId, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Table<OverdueItem>
      size="small"
      rowKey="assignmentId"
      loading={overdue.isFetching}
      dataSource={overdue.data?.items ?? []}
      scroll={{ x: 1000 }}
      data-testid="overdue-table"
      pagination={{
        current: page,
        pageSize,
        total: overdue.data?.total ?? 0,
        onChange: setPage,
        showSizeChanger: false,
        showTotal: (total) => t('common.total', { total }),
      }}
      columns={[
        {
          title: t('matter.code'),
          dataIndex: 'code',
          width: 130,
          render: (code: string, r) => (
            <Link to={`/matters/${encodeURIComponent(r.matterId)}`} className="xh-mono">
              {code}
            </Link>
          ),
        },
        { title: t('matter.title'), dataIndex: 'title', ellipsis: true },
        { title: t('matter.village'), dataIndex: 'villageName', width: 110 },
        {
          title: t('assignment.unit'),
          dataIndex: 'unitName',
          width: 170,
          render: (name: string, r) =>
            t('overdue.unitRole', { unit: name, role: matterLabel('assignmentRole', r.role, lang) }),
        },
        {
          title: t('assignment.dueDate'),
          dataIndex: 'dueDate',
          width: 110,
          render: (d: string) => <span className="xh-mono">{d}</span>,
        },
        {
          title: t('overdue.days'),
          dataIndex: 'overdueWorkdays',
          width: 140,
          align: 'right',
          render: (d: number) => <Tag color="red">{overdueText(t, d)}</Tag>,
        },
        {
          title: t('assignment.supervision'),
          key: 'supervision',
          width: 170,
          render: (_: unknown, r) =>
            t('assignment.supervisionCounts', {
              urge: r.urgeCount,
              supervise: r.superviseCount,
              circulate: r.circulateCount,
            }),
        },
      ]}
    />
  );
}
