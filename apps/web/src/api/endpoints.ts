// One typed function per API route the web app uses.
import { api, buildUrl } from './client';
import type {
  AuditEntry,
  AuditVerifyResult,
  Me,
  OrgDetail,
  OrgNode,
  Page,
  PersonDetail,
  PersonListItem,
  RosterStats,
} from './types';

export type RosterFilters = {
  orgId?: string;
  role?: string;
  committee?: string;
  college?: string;
  ageMin?: number;
  ageMax?: number;
  gender?: string;
  politicalStatus?: string;
  q?: string;
  refDate?: string;
  sort?: string;
  order?: string;
};

export type AuditFilters = {
  actor?: string;
  action?: string;
  objectType?: string;
  outcome?: string;
  from?: string;
  to?: string;
};

export const authApi = {
  me: (signal?: AbortSignal) => api.get<Me>('/api/auth/me', undefined, signal),
  login: (username: string, password: string) =>
    api.post<{ user: Me }>('/api/auth/login', { username, password }, { skipUnauthorizedRedirect: true }),
  logout: () => api.post<void>('/api/auth/logout', {}, { skipUnauthorizedRedirect: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
  activate: (username: string, code: string, newPassword: string) =>
    api.post<void>('/api/auth/activate', { username, code, newPassword }, { skipUnauthorizedRedirect: true }),
};

export const orgsApi = {
  children: (parentId?: string, signal?: AbortSignal) =>
    api.get<{ items: OrgNode[] }>('/api/orgs/children', { parentId }, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<OrgDetail>(`/api/orgs/${encodeURIComponent(id)}`, undefined, signal),
};

export const peopleApi = {
  list: (filters: RosterFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<PersonListItem>>('/api/people', filters, signal),
  exportUrl: (filters: RosterFilters) => buildUrl('/api/people/export', filters),
  get: (id: string, signal?: AbortSignal) =>
    api.get<PersonDetail>(`/api/people/${encodeURIComponent(id)}`, undefined, signal),
  reveal: (id: string, field: 'idNumber' | 'phone', reason: string) =>
    api.post<{ value: string | null }>(`/api/people/${encodeURIComponent(id)}/reveal`, { field, reason }),
};

export const statsApi = {
  roster: (orgId: string | undefined, refDate: string, signal?: AbortSignal) =>
    api.get<RosterStats>('/api/stats/roster', { orgId, refDate }, signal),
};

export const auditApi = {
  list: (filters: AuditFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>('/api/audit', filters, signal),
  verify: () => api.get<AuditVerifyResult>('/api/audit/verify'),
};

// Meetings, matters and notifications live in their own files.
export * from './matter-endpoints';
