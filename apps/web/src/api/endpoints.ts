// One typed function per API route the web app uses.
import { api, buildUrl } from './client';
import type {
  ActivateAccountBody,
  AuditFilters,
  AuditPage,
  AuditVerification,
  ChangePasswordBody,
  CreatePersonBody,
  Login,
  LoginBody,
  Me,
  OrgChildren,
  OrgDetail,
  Page,
  PendingCityReview,
  Person,
  PersonListItem,
  RevealBody,
  Revealed,
  RosterFilters,
  RosterStats,
  UpdatePersonBody,
} from '@xinhuo/shared';

export type { AuditFilters, RosterFilters };

export const authApi = {
  me: (signal?: AbortSignal) => api.get<Me>('/api/auth/me', undefined, signal),
  login: (username: string, password: string) =>
    api.post<Login>('/api/auth/login', { username, password } satisfies LoginBody, {
      skipUnauthorizedRedirect: true,
    }),
  logout: () => api.post<void>('/api/auth/logout', {}, { skipUnauthorizedRedirect: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword } satisfies ChangePasswordBody),
  activate: (username: string, code: string, newPassword: string) =>
    api.post<void>('/api/auth/activate', { username, code, newPassword } satisfies ActivateAccountBody, {
      skipUnauthorizedRedirect: true,
    }),
};

export const orgsApi = {
  children: (parentId?: string, signal?: AbortSignal) =>
    api.get<OrgChildren>('/api/orgs/children', { parentId }, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<OrgDetail>(`/api/orgs/${encodeURIComponent(id)}`, undefined, signal),
};

export const peopleApi = {
  list: (filters: RosterFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<PersonListItem>>('/api/people', filters, signal),
  exportUrl: (filters: RosterFilters) => buildUrl('/api/people/export', filters),
  get: (id: string, signal?: AbortSignal) =>
    api.get<Person>(`/api/people/${encodeURIComponent(id)}`, undefined, signal),
  /** A new person (201), or a request for the city when the ID number is held elsewhere (202). */
  create: (body: CreatePersonBody) => api.post<Person | PendingCityReview>('/api/people', body),
  update: (id: string, body: UpdatePersonBody) =>
    api.patch<Person | PendingCityReview>(`/api/people/${encodeURIComponent(id)}`, body),
  reveal: (id: string, field: RevealBody['field'], reason: string) =>
    api.post<Revealed>(`/api/people/${encodeURIComponent(id)}/reveal`, {
      field,
      reason,
    } satisfies RevealBody),
};

export const statsApi = {
  roster: (orgId: string | undefined, refDate: string, signal?: AbortSignal) =>
    api.get<RosterStats>('/api/stats/roster', { orgId, refDate }, signal),
};

export const auditApi = {
  list: (filters: AuditFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<AuditPage>('/api/audit', filters, signal),
  verify: () => api.get<AuditVerification>('/api/audit/verify'),
};

// Meetings, matters and notifications live in their own files.
export * from './matter-endpoints';
