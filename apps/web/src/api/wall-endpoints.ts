import type {
  CreateDisplayTokenBody,
  CreatedDisplayToken,
  DisplayToken,
  DisplayTokenList,
  Wall,
} from '@xinhuo/shared';
import { api, apiRequest } from './client';

/**
 * The wall screen's figures: with a display token (a meeting-room screen) sent as a bearer token, whose
 * refusal is shown on the wall rather than sending it to the login page; without one, the session's.
 */
export const wallApi = {
  get: (token: string | null, signal?: AbortSignal) =>
    apiRequest<Wall>('/api/wall', {
      signal,
      ...(token ? { headers: { Authorization: `Bearer ${token}` }, skipUnauthorizedRedirect: true } : {}),
    }),
};

/** The system administrator's display tokens. */
export const displayTokenApi = {
  list: (signal?: AbortSignal) => api.get<DisplayTokenList>('/api/admin/display-tokens', undefined, signal),
  create: (body: CreateDisplayTokenBody, idempotencyKey: string) =>
    api.post<CreatedDisplayToken>('/api/admin/display-tokens', body, { idempotencyKey }),
  revoke: (id: string) => api.post<DisplayToken>(`/api/admin/display-tokens/${id}/revoke`, {}),
};
