// The training routes (/api/training/…): sessions, enrollment, sign-in, hours, lecturers, the university class.
import type {
  PersonTraining,
  TrainingEnrollBody,
  TrainingFeedbackBody,
  TrainingHoursReport,
  TrainingKind,
  TrainingLecturerStats,
  TrainingSession,
  TrainingSessionDetail,
  UnivClass,
  UnivCohortDetail,
} from '@xinhuo/shared';
import { api, downloadFile, uploadFile } from './client';

const enc = encodeURIComponent;

export interface HoursFilters {
  year: number;
  shortfallOnly?: boolean;
  orgId?: string;
}

export const trainingApi = {
  sessions: (q: { from?: string; to?: string; kind?: TrainingKind }, signal?: AbortSignal) =>
    api.get<{ items: TrainingSession[] }>('/api/training/sessions', q, signal),
  session: (id: string, signal?: AbortSignal) =>
    api.get<TrainingSessionDetail>(`/api/training/sessions/${enc(id)}`, undefined, signal),
  enroll: (id: string, body: TrainingEnrollBody) =>
    api.post<{ enrolled: number; alreadyEnrolled: number }>(`/api/training/sessions/${enc(id)}/enroll`, body),
  signIn: (id: string, personIds: string[]) =>
    api.post<{ signedIn: number; rows: number }>(`/api/training/sessions/${enc(id)}/sign-in`, { personIds }),
  importSignIn: (id: string, file: Blob & { name: string }) =>
    uploadFile<{ signedIn: number; rows: number }>(`/api/training/sessions/${enc(id)}/sign-in/import`, file),
  feedback: (id: string, body: TrainingFeedbackBody) =>
    api.post<void>(`/api/training/sessions/${enc(id)}/feedback`, body),
  hours: (q: HoursFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<TrainingHoursReport>(
      '/api/training/hours',
      { ...q, shortfallOnly: q.shortfallOnly ? 'true' : undefined },
      signal,
    ),
  hoursExport: (q: HoursFilters) =>
    downloadFile('/api/training/hours/export', { ...q, shortfallOnly: q.shortfallOnly ? 'true' : undefined }),
  setRequirement: (year: number, hours: number) =>
    api.put<void>('/api/training/requirements', { year, hours }),
  lecturers: (year: number, signal?: AbortSignal) =>
    api.get<TrainingLecturerStats>('/api/training/lecturers', { year }, signal),
  person: (id: string, signal?: AbortSignal) =>
    api.get<PersonTraining>(`/api/training/people/${enc(id)}`, undefined, signal),
  classOverview: (signal?: AbortSignal) => api.get<UnivClass>('/api/training/class', undefined, signal),
  cohort: (id: string, signal?: AbortSignal) =>
    api.get<UnivCohortDetail>(`/api/training/class/cohorts/${enc(id)}`, undefined, signal),
  classExport: () => downloadFile('/api/training/class/export'),
};
