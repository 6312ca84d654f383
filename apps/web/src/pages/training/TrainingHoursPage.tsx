// 培训学时: each person's attended hours of a year against the year's requirement (the shortfall list),
// and the lecturers' statistics; both exportable (masked, audited by the server).
import type { TrainingHoursRow } from '@xinhuo/shared';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, InputNumber, Select, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { trainingApi } from '../../api/training-endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { DownloadButton } from '../../components/DownloadButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';

const PAGE_SIZE = 20;

function RequirementEditor({ year, current }: { year: number; current: number }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [hours, setHours] = useState<number | null>(current || null);
  return (
    <Space.Compact>
      <InputNumber
        min={0}
        max={1000}
        step={0.5}
        value={hours}
        onChange={(v) => setHours(v)}
        aria-label={t('training.required')}
        data-testid="training-required-input"
      />
      <Button
        disabled={hours === null}
        onClick={async () => {
          try {
            await trainingApi.setRequirement(year, hours!);
            void message.success(t('training.requiredSaved', { year, hours: hours! }));
            void queryClient.invalidateQueries({ queryKey: ['training'] });
          } catch (e) {
            void message.error(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        {t('training.setRequired')}
      </Button>
    </Space.Compact>
  );
}

function HoursTab({ year }: { year: number }) {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const shortfallOnly = params.get('shortfall') === '1';
  const orgId = params.get('orgId') || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const q = useQuery({
    queryKey: ['training', 'hours', year, shortfallOnly, orgId, page],
    queryFn: ({ signal }) =>
      trainingApi.hours({ year, shortfallOnly, orgId, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  return (
    <>
      <Card size="small" className="xh-filters-card">
        <Space wrap>
          <Typography.Text>
            {t('training.required')}
            {lang === 'en' ? ': ' : '：'}
            <strong data-testid="training-required">
              {r ? r.requiredHours || t('training.requiredNone') : '…'}
            </strong>
          </Typography.Text>
          {r && hasPermission(me, 'training:write') && (
            <RequirementEditor key={`${year}-${r.requiredHours}`} year={year} current={r.requiredHours} />
          )}
          <OrgTreeSelect
            allowClear
            value={orgId}
            onChange={(v) => set({ orgId: v })}
            placeholder={t('training.org')}
            style={{ width: 220 }}
            testId="training-hours-org"
          />
          <Checkbox
            checked={shortfallOnly}
            onChange={(e) => set({ shortfall: e.target.checked ? '1' : undefined })}
            data-testid="training-shortfall-only"
          >
            {t('training.shortfallOnly')}
          </Checkbox>
          {r && (
            <Typography.Text type="secondary">{t('training.peopleCount', { n: r.total })}</Typography.Text>
          )}
          <DownloadButton
            download={() => trainingApi.hoursExport({ year, shortfallOnly, orgId })}
            testId="training-hours-export"
          >
            {t('training.export')}
          </DownloadButton>
        </Space>
      </Card>
      <ResponsiveTable<TrainingHoursRow>
        data-testid="training-hours-table"
        rowKey="personId"
        size="small"
        loading={q.isFetching}
        dataSource={r?.items ?? []}
        cardFields={['name', 'hours', 'shortfall', 'org']}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: r?.total ?? 0,
          showSizeChanger: false,
        }}
        onChange={(p) => set({ page: p.current && p.current > 1 ? String(p.current) : undefined })}
        columns={[
          {
            key: 'name',
            title: t('training.person'),
            render: (_: unknown, row) => <Link to={`/people/${row.personId}`}>{row.name}</Link>,
          },
          { key: 'org', title: t('training.org'), dataIndex: 'orgName' },
          { key: 'id', title: t('training.idNumber'), dataIndex: 'idNumberMasked' },
          {
            key: 'hours',
            title: t('training.yearHours', { year }),
            render: (_: unknown, row) => (
              <span data-testid={`training-hours-${row.personId}`}>{row.hours}</span>
            ),
          },
          {
            key: 'shortfall',
            title: t('training.shortfall'),
            render: (_: unknown, row) =>
              row.shortfall > 0 ? <Typography.Text type="danger">{row.shortfall}</Typography.Text> : '0',
          },
        ]}
      />
    </>
  );
}

function LecturersTab({ year }: { year: number }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['training', 'lecturers', year],
    queryFn: ({ signal }) => trainingApi.lecturers(year, signal),
  });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table
      size="small"
      rowKey="personId"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="training-lecturers"
      columns={[
        {
          key: 'name',
          title: t('training.person'),
          render: (_: unknown, l) => <Link to={`/people/${l.personId}`}>{l.name}</Link>,
        },
        { key: 'org', title: t('training.org'), dataIndex: 'orgName' },
        { key: 'sessions', title: t('training.sessionsTaught'), dataIndex: 'sessions' },
        { key: 'hours', title: t('training.hoursTaught'), dataIndex: 'hours' },
        { key: 'ratings', title: t('training.ratings'), dataIndex: 'ratings' },
        { key: 'avg', title: t('training.rating'), render: (_: unknown, l) => l.averageRating ?? '—' },
      ]}
    />
  );
}

export default function TrainingHoursPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const year = Number(params.get('year')) || thisYear;
  const tab = params.get('tab') === 'lecturers' ? 'lecturers' : 'hours';
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };
  return (
    <div data-testid="training-hours-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('training.hoursReport')}</Typography.Title>
        <Select
          value={year}
          style={{ width: 120 }}
          aria-label={t('training.year')}
          onChange={(v: number) => set('year', String(v))}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k === 'lecturers' ? k : undefined)}
        items={[
          { key: 'hours', label: t('training.hoursReport'), children: <HoursTab year={year} /> },
          { key: 'lecturers', label: t('training.lecturerStats'), children: <LecturersTab year={year} /> },
        ]}
      />
    </div>
  );
}
