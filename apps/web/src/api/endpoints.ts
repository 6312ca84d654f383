// One typed function per API route the web app uses.
import { api, buildUrl, downloadFile } from './client';
import type {
  ActivateAccountBody,
  BulkAccounts,
  BulkAccountsBody,
  CommitteeMembers,
  HandoverSheet,
  LinkedPerson,
  PersonCandidate,
  SavedSearch,
  SavedSearchBody,
  AdminOrg,
  ApprovedGrant,
  CreatedUser,
  CreateUserBody,
  Grant,
  ListGrantsQuery,
  ListSessionsQuery,
  ListUsersQuery,
  RejectGrantBody,
  RequestedGrant,
  RequestGrantBody,
  SessionList,
  UserList,
  AdjustSeatBody,
  AppointSeatBody,
  EndSeatBody,
  EndTermBody,
  OpenTermBody,
  Term,
  TermList,
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

/** Terms (届次) of a village's committees and their seats. */
export const termsApi = {
  list: (orgId: string, signal?: AbortSignal) =>
    api.get<TermList>(`/api/orgs/${encodeURIComponent(orgId)}/terms`, undefined, signal),
  open: (orgId: string, body: OpenTermBody) =>
    api.post<Term>(`/api/orgs/${encodeURIComponent(orgId)}/terms`, body),
  appoint: (termId: string, body: AppointSeatBody) =>
    api.post<Term>(`/api/terms/${encodeURIComponent(termId)}/seats`, body),
  endTerm: (termId: string, body: EndTermBody) =>
    api.post<Term>(`/api/terms/${encodeURIComponent(termId)}/end`, body),
  endSeat: (seatId: string, body: EndSeatBody) =>
    api.post<Term>(`/api/seats/${encodeURIComponent(seatId)}/end`, body),
  adjust: (seatId: string, body: AdjustSeatBody) =>
    api.post<Term>(`/api/seats/${encodeURIComponent(seatId)}/adjust`, body),
};

export const peopleApi = {
  /** A page of the roster; `after` (the previous page's `next`) reads it by keyset, without an offset. */
  list: (filters: RosterFilters & { page: number; pageSize: number; after?: string }, signal?: AbortSignal) =>
    api.get<Page<PersonListItem> & { next: string | null }>('/api/people', filters, signal),
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
  /** The filtered trail as .xlsx (the browser downloads it). */
  exportXlsx: (filters: AuditFilters) => downloadFile('/api/audit/export', { ...filters }),
  savedSearches: (signal?: AbortSignal) =>
    api.get<{ items: SavedSearch[] }>('/api/audit/searches', undefined, signal),
  saveSearch: (body: SavedSearchBody, idempotencyKey: string) =>
    api.post<SavedSearch>('/api/audit/searches', body, { idempotencyKey }),
  deleteSearch: (id: string) => api.delete<void>(`/api/audit/searches/${encodeURIComponent(id)}`),
};

// Meetings, matters and notifications live in their own files.
export * from './matter-endpoints';

type Paged<Q> = Omit<Q, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

/** The administrators' consoles (三员分立): accounts, requests and their decisions, sessions. */
export const adminApi = {
  users: (query: Paged<ListUsersQuery>, signal?: AbortSignal) =>
    api.get<UserList>('/api/admin/users', { ...query }, signal),
  orgs: (signal?: AbortSignal) => api.get<{ items: AdminOrg[] }>('/api/admin/orgs', undefined, signal),
  createUser: (body: CreateUserBody, idempotencyKey: string) =>
    api.post<CreatedUser>('/api/admin/users', body, { idempotencyKey }),
  requestGrant: (userId: string, body: RequestGrantBody, idempotencyKey: string) =>
    api.post<RequestedGrant>(`/api/admin/users/${encodeURIComponent(userId)}/grants`, body, {
      idempotencyKey,
    }),
  disable: (userId: string) =>
    api.post<{ grantId: string } | undefined>(`/api/admin/users/${encodeURIComponent(userId)}/disable`),
  enable: (userId: string) =>
    api.post<{ grantId: string } | undefined>(`/api/admin/users/${encodeURIComponent(userId)}/enable`),
  resetPassword: (userId: string) =>
    api.post<RequestedGrant>(`/api/admin/users/${encodeURIComponent(userId)}/reset-password`),
  unlock: (userId: string) => api.post<void>(`/api/admin/users/${encodeURIComponent(userId)}/unlock`),
  grants: (query: Paged<ListGrantsQuery>, signal?: AbortSignal) =>
    api.get<{ items: Grant[] }>('/api/admin/grants', { ...query }, signal),
  approve: (grantId: string) =>
    api.post<ApprovedGrant>(`/api/admin/grants/${encodeURIComponent(grantId)}/approve`),
  reject: (grantId: string, reason: string) =>
    api.post<void>(`/api/admin/grants/${encodeURIComponent(grantId)}/reject`, {
      reason,
    } satisfies RejectGrantBody),
  sessions: (query: Paged<ListSessionsQuery>, signal?: AbortSignal) =>
    api.get<SessionList>('/api/admin/sessions', { ...query }, signal),
  endSession: (id: string) => api.post<void>(`/api/admin/sessions/${encodeURIComponent(id)}/end`),
  personCandidates: (userId: string, q: string, signal?: AbortSignal) =>
    api.get<{ items: PersonCandidate[] }>(
      `/api/admin/users/${encodeURIComponent(userId)}/person-candidates`,
      { q },
      signal,
    ),
  linkPerson: (userId: string, personId: string) =>
    api.put<LinkedPerson>(`/api/admin/users/${encodeURIComponent(userId)}/person`, { personId }),
  unlinkPerson: (userId: string) => api.delete<void>(`/api/admin/users/${encodeURIComponent(userId)}/person`),
  committeeMembers: (townId: string, signal?: AbortSignal) =>
    api.get<CommitteeMembers>(
      `/api/admin/towns/${encodeURIComponent(townId)}/committee-members`,
      undefined,
      signal,
    ),
  bulkAccounts: (townId: string, body: BulkAccountsBody, idempotencyKey: string) =>
    api.post<BulkAccounts>(`/api/admin/towns/${encodeURIComponent(townId)}/committee-accounts`, body, {
      idempotencyKey,
    }),
  approveBatch: (batchId: string) =>
    api.post<HandoverSheet>(`/api/admin/grant-batches/${encodeURIComponent(batchId)}/approve`),
};
