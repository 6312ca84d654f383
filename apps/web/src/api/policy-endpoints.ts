import type {
  CalendarOverride,
  CreatePolicyVersionBody,
  MatterCategoryBody,
  PolicyKind,
  PolicyVersion,
  PolicyVersionList,
  SetOverrideBody,
  SetWebhookBody,
  Webhook,
} from '@xinhuo/shared';
import { api } from './client';

/** The city's policy pages: versioned policy, categories, working-day overrides and unit webhooks. */
export const policyApi = {
  versions: (kind: PolicyKind, signal?: AbortSignal) =>
    api.get<PolicyVersionList>(`/api/policy/${kind}/versions`, undefined, signal),
  createVersion: (kind: PolicyKind, body: CreatePolicyVersionBody) =>
    api.post<PolicyVersion>(`/api/policy/${kind}/versions`, body),
  cancelVersion: (kind: PolicyKind, version: number, reason: string) =>
    api.post<PolicyVersion>(`/api/policy/${kind}/versions/${version}/cancel`, { reason }),
  putCategory: (code: string, body: MatterCategoryBody) =>
    api.put<void>(`/api/matters/categories/${encodeURIComponent(code)}`, body),
  overrides: (from: string, signal?: AbortSignal) =>
    api.get<{ items: CalendarOverride[] }>('/api/calendar/overrides', { from }, signal),
  setOverride: (date: string, body: SetOverrideBody) =>
    api.put<void>(`/api/calendar/overrides/${encodeURIComponent(date)}`, body),
  removeOverride: (date: string) => api.delete<void>(`/api/calendar/overrides/${encodeURIComponent(date)}`),
  webhook: (orgId: string, signal?: AbortSignal) =>
    api.get<Webhook>(`/api/orgs/${encodeURIComponent(orgId)}/webhook`, undefined, signal),
  setWebhook: (orgId: string, body: SetWebhookBody) =>
    api.put<void>(`/api/orgs/${encodeURIComponent(orgId)}/webhook`, body),
};
