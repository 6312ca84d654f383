// One typed function per meetings / matters / notifications route the web app uses; the shapes are the
// shared contract's (@xinhuo/shared), so a change to an answer breaks the type-check here too.
import type {
  IssuedDocumentKind,
  IssuedDocumentsPage,
  AssignOrder,
  MatterCatalog,
  MatterCounts,
  MatterDetail,
  MatterFilters,
  MatterPage,
  MatterPeriod,
  MatterStats,
  MatterTransitionBody,
  MeetingBody,
  MeetingDetail,
  MeetingFilters,
  MeetingPage,
  MeetingReview,
  MeetingSeries,
  MeetingSeriesBody,
  MeetingSignInSheet,
  MyWorkCounts,
  MyWorkPage,
  MyWorkKind,
  NotificationKind,
  NotificationPage,
  NotificationSummary,
  OverdueFilters,
  OverdueList,
  RaiseMatterBody,
  RaiserStatsPage,
  Scorecards,
  SupervisionOrder,
  UnreadCount,
} from '@xinhuo/shared';
import { api, apiRequest, buildUrl, downloadFile, uploadFile } from './client';
import type { Language } from '../i18n/language-store';

export type { AppNotification, MatterFilters, MeetingFilters, NotificationPage } from '@xinhuo/shared';
/** A statistics period (the query of /api/matters/stats and /scorecards). */
export type Period = MatterPeriod;

/** The body of one workflow action, without the matter's `version` (added by `act`). */
export type MatterActionBody = MatterTransitionBody extends infer B
  ? B extends { version: unknown }
    ? Omit<B, 'version'>
    : never
  : never;

const enc = encodeURIComponent;
type Paged = { page: number; pageSize: number };

export const mattersApi = {
  list: (filters: MatterFilters & Paged, signal?: AbortSignal) =>
    api.get<MatterPage>('/api/matters', filters, signal),
  counts: (filters: MatterFilters, signal?: AbortSignal) =>
    api.get<MatterCounts>('/api/matters/counts', filters, signal),
  exportUrl: (filters: MatterFilters) => buildUrl('/api/matters/export', filters),
  overdueExportUrl: (query: OverdueFilters) => buildUrl('/api/matters/overdue/export', query),
  scorecardsExportUrl: (period: Period) => buildUrl('/api/matters/scorecards/export', period),
  catalog: (signal?: AbortSignal) => api.get<MatterCatalog>('/api/matters/catalog', undefined, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<MatterDetail>(`/api/matters/${enc(id)}`, undefined, signal),
  raise: (input: RaiseMatterBody) => api.post<MatterDetail>('/api/matters', input),
  act: (id: string, version: number, input: MatterActionBody) =>
    api.post<MatterDetail>(`/api/matters/${enc(id)}/transitions`, { ...input, version }),
  documents: (
    query: { kind: IssuedDocumentKind; q?: string; from?: string; to?: string } & Paged,
    signal?: AbortSignal,
  ) => api.get<IssuedDocumentsPage>('/api/documents', query, signal),
  assignOrder: (id: string, signal?: AbortSignal) =>
    api.get<AssignOrder>(`/api/matters/${enc(id)}/assign-order`, undefined, signal),
  /** The PDF in the UI's language (a link the browser opens sends its own Accept-Language). */
  assignOrderPdfUrl: (id: string, lang: Language) =>
    buildUrl(`/api/matters/${enc(id)}/assign-order.pdf`, { lang }),
  supervisionOrder: (id: string, signal?: AbortSignal) =>
    api.get<SupervisionOrder>(`/api/supervisions/${enc(id)}/order`, undefined, signal),
  supervisionOrderPdfUrl: (id: string, lang: Language) =>
    buildUrl(`/api/supervisions/${enc(id)}/order.pdf`, { lang }),
  stats: (period: Period, signal?: AbortSignal) => api.get<MatterStats>('/api/matters/stats', period, signal),
  raisers: (query: Period & Paged, signal?: AbortSignal) =>
    api.get<RaiserStatsPage>('/api/matters/raisers', query, signal),
  scorecards: (period: Period, signal?: AbortSignal) =>
    api.get<Scorecards>('/api/matters/scorecards', period, signal),
  overdue: (query: OverdueFilters & Paged, signal?: AbortSignal) =>
    api.get<OverdueList>('/api/matters/overdue', query, signal),
};

export const meetingsApi = {
  series: (signal?: AbortSignal) =>
    api.get<{ items: MeetingSeries[] }>('/api/meeting-series', undefined, signal),
  createSeries: (input: MeetingSeriesBody) => api.post<{ id: string }>('/api/meeting-series', input),
  list: (filters: MeetingFilters & Paged, signal?: AbortSignal) =>
    api.get<MeetingPage>('/api/meetings', filters, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<MeetingDetail>(`/api/meetings/${enc(id)}`, undefined, signal),
  review: (id: string, signal?: AbortSignal) =>
    api.get<MeetingReview>(`/api/meetings/${enc(id)}/review`, undefined, signal),
  create: (input: MeetingBody) => api.post<MeetingDetail>('/api/meetings', input),
  update: (id: string, version: number, input: MeetingBody) =>
    apiRequest<MeetingDetail>(`/api/meetings/${enc(id)}`, { method: 'PUT', body: { ...input, version } }),
  publish: (id: string, version: number, published: boolean) =>
    api.post<MeetingDetail>(`/api/meetings/${enc(id)}/publish`, { version, published }),
  raiseMatters: (id: string, items: RaiseMatterBody[]) =>
    api.post<{ ids: string[] }>(`/api/meetings/${enc(id)}/matters`, { items }),
  /** A 签到表 read into participants (nothing is stored). */
  readSignInSheet: (file: Blob & { name: string }) =>
    uploadFile<MeetingSignInSheet>('/api/meetings/sign-in-sheet', file),
  signInTemplate: () => downloadFile('/api/meetings/sign-in-sheet/template'),
};

export const notificationsApi = {
  list: (
    query: { read?: 'true' | 'false'; kind?: NotificationKind; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<NotificationPage>('/api/notifications', query, signal),
  unreadCount: (signal?: AbortSignal) =>
    api.get<UnreadCount>('/api/notifications/unread-count', undefined, signal),
  summary: (signal?: AbortSignal) =>
    api.get<NotificationSummary>('/api/notifications/summary', undefined, signal),
  /** Mark the given ones read, or all unread (of one kind when given). */
  markRead: (ids: string[] | 'all', kind?: NotificationKind) =>
    api.post<{ marked: number }>('/api/notifications/read', ids === 'all' ? { all: true, kind } : { ids }),
};

/** My work (我的待办): what waits for the signed-in user or their unit. */
export const myWorkApi = {
  list: (query: { kind?: MyWorkKind } & Paged, signal?: AbortSignal) =>
    api.get<MyWorkPage>('/api/my-work', query, signal),
  counts: (signal?: AbortSignal) => api.get<MyWorkCounts>('/api/my-work/counts', undefined, signal),
};
