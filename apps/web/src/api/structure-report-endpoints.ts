// The election structure report (换届结构分析): live report, .xlsx, snapshots.
import type {
  StructureElectionList,
  StructureReport,
  StructureSnapshot,
  StructureSnapshotSummary,
} from '@xinhuo/shared';
import { api, buildUrl } from './client';

const enc = encodeURIComponent;
const base = (electionId: string) => `/api/elections/${enc(electionId)}/structure-report`;

export const structureReportApi = {
  elections: (signal?: AbortSignal) =>
    api.get<StructureElectionList>('/api/structure-reports/elections', undefined, signal),
  report: (electionId: string, signal?: AbortSignal) =>
    api.get<StructureReport>(base(electionId), undefined, signal),
  exportUrl: (electionId: string) => buildUrl(`${base(electionId)}/export`),
  freeze: (electionId: string) => api.post<StructureSnapshotSummary>(`${base(electionId)}/snapshots`),
  snapshots: (electionId: string, signal?: AbortSignal) =>
    api.get<{ items: StructureSnapshotSummary[] }>(`${base(electionId)}/snapshots`, undefined, signal),
  snapshot: (electionId: string, snapshotId: string, signal?: AbortSignal) =>
    api.get<StructureSnapshot>(`${base(electionId)}/snapshots/${enc(snapshotId)}`, undefined, signal),
};
