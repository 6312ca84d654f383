import type { Db } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { createAccountService } from './accounts.service';
import { createDisplayTokenService } from './display-tokens.service';
import { createIdleAccountSweep } from './idle-accounts';
import { createPersonLinkService } from './person-links.service';
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
  const accounts = createAccountService(withPolicy);
  const personLinks = createPersonLinkService({ ...deps, grants: accounts.grants });
  return {
    ...createSessionService({ ...withPolicy, secondFactor }),
    ...accounts,
    /** The accounts list with each account's linked person (name, org, seats only). */
    async listUsers(...args: Parameters<typeof accounts.listUsers>) {
      const r = await accounts.listUsers(...args);
      const persons = await personLinks.linkedPersons(r.items.map((u) => u.id));
      return { ...r, items: r.items.map((u) => ({ ...u, person: persons.get(u.id) ?? null })) };
    },
    /** The account ↔ person link and a town's committee accounts in bulk (system administrator). */
    personLinks,
    policy,
    secondFactor,
    /** The wall screen's display tokens (大屏令牌). */
    displayTokens: createDisplayTokenService(deps),
    /** Disable accounts idle beyond the policy (main runs it at start and daily). */
    sweepIdleAccounts: createIdleAccountSweep(withPolicy),
  };
}
