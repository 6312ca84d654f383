// One campaign: how far its villages are (counts per stage), the villages with stage and dates (filtered,
// paged by the server), and the timetable of one village or of the selected ones.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Statistic, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { CAMPAIGN_ORG_STATES, type CampaignOrgItem, type CampaignOrgState } from '@xinhuo/shared';
import { electionsApi } from '../../api/election-endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';
import { STATE_COLORS, stateLabel } from './campaign-labels';
import { TimetableModal } from './TimetableModal';
import './elections.css';

const PAGE_SIZES = ['20', '50', '100'];

export default function CampaignPage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const id = useParams().id!;
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<CampaignOrgItem[] | null>(null);
  const [selected, setSelected] = useState<CampaignOrgItem[]>([]);
  const canWrite = hasPermission(me, 'election:write');

  const stateParam = params.get('state');
  const state = CAMPAIGN_ORG_STATES.find((s) => s === stateParam);
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const update = (next: { state?: CampaignOrgState; q?: string; page?: number; pageSize?: number }) => {
    const merged = { state, q, page, pageSize, ...next };
    const out = new URLSearchParams();
    if (merged.state) out.set('state', merged.state);
    if (merged.q) out.set('q', merged.q);
    if (merged.page > 1) out.set('page', String(merged.page));
    if (merged.pageSize !== 20) out.set('pageSize', String(merged.pageSize));
    setParams(out);
  };

  const campaign = useQuery({
    queryKey: ['elections', id],
    queryFn: ({ signal }) => electionsApi.get(id, signal),
  });
  const orgs = useQuery({
    queryKey: ['elections', id, 'orgs', state, q, page, pageSize],
    queryFn: ({ signal }) => electionsApi.orgs(id, { state, q: q || undefined, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  if (campaign.isError) return <QueryError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;

  const columns: ColumnsType<CampaignOrgItem> = [
    {
      key: 'org',
      title: t('election.org'),
      dataIndex: 'orgName',
      fixed: 'left',
      width: 140,
      render: (name: string, row) => (
        <Link
          to={`/elections/${encodeURIComponent(id)}/orgs/${encodeURIComponent(row.orgId)}`}
          data-testid="campaign-org-link"
        >
          {name}
        </Link>
      ),
    },
    { key: 'town', title: t('election.town'), dataIndex: 'parentName', width: 120 },
    {
      key: 'state',
      title: t('election.state'),
      dataIndex: 'state',
      width: 120,
      render: (s: CampaignOrgState) => <Tag color={STATE_COLORS[s]}>{stateLabel(s, lang)}</Tag>,
    },
    {
      key: 'nominationDate',
      title: t('election.nominationDate'),
      width: 110,
      render: (_: unknown, row) => row.timetable.nominationDate ?? '—',
    },
    {
      key: 'vettingDate',
      title: t('election.vettingDate'),
      width: 110,
      render: (_: unknown, row) => row.timetable.vettingDate ?? '—',
    },
    {
      key: 'notice',
      title: t('election.notice'),
      width: 200,
      render: (_: unknown, row) =>
        row.noticeStartDate
          ? `${row.noticeStartDate} – ${row.noticeEndDate ?? ''}`
          : (row.timetable.noticeStartDate ?? '—'),
    },
    {
      key: 'electionDate',
      title: t('election.electionDate'),
      width: 110,
      render: (_: unknown, row) => row.timetable.electionDate,
    },
    {
      key: 'candidates',
      title: t('election.candidates'),
      dataIndex: 'candidateCount',
      width: 80,
      align: 'right',
    },
    { key: 'elected', title: t('election.elected'), dataIndex: 'electedCount', width: 70, align: 'right' },
    {
      key: 'oneShoulder',
      title: t('election.oneShoulder'),
      dataIndex: 'oneShoulder',
      width: 90,
      render: (yes: boolean) => (yes ? <Tag color="red">{t('election.oneShoulder')}</Tag> : ''),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('election.timetable'),
            width: 110,
            render: (_: unknown, row: CampaignOrgItem) =>
              row.state === 'finalized' ? null : (
                <Button size="small" onClick={() => setEditing([row])} data-testid="timetable-edit">
                  {t('election.editTimetable')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="campaign-page">
      <div className="xh-page-head">
        <Space orientation="vertical" size={4}>
          <Typography.Title level={1}>{c?.name ?? ' '}</Typography.Title>
          {c && (
            <Typography.Text type="secondary">
              {t('election.summary', {
                scope: c.scopeOrgName,
                date: c.electionDate,
                years: c.termYears,
                days: c.noticeWorkdays,
              })}
            </Typography.Text>
          )}
        </Space>
        <Link to="/elections">{t('election.back')}</Link>
      </div>
      {c && (
        <div className="xh-election-states" data-testid="campaign-progress">
          {CAMPAIGN_ORG_STATES.map((s) => (
            <Card
              key={s}
              size="small"
              className={`xh-election-state${state === s ? ' is-active' : ''}`}
              onClick={() => update({ state: state === s ? undefined : s, page: 1 })}
              data-testid={`campaign-count-${s}`}
            >
              <Statistic title={stateLabel(s, lang)} value={c.progress[s]} />
            </Card>
          ))}
          <Card size="small">
            <Statistic title={t('election.oneShoulderCount')} value={c.oneShoulderCount} />
          </Card>
        </div>
      )}
      <Typography.Title level={4}>{t('election.orgs')}</Typography.Title>
      <div className="xh-election-filters">
        <Select<CampaignOrgState | ''>
          aria-label={t('election.state')}
          value={state ?? ''}
          style={{ minWidth: 160 }}
          onChange={(s) => update({ state: s || undefined, page: 1 })}
          options={[
            { value: '', label: t('election.allStates') },
            ...CAMPAIGN_ORG_STATES.map((s) => ({ value: s, label: stateLabel(s, lang) })),
          ]}
          data-testid="campaign-state-filter"
        />
        <Input.Search
          aria-label={t('election.searchOrg')}
          placeholder={t('election.searchOrg')}
          defaultValue={q}
          allowClear
          style={{ maxWidth: 260 }}
          onSearch={(value) => update({ q: value.trim(), page: 1 })}
          data-testid="campaign-org-search"
        />
        {canWrite && selected.length > 0 && (
          <Button onClick={() => setEditing(selected)} data-testid="timetable-edit-many">
            {t('election.editTimetableMany', { count: selected.length })}
          </Button>
        )}
      </div>
      {orgs.isError && !orgs.data ? (
        <QueryError error={orgs.error} onRetry={() => void orgs.refetch()} />
      ) : (
        <ResponsiveTable<CampaignOrgItem>
          rowKey="orgId"
          cardFields={['org', 'town', 'state', 'notice', 'electionDate', 'candidates', 'actions']}
          size="middle"
          data-testid="campaign-org-table"
          loading={orgs.isFetching}
          dataSource={orgs.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1260 }}
          rowSelection={
            canWrite
              ? {
                  selectedRowKeys: selected.map((o) => o.orgId),
                  onChange: (_keys, rows) => setSelected(rows.filter((r) => r.state !== 'finalized')),
                  getCheckboxProps: (row) => ({ disabled: row.state === 'finalized' }),
                }
              : undefined
          }
          pagination={{
            current: page,
            pageSize,
            total: orgs.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(pagination) =>
            update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? pageSize })
          }
        />
      )}
      {editing && (
        <TimetableModal
          campaignId={id}
          orgs={editing}
          onClose={() => {
            setEditing(null);
            setSelected([]);
          }}
        />
      )}
    </div>
  );
}
