// 薪火计划 succession: the heat map of seats with no ready successor (drill down city → town →
// village), the seat list with its risk flags, and a seat's bench in a drawer; any reference date.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Input, Select, Switch, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { SEAT_LIST_SORTS, type HeatCell, type SeatItem, type SeatListSort } from '@xinhuo/shared';
import { successionApi } from '../../api/succession-endpoints';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useT } from '../../i18n/use-t';
import { HeatMap } from './HeatMap';
import { SeatDrawer } from './SeatDrawer';
import { FlagTags } from './SeatFlags';
import './pipeline.css';

const PAGE_SIZE = 20;

/** The date, drill-down, seat filters and page in the address (`?date=&orgId=&seat=&risk=&town=&ready=&sort=&page=`), so a view can be shared. */
export function useSuccessionParams() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: false });
  };
  return {
    date: get('date'),
    orgId: get('orgId'),
    seat: get('seat'),
    onlyRisk: get('risk') === '1',
    townId: get('town'),
    ready: get('ready') as 'yes' | 'no' | undefined,
    sort: (get('sort') ?? 'tree') as SeatListSort,
    page: Math.max(1, Number(get('page') ?? 1) || 1),
    set,
  };
}

/** The date field and the breadcrumb of the drill-down, shared with the dashboard page. */
export function DrillBar({
  date,
  trail,
  onDate,
  onOrg,
}: {
  date: string;
  trail: { orgId: string; name: string }[];
  onDate: (d: string | undefined) => void;
  onOrg: (orgId: string | undefined) => void;
}) {
  const t = useT();
  return (
    <div className="xh-su-bar">
      <label>
        {t('succession.date')}{' '}
        <Input
          type="date"
          value={date}
          style={{ width: 160 }}
          onChange={(e) => onDate(e.target.value || undefined)}
          data-testid="succession-date"
        />
      </label>
      <Breadcrumb
        data-testid="succession-trail"
        items={[
          { title: <a onClick={() => onOrg(undefined)}>{t('succession.all')}</a> },
          ...trail.map((x) => ({ title: <a onClick={() => onOrg(x.orgId)}>{x.name}</a> })),
        ]}
      />
    </div>
  );
}

export default function SuccessionPage() {
  const t = useT();
  const p = useSuccessionParams();
  const overview = useQuery({
    queryKey: ['pipeline', 'succession', p.date ?? '', p.orgId ?? ''],
    // The heat map and totals; the seats come paged, filtered and sorted by the server.
    queryFn: ({ signal }) => successionApi.overview({ date: p.date, orgId: p.orgId, seats: 'none' }, signal),
    placeholderData: keepPreviousData,
  });
  const list = {
    date: p.date,
    orgId: p.orgId,
    townId: p.townId,
    flag: p.onlyRisk ? ('any' as const) : undefined,
    ready: p.ready,
    sort: p.sort,
    page: p.page,
    pageSize: PAGE_SIZE,
  };
  const seatPage = useQuery({
    queryKey: ['pipeline', 'succession', 'seats', list],
    queryFn: ({ signal }) => successionApi.seats(list, signal),
    placeholderData: keepPreviousData,
  });
  // A filter or order changed: back to the first page.
  const refilter = (patch: Record<string, string | undefined>) => p.set({ ...patch, page: undefined });
  const towns = (o: { heat: HeatCell[] } | undefined) => (o?.heat ?? []).filter((c) => c.kind === 'town');
  const o = overview.data;
  const open = (c: HeatCell) => (c.kind === 'village' ? p.set({ seat: c.orgId }) : p.set({ orgId: c.orgId }));
  const columns: ColumnsType<SeatItem> = [
    {
      key: 'village',
      title: t('succession.col.village'),
      render: (_, s) => (
        <a onClick={() => p.set({ seat: s.orgId })} data-testid={`seat-${s.orgId}`}>
          {s.villageName}
        </a>
      ),
    },
    { key: 'town', title: t('succession.col.town'), dataIndex: 'townName' },
    {
      key: 'incumbent',
      title: t('succession.col.incumbent'),
      render: (_, s) =>
        s.incumbent
          ? t('succession.incumbentAge', { name: s.incumbent.name, age: s.incumbent.age })
          : t('succession.vacantSeat'),
    },
    { key: 'termEnd', title: t('succession.col.termEnd'), dataIndex: 'termEnd' },
    { key: 'flags', title: t('succession.col.flags'), render: (_, s) => <FlagTags flags={s.flags} /> },
    { key: 'bench', title: t('succession.col.bench'), dataIndex: 'bench' },
    { key: 'ready', title: t('succession.col.ready'), dataIndex: 'readyNow' },
  ];
  return (
    <div>
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('succession.title')}</Typography.Title>
        <Link to="/pipeline/dashboard">{t('succession.dashboardLink')}</Link>
      </div>
      {overview.error && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      {seatPage.error && <QueryError error={seatPage.error} onRetry={() => void seatPage.refetch()} />}
      {o && (
        <>
          <DrillBar
            date={o.date}
            trail={o.trail}
            onDate={(d) => p.set({ date: d })}
            onOrg={(orgId) => p.set({ orgId, seat: undefined })}
          />
          <Typography.Paragraph data-testid="succession-totals">
            {t('succession.totals', {
              seats: o.totals.seats,
              atRisk: o.totals.atRisk,
              noReady: o.totals.noReadySuccessor,
            })}{' '}
            · {t('succession.threshold', { age: o.ageThreshold })}
          </Typography.Paragraph>
          <Typography.Title level={2}>{t('succession.heat')}</Typography.Title>
          <HeatMap cells={o.heat} onOpen={open} />
          <div className="xh-su-bar">
            <Typography.Title level={2} style={{ margin: 0 }}>
              {t('succession.seats')}
            </Typography.Title>
            <label>
              <Switch
                size="small"
                checked={p.onlyRisk}
                onChange={(v) => refilter({ risk: v ? '1' : undefined })}
                data-testid="only-risk"
              />{' '}
              {t('succession.onlyRisk')}
            </label>
            {towns(o).length > 0 && (
              <Select
                allowClear
                size="small"
                style={{ minWidth: 140 }}
                placeholder={t('succession.filter.town')}
                aria-label={t('succession.filter.town')}
                value={p.townId}
                onChange={(v?: string) => refilter({ town: v })}
                options={towns(o).map((c) => ({ value: c.orgId, label: c.name }))}
                data-testid="seat-town"
              />
            )}
            <Select
              allowClear
              size="small"
              style={{ minWidth: 140 }}
              placeholder={t('succession.filter.ready')}
              aria-label={t('succession.filter.ready')}
              value={p.ready}
              onChange={(v?: string) => refilter({ ready: v })}
              options={[
                { value: 'yes', label: t('succession.filter.ready.yes') },
                { value: 'no', label: t('succession.filter.ready.no') },
              ]}
              data-testid="seat-ready"
            />
            <Select
              size="small"
              style={{ minWidth: 160 }}
              aria-label={t('succession.sort')}
              value={p.sort}
              onChange={(v: SeatListSort) => refilter({ sort: v === 'tree' ? undefined : v })}
              options={SEAT_LIST_SORTS.map((k) => ({ value: k, label: t(`succession.sort.${k}`) }))}
              data-testid="seat-sort"
            />
          </div>
          <ResponsiveTable<SeatItem>
            rowKey="orgId"
            size="small"
            columns={columns}
            dataSource={seatPage.data?.items ?? []}
            loading={seatPage.isFetching}
            cardFields={['village', 'incumbent', 'flags', 'ready']}
            data-testid="succession-seats"
            pagination={{
              current: p.page,
              pageSize: PAGE_SIZE,
              total: seatPage.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => t('succession.seatTotal', { n }),
              onChange: (page) => p.set({ page: page > 1 ? String(page) : undefined }),
            }}
          />
        </>
      )}
      {p.seat && <SeatDrawer seatId={p.seat} date={p.date} onClose={() => p.set({ seat: undefined })} />}
    </div>
  );
}
