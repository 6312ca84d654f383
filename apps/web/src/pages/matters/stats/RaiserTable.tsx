// 书记提事统计: per secretary on the roster, the matters raised in the period (at meetings too), how many
// are closed and how the closed ones were rated; a name opens the person's page.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MatterPeriod, RaiserStatsItem } from '@xinhuo/shared';
import { mattersApi } from '../../../api/endpoints';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useT } from '../../../i18n/use-t';

const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)}%`);

export function RaiserTable({ query, pageSize = 10 }: { query: MatterPeriod; pageSize?: number }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const raisers = useQuery({
    queryKey: ['matters', 'stats', 'raisers', query, page, pageSize],
    queryFn: ({ signal }) => mattersApi.raisers({ ...query, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <ResponsiveTable<RaiserStatsItem>
      size="small"
      rowKey="personId"
      loading={raisers.isFetching}
      dataSource={raisers.data?.items ?? []}
      data-testid="raiser-table"
      cardFields={['name', 'raised', 'closed', 'satisfactionRate']}
      pagination={{
        current: page,
        pageSize,
        total: raisers.data?.total ?? 0,
        onChange: setPage,
        showSizeChanger: false,
        showTotal: (total) => t('common.total', { total }),
      }}
      columns={[
        {
          key: 'name',
          title: t('mstats.raiser'),
          dataIndex: 'name',
          fixed: 'left',
          width: 110,
          render: (name: string, r) => <Link to={`/people/${encodeURIComponent(r.personId)}`}>{name}</Link>,
        },
        { key: 'village', title: t('matter.village'), dataIndex: 'villageName', ellipsis: true },
        { key: 'raised', title: t('mstats.raised'), dataIndex: 'raised', align: 'right', width: 90 },
        {
          key: 'fromMeetings',
          title: t('mstats.raisedAtMeetings'),
          dataIndex: 'fromMeetings',
          align: 'right',
          width: 110,
        },
        { key: 'closed', title: t('mstats.closed'), dataIndex: 'closed', align: 'right', width: 90 },
        {
          key: 'satisfactionRate',
          title: t('mstats.satisfactionRate'),
          dataIndex: 'satisfactionRate',
          align: 'right',
          width: 100,
          render: (r: number | null) => pct(r),
        },
      ]}
    />
  );
}
