// 事项统计: the loop's figures for an org subtree and period, charts by category, town and unit,
// the unit scorecards with their ranking, and the matters overdue now.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { mattersApi } from '../../../api/endpoints';
import Chart from '../../../components/Chart';
import { OrgBreadcrumb } from '../../../components/OrgBreadcrumb';
import { QueryError } from '../../../components/QueryError';
import { useLanguage, useT } from '../../../i18n/use-t';
import { useCurrentOrg } from '../../../layout/current-org';
import { useMatterCatalog } from '../../../features/matters/use-catalog';
import { LoopStatCards } from '../../../features/matters/stats/LoopStatCards';
import { ExportButton } from '../../../components/ExportButton';
import { OverdueTable } from './OverdueTable';
import { periodQuery, readPeriod, writePeriod } from './period';
import { PeriodPicker } from './PeriodPicker';
import { RaiserTable } from './RaiserTable';
import { ScorecardTable } from './ScorecardTable';
import {
  byCategoryOption,
  byChildOption,
  byUnitOption,
  satisfactionOption,
} from '../../../features/matters/stats/stats-charts';

export default function MatterStatsPage() {
  const t = useT();
  const lang = useLanguage();
  const [params, setParams] = useSearchParams();
  const { setCurrentOrg } = useCurrentOrg();
  const catalog = useMatterCatalog();
  const orgId = params.get('orgId') || undefined;
  const period = readPeriod(params);
  const query = { ...periodQuery(period), orgId };

  const stats = useQuery({
    queryKey: ['matters', 'stats', 'summary', query],
    queryFn: ({ signal }) => mattersApi.stats(query, signal),
    placeholderData: keepPreviousData,
  });
  const scorecards = useQuery({
    queryKey: ['matters', 'stats', 'scorecards', query],
    queryFn: ({ signal }) => mattersApi.scorecards(query, signal),
    placeholderData: keepPreviousData,
  });

  const loadedId = stats.data?.orgId;
  const loadedName = stats.data?.orgName;
  useEffect(() => {
    if (loadedId && loadedName) setCurrentOrg({ id: loadedId, name: loadedName });
  }, [loadedId, loadedName, setCurrentOrg]);

  const hrefFor = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('orgId', id);
    return `/matter-stats?${next.toString()}`;
  };

  const header = (
    <div className="xh-page-head">
      <Space orientation="vertical" size={4}>
        <Typography.Title level={1}>{t('mstats.title')}</Typography.Title>
        {stats.data && (
          <Space wrap>
            <OrgBreadcrumb orgId={stats.data.orgId} orgName={stats.data.orgName} hrefFor={hrefFor} />
            <Typography.Text type="secondary" data-testid="mstats-period">
              {t('mstats.periodValue', { from: stats.data.from, to: stats.data.to })}
            </Typography.Text>
          </Space>
        )}
      </Space>
      <PeriodPicker value={period} onChange={(p) => setParams(writePeriod(params, p))} />
    </div>
  );

  if (stats.isError && !stats.data) {
    return (
      <>
        {header}
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      </>
    );
  }
  if (!stats.data) {
    return (
      <>
        {header}
        <Spin size="large" className="xh-page-spin" />
      </>
    );
  }
  const data = stats.data;
  const refreshing = stats.isFetching || scorecards.isFetching;

  return (
    <div
      className={refreshing ? 'xh-refreshing' : undefined}
      data-testid="matter-stats"
      data-org-id={data.orgId}
      data-from={data.from}
      data-to={data.to}
    >
      {header}
      <LoopStatCards stats={data} />
      <Row gutter={[12, 12]} className="xh-section">
        <Col xs={24} lg={16}>
          <Card size="small" title={t('mstats.byCategory')}>
            <Chart
              ariaLabel={t('mstats.byCategory')}
              option={byCategoryOption(data, catalog.data, t, lang)}
              height={280}
              testId="chart-by-category"
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('mstats.satisfaction')}>
            <Chart
              ariaLabel={t('mstats.satisfaction')}
              option={satisfactionOption(data.matters, lang)}
              height={280}
              testId="chart-satisfaction"
            />
          </Card>
        </Col>
      </Row>
      {data.byChild.some((c) => c.raised > 0) && (
        <Card size="small" title={t('mstats.byChild')} className="xh-section">
          <Chart
            ariaLabel={t('mstats.byChild')}
            option={byChildOption(data, t)}
            height={320}
            testId="chart-by-town"
          />
        </Card>
      )}
      {scorecards.data && scorecards.data.items.length > 0 && (
        <Card size="small" title={t('mstats.byUnit')} className="xh-section">
          <Chart
            ariaLabel={t('mstats.byUnit')}
            option={byUnitOption(scorecards.data.items, t)}
            height={320}
            testId="chart-by-unit"
          />
        </Card>
      )}
      <Card
        size="small"
        title={t('mstats.scorecards')}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('mstats.scorecardsHint')}</Typography.Text>
            <ExportButton href={mattersApi.scorecardsExportUrl(query)} testId="scorecards-export" />
          </Space>
        }
        className="xh-section"
      >
        <ScorecardTable items={scorecards.data?.items ?? []} />
      </Card>
      <Card
        size="small"
        title={t('mstats.raisers')}
        extra={<Typography.Text type="secondary">{t('mstats.raisersHint')}</Typography.Text>}
        className="xh-section"
      >
        <RaiserTable query={query} />
      </Card>
      <Card
        size="small"
        title={t('mstats.overdueList')}
        extra={<ExportButton href={mattersApi.overdueExportUrl({ orgId })} testId="overdue-export" />}
        className="xh-section"
      >
        <OverdueTable orgId={orgId} />
      </Card>
    </div>
  );
}
