import type { GlobalSearch, ListPref, ListPrefKey } from '@xinhuo/shared';
import { api } from './client';

export const workspaceApi = {
  listPref: (key: ListPrefKey, signal?: AbortSignal) =>
    api.get<ListPref>(`/api/me/list-prefs/${key}`, undefined, signal),
  saveListPref: (key: ListPrefKey, query: string) =>
    api.put<ListPref>(`/api/me/list-prefs/${key}`, { query }),
  search: (q: string, signal?: AbortSignal) => api.get<GlobalSearch>('/api/search', { q }, signal),
};
