// The term election campaign (换届, issue 9), typed by the shared contract (packages/shared/src/api/campaigns.ts).
import { api } from './client';
import type {
  AddCandidateBody,
  CampaignDetail,
  CampaignOrgDetail,
  CampaignOrgPage,
  CampaignPage,
  CampaignTransitionBody,
  CreateCampaignBody,
  FinalizeCampaignOrgBody,
  ListCampaignOrgsQuery,
  PendingCityReview,
  RecordObjectionBody,
  RecordResultsBody,
  RecordVettingBody,
  ResolveObjectionBody,
  UpdateTimetableBody,
} from '@xinhuo/shared';

const campaignPath = (id: string) => `/api/elections/${encodeURIComponent(id)}`;
const orgPath = (id: string, orgId: string) => `${campaignPath(id)}/orgs/${encodeURIComponent(orgId)}`;

export const electionsApi = {
  list: (query: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<CampaignPage>('/api/elections', query, signal),
  create: (body: CreateCampaignBody) => api.post<CampaignDetail>('/api/elections', body),
  get: (id: string, signal?: AbortSignal) => api.get<CampaignDetail>(campaignPath(id), undefined, signal),
  orgs: (
    id: string,
    query: Omit<ListCampaignOrgsQuery, 'page' | 'pageSize'> & { page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<CampaignOrgPage>(`${campaignPath(id)}/orgs`, query, signal),
  org: (id: string, orgId: string, signal?: AbortSignal) =>
    api.get<CampaignOrgDetail>(orgPath(id, orgId), undefined, signal),
  timetable: (id: string, orgId: string, body: UpdateTimetableBody) =>
    api.put<CampaignOrgDetail>(`${orgPath(id, orgId)}/timetable`, body),
  addCandidate: (id: string, orgId: string, body: AddCandidateBody) =>
    api.post<CampaignOrgDetail | PendingCityReview>(`${orgPath(id, orgId)}/candidates`, body),
  removeCandidate: (id: string, orgId: string, candidateId: string) =>
    api.delete<unknown>(`${orgPath(id, orgId)}/candidates/${encodeURIComponent(candidateId)}`),
  vet: (id: string, orgId: string, candidateId: string, body: RecordVettingBody) =>
    api.put<CampaignOrgDetail>(
      `${orgPath(id, orgId)}/candidates/${encodeURIComponent(candidateId)}/vetting`,
      body,
    ),
  transition: (id: string, orgId: string, body: CampaignTransitionBody) =>
    api.post<unknown>(`${orgPath(id, orgId)}/transition`, body),
  objection: (id: string, orgId: string, body: RecordObjectionBody) =>
    api.post<unknown>(`${orgPath(id, orgId)}/objections`, body),
  resolveObjection: (id: string, orgId: string, objectionId: string, body: ResolveObjectionBody) =>
    api.post<unknown>(`${orgPath(id, orgId)}/objections/${encodeURIComponent(objectionId)}/resolve`, body),
  results: (id: string, orgId: string, body: RecordResultsBody) =>
    api.put<CampaignOrgDetail>(`${orgPath(id, orgId)}/results`, body),
  finalize: (id: string, orgId: string, body: FinalizeCampaignOrgBody) =>
    api.post<unknown>(`${orgPath(id, orgId)}/finalize`, body),
};
