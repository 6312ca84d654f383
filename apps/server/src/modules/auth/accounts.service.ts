import {
  isSeparatedAdminRole,
  permissionsOf,
  ROLES,
  violatesRoleSeparation,
  type Role,
} from '@xinhuo/shared';
import type { Caller } from '../../platform/caller';
import type { Db } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { RequestUser } from '../../platform/http/request-context';
import * as repo from './auth.repository';
import { createAccountGrantService } from './account-grants.service';
import { createLockout } from './lockout';
import type { SecurityPolicyService } from './security-policy.service';
import { hashPassword, hasPassword, policyOrThrow, validUsername, verifyPassword } from './passwords';

export type AccountService = ReturnType<typeof createAccountService>;

/** Accounts: the own password, bootstrap creation, enable/disable, unlock, listing, and the two-party grants. */
export function createAccountService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  policy: SecurityPolicyService;
}) {
  const { db, clock, audit, policy } = deps;
  const { recordPasswordFailure, isLocked } = createLockout(deps);

  return {
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
      policyOrThrow(next, { username: row.username, displayName: row.display_name }, await policy.current());
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

    /**
     * The command line acting as an account (export, import): its roles, permissions and scope exactly as
     * a session would carry them, audited under its name with the source `cli`. A disabled account, or one
     * that has not yet chosen its own password, is refused like a failed login.
     */
    async actAs(username: string, requestId: string): Promise<Caller> {
      const u = await repo.findUserWithScope(db, username);
      if (!u || u.is_active !== 1 || u.must_change_password === 1)
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      const roles = u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
      return {
        userId: u.id,
        scopePaths: u.scopePaths,
        permissions: permissionsOf(roles),
        actor: {
          userId: u.id,
          username: u.username,
          role: roles.join(','),
          ip: null,
          requestId,
          sessionHash: null,
        },
      };
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

    async listUsers(filter: repo.UserFilter, page: { offset: number; limit: number }) {
      const nowIso = clock.now().toISOString();
      const [rows, total] = await Promise.all([
        repo.listUsers(db, filter, nowIso, page),
        repo.countUsers(db, filter, nowIso),
      ]);
      const ids = rows.map((r) => r.id);
      const [roles, scopes] = await Promise.all([repo.findRolesOf(db, ids), repo.findScopeNamesOf(db, ids)]);
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
          scopes: scopes.filter((x) => x.user_id === r.id).map((x) => ({ id: x.id, name: x.name })),
        })),
      };
    },

    /** Signed-in sessions for the security administrator (who, from where, since when). */
    async listSessions(filter: { userId?: string }, page: { offset: number; limit: number }) {
      const [rows, total] = await Promise.all([
        repo.listSessions(db, filter, page),
        repo.countSessions(db, filter),
      ]);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id_hash,
          userId: r.user_id,
          username: r.username,
          displayName: r.display_name,
          ip: r.ip,
          createdAt: r.created_at,
          lastSeenAt: r.last_seen_at,
        })),
      };
    },

    /** End one session (the security administrator); the account signs in again. */
    async endSession(actor: AuditActor, idHash: string) {
      await db.transaction().execute(async (trx) => {
        const s = await repo.findSessionByHash(trx, idHash);
        if (!s) throw new AppError('NOT_FOUND');
        await repo.deleteSession(trx, idHash);
        await audit.record(trx, actor, {
          action: 'session_kill',
          objectType: 'user',
          objectId: s.user_id,
          details: { one: true },
        });
      });
    },

    async countUsers() {
      return repo.countUsers(db, {});
    },

    /** Two-party account requests and approvals, and the one-time activation. */
    grants: createAccountGrantService({ db, clock, audit, policy }),
  };
}

/** 三员分立: a separated administrator role is held alone and without org scope. */
function assertRoleSeparation(roles: readonly Role[], orgIds: readonly string[]): void {
  if (violatesRoleSeparation(roles)) throw new AppError('ACCOUNT_ROLE_CONFLICT');
  if (roles.some(isSeparatedAdminRole) && orgIds.length > 0) throw new AppError('ACCOUNT_ADMIN_SCOPE');
}
