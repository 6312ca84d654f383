// LRMX (干部任免审批表) exchange: upload into a session, the session, apply; exports of a person, the
// filtered roster (.zip) and the 任免审批表 PDF.
import type { ApplyLrmxBody, LrmxSession, RosterFilters } from '@xinhuo/shared';
import { api, downloadFile, uploadFile } from './client';

const enc = encodeURIComponent;

export const lrmxApi = {
  upload: (file: Blob & { name: string }, onProgress?: (percent: number) => void) =>
    uploadFile<LrmxSession>('/api/lrmx/sessions', file, onProgress),
  session: (id: string, signal?: AbortSignal) =>
    api.get<LrmxSession>(`/api/lrmx/sessions/${enc(id)}`, undefined, signal),
  apply: (id: string, body: ApplyLrmxBody) =>
    api.post<LrmxSession>(`/api/lrmx/sessions/${enc(id)}/apply`, body),
  downloadPerson: (id: string) => downloadFile(`/api/people/${enc(id)}/lrmx`),
  downloadCadreForm: (id: string) => downloadFile(`/api/people/${enc(id)}/cadre-form.pdf`),
  downloadRoster: (filters: RosterFilters) => downloadFile('/api/people/lrmx-export', filters),
};
