// Org management (issue 9): create, rename, move, deactivate, merge and split, typed by the shared contract.
import { api } from './client';
import type {
  CreateOrgBody,
  DeactivateOrgBody,
  LineageResult,
  MergeOrgsBody,
  MoveOrgBody,
  Org,
  SplitOrgBody,
  UpdateOrgBody,
} from '@xinhuo/shared';

const orgPath = (id: string) => `/api/orgs/${encodeURIComponent(id)}`;

export const orgAdminApi = {
  create: (body: CreateOrgBody) => api.post<Org>('/api/orgs', body),
  update: (id: string, body: UpdateOrgBody) => api.patch<Org>(orgPath(id), body),
  move: (id: string, body: MoveOrgBody) => api.post<Org>(`${orgPath(id)}/move`, body),
  deactivate: (id: string, body: DeactivateOrgBody) => api.post<Org>(`${orgPath(id)}/deactivate`, body),
  merge: (body: MergeOrgsBody) => api.post<LineageResult>('/api/orgs/merge', body),
  split: (id: string, body: SplitOrgBody) => api.post<LineageResult>(`${orgPath(id)}/split`, body),
};
