import type { Db } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { createAccountService } from './accounts.service';
import { createSessionService } from './sessions.service';

export type AuthService = ReturnType<typeof createAuthService>;

/** The auth module's one face for routes and composition: sessions and accounts side by side. */
export function createAuthService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  return { ...createSessionService(deps), ...createAccountService(deps) };
}
