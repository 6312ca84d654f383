// 薪火计划 succession and the dashboard over time, typed by the shared contract
// (packages/shared/src/api/pipeline-succession.ts).
import { api, type QueryValue } from './client';
import type {
  AddBenchBody,
  PipelineDashboard,
  SeatDetail,
  SeatList,
  SeatListQuery,
  SuccessionOverview,
  SuccessionRecordBody,
} from '@xinhuo/shared';

const seatPath = (id: string) => `/api/pipeline/succession/seats/${encodeURIComponent(id)}`;
const q = (x: Record<string, string | number | undefined>): Record<string, QueryValue> =>
  Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined && v !== ''));

export const successionApi = {
  overview: (x: { date?: string; orgId?: string; seats?: 'none' }, signal?: AbortSignal) =>
    api.get<SuccessionOverview>('/api/pipeline/succession', q(x), signal),
  /** One page of the seats, filtered and sorted by the server. */
  seats: (x: SeatListQuery, signal?: AbortSignal) =>
    api.get<SeatList>('/api/pipeline/succession/seats', q(x), signal),
  seat: (id: string, date: string | undefined, signal?: AbortSignal) =>
    api.get<SeatDetail>(seatPath(id), q({ date }), signal),
  addBench: (id: string, body: AddBenchBody) => api.post<SeatDetail>(`${seatPath(id)}/bench`, body),
  record: (id: string, body: SuccessionRecordBody) => api.post<SeatDetail>(`${seatPath(id)}/records`, body),
  dashboard: (x: { date?: string; orgId?: string }, signal?: AbortSignal) =>
    api.get<PipelineDashboard>('/api/pipeline/dashboard', q(x), signal),
};
