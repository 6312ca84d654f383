import type { Db } from '../../database';
import { SYSTEM_ACTOR, type AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import * as repo from './auth.repository';
import * as secRepo from './security.repository';
import type { SecurityPolicyService } from './security-policy.service';

/**
 * Idle-account expiry: an active account with no login for the policy's number of days (91 by default;
 * never signed in: counted from its creation) is disabled, its sessions ended, each one audited. Runs at
 * start and daily (main.ts); re-enabling is the system administrator's audited request.
 */
export function createIdleAccountSweep(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  policy: SecurityPolicyService;
}) {
  const { db, clock, audit, policy } = deps;
  return async function sweepIdleAccounts(): Promise<number> {
    const p = await policy.current();
    if (p.idleAccountDays === 0) return 0;
    const before = new Date(clock.now().getTime() - p.idleAccountDays * 86_400_000).toISOString();
    let disabled = 0;
    for (;;) {
      const idle = await secRepo.findIdleUsers(db, before);
      for (const u of idle) {
        await db.transaction().execute(async (trx) => {
          await repo.updateUser(trx, u.id, { is_active: 0, updated_at: clock.now().toISOString() });
          await repo.deleteSessionsOfUser(trx, u.id);
          await audit.record(trx, SYSTEM_ACTOR, {
            action: 'account_expired',
            objectType: 'user',
            objectId: u.id,
            details: { lastLoginAt: u.last_login_at, idleDays: p.idleAccountDays },
          });
        });
        disabled++;
      }
      if (idle.length < 1000) return disabled;
    }
  };
}
