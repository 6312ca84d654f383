import type {
  CalendarOverride,
  CreatePolicyVersionBody,
  PolicyKind,
  PolicyVersionListOfKind,
  PolicyVersionOfKind,
  SetOverrideBody,
  SetWebhookBody,
  Webhook,
} from '@xinhuo/shared';
import { api } from './client';

/** The city's policy pages: versioned policy (tiers, thresholds, categories), working-day overrides and unit webhooks. */
export const policyApi = {
  versions: <K extends PolicyKind>(kind: K, signal?: AbortSignal) =>
    api.get<PolicyVersionListOfKind<K>>(`/api/policy/${kind}/versions`, undefined, signal),
  createVersion: <K extends PolicyKind>(kind: K, body: CreatePolicyVersionBody) =>
    api.post<PolicyVersionOfKind<K>>(`/api/policy/${kind}/versions`, body),
  cancelVersion: <K extends PolicyKind>(kind: K, version: number, reason: string) =>
    api.post<PolicyVersionOfKind<K>>(`/api/policy/${kind}/versions/${version}/cancel`, { reason }),
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
