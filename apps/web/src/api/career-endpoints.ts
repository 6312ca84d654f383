// The person page's career line (packages/shared/src/api/career.ts).
import type { PersonCareer } from '@xinhuo/shared';
import { api } from './client';

export const careerApi = {
  person: (id: string, signal?: AbortSignal) =>
    api.get<PersonCareer>(`/api/people/${encodeURIComponent(id)}/career`, undefined, signal),
};
