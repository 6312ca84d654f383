// The dashboard's 书记讲给书记听 section: the loop's figures of the last 12 months for the org on screen.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { mattersApi } from '../../../api/endpoints';
import Chart from '../../../components/Chart';
import { QueryError } from '../../../components/QueryError';
import { useLanguage, useT } from '../../../i18n/use-t';
import { useMatterCatalog } from '../use-catalog';
import { LoopStatCards } from './LoopStatCards';
import { byCategoryOption, satisfactionOption } from './stats-charts';

export function MatterStatsSection({ orgId }: { orgId: string }) {
  const t = useT();
  const lang = useLanguage();
  const catalog = useMatterCatalog();
  const stats = useQuery({
    queryKey: ['matters', 'stats', 'summary', { orgId }],
    queryFn: ({ signal }) => mattersApi.stats({ orgId }, signal),
    placeholderData: keepPreviousData,
  });
  const data = stats.data;

  return (
    <Card
      size="small"
      className="xh-section"
      data-testid="dashboard-matters"
      title={t('mstats.dashboardTitle')}
      extra={
        <Link to={`/matter-stats?orgId=${encodeURIComponent(orgId)}`}>
          <Button size="small">{t('mstats.openPage')}</Button>
        </Link>
      }
    >
      {stats.isError && !data ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph className="xh-loop-headline" data-testid="loop-headline">
            {t('mstats.headline', {
              meetings: data.meetings.held,
              closed: data.matters.closed,
              from: data.from,
              to: data.to,
            })}
          </Typography.Paragraph>
          <LoopStatCards stats={data} />
          <Row gutter={[12, 12]} className="xh-section">
            <Col xs={24} lg={16}>
              <Chart
                ariaLabel={t('mstats.byCategory')}
                option={byCategoryOption(data, catalog.data, t, lang)}
                height={260}
                testId="dashboard-chart-by-category"
              />
            </Col>
            <Col xs={24} lg={8}>
              <Chart
                ariaLabel={t('mstats.satisfaction')}
                option={satisfactionOption(data.matters, lang)}
                height={260}
              />
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
