// 培训日历: the sessions of a month (all kinds, or one), with places, sign-ins and lecturers.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { TRAINING_KINDS, type TrainingKind, type TrainingSession } from '@xinhuo/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { trainingApi } from '../../api/training-endpoints';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { KIND_COLORS, kindLabel } from '../../features/training/training-labels';
import { useLanguage, useT } from '../../i18n/use-t';
import { joinList } from '../../lib/format';

export default function TrainingCalendarPage() {
  const t = useT();
  const lang = useLanguage();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? params.get('month')!
    : dayjs().format('YYYY-MM');
  const kindParam = params.get('kind');
  const kind = (TRAINING_KINDS as readonly string[]).includes(kindParam ?? '')
    ? (kindParam as TrainingKind)
    : undefined;
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const start = dayjs(`${month}-01`);
  const q = useQuery({
    queryKey: ['training', 'sessions', month, kind],
    queryFn: ({ signal }) =>
      trainingApi.sessions(
        { from: start.format('YYYY-MM-DD'), to: start.endOf('month').format('YYYY-MM-DD'), kind },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const shift = (n: number) => set({ month: start.add(n, 'month').format('YYYY-MM') });

  return (
    <div data-testid="training-calendar">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('training.calendar')}</Typography.Title>
      </div>
      <Card size="small" className="xh-filters-card">
        <Space wrap>
          <Button icon={<LeftOutlined />} aria-label="prev" onClick={() => shift(-1)} />
          <DatePicker
            picker="month"
            allowClear={false}
            value={start}
            onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
            aria-label={t('training.month')}
            data-testid="training-month"
          />
          <Button icon={<RightOutlined />} aria-label="next" onClick={() => shift(1)} />
          <Select
            allowClear
            placeholder={t('training.allKinds')}
            style={{ width: 220 }}
            value={kind}
            onChange={(v: string | undefined) => set({ kind: v })}
            options={TRAINING_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))}
            aria-label={t('training.kind')}
          />
          {q.data && (
            <Typography.Text type="secondary">
              {t('training.sessionsInMonth', { n: q.data.items.length })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ResponsiveTable<TrainingSession>
          data-testid="training-sessions"
          rowKey="id"
          size="small"
          loading={q.isFetching}
          pagination={false}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('training.noSessions') }}
          cardFields={['title', 'date', 'kind', 'attended']}
          columns={[
            {
              key: 'date',
              title: t('training.date'),
              render: (_: unknown, s) => `${s.sessionDate} ${s.startTime}–${s.endTime}`,
            },
            {
              key: 'title',
              title: t('training.title'),
              render: (_: unknown, s) => <Link to={`/training/sessions/${s.id}`}>{s.title}</Link>,
            },
            {
              key: 'kind',
              title: t('training.kind'),
              render: (_: unknown, s) => <Tag color={KIND_COLORS[s.kind]}>{kindLabel(s.kind, lang)}</Tag>,
            },
            { key: 'venue', title: t('training.venue'), dataIndex: 'venue' },
            { key: 'hours', title: t('training.hours'), dataIndex: 'hours' },
            {
              key: 'attended',
              title: `${t('training.attended')} / ${t('training.enrolled')} / ${t('training.capacity')}`,
              render: (_: unknown, s) => `${s.attended} / ${s.enrolled} / ${s.capacity}`,
            },
            {
              key: 'lecturers',
              title: t('training.lecturers'),
              render: (_: unknown, s) =>
                joinList(
                  s.lecturers.map((l) => l.name),
                  lang,
                ) || t('training.noLecturer'),
            },
          ]}
        />
      )}
    </div>
  );
}
