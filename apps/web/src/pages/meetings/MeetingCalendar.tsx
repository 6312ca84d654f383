// The meetings of a month on an antd Calendar; a meeting links to its page.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Calendar, Card, Spin, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { meetingsApi, type MeetingFilters } from '../../api/endpoints';
import type { MeetingItem } from '@xinhuo/shared';
import { useLanguage } from '../../i18n/use-t';
import { matterLabel } from '../../features/matters/matter-labels';

export const LEVEL_COLORS: Record<string, string> = { city: 'red', town: 'blue', organ: 'purple' };

interface MeetingCalendarProps {
  month: string;
  filters: Omit<MeetingFilters, 'from' | 'to'>;
  onMonthChange: (month: string) => void;
}

export function MeetingCalendar({ month, filters, onMonthChange }: MeetingCalendarProps) {
  const lang = useLanguage();
  const value = dayjs(`${month}-01`);
  // The grid shows up to six weeks around the month.
  const from = value.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = value.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const meetings = useQuery({
    queryKey: ['meetings', 'calendar', filters, from, to],
    queryFn: ({ signal }) => meetingsApi.list({ ...filters, from, to, page: 1, pageSize: 200 }, signal),
    placeholderData: keepPreviousData,
  });

  const byDate = new Map<string, MeetingItem[]>();
  for (const m of meetings.data?.items ?? []) {
    byDate.set(m.meetingDate, [...(byDate.get(m.meetingDate) ?? []), m]);
  }

  const cell = (date: Dayjs, info: { type: string; originNode: ReactNode }) => {
    if (info.type !== 'date') return info.originNode;
    const list = byDate.get(date.format('YYYY-MM-DD')) ?? [];
    return (
      <ul className="xh-calendar-list">
        {list.map((m) => (
          <li key={m.id}>
            <Link to={`/meetings/${encodeURIComponent(m.id)}`} data-testid="calendar-meeting" title={m.title}>
              <Tag color={LEVEL_COLORS[m.hostLevel]} className="xh-calendar-tag">
                {matterLabel('hostLevel', m.hostLevel, lang)}
              </Tag>
              {m.title}
            </Link>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <Card size="small" data-testid="meeting-calendar">
      <Spin spinning={meetings.isFetching}>
        <Calendar
          value={value}
          cellRender={cell}
          onPanelChange={(d, mode) => {
            if (mode === 'month') onMonthChange(d.format('YYYY-MM'));
          }}
          onSelect={(d, { source }) => {
            if (source === 'date' && d.format('YYYY-MM') !== month) onMonthChange(d.format('YYYY-MM'));
          }}
        />
      </Spin>
    </Card>
  );
}
