// 安全告警: denial-burst alerts, newest first, paged.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SecurityAlert } from '@xinhuo/shared';
import { Card, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { securityApi } from '../../api/security-endpoints';
import { QueryError } from '../../components/QueryError';
import { useT, type MessageKey } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';

export default function SecurityAlertsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));
  const alerts = useQuery({
    queryKey: ['security', 'alerts', page, pageSize],
    queryFn: ({ signal }) => securityApi.alerts(page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
  if (alerts.isError) return <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />;
  return (
    <Card title={<h1 className="xh-card-h1">{t('secalerts.title')}</h1>} data-testid="security-alerts-page">
      <Typography.Paragraph type="secondary">{t('secalerts.intro')}</Typography.Paragraph>
      <Table<SecurityAlert>
        rowKey="id"
        size="middle"
        loading={alerts.isFetching}
        dataSource={alerts.data?.items ?? []}
        locale={{ emptyText: t('secalerts.empty') }}
        scroll={{ x: 640 }}
        pagination={{
          current: page,
          pageSize,
          total: alerts.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, size) => setParams({ page: String(p), pageSize: String(size) }),
        }}
        columns={[
          {
            title: t('secalerts.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatTimestamp(v),
          },
          {
            title: t('secalerts.kind'),
            dataIndex: 'kind',
            render: (k: SecurityAlert['kind']) => (
              <Tag color="red">{t(`secalerts.kind.${k}` as MessageKey)}</Tag>
            ),
          },
          { title: t('secalerts.subject'), dataIndex: 'subject' },
          { title: t('secalerts.count'), dataIndex: 'count', align: 'right' },
          {
            title: t('secalerts.windowStart'),
            dataIndex: 'windowStart',
            render: (v: string) => formatTimestamp(v),
          },
        ]}
      />
    </Card>
  );
}
