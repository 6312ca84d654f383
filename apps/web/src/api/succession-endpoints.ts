// 薪火计划 succession and the dashboard over time, typed by the shared contract
// (packages/shared/src/api/pipeline-succession.ts).
import { api } from './client';
import type {
  AddBenchBody,
  PipelineDashboard,
  SeatDetail,
  SuccessionOverview,
  SuccessionRecordBody,
} from '@xinhuo/shared';

const seatPath = (id: string) => `/api/pipeline/succession/seats/${encodeURIComponent(id)}`;
const q = (x: { date?: string; orgId?: string }) =>
  Object.fromEntries(Object.entries(x).filter((e): e is [string, string] => !!e[1]));

export const successionApi = {
  overview: (x: { date?: string; orgId?: string }, signal?: AbortSignal) =>
    api.get<SuccessionOverview>('/api/pipeline/succession', q(x), signal),
  seat: (id: string, date: string | undefined, signal?: AbortSignal) =>
    api.get<SeatDetail>(seatPath(id), q({ date }), signal),
  addBench: (id: string, body: AddBenchBody) => api.post<SeatDetail>(`${seatPath(id)}/bench`, body),
  record: (id: string, body: SuccessionRecordBody) => api.post<SeatDetail>(`${seatPath(id)}/records`, body),
  dashboard: (x: { date?: string; orgId?: string }, signal?: AbortSignal) =>
    api.get<PipelineDashboard>('/api/pipeline/dashboard', q(x), signal),
};
