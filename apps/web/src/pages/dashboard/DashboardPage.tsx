// 驾驶舱: roster statistics of the current org on a reference date, with drill-down to child orgs.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { statsApi } from '../../api/endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import type { RosterStats } from '@xinhuo/shared';
import Chart, { type ChartClick } from '../../components/Chart';
import { OrgBreadcrumb } from '../../components/OrgBreadcrumb';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { useCurrentOrg } from '../../layout/current-org';
import { formatInteger, formatOneDecimal, formatPercent } from '../../lib/format';
import { DateOnClick } from '../../components/DateOnClick';
import { LoadWhenVisible } from '../../components/LoadWhenVisible';
import { ageBandsOption, byChildOption, educationOption, genderOption } from './chart-options';
import { StatCard } from '../../components/StatCard';
import './dashboard.css';

// Below the first screen: fetched when scrolled near (the table and the matter statistics are not needed
// for the first paint, and a cold dashboard stays within its JS budget).
const ByChildTable = lazy(() => import('./ByChildTable').then((m) => ({ default: m.ByChildTable })));
const MatterStatsSection = lazy(() =>
  import('../../features/matters/stats/MatterStatsSection').then((m) => ({ default: m.MatterStatsSection })),
);

/** The day the article's figures were counted (the 2021 term elections finished in early January). */
const ELECTION_STATS_DAY = '2021-01-10';
const DATE_FORMAT = 'YYYY-MM-DD';

function dashboardHref(orgId: string, refDate: string): string {
  return `/dashboard?${new URLSearchParams({ orgId, refDate }).toString()}`;
}

function StatCards({ stats }: { stats: RosterStats }) {
  const t = useT();
  const lang = useLanguage();
  const cards = [
    {
      key: 'organizations',
      title: t('stat.organizations'),
      value: formatInteger(stats.organizations, lang),
      testId: 'stat-organizations',
      accent: true,
    },
    {
      key: 'members',
      title: t('stat.members'),
      value: formatInteger(stats.members, lang),
      testId: 'stat-members',
      accent: true,
    },
    {
      key: 'averageAge',
      title: t('stat.averageAge'),
      value: formatOneDecimal(stats.averageAge),
      unit: t('unit.years'),
      testId: 'stat-average-age',
      accent: true,
    },
    {
      key: 'college',
      title: t('stat.collegeShare'),
      value: formatPercent(stats.collegeOrAbove.share),
      footnote: t('stat.countOf', { count: formatInteger(stats.collegeOrAbove.count, lang) }),
      testId: 'stat-college-share',
      accent: true,
    },
    {
      key: 'secretaryDirector',
      title: t('stat.secretaryDirector'),
      value: formatPercent(stats.secretaryDirector.rate),
      footnote: t('stat.secretaryDirectorOf', {
        count: stats.secretaryDirector.count,
        total: stats.secretaryDirector.orgsWithSecretary,
      }),
      testId: 'stat-secretary-director',
    },
    {
      key: 'after1985',
      title: t('stat.after1985'),
      value: formatPercent(stats.bornAfter1985.share),
      footnote: t('stat.countOf', { count: formatInteger(stats.bornAfter1985.count, lang) }),
      testId: 'stat-after-1985',
    },
    {
      key: 'after1990',
      title: t('stat.after1990'),
      value: formatPercent(stats.bornAfter1990.share),
      footnote: t('stat.countOf', { count: formatInteger(stats.bornAfter1990.count, lang) }),
      testId: 'stat-after-1990',
    },
    {
      key: 'party',
      title: t('stat.partyMembers'),
      value: formatInteger(stats.partyMembers, lang),
      testId: 'stat-party-members',
    },
  ];
  return (
    <Row gutter={[12, 12]} className="xh-stat-row">
      {cards.map(({ key, ...card }) => (
        <Col key={key} xs={12} md={6} xxl={3}>
          <StatCard {...card} />
        </Col>
      ))}
    </Row>
  );
}

function Charts({ stats, onDrill }: { stats: RosterStats; onDrill: (orgId: string) => void }) {
  const t = useT();
  const lang = useLanguage();
  const drillFromChart = (event: ChartClick) => {
    const child =
      event.componentType === 'series'
        ? stats.byChild[event.dataIndex]
        : stats.byChild.find((c) => c.name === String(event.value));
    if (child) onDrill(child.orgId);
  };
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('chart.ageBands')}>
            <Chart
              ariaLabel={t('chart.ageBands')}
              option={ageBandsOption(stats, t)}
              height={260}
              testId="chart-age-bands"
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('chart.education')}>
            <Chart
              ariaLabel={t('chart.education')}
              option={educationOption(stats, lang)}
              height={260}
              testId="chart-education"
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('chart.gender')}>
            <Chart
              ariaLabel={t('chart.gender')}
              option={genderOption(stats, lang)}
              height={260}
              testId="chart-gender"
            />
          </Card>
        </Col>
      </Row>
      {stats.byChild.length > 0 && (
        <Card
          size="small"
          title={t('chart.byChild')}
          extra={<Typography.Text type="secondary">{t('dashboard.drillHint')}</Typography.Text>}
          className="xh-section"
        >
          <Chart
            ariaLabel={t('chart.byChild')}
            option={byChildOption(stats, t)}
            height={340}
            onItemClick={drillFromChart}
            testId="chart-by-child"
          />
        </Card>
      )}
    </>
  );
}

export default function DashboardPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { currentOrg, setCurrentOrg } = useCurrentOrg();
  const orgId = params.get('orgId') ?? currentOrg?.id;
  const refDate = params.get('refDate') ?? dayjs().format(DATE_FORMAT);

  const stats = useQuery({
    queryKey: ['stats', 'roster', orgId ?? 'default', refDate],
    queryFn: ({ signal }) => statsApi.roster(orgId, refDate, signal),
    placeholderData: keepPreviousData,
  });

  const loadedId = stats.data?.orgId;
  const loadedName = stats.data?.orgName;
  useEffect(() => {
    if (loadedId && loadedName) setCurrentOrg({ id: loadedId, name: loadedName });
  }, [loadedId, loadedName, setCurrentOrg]);

  const go = (nextOrgId: string | undefined, nextRefDate: string) => {
    const search = new URLSearchParams({ refDate: nextRefDate });
    if (nextOrgId) search.set('orgId', nextOrgId);
    void navigate(`/dashboard?${search.toString()}`);
  };

  const header = (
    <div className="xh-page-head">
      <Space orientation="vertical" size={4}>
        <Typography.Title level={1}>{t('dashboard.title')}</Typography.Title>
        {stats.data && (
          <OrgBreadcrumb
            orgId={stats.data.orgId}
            orgName={stats.data.orgName}
            hrefFor={(id) => dashboardHref(id, refDate)}
          />
        )}
      </Space>
      <Space wrap>
        <Typography.Text type="secondary">{t('dashboard.refDate')}</Typography.Text>
        <DateOnClick
          text={refDate}
          aria-label={t('dashboard.refDate')}
          allowClear={false}
          value={dayjs(refDate, DATE_FORMAT)}
          format={DATE_FORMAT}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          presets={[
            { label: t('dashboard.electionDay'), value: dayjs(ELECTION_STATS_DAY) },
            { label: t('dashboard.today'), value: dayjs() },
          ]}
          onChange={(d) => d && go(orgId, d.format(DATE_FORMAT))}
          data-testid="ref-date"
        />
        <Button
          onClick={() => go(orgId, ELECTION_STATS_DAY)}
          type={refDate === ELECTION_STATS_DAY ? 'primary' : 'default'}
          data-testid="election-day"
        >
          {t('dashboard.electionDay')} {ELECTION_STATS_DAY}
        </Button>
        {stats.data && (
          <>
            <Link to={`/roster?${new URLSearchParams({ orgId: stats.data.orgId, refDate }).toString()}`}>
              <Button>{t('dashboard.viewRoster')}</Button>
            </Link>
            <Link to={`/orgs/${encodeURIComponent(stats.data.orgId)}`}>
              <Button>{t('dashboard.viewOrg')}</Button>
            </Link>
          </>
        )}
      </Space>
    </div>
  );

  if (stats.isError && !stats.data) {
    return (
      <>
        {header}
        <QueryError
          error={stats.error}
          onRetry={() => void stats.refetch()}
          notFoundTitle={t('org.notFound')}
        />
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
  return (
    <div
      className={stats.isFetching ? 'xh-dashboard xh-refreshing' : 'xh-dashboard'}
      data-testid="dashboard"
      data-ref-date={data.refDate}
      data-org-id={data.orgId}
    >
      {header}
      <StatCards stats={data} />
      <Typography.Paragraph type="secondary" className="xh-note">
        {t('dashboard.membersNote')}
      </Typography.Paragraph>
      <Charts stats={data} onDrill={(childId) => go(childId, refDate)} />
      {data.byChild.length > 0 && (
        <Card size="small" title={t('dashboard.byChild')} className="xh-section">
          <LoadWhenVisible minHeight={320}>
            <ByChildTable rows={data.byChild} onDrill={(child) => go(child.orgId, refDate)} />
          </LoadWhenVisible>
        </Card>
      )}
      {hasPermission(me, 'matters:stats') && (
        <LoadWhenVisible minHeight={400}>
          <MatterStatsSection orgId={data.orgId} />
        </LoadWhenVisible>
      )}
    </div>
  );
}
