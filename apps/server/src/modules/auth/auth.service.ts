import { createHash, randomBytes } from 'node:crypto';
import {
  isSeparatedAdminRole,
  permissionsOf,
  violatesRoleSeparation,
  ROLES,
  type Role,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { RequestUser } from '../../platform/http/request-context';
import * as repo from './auth.repository';
import { createAccountGrantService } from './account-grants.service';
import type { UsersTable } from './auth.tables';
import {
  hashPassword,
  hasPassword,
  normalizeUsername,
  policyOrThrow,
  validUsername,
  verifyPassword,
} from './passwords';

export { normalizeUsername } from './passwords';

export const LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 30 * 60_000 };
export const SESSION_LIMITS = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3600_000,
  adminIdleMs: 15 * 60_000,
  adminAbsoluteMs: 8 * 3600_000,
  maxConcurrent: 3,
};
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  const { db, clock, audit } = deps;

  /**
   * One wrong password (at login or as the current password of a change) counts toward the lockout:
   * 5 in 15 minutes lock the account for 30 minutes and end all its sessions. Returns the failure count.
   */
  async function recordPasswordFailure(
    trx: Tx,
    user: UsersTable,
    actor: AuditActor,
    action: 'login_failed' | 'password_change',
  ): Promise<number> {
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
      details: { reason: 'wrong_password', failures: failed },
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

  return {
    /** Password login: lockout after 5 failures in 15 min, one generic answer for every failure. */
    async login(username: string, password: string, meta: { ip: string; requestId: string }) {
      const nowIso = clock.now().toISOString();
      const norm = normalizeUsername(username);
      const user = await repo.findUserByNorm(db, norm);
      const actor: AuditActor = {
        userId: user?.id ?? null,
        username: user?.username ?? norm.slice(0, 40),
        role: null,
        ip: meta.ip,
        requestId: meta.requestId,
        sessionHash: null,
      };
      if (!user) {
        await verifyPassword('', password);
        await audit.recordAlone(actor, {
          action: 'login_failed',
          outcome: 'denied',
          details: { reason: 'unknown_user' },
        });
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      const ok = await verifyPassword(user.password_hash, password);
      const locked = isLocked(user);
      if (locked || !user.is_active || !ok) {
        await db.transaction().execute(async (trx) => {
          if (!ok && !locked) return recordPasswordFailure(trx, user, actor, 'login_failed');
          await audit.record(trx, actor, {
            action: 'login_failed',
            objectType: 'user',
            objectId: user.id,
            outcome: 'denied',
            details: { reason: locked ? 'locked' : 'disabled' },
          });
        });
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      const token = randomBytes(32).toString('base64url');
      const idHash = sha256(token);
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, user.id, {
          failed_count: 0,
          first_failed_at: null,
          locked_until: null,
          last_login_at: nowIso,
        });
        const existing = await repo.findSessionsOfUser(trx, user.id);
        // Concurrent-session limit: the oldest sessions give way to the new one.
        for (const s of existing.slice(0, Math.max(0, existing.length - SESSION_LIMITS.maxConcurrent + 1))) {
          await repo.deleteSession(trx, s.id_hash);
          await audit.record(trx, actor, {
            action: 'session_evicted',
            objectType: 'user',
            objectId: user.id,
          });
        }
        await repo.insertSession(trx, {
          id_hash: idHash,
          user_id: user.id,
          created_at: nowIso,
          last_seen_at: nowIso,
          ip: meta.ip,
        });
        await audit.record(
          trx,
          { ...actor, sessionHash: idHash.slice(0, 16) },
          { action: 'login_success', objectType: 'user', objectId: user.id },
        );
      });
      return { token };
    },

    /** The user of a session cookie, or null when it is unknown, expired (idle or absolute) or the user is disabled. */
    async resolveSession(
      token: string,
      meta: { ip: string; requestId: string },
    ): Promise<RequestUser | null> {
      if (token.length > 100) return null;
      const idHash = sha256(token);
      const s = await repo.findSessionWithUser(db, idHash);
      if (!s) return null;
      const now = clock.now().getTime();
      const isAdmin = s.roles.some(isSeparatedAdminRole);
      const idle = isAdmin ? SESSION_LIMITS.adminIdleMs : SESSION_LIMITS.idleMs;
      const absolute = isAdmin ? SESSION_LIMITS.adminAbsoluteMs : SESSION_LIMITS.absoluteMs;
      if (
        !s.is_active ||
        now - Date.parse(s.last_seen_at) >= idle ||
        now - Date.parse(s.created_at) >= absolute
      ) {
        await repo.deleteSession(db, idHash);
        await audit.recordAlone(
          {
            userId: s.user_id,
            username: s.username,
            role: s.roles.join(','),
            ip: meta.ip,
            requestId: meta.requestId,
            sessionHash: idHash.slice(0, 16),
          },
          { action: 'session_timeout', objectType: 'user', objectId: s.user_id, outcome: 'denied' },
        );
        return null;
      }
      if (now - Date.parse(s.last_seen_at) > TOUCH_EVERY_MS)
        await repo.touchSession(db, idHash, new Date(now).toISOString());
      const roles = s.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
      return {
        id: s.user_id,
        username: s.username,
        displayName: s.display_name,
        roles,
        permissions: permissionsOf(roles),
        scopePaths: s.scopePaths,
        sessionHash: idHash.slice(0, 16),
        mustChangePassword: s.must_change_password === 1,
      };
    },

    async logout(token: string, actor: AuditActor) {
      await db.transaction().execute(async (trx) => {
        await repo.deleteSession(trx, sha256(token));
        await audit.record(trx, actor, { action: 'logout', objectType: 'user', objectId: actor.userId });
      });
    },

    /**
     * Change one's own password: the current one is required, the policy and the last 5 are checked.
     * A wrong current password counts toward the same lockout as a failed login (someone at an unlocked
     * screen must not be able to guess it without limit); a locked account is refused outright.
     */
    async changePassword(
      user: RequestUser,
      actor: AuditActor,
      current: string,
      next: string,
      logoutOthers: boolean,
    ) {
      const row = await repo.findUserById(db, user.id);
      if (!row) throw new AppError('AUTH_REQUIRED');
      if (isLocked(row)) {
        await audit.recordAlone(actor, {
          action: 'password_change',
          objectType: 'user',
          objectId: user.id,
          outcome: 'denied',
          details: { reason: 'locked' },
        });
        throw new AppError('AUTH_REQUIRED');
      }
      if (!(await verifyPassword(row.password_hash, current))) {
        await db.transaction().execute((trx) => recordPasswordFailure(trx, row, actor, 'password_change'));
        throw new AppError('PASSWORD_WRONG', {
          fields: [{ path: 'currentPassword', reason: 'PASSWORD_WRONG' }],
        });
      }
      policyOrThrow(next, { username: row.username, displayName: row.display_name });
      const history: string[] = JSON.parse(row.password_history);
      for (const h of [row.password_hash, ...history]) {
        if (await verifyPassword(h, next))
          throw new AppError('PASSWORD_POLICY', { fields: [{ path: 'newPassword', reason: 'REUSED' }] });
      }
      const nowIso = clock.now().toISOString();
      const newHash = await hashPassword(next);
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, user.id, {
          password_hash: newHash,
          password_history: JSON.stringify([row.password_hash, ...history].slice(0, 5)),
          password_changed_at: nowIso,
          must_change_password: 0,
          failed_count: 0,
          first_failed_at: null,
          updated_at: nowIso,
        });
        if (logoutOthers) {
          const mine = (await repo.findSessionsOfUser(trx, user.id)).find((s) =>
            s.id_hash.startsWith(user.sessionHash),
          );
          await repo.deleteSessionsOfUser(trx, user.id, mine?.id_hash);
        }
        await audit.record(trx, actor, {
          action: 'password_change',
          objectType: 'user',
          objectId: user.id,
          details: { logoutOthers },
        });
      });
    },

    /**
     * Create a live account directly, with roles, scope and a password. ONLY for the bootstrap paths that
     * run with shell access to the server (CLI create-admin, the demo builder, tests); no HTTP route calls
     * it. Over HTTP, accounts are requested and approved by two parties (account-grants.service.ts).
     */
    async bootstrapAccount(
      actor: AuditActor,
      input: {
        username: string;
        displayName: string;
        password: string;
        roles: Role[];
        orgIds: string[];
        mustChangePassword?: boolean;
      },
    ): Promise<string> {
      const norm = validUsername(input.username);
      assertRoleSeparation(input.roles, input.orgIds);
      policyOrThrow(input.password, { username: norm, displayName: input.displayName });
      if (await repo.findUserByNorm(db, norm)) throw new AppError('USERNAME_TAKEN');
      const id = newId(clock.now().getTime());
      const nowIso = clock.now().toISOString();
      const passwordHash = await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        await repo.insertUser(
          trx,
          repo.newUserRow({
            id,
            username: input.username,
            norm,
            displayName: input.displayName,
            passwordHash,
            mustChangePassword: input.mustChangePassword ?? false,
            nowIso,
          }),
          input.roles,
          input.orgIds,
        );
        await audit.record(trx, actor, {
          action: 'user_create',
          objectType: 'user',
          objectId: id,
          details: { username: norm, roles: input.roles, orgIds: input.orgIds, via: 'bootstrap' },
        });
      });
      return id;
    },

    /** Internal (tests, grants): enable or disable an account; disabling ends its sessions. */
    async setActive(actor: AuditActor, userId: string, active: boolean) {
      await db.transaction().execute(async (trx) => {
        const u = await repo.findUserById(trx, userId);
        if (!u) throw new AppError('NOT_FOUND');
        await repo.updateUser(trx, userId, {
          is_active: active ? 1 : 0,
          updated_at: clock.now().toISOString(),
        });
        if (!active) await repo.deleteSessionsOfUser(trx, userId);
        await audit.record(trx, actor, {
          action: active ? 'user_enable' : 'user_disable',
          objectType: 'user',
          objectId: userId,
        });
      });
    },

    async unlock(actor: AuditActor, userId: string) {
      await db.transaction().execute(async (trx) => {
        const u = await repo.findUserById(trx, userId);
        if (!u) throw new AppError('NOT_FOUND');
        await repo.updateUser(trx, userId, { locked_until: null, failed_count: 0, first_failed_at: null });
        await audit.record(trx, actor, { action: 'account_unlock', objectType: 'user', objectId: userId });
      });
    },

    async killSessions(actor: AuditActor, userId: string) {
      await db.transaction().execute(async (trx) => {
        const u = await repo.findUserById(trx, userId);
        if (!u) throw new AppError('NOT_FOUND');
        await repo.deleteSessionsOfUser(trx, userId);
        await audit.record(trx, actor, { action: 'session_kill', objectType: 'user', objectId: userId });
      });
    },

    async listUsers(page: { offset: number; limit: number }) {
      const [rows, total] = await Promise.all([repo.listUsers(db, page), repo.countUsers(db)]);
      const roles = await repo.rolesOf(
        db,
        rows.map((r) => r.id),
      );
      const nowIso = clock.now().toISOString();
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          isActive: r.is_active === 1,
          isLocked: r.locked_until !== null && r.locked_until > nowIso,
          lastLoginAt: r.last_login_at,
          isActivated: hasPassword(r.password_hash),
          roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
        })),
      };
    },

    async countUsers() {
      return repo.countUsers(db);
    },

    /** Two-party account requests and approvals, and the one-time activation. */
    grants: createAccountGrantService({ db, clock, audit }),
  };
}

/** 三员分立: a separated administrator role is held alone and without org scope. */
export function assertRoleSeparation(roles: readonly Role[], orgIds: readonly string[]): void {
  if (violatesRoleSeparation(roles)) throw new AppError('ACCOUNT_ROLE_CONFLICT');
  if (roles.some(isSeparatedAdminRole) && orgIds.length > 0) throw new AppError('ACCOUNT_ADMIN_SCOPE');
}
