import type {
  DigestPref,
  GlobalSearch,
  ListPref,
  ListPrefKey,
  TablePref,
  TablePrefBody,
  TablePrefKey,
} from '@xinhuo/shared';
import { api } from './client';

export const workspaceApi = {
  listPref: (key: ListPrefKey, signal?: AbortSignal) =>
    api.get<ListPref>(`/api/me/list-prefs/${key}`, undefined, signal),
  saveListPref: (key: ListPrefKey, query: string) =>
    api.put<ListPref>(`/api/me/list-prefs/${key}`, { query }),
  tablePref: (key: TablePrefKey, signal?: AbortSignal) =>
    api.get<TablePref>(`/api/me/table-prefs/${key}`, undefined, signal),
  saveTablePref: (key: TablePrefKey, pref: TablePrefBody) =>
    api.put<TablePref>(`/api/me/table-prefs/${key}`, pref),
  digest: (signal?: AbortSignal) => api.get<DigestPref>('/api/me/digest', undefined, signal),
  saveDigest: (enabled: boolean) => api.put<DigestPref>('/api/me/digest', { enabled }),
  search: (q: string, signal?: AbortSignal) => api.get<GlobalSearch>('/api/search', { q }, signal),
};
