import type { Tx } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import * as repo from './auth.repository';
import type { UsersTable } from './auth.tables';
import type { SecurityPolicyService } from './security-policy.service';

/** The password lockout shared by login (sessions) and the password change (accounts). */
export function createLockout(deps: { clock: Clock; audit: AuditTrail; policy: SecurityPolicyService }) {
  const { clock, audit, policy } = deps;

  /**
   * One wrong password or second-factor code (at login or as the current password of a change) counts
   * toward the lockout: by default 5 in 15 minutes lock the account for 30 minutes and end all its
   * sessions (the security policy sets the three figures). Returns the failure count.
   */
  async function recordPasswordFailure(
    trx: Tx,
    user: UsersTable,
    actor: AuditActor,
    action: 'login_failed' | 'password_change',
    reason: 'wrong_password' | 'wrong_code' = 'wrong_password',
  ): Promise<number> {
    const p = await policy.current(trx);
    const LOCKOUT = {
      maxFailures: p.lockoutThreshold,
      windowMs: p.lockoutWindowMinutes * 60_000,
      lockMs: p.lockoutMinutes * 60_000,
    };
    const now = clock.now();
    const nowIso = now.toISOString();
    const inWindow =
      user.first_failed_at !== null && now.getTime() - Date.parse(user.first_failed_at) < LOCKOUT.windowMs;
    const failed = inWindow ? user.failed_count + 1 : 1;
    const patch = {
      failed_count: failed,
      first_failed_at: inWindow ? user.first_failed_at : nowIso,
      locked_until: null as string | null,
    };
    if (failed >= LOCKOUT.maxFailures)
      patch.locked_until = new Date(now.getTime() + LOCKOUT.lockMs).toISOString();
    await repo.updateUser(trx, user.id, patch);
    await audit.record(trx, actor, {
      action,
      objectType: 'user',
      objectId: user.id,
      outcome: 'denied',
      details: { reason, failures: failed },
    });
    if (patch.locked_until) {
      await repo.deleteSessionsOfUser(trx, user.id);
      await audit.record(trx, actor, {
        action: 'account_locked',
        objectType: 'user',
        objectId: user.id,
        outcome: 'denied',
        details: { until: patch.locked_until },
      });
    }
    return failed;
  }

  const isLocked = (u: UsersTable) => u.locked_until !== null && u.locked_until > clock.now().toISOString();

  return { recordPasswordFailure, isLocked };
}
