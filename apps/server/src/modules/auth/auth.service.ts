import type { Db } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { createAccountService } from './accounts.service';
import { createDisplayTokenService } from './display-tokens.service';
import { createIdleAccountSweep } from './idle-accounts';
import { createSecondFactorService } from './second-factor.service';
import { createSecurityPolicyService } from './security-policy.service';
import { createSessionService } from './sessions.service';

export type AuthService = ReturnType<typeof createAuthService>;

/**
 * The auth module's one face for routes and composition: sessions and accounts side by side, the
 * security policy they read and the second factor.
 */
export function createAuthService(deps: { db: Db; clock: Clock; audit: AuditTrail; crypto: FieldCrypto }) {
  const policy = createSecurityPolicyService(deps);
  const secondFactor = createSecondFactorService({ ...deps, policy });
  const withPolicy = { ...deps, policy };
  return {
    ...createSessionService({ ...withPolicy, secondFactor }),
    ...createAccountService(withPolicy),
    policy,
    secondFactor,
    /** The wall screen's display tokens (大屏令牌). */
    displayTokens: createDisplayTokenService(deps),
    /** Disable accounts idle beyond the policy (main runs it at start and daily). */
    sweepIdleAccounts: createIdleAccountSweep(withPolicy),
  };
}
