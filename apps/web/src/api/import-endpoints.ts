// The roster import routes: template, upload (dry run), report, annotated copy, commit.
import type { ImportExistingMode, ImportIssuesPage, ImportJob } from '@xinhuo/shared';
import { api, buildUrl, uploadFile } from './client';

const enc = encodeURIComponent;

export const importApi = {
  templateUrl: () => '/api/imports/template',
  upload: (file: Blob & { name: string }, onProgress?: (percent: number) => void) =>
    uploadFile<ImportJob>('/api/imports', file, onProgress),
  job: (id: string, signal?: AbortSignal) => api.get<ImportJob>(`/api/imports/${enc(id)}`, undefined, signal),
  issues: (id: string, q: { page: number; pageSize: number; code?: string }, signal?: AbortSignal) =>
    api.get<ImportIssuesPage>(`/api/imports/${enc(id)}/issues`, q, signal),
  annotatedUrl: (id: string) => buildUrl(`/api/imports/${enc(id)}/annotated`),
  commit: (id: string, existingMode: ImportExistingMode) =>
    api.post<ImportJob>(`/api/imports/${enc(id)}/commit`, { existingMode }),
};
