// 定制村干班: the cohorts with the partner university, the ten-year chart and the total trained — all
// counted by the server from the students' records.
import type { UnivCohort } from '@xinhuo/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Spin, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { trainingApi } from '../../api/training-endpoints';
import Chart from '../../components/Chart';
import { DownloadButton } from '../../components/DownloadButton';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useT } from '../../i18n/use-t';

export default function UniversityClassPage() {
  const t = useT();
  const q = useQuery({
    queryKey: ['training', 'class'],
    queryFn: ({ signal }) => trainingApi.classOverview(signal),
  });
  if (q.isPending) return <Spin size="large" className="xh-page-spin" />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const inWindow = c.cohorts.filter(
    (k) => c.fromYear !== null && k.intakeYear >= c.fromYear && k.intakeYear <= c.toYear!,
  );
  return (
    <div data-testid="training-class">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('training.class')}</Typography.Title>
        <DownloadButton download={() => trainingApi.classExport()} testId="training-class-export">
          {t('training.export')}
        </DownloadButton>
      </div>
      {c.cohorts.length === 0 ? (
        <Empty description={t('training.class.none')} />
      ) : (
        <>
          <Card size="small">
            <Statistic
              title={t('training.class.total', {
                from: c.fromYear ?? '',
                to: c.toYear ?? '',
                n: c.trainedTotal,
              })}
              value={c.trainedTotal}
              valueRender={(v) => <span data-testid="class-total">{v}</span>}
            />
            <Typography.Text type="secondary">
              {t('training.class.placed', { n: c.placedInVillagesTotal })}
            </Typography.Text>
          </Card>
          <Card size="small" className="xh-section" title={t('training.class.chart')}>
            <Chart
              ariaLabel={t('training.class.chart')}
              testId="class-chart"
              height={280}
              option={{
                tooltip: { trigger: 'axis' },
                legend: {
                  top: 0,
                  data: [t('training.class.graduated'), t('training.class.placedInVillages')],
                },
                grid: { left: 40, right: 16, bottom: 30, top: 40 },
                xAxis: { type: 'category', data: inWindow.map((k) => String(k.intakeYear)) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  {
                    name: t('training.class.graduated'),
                    type: 'bar',
                    data: inWindow.map((k) => k.graduated),
                  },
                  {
                    name: t('training.class.placedInVillages'),
                    type: 'bar',
                    data: inWindow.map((k) => k.placedInVillages),
                  },
                ],
              }}
            />
          </Card>
          <Card size="small" className="xh-section">
            <ResponsiveTable<UnivCohort>
              data-testid="class-cohorts"
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.cohorts}
              cardFields={['name', 'graduated', 'placed']}
              columns={[
                {
                  key: 'name',
                  title: t('training.class.cohort'),
                  render: (_: unknown, k) => <Link to={`/training/class/${k.id}`}>{k.name}</Link>,
                },
                { key: 'partner', title: t('training.class.partner'), dataIndex: 'partner' },
                { key: 'intake', title: t('training.class.intake'), dataIndex: 'intakeYear' },
                { key: 'students', title: t('training.class.students'), dataIndex: 'students' },
                { key: 'graduated', title: t('training.class.graduated'), dataIndex: 'graduated' },
                { key: 'placed', title: t('training.class.placedInVillages'), dataIndex: 'placedInVillages' },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
