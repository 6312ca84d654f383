// 薪火计划 (issue 11), typed by the shared contract (packages/shared/src/api/pipeline.ts).
import { api } from './client';
import type {
  CandidateDetail,
  CandidateStepBody,
  Cohort,
  CohortDetail,
  ListCandidatesQuery,
  NominateBody,
  NoticeSheet,
  AddRuleSetBody,
  Program,
} from '@xinhuo/shared';
import type { candidatePageSchema } from '@xinhuo/shared';
import type { z } from 'zod';

export type CandidatePage = z.infer<typeof candidatePageSchema>;
const candidatePath = (id: string) => `/api/pipeline/candidates/${encodeURIComponent(id)}`;

export const pipelineApi = {
  programs: (signal?: AbortSignal) =>
    api.get<{ items: Program[] }>('/api/pipeline/programs', undefined, signal),
  cohorts: (tierId?: string, signal?: AbortSignal) =>
    api.get<{ items: Cohort[] }>('/api/pipeline/cohorts', tierId ? { tierId } : undefined, signal),
  cohort: (id: string, signal?: AbortSignal) =>
    api.get<CohortDetail>(`/api/pipeline/cohorts/${encodeURIComponent(id)}`, undefined, signal),
  candidates: (
    query: Omit<ListCandidatesQuery, 'page' | 'pageSize'> & { page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<CandidatePage>('/api/pipeline/candidates', query, signal),
  candidate: (id: string, signal?: AbortSignal) =>
    api.get<CandidateDetail>(candidatePath(id), undefined, signal),
  mine: (signal?: AbortSignal) => api.get<CandidateDetail>('/api/pipeline/me', undefined, signal),
  nominate: (body: NominateBody) => api.post<CandidateDetail>('/api/pipeline/candidates', body),
  step: (id: string, body: CandidateStepBody) =>
    api.post<CandidateDetail>(`${candidatePath(id)}/steps`, body),
  override: (id: string, body: { version: number; reason: string }) =>
    api.post<CandidateDetail>(`${candidatePath(id)}/override`, body),
  objection: (id: string, body: { date: string; text: string }) =>
    api.post<CandidateDetail>(`${candidatePath(id)}/objections`, body),
  resolveObjection: (id: string, objectionId: string, body: { date: string; resolution: string }) =>
    api.post<CandidateDetail>(
      `${candidatePath(id)}/objections/${encodeURIComponent(objectionId)}/resolve`,
      body,
    ),
  /** A new dated version of a tier (its rules and terms), effective today or later. */
  addTierVersion: (tierId: string, body: AddRuleSetBody) =>
    api.post<null>(`/api/pipeline/tiers/${encodeURIComponent(tierId)}/rules`, body),
  cancelTierVersion: (tierId: string, version: number, reason: string) =>
    api.post<null>(`/api/pipeline/tiers/${encodeURIComponent(tierId)}/versions/${version}/cancel`, {
      reason,
    }),
  notice: (id: string, signal?: AbortSignal) =>
    api.get<NoticeSheet>(`${candidatePath(id)}/notice`, undefined, signal),
};
