import type {
  Login,
  LoginTotpBody,
  ResetTotpByNameBody,
  SecurityAlertList,
  SecurityPolicy,
  SecurityPolicyState,
  TotpCodeBody,
  TotpEnrolled,
  TotpSetup,
  TotpStatus,
  UpdateSecurityPolicyBody,
} from '@xinhuo/shared';
import { api } from './client';

/** The signed-in user's own second factor, and the login's code step. */
export const totpApi = {
  status: (signal?: AbortSignal) => api.get<TotpStatus>('/api/auth/totp', undefined, signal),
  setup: () => api.post<TotpSetup>('/api/auth/totp/setup', {}),
  confirm: (code: string) =>
    api.post<TotpEnrolled>('/api/auth/totp/confirm', { code } satisfies TotpCodeBody),
  loginCode: (challenge: string, code: string) =>
    api.post<Login>('/api/auth/login/totp', { challenge, code } satisfies LoginTotpBody, {
      skipUnauthorizedRedirect: true,
    }),
};

/** The security administrator's console: policy, alerts, resetting a second factor. */
export const securityApi = {
  policy: (signal?: AbortSignal) => api.get<SecurityPolicyState>('/api/security/policy', undefined, signal),
  updatePolicy: (policy: SecurityPolicy, version: number) =>
    api.put<SecurityPolicyState>('/api/security/policy', {
      policy,
      version,
    } satisfies UpdateSecurityPolicyBody),
  alerts: (page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<SecurityAlertList>('/api/security/alerts', { page, pageSize }, signal),
  resetTotpByName: (username: string) =>
    api.post<void>('/api/security/totp-reset', { username } satisfies ResetTotpByNameBody),
  /** For the accounts page: reset by account id. */
  resetTotp: (userId: string) =>
    api.post<void>(`/api/admin/users/${encodeURIComponent(userId)}/totp-reset`, {}),
};
