import { createHash, randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import {
  checkPasswordPolicy,
  hasAdminRoleConflict,
  permissionsOf,
  SEPARATED_ADMIN_ROLES,
  ROLES,
  type Role,
} from '@xinhuo/shared';
import type { Db } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { RequestUser } from '../../platform/http/request-context';
import * as repo from './auth.repository';

export const LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 30 * 60_000 };
export const SESSION_LIMITS = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3600_000,
  adminIdleMs: 15 * 60_000,
  adminAbsoluteMs: 8 * 3600_000,
  maxConcurrent: 3,
};
const TOUCH_EVERY_MS = 60_000;
// algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules).
const HASH_OPTS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// Unicode-aware identity: full-width, case and surrounding spaces never make a second account.
export function normalizeUsername(u: string): string {
  return u.normalize('NFKC').trim().toLowerCase();
}
const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,39}$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  const { db, clock, audit } = deps;
  // Verified for unknown users so that the answer takes as long as for a real one.
  const dummyHash = argonHash('dummy-password-for-timing', HASH_OPTS);

  function policyOrThrow(password: string, ctx: { username: string; displayName: string }) {
    const v = checkPasswordPolicy(password, ctx);
    if (v.length > 0)
      throw new AppError('PASSWORD_POLICY', { fields: v.map((reason) => ({ path: 'newPassword', reason })) });
  }

  return {
    /** Password login: lockout after 5 failures in 15 min, one generic answer for every failure. */
    async login(username: string, password: string, meta: { ip: string; requestId: string }) {
      const now = clock.now();
      const nowIso = now.toISOString();
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
        await argonVerify(await dummyHash, password);
        await audit.recordAlone(actor, {
          action: 'login_failed',
          outcome: 'denied',
          details: { reason: 'unknown_user' },
        });
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      const ok = await argonVerify(user.password_hash, password);
      const locked = user.locked_until !== null && user.locked_until > nowIso;
      if (locked || !user.is_active || !ok) {
        await db.transaction().execute(async (trx) => {
          const reason = locked ? 'locked' : !user.is_active ? 'disabled' : 'wrong_password';
          if (!ok && !locked) {
            const inWindow =
              user.first_failed_at !== null &&
              now.getTime() - Date.parse(user.first_failed_at) < LOCKOUT.windowMs;
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
              action: 'login_failed',
              objectType: 'user',
              objectId: user.id,
              outcome: 'denied',
              details: { reason, failures: failed },
            });
            if (patch.locked_until) {
              await audit.record(trx, actor, {
                action: 'account_locked',
                objectType: 'user',
                objectId: user.id,
                outcome: 'denied',
                details: { until: patch.locked_until },
              });
            }
          } else {
            await audit.record(trx, actor, {
              action: 'login_failed',
              objectType: 'user',
              objectId: user.id,
              outcome: 'denied',
              details: { reason },
            });
          }
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
      const isAdmin = s.roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r as Role));
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

    /** Change one's own password: the current one is required, the policy and the last 5 are checked. */
    async changePassword(
      user: RequestUser,
      actor: AuditActor,
      current: string,
      next: string,
      logoutOthers: boolean,
    ) {
      const row = await repo.findUserById(db, user.id);
      if (!row) throw new AppError('AUTH_REQUIRED');
      if (!(await argonVerify(row.password_hash, current))) {
        await audit.recordAlone(actor, {
          action: 'password_change',
          objectType: 'user',
          objectId: user.id,
          outcome: 'denied',
        });
        throw new AppError('PASSWORD_WRONG', {
          fields: [{ path: 'currentPassword', reason: 'PASSWORD_WRONG' }],
        });
      }
      policyOrThrow(next, { username: row.username, displayName: row.display_name });
      const history: string[] = JSON.parse(row.password_history);
      for (const h of [row.password_hash, ...history]) {
        if (await argonVerify(h, next))
          throw new AppError('PASSWORD_POLICY', { fields: [{ path: 'newPassword', reason: 'REUSED' }] });
      }
      const nowIso = clock.now().toISOString();
      const newHash = await argonHash(next, HASH_OPTS);
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, user.id, {
          password_hash: newHash,
          password_history: JSON.stringify([row.password_hash, ...history].slice(0, 5)),
          password_changed_at: nowIso,
          must_change_password: 0,
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

    /** Create an account (CLI bootstrap, demo builder, system administrator). Three-admin roles never combine. */
    async createUser(
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
      const norm = normalizeUsername(input.username);
      if (!USERNAME_RE.test(norm))
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'username', reason: 'invalid_format' }] });
      if (hasAdminRoleConflict(input.roles)) throw new AppError('ACCOUNT_ROLE_CONFLICT');
      policyOrThrow(input.password, { username: norm, displayName: input.displayName });
      if (await repo.findUserByNorm(db, norm)) throw new AppError('USERNAME_TAKEN');
      const id = newId(clock.now().getTime());
      const nowIso = clock.now().toISOString();
      const passwordHash = await argonHash(input.password, HASH_OPTS);
      await db.transaction().execute(async (trx) => {
        await repo.insertUser(
          trx,
          {
            id,
            username: input.username.normalize('NFKC').trim(),
            username_norm: norm,
            display_name: input.displayName,
            password_hash: passwordHash,
            password_history: '[]',
            password_changed_at: nowIso,
            must_change_password: input.mustChangePassword ? 1 : 0,
            is_active: 1,
            failed_count: 0,
            first_failed_at: null,
            locked_until: null,
            last_login_at: null,
            created_at: nowIso,
            updated_at: nowIso,
            version: 1,
          },
          input.roles,
          input.orgIds,
        );
        await audit.record(trx, actor, {
          action: 'user_create',
          objectType: 'user',
          objectId: id,
          details: { username: norm, roles: input.roles, orgIds: input.orgIds },
        });
      });
      return id;
    },

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
          roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
        })),
      };
    },

    async countUsers() {
      return repo.countUsers(db);
    },
  };
}
