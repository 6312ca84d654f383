// 薪火计划 over time: each tier filled against its target by year end and on the reference date, the
// funnel of each cohort with its conversion rates, the average age per tier, and the succession heat
// map with the drill-down city → town → village. ECharts loads with this page only (lazy route).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Progress, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import type { PipelineDashboard } from '@xinhuo/shared';
import { successionApi } from '../../api/succession-endpoints';
import Chart from '../../components/Chart';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';
import { HeatMap } from './HeatMap';
import { tierName } from './labels';
import { DrillBar, useSuccessionParams } from './SuccessionPage';
import './pipeline.css';

type CohortRow = PipelineDashboard['cohorts'][number];
const TIER_COLORS = ['#c62f2f', '#3b7dd8', '#4aa564', '#8a63d2'];
const pct = (x: number | null) => (x === null ? '—' : `${x}%`);

export default function PipelineDashboardPage() {
  const t = useT();
  const lang = useLanguage();
  const navigate = useNavigate();
  const p = useSuccessionParams();
  const q = useQuery({
    queryKey: ['pipeline', 'dashboard', p.date ?? '', p.orgId ?? ''],
    queryFn: ({ signal }) => successionApi.dashboard({ date: p.date, orgId: p.orgId }, signal),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  const name = (x: { nameZh: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameZh);
  const columns: ColumnsType<CohortRow> = [
    { key: 'name', title: t('dashboard.pl.cohort'), render: (_, k) => `${tierName(k, lang)} ${k.name}` },
    { key: 'nominated', title: t('dashboard.pl.nominated'), dataIndex: 'nominated' },
    { key: 'selected', title: t('dashboard.pl.selected'), dataIndex: 'selected' },
    { key: 'placed', title: t('dashboard.pl.placed'), dataIndex: 'placed' },
    { key: 'sr', title: t('dashboard.pl.selectionRate'), render: (_, k) => pct(k.selectionRate) },
    { key: 'pr', title: t('dashboard.pl.placementRate'), render: (_, k) => pct(k.placementRate) },
  ];
  return (
    <div>
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('dashboard.pl.title')}</Typography.Title>
        <Link to="/pipeline/succession">{t('succession.link')}</Link>
      </div>
      {q.error && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <>
          <DrillBar
            date={d.date}
            trail={d.succession.trail}
            onDate={(x) => p.set({ date: x })}
            onOrg={(orgId) => p.set({ orgId })}
          />
          {d.tiers.length === 0 && <Typography.Paragraph>{t('dashboard.pl.none')}</Typography.Paragraph>}
          <div className="xh-pl-tiers" data-testid="dashboard-tiers">
            {d.tiers.map((x) => (
              <Card key={x.tierId} size="small" title={name(x)} data-testid={`dash-tier-${x.code}`}>
                <div className="xh-pl-tier-target">
                  {t('dashboard.pl.tierCard', { filled: x.filledOnDate, target: x.target })}
                </div>
                <Progress
                  percent={x.target ? Math.min(100, Math.round((x.filledOnDate / x.target) * 100)) : 0}
                />
                {x.averageAge !== null && <div>{t('dashboard.pl.age', { age: x.averageAge })}</div>}
              </Card>
            ))}
          </div>
          <div className="xh-su-charts">
            <Card size="small" title={t('dashboard.pl.filled')}>
              <Chart
                testId="dash-filled-chart"
                ariaLabel={t('dashboard.pl.filled')}
                height={280}
                option={{
                  tooltip: { trigger: 'axis' },
                  // Above the plot, wrapping: a scrolling legend cut the third tier's name ("Yo").
                  legend: { top: 0, data: d.tiers.map(name) },
                  grid: { left: 40, right: 16, top: 64, bottom: 40 },
                  xAxis: { type: 'category', data: d.points },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: d.tiers.flatMap((x, i) => {
                    // A tier's line and its dashed target share one colour.
                    const color = TIER_COLORS[i % TIER_COLORS.length];
                    return [
                      { type: 'line', name: name(x), data: x.filled, color },
                      {
                        type: 'line',
                        name: `${name(x)} · ${t('dashboard.pl.target')}`,
                        data: d.points.map(() => x.target),
                        color,
                        lineStyle: { type: 'dashed', width: 1 },
                        symbol: 'none',
                      },
                    ];
                  }),
                }}
              />
            </Card>
            <Card size="small" title={t('dashboard.pl.funnel')}>
              <Chart
                testId="dash-funnel-chart"
                ariaLabel={t('dashboard.pl.funnel')}
                height={280}
                option={{
                  tooltip: { trigger: 'axis' },
                  // Above the plot: the turned cohort names need the room below.
                  legend: { top: 0 },
                  grid: { left: 40, right: 16, top: 40, bottom: 56 },
                  xAxis: {
                    type: 'category',
                    // The tier in full: Chart cuts a label that does not fit with "…" (it was cut mid-word).
                    data: d.cohorts.map((k) => `${k.name}\n${tierName(k, lang)}`),
                    axisLabel: { interval: 0, fontSize: 10 },
                  },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: (['nominated', 'selected', 'placed'] as const).map((s) => ({
                    type: 'bar',
                    name: t(`dashboard.pl.${s}`),
                    data: d.cohorts.map((k) => k[s]),
                  })),
                }}
              />
            </Card>
          </div>
          <ResponsiveTable<CohortRow>
            rowKey="cohortId"
            size="small"
            columns={columns}
            dataSource={d.cohorts}
            pagination={false}
            cardFields={['name', 'nominated', 'selected', 'placed', 'sr', 'pr']}
            data-testid="dashboard-cohorts"
          />
          <Typography.Title level={2}>{t('succession.heat')}</Typography.Title>
          <HeatMap
            cells={d.succession.heat}
            onOpen={(c) =>
              c.kind === 'village'
                ? void navigate(
                    `/pipeline/succession?${new URLSearchParams({ seat: c.orgId, ...(p.date ? { date: p.date } : {}) }).toString()}`,
                  )
                : p.set({ orgId: c.orgId })
            }
          />
        </>
      )}
    </div>
  );
}
