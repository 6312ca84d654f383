// 换届结构分析: the committees an election produced beside the previous term, by town and in total;
// charts, .xlsx, print, and frozen snapshots.
import { PrinterOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, Col, Empty, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { StructureGroup, StructureReport, StructureSnapshotSummary } from '@xinhuo/shared';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { structureReportApi } from '../../api/structure-report-endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import Chart from '../../components/Chart';
import { ExportButton } from '../../components/ExportButton';
import { QueryError } from '../../components/QueryError';
import { StatCard } from '../../components/StatCard';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import { ageBandsCompareOption, sharesCompareOption } from './structure-charts';
import { formatIndicator, indicatorByKey, indicatorLabel } from './structure-format';
import './structure-report.css';

/** The indicators of the by-town table (all of them are in the workbook and the print page). */
const TABLE_KEYS = [
  'organizations',
  'headcount',
  'averageAge',
  'collegeOrAbove',
  'women',
  'bornAfter1985',
  'bornAfter1990',
  'secretaryDirector',
  'reelected',
] as const;

function Cards({ total }: { total: StructureGroup }) {
  const t = useT();
  const lang = useLanguage();
  const cards = [
    ['headcount', 'structure.card.headcount', 'sr-card-headcount'],
    ['averageAge', 'structure.card.averageAge', 'sr-card-average-age'],
    ['collegeOrAbove', 'structure.card.college', 'sr-card-college'],
    ['secretaryDirector', 'structure.card.secretaryDirector', 'sr-card-secretary-director'],
    ['bornAfter1985', 'structure.card.after1985', 'sr-card-after-1985'],
    ['reelected', 'structure.card.reelected', 'sr-card-reelected'],
  ] as const;
  return (
    <Row gutter={[12, 12]}>
      {cards.map(([key, title, testId]) => {
        const ind = indicatorByKey(key);
        const prev = ind.value(total.previous);
        return (
          <Col key={key} xs={12} md={8} xl={4}>
            <StatCard
              title={t(title)}
              value={formatIndicator(ind, ind.value(total.current), lang)}
              footnote={
                key === 'reelected'
                  ? formatIndicator(
                      indicatorByKey('newcomers'),
                      total.current.newcomers?.count ?? null,
                      lang,
                    ) +
                    ' ' +
                    indicatorLabel(indicatorByKey('newcomers'), lang)
                  : t('structure.card.previousWas', { value: formatIndicator(ind, prev, lang) })
              }
              testId={testId}
              accent
            />
          </Col>
        );
      })}
    </Row>
  );
}

function ByTownTable({ report }: { report: StructureReport }) {
  const t = useT();
  const lang = useLanguage();
  const rows = [
    ...report.groups.map((g) => ({ ...g, key: g.orgId, isTotal: false })),
    { ...report.total, key: 'total', isTotal: true },
  ];
  const columns: ColumnsType<(typeof rows)[number]> = [
    {
      title: t('structure.unit'),
      dataIndex: 'orgName',
      fixed: 'left',
      width: 120,
      render: (name: string, r) => (r.isTotal ? <strong>{t('structure.total', { name })}</strong> : name),
    },
    ...TABLE_KEYS.map((key) => {
      const ind = indicatorByKey(key);
      const onlyNew = key === 'reelected';
      return {
        title: indicatorLabel(ind, lang),
        key,
        children: [
          ...(onlyNew
            ? []
            : [
                {
                  title: t('structure.previous'),
                  key: `${key}-p`,
                  width: 80,
                  align: 'right' as const,
                  render: (_: unknown, r: (typeof rows)[number]) =>
                    formatIndicator(ind, ind.value(r.previous), lang),
                },
              ]),
          {
            title: t('structure.current'),
            key: `${key}-c`,
            width: 80,
            align: 'right' as const,
            render: (_: unknown, r: (typeof rows)[number]) => (
              <strong>{formatIndicator(ind, ind.value(r.current), lang)}</strong>
            ),
          },
        ],
      };
    }),
  ];
  return (
    <Table
      size="small"
      bordered
      rowKey="key"
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="structure-table"
      rowClassName={(r) => (r.isTotal ? 'xh-sr-total-row' : '')}
    />
  );
}

function Snapshots({
  electionId,
  items,
  selected,
  onSelect,
}: {
  electionId: string;
  items: StructureSnapshotSummary[];
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const t = useT();
  if (items.length === 0)
    return <Typography.Text type="secondary">{t('structure.snapshot.none')}</Typography.Text>;
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="structure-snapshots"
      columns={[
        {
          title: t('structure.snapshot.time'),
          dataIndex: 'createdAt',
          render: (v: string) => formatTimestamp(v),
        },
        { title: t('structure.snapshot.by'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '–' },
        { title: t('structure.snapshot.scope'), dataIndex: 'orgName' },
        {
          title: t('structure.snapshot.hash'),
          dataIndex: 'contentHash',
          render: (v: string) => <Typography.Text code>{v.slice(0, 12)}</Typography.Text>,
        },
        {
          title: '',
          key: 'view',
          render: (_: unknown, s: StructureSnapshotSummary) =>
            s.id === selected ? (
              <Tag color="red">{t('structure.snapshotOf', { time: '' }).trim()}</Tag>
            ) : (
              <Button
                size="small"
                type="link"
                onClick={() => onSelect(s.id)}
                data-testid={`view-snapshot-${s.id}`}
              >
                {t('structure.snapshot.view')}
              </Button>
            ),
        },
      ]}
      key={electionId}
    />
  );
}

export default function StructureReportPage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const elections = useQuery({
    queryKey: ['structure-elections'],
    queryFn: ({ signal }) => structureReportApi.elections(signal),
  });
  const electionId = params.get('electionId') ?? elections.data?.items[0]?.id ?? null;
  const snapshotId = params.get('snapshotId');
  const setView = (next: { electionId?: string; snapshotId?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.electionId) {
      p.set('electionId', next.electionId);
      p.delete('snapshotId');
    }
    if (next.snapshotId !== undefined) {
      if (next.snapshotId) p.set('snapshotId', next.snapshotId);
      else p.delete('snapshotId');
    }
    setParams(p, { replace: true });
  };

  const live = useQuery({
    queryKey: ['structure-report', electionId],
    queryFn: ({ signal }) => structureReportApi.report(electionId!, signal),
    enabled: !!electionId && !snapshotId,
  });
  const snapshot = useQuery({
    queryKey: ['structure-snapshot', electionId, snapshotId],
    queryFn: ({ signal }) => structureReportApi.snapshot(electionId!, snapshotId!, signal),
    enabled: !!electionId && !!snapshotId,
  });
  const snapshots = useQuery({
    queryKey: ['structure-snapshots', electionId],
    queryFn: ({ signal }) => structureReportApi.snapshots(electionId!, signal),
    enabled: !!electionId,
  });
  const freeze = useMutation({
    mutationFn: () => structureReportApi.freeze(electionId!),
    onSuccess: async (s) => {
      message.success(t('structure.frozen'));
      await queryClient.invalidateQueries({ queryKey: ['structure-snapshots', electionId] });
      setView({ snapshotId: s.id });
    },
    onError: (e) => message.error(isApiError(e) ? e.message : t('common.loadFailed')),
  });

  const current = snapshotId ? snapshot : live;
  const report = snapshotId ? snapshot.data?.report : live.data;

  if (elections.isLoading) return <Spin />;
  if (elections.error) return <QueryError error={elections.error} onRetry={() => void elections.refetch()} />;
  if (!electionId) return <Empty description={t('structure.noElection')} />;

  const printHref = `/elections/structure-report/print?${new URLSearchParams({
    electionId,
    ...(snapshotId ? { snapshotId } : {}),
  }).toString()}`;

  return (
    <div className="xh-sr">
      <Typography.Title level={1}>{t('structure.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('structure.intro')}</Typography.Paragraph>
      <Card size="small" className="xh-sr-toolbar">
        <div className="xh-sr-toolbar-row">
          <Select
            aria-label={t('structure.election')}
            value={electionId}
            onChange={(id: string) => setView({ electionId: id })}
            options={(elections.data?.items ?? []).map((e) => ({
              value: e.id,
              label: `${e.name}（${e.scopeOrgName}）`,
            }))}
            className="xh-sr-select xh-sr-select-wide"
            data-testid="structure-election"
          />
          <Select
            aria-label={t('structure.source')}
            value={snapshotId ?? 'live'}
            onChange={(v: string) => setView({ snapshotId: v === 'live' ? null : v })}
            options={[
              { value: 'live', label: t('structure.live') },
              ...(snapshots.data?.items ?? []).map((s) => ({
                value: s.id,
                label: t('structure.snapshotOf', { time: formatTimestamp(s.createdAt) }),
              })),
            ]}
            className="xh-sr-select"
            data-testid="structure-source"
          />
          <ExportButton
            href={structureReportApi.exportUrl(electionId)}
            size="middle"
            testId="structure-export"
          />
          <Link to={printHref}>
            <Button icon={<PrinterOutlined />} data-testid="structure-print">
              {t('structure.print')}
            </Button>
          </Link>
          {hasPermission(me, 'roster:write') && (
            <Button
              icon={<LockOutlined />}
              loading={freeze.isPending}
              onClick={() => freeze.mutate()}
              data-testid="structure-freeze"
            >
              {t('structure.freeze')}
            </Button>
          )}
        </div>
      </Card>

      {current.error ? (
        <QueryError error={current.error} onRetry={() => void current.refetch()} />
      ) : !report ? (
        <Spin />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {snapshotId && snapshot.data && !snapshot.data.intact && (
            <Alert type="error" showIcon message={t('structure.snapshot.broken')} />
          )}
          <Typography.Text strong data-testid="structure-heading">
            {report.election.name} ·{' '}
            {t('structure.print.electionDate', { date: report.election.electionDate })}
          </Typography.Text>
          <Cards total={report.total} />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('structure.chart.ageBands')}>
                <Chart
                  ariaLabel={t('structure.chart.ageBands')}
                  option={ageBandsCompareOption(report.total, t)}
                  height={260}
                  testId="structure-chart-ages"
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('structure.chart.shares')}>
                <Chart
                  ariaLabel={t('structure.chart.shares')}
                  option={sharesCompareOption(report.total, t, lang)}
                  height={260}
                  testId="structure-chart-shares"
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('structure.byTown')}>
            <ByTownTable report={report} />
          </Card>
        </Space>
      )}
      <Card size="small" className="xh-sr-snapshots" title={t('structure.snapshots')}>
        <Snapshots
          electionId={electionId}
          items={snapshots.data?.items ?? []}
          selected={snapshotId}
          onSelect={(id) => setView({ snapshotId: id })}
        />
      </Card>
    </div>
  );
}
