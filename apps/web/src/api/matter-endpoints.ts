// One typed function per meetings / matters / notifications route the web app uses.
import type { MeetingHostLevel } from '@xinhuo/shared';
import { api, apiRequest, buildUrl } from './client';
import type {
  AssignOrder,
  MatterCatalog,
  MatterDetail,
  MatterListItem,
  MatterStats,
  OverdueList,
  RaiseMatterInput,
  Scorecards,
  SupervisionOrder,
  TransitionInput,
} from './matter-types';
import type {
  MeetingDetail,
  MeetingInput,
  MeetingItem,
  MeetingReview,
  MeetingSeries,
  NotificationPage,
} from './meeting-types';
import type { Page } from '@xinhuo/shared';

const enc = encodeURIComponent;

/** The board's filters, as the query string of /api/matters, /counts and /export. */
export type MatterFilters = {
  orgId?: string;
  /** Comma-separated states. */
  state?: string;
  category?: string;
  priority?: string;
  unitId?: string;
  meetingId?: string;
  q?: string;
  overdue?: 'true';
  raisedFrom?: string;
  raisedTo?: string;
  sort?: 'raisedAt' | 'deadline' | 'updatedAt';
  order?: 'asc' | 'desc';
};

export type MeetingFilters = {
  seriesId?: string;
  hostLevel?: MeetingHostLevel;
  orgId?: string;
  from?: string;
  to?: string;
};

export type Period = { orgId?: string; from?: string; to?: string };

export const mattersApi = {
  list: (filters: MatterFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<MatterListItem>>('/api/matters', filters, signal),
  counts: (filters: MatterFilters, signal?: AbortSignal) =>
    api.get<{ byState: { state: MatterListItem['state']; count: number }[] }>(
      '/api/matters/counts',
      filters,
      signal,
    ),
  exportUrl: (filters: MatterFilters) => buildUrl('/api/matters/export', filters),
  overdueExportUrl: (query: { orgId?: string; unitId?: string }) =>
    buildUrl('/api/matters/overdue/export', query),
  scorecardsExportUrl: (period: Period) => buildUrl('/api/matters/scorecards/export', period),
  catalog: (signal?: AbortSignal) => api.get<MatterCatalog>('/api/matters/catalog', undefined, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<MatterDetail>(`/api/matters/${enc(id)}`, undefined, signal),
  raise: (input: RaiseMatterInput) => api.post<MatterDetail>('/api/matters', input),
  act: (id: string, version: number, input: TransitionInput) =>
    api.post<MatterDetail>(`/api/matters/${enc(id)}/transitions`, { ...input, version }),
  assignOrder: (id: string, signal?: AbortSignal) =>
    api.get<AssignOrder>(`/api/matters/${enc(id)}/assign-order`, undefined, signal),
  assignOrderPdfUrl: (id: string) => buildUrl(`/api/matters/${enc(id)}/assign-order.pdf`),
  supervisionOrder: (id: string, signal?: AbortSignal) =>
    api.get<SupervisionOrder>(`/api/supervisions/${enc(id)}/order`, undefined, signal),
  supervisionOrderPdfUrl: (id: string) => buildUrl(`/api/supervisions/${enc(id)}/order.pdf`),
  stats: (period: Period, signal?: AbortSignal) => api.get<MatterStats>('/api/matters/stats', period, signal),
  scorecards: (period: Period, signal?: AbortSignal) =>
    api.get<Scorecards>('/api/matters/scorecards', period, signal),
  overdue: (
    query: { orgId?: string; unitId?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<OverdueList>('/api/matters/overdue', query, signal),
};

export const meetingsApi = {
  series: (signal?: AbortSignal) =>
    api.get<{ items: MeetingSeries[] }>('/api/meeting-series', undefined, signal),
  createSeries: (input: Omit<MeetingSeries, 'id' | 'hostOrgName'>) =>
    api.post<{ id: string }>('/api/meeting-series', input),
  list: (filters: MeetingFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<MeetingItem>>('/api/meetings', filters, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<MeetingDetail>(`/api/meetings/${enc(id)}`, undefined, signal),
  review: (id: string, signal?: AbortSignal) =>
    api.get<MeetingReview>(`/api/meetings/${enc(id)}/review`, undefined, signal),
  create: (input: MeetingInput) => api.post<MeetingDetail>('/api/meetings', input),
  update: (id: string, version: number, input: MeetingInput) =>
    apiRequest<MeetingDetail>(`/api/meetings/${enc(id)}`, { method: 'PUT', body: { ...input, version } }),
  publish: (id: string, version: number, published: boolean) =>
    api.post<MeetingDetail>(`/api/meetings/${enc(id)}/publish`, { version, published }),
  raiseMatters: (id: string, items: RaiseMatterInput[]) =>
    api.post<{ ids: string[] }>(`/api/meetings/${enc(id)}/matters`, { items }),
};

export const notificationsApi = {
  list: (query: { unread?: 'true'; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<NotificationPage>('/api/notifications', query, signal),
  unreadCount: (signal?: AbortSignal) =>
    api.get<{ unread: number }>('/api/notifications/unread-count', undefined, signal),
  markRead: (ids: string[] | 'all') =>
    api.post<{ marked: number }>('/api/notifications/read', ids === 'all' ? { all: true } : { ids }),
};
