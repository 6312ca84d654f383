// 见面会: the meetings in the user's view as a paged list or a month calendar, filtered by series, level and dates.
import { CalendarOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { MEETING_HOST_LEVELS, type MeetingHostLevel, type MeetingItem } from '@xinhuo/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { meetingsApi, type MeetingFilters } from '../../api/endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { QueryError } from '../../components/QueryError';
import { useColumnSettings } from '../../components/ColumnSettings';
import type { ColumnsType } from 'antd/es/table';
import { useLanguage, useT } from '../../i18n/use-t';
import { matterLabel } from '../../features/matters/matter-labels';
import { LEVEL_COLORS, MeetingCalendar } from './MeetingCalendar';
import { SeriesModal } from './SeriesModal';
import '../../features/matters/matters.css';
import './meetings.css';
import { useListParams } from '../../lib/use-list-params';

const DATE = 'YYYY-MM-DD';

function readFilters(params: URLSearchParams): MeetingFilters {
  const level = params.get('hostLevel');
  return {
    seriesId: params.get('seriesId') || undefined,
    hostLevel: (MEETING_HOST_LEVELS as readonly string[]).includes(level ?? '')
      ? (level as MeetingHostLevel)
      : undefined,
    orgId: params.get('orgId') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  };
}

export default function MeetingsPage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const [params, setParams] = useListParams('meetings');
  const [seriesOpen, setSeriesOpen] = useState(false);
  const filters = readFilters(params);
  const mode = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? params.get('month')!
    : (filters.from?.slice(0, 7) ?? dayjs().format('YYYY-MM'));
  const canWrite = hasPermission(me, 'meetings:write');

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const series = useQuery({
    queryKey: ['meetings', 'series'],
    queryFn: ({ signal }) => meetingsApi.series(signal),
  });
  const list = useQuery({
    queryKey: ['meetings', 'list', filters, page],
    queryFn: ({ signal }) => meetingsApi.list({ ...filters, page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
    enabled: mode === 'list',
  });

  const columns: ColumnsType<MeetingItem> = [
    {
      key: 'title',
      title: t('meeting.title'),
      dataIndex: 'title',
      render: (title: string, m) => (
        <Link to={`/meetings/${encodeURIComponent(m.id)}`} data-testid="meeting-link" title={title}>
          {title}
        </Link>
      ),
    },

    {
      key: 'date',
      title: t('meeting.date'),
      dataIndex: 'meetingDate',
      width: 108,
      render: (d: string) => <span className="xh-mono">{d}</span>,
    },
    {
      key: 'series',
      title: t('meeting.series'),
      dataIndex: 'seriesName',
      width: 150,
      render: (s: string | null) => s ?? '–',
    },
    {
      key: 'hostLevel',
      title: t('meeting.hostLevel'),
      dataIndex: 'hostLevel',
      width: 90,
      render: (l: string) => <Tag color={LEVEL_COLORS[l]}>{matterLabel('hostLevel', l, lang)}</Tag>,
    },
    { key: 'host', title: t('meeting.host'), dataIndex: 'hostOrgName', width: 150 },
    {
      key: 'venue',
      title: t('meeting.venue'),
      dataIndex: 'venueName',
      width: 150,
      render: (v: string | null) => v ?? '–',
    },
    {
      title: t('meeting.people'),
      key: 'people',
      width: 120,
      render: (_: unknown, m) => t('meeting.peopleValue', { n: m.participantCount, s: m.speakerCount }),
    },
    {
      key: 'minutes',
      title: t('meeting.minutes'),
      dataIndex: 'isPublished',
      width: 100,
      render: (p: boolean) =>
        p ? <Tag color="green">{t('meeting.published')}</Tag> : <Tag>{t('meeting.draft')}</Tag>,
    },
  ];
  const settings = useColumnSettings('meetings', columns, { locked: ['title'] });

  return (
    <div data-testid="meetings-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('meetings.title')}</Typography.Title>
        <Space wrap>
          <Segmented
            value={mode}
            onChange={(v) => set({ view: v === 'calendar' ? 'calendar' : undefined })}
            options={[
              { value: 'list', label: t('meetings.list'), icon: <UnorderedListOutlined /> },
              { value: 'calendar', label: t('meetings.calendar'), icon: <CalendarOutlined /> },
            ]}
            data-testid="meetings-mode"
          />
          {mode === 'list' && settings.control}
          {canWrite && <Button onClick={() => setSeriesOpen(true)}>{t('series.new')}</Button>}
          {canWrite && (
            <Link to="/meetings/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="meeting-new">
                {t('meetings.new')}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <Card size="small" className="xh-filters-card">
        <Space wrap>
          <Select
            allowClear
            placeholder={t('meetings.series')}
            style={{ width: 220 }}
            value={filters.seriesId}
            onChange={(v: string | undefined) => set({ seriesId: v })}
            options={(series.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="meetings-series-filter"
          />
          <Select
            allowClear
            placeholder={t('meetings.hostLevel')}
            style={{ width: 140 }}
            value={filters.hostLevel}
            onChange={(v: string | undefined) => set({ hostLevel: v })}
            options={MEETING_HOST_LEVELS.map((l) => ({ value: l, label: matterLabel('hostLevel', l, lang) }))}
          />
          {mode === 'list' && (
            <DatePicker.RangePicker
              value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
              onChange={(range) => set({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
              allowEmpty={[true, true]}
            />
          )}
        </Space>
      </Card>
      {mode === 'calendar' ? (
        <MeetingCalendar
          month={month}
          filters={{ seriesId: filters.seriesId, hostLevel: filters.hostLevel, orgId: filters.orgId }}
          onMonthChange={(m) => set({ month: m })}
        />
      ) : list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<MeetingItem>
          rowKey="id"
          data-testid="meetings-table"
          size={settings.size}
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={settings.scroll}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p) => set({ page: p > 1 ? String(p) : undefined }),
          }}
          columns={settings.columns}
        />
      )}
      {seriesOpen && <SeriesModal onClose={() => setSeriesOpen(false)} />}
    </div>
  );
}
