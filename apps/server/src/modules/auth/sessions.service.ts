import { createHash, randomBytes } from 'node:crypto';
import { isSeparatedAdminRole, permissionsOf, ROLES, type Role, type SecurityPolicy } from '@xinhuo/shared';
import type { Db } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AUTH_DATA_VERSION, createLruCache, readAllDataVersions } from '../../platform/db/data-version';
import { AppError } from '../../platform/errors';
import type { RequestUser } from '../../platform/http/request-context';
import * as repo from './auth.repository';
import { createLockout } from './lockout';
import { anonymousActor, normalizeUsername, verifyPassword } from './passwords';
import type { UsersTable } from './auth.tables';
import * as secRepo from './security.repository';
import { ipAllowed, type SecurityPolicyService } from './security-policy.service';
import { totpRequiredFor, type SecondFactorService } from './second-factor.service';

const MAX_CONCURRENT_SESSIONS = 3;
/** How long the code step may follow the password step. */
const CHALLENGE_TTL_MS = 5 * 60_000;
const TOUCH_EVERY_MS = 60_000;
/** Sessions kept resolved in memory (per instance); each costs well under a kilobyte. */
const SESSION_CACHE_SIZE = 10_000;

/** Sessions are stored by the hash of their token only. */
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type SessionService = ReturnType<typeof createSessionService>;

/** Login, the session behind a cookie (idle and absolute limits), logout. */
export function createSessionService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  policy: SecurityPolicyService;
  secondFactor: SecondFactorService;
}) {
  const { db, clock, audit, policy, secondFactor } = deps;
  const { recordPasswordFailure, isLocked } = createLockout(deps);

  type SessionRow = NonNullable<Awaited<ReturnType<typeof repo.findSessionWithUser>>>;
  /**
   * Resolved sessions by token hash, each with the auth data version it was read at. A request reads
   * that version (one small statement) and uses its cached session only while it is unchanged: logout,
   * a disabled user, new roles or scopes, a moved org bump it in their own transaction, on whichever
   * instance shares the database, so they take effect at the next request. A session that looks
   * expired from the cache is read again before it is ended (another instance may have touched it).
   */
  const cache = createLruCache<{ version: number; s: SessionRow }>(SESSION_CACHE_SIZE);

  async function findSession(
    idHash: string,
  ): Promise<{ s: SessionRow | undefined; p: SecurityPolicy; versions: Record<string, number> }> {
    // Every data version in one statement: the request keys its cached answers with them (versionFor).
    const versions = await readAllDataVersions(db);
    const version = versions[AUTH_DATA_VERSION] ?? 0;
    // The policy is cached under the same version (a policy change bumps it): no query of its own.
    const p = await policy.at(version);
    const hit = cache.get(idHash);
    if (hit && hit.version === version && !isExpired(hit.s, p, clock.now().getTime()))
      return { s: hit.s, p, versions };
    // The version is read before the rows: a write between the two leaves a newer row under an older
    // version, which the next request reads again.
    const s = await repo.findSessionWithUser(db, idHash);
    if (s) cache.set(idHash, { version, s });
    else cache.delete(idHash);
    return { s, p, versions };
  }

  /** Idle and absolute limits of the policy; the three administrators have the tighter pair. */
  function isExpired(s: SessionRow, p: SecurityPolicy, now: number): boolean {
    const isAdmin = s.roles.some(isSeparatedAdminRole);
    const idle = (isAdmin ? p.adminSessionIdleMinutes : p.sessionIdleMinutes) * 60_000;
    const absolute = (isAdmin ? p.adminSessionAbsoluteHours : p.sessionAbsoluteHours) * 3600_000;
    return (
      !s.is_active || now - Date.parse(s.last_seen_at) >= idle || now - Date.parse(s.created_at) >= absolute
    );
  }

  /**
   * A new session after every factor passed: the failure count cleared, the oldest sessions beyond the
   * limit evicted, and an administrator's password older than the policy allows marked for change (the
   * session then reaches only the password change, as after activation).
   */
  async function startSession(
    user: UsersTable,
    actor: AuditActor,
    meta: { ip: string; requestId: string },
    p: SecurityPolicy,
    secondFactorUsed?: 'totp' | 'recovery',
  ): Promise<string> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const token = randomBytes(32).toString('base64url');
    const idHash = sha256(token);
    const roles = await repo.findRolesOf(db, [user.id]);
    const isAdmin = roles.some((r) => isSeparatedAdminRole(r.role));
    const passwordExpired =
      isAdmin &&
      p.adminPasswordMaxAgeDays > 0 &&
      user.must_change_password === 0 &&
      now.getTime() - Date.parse(user.password_changed_at) >= p.adminPasswordMaxAgeDays * 86_400_000;
    await db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, user.id, {
        failed_count: 0,
        first_failed_at: null,
        locked_until: null,
        last_login_at: nowIso,
        ...(passwordExpired ? { must_change_password: 1 } : {}),
      });
      if (passwordExpired)
        await audit.record(trx, actor, {
          action: 'password_expired',
          objectType: 'user',
          objectId: user.id,
          details: { changedAt: user.password_changed_at, maxAgeDays: p.adminPasswordMaxAgeDays },
        });
      const existing = await repo.findSessionsOfUser(trx, user.id);
      // Concurrent-session limit: the oldest sessions give way to the new one.
      for (const s of existing.slice(0, Math.max(0, existing.length - MAX_CONCURRENT_SESSIONS + 1))) {
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
        {
          action: 'login_success',
          objectType: 'user',
          objectId: user.id,
          ...(secondFactorUsed ? { details: { secondFactor: secondFactorUsed } } : {}),
        },
      );
    });
    return token;
  }

  return {
    /**
     * Password login: lockout (policy: 5 failures in 15 min by default), one generic answer for every
     * failure; an administrator only from the management terminals when the policy lists them. An
     * account with a second factor gets a challenge for the code step instead of a session.
     */
    async login(
      username: string,
      password: string,
      meta: { ip: string; requestId: string },
    ): Promise<{ challenge: string } | { token: string }> {
      const nowIso = clock.now().toISOString();
      const norm = normalizeUsername(username);
      const user = await repo.findUserByNorm(db, norm);
      const actor = anonymousActor(user, norm, meta);
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
      const p = await policy.current();
      const roles = (await repo.findRolesOf(db, [user.id])).map((r) => r.role);
      const isAdmin = roles.some(isSeparatedAdminRole);
      if (isAdmin && p.adminIpAllowlist.length > 0 && !ipAllowed(p.adminIpAllowlist, meta.ip)) {
        // The password was right: the refusal names the rule (the holder must go to a management terminal).
        await audit.recordAlone(actor, {
          action: 'login_failed',
          objectType: 'user',
          objectId: user.id,
          outcome: 'denied',
          details: { reason: 'terminal_not_allowed' },
        });
        throw new AppError('AUTH_TERMINAL_NOT_ALLOWED');
      }
      if (await secondFactor.isEnrolled(db, user.id)) {
        const challenge = randomBytes(32).toString('base64url');
        await db.transaction().execute(async (trx) => {
          await secRepo.deleteExpiredChallenges(trx, nowIso);
          await secRepo.insertChallenge(trx, {
            id_hash: sha256(challenge),
            user_id: user.id,
            ip: meta.ip,
            expires_at: new Date(clock.now().getTime() + CHALLENGE_TTL_MS).toISOString(),
            failed_count: 0,
          });
          await audit.record(trx, actor, {
            action: 'login_password_ok',
            objectType: 'user',
            objectId: user.id,
          });
        });
        return { challenge };
      }
      return { token: await startSession(user, actor, meta, p) };
    },

    /**
     * The login's second step: the challenge of the password step and a TOTP code (or a recovery code).
     * A wrong code counts toward the account's lockout, like a wrong password; a challenge takes at most
     * as many wrong codes as the lockout allows, lives five minutes and serves only the address it was
     * given to.
     */
    async loginTotp(challenge: string, code: string, meta: { ip: string; requestId: string }) {
      const idHash = sha256(challenge);
      const nowIso = clock.now().toISOString();
      const ch = await secRepo.findChallenge(db, idHash);
      const user = ch ? await repo.findUserById(db, ch.user_id) : undefined;
      const p = await policy.current();
      // Bound to the address that gave the password (which the terminal allowlist checked).
      if (
        !ch ||
        !user ||
        ch.expires_at <= nowIso ||
        ch.failed_count >= p.lockoutThreshold ||
        ch.ip !== meta.ip
      ) {
        // Used up or expired: gone. From another address: left for its own (a stolen challenge cannot cancel it).
        if (ch && ch.ip === meta.ip) await secRepo.deleteChallenge(db, idHash);
        throw new AppError('TOTP_CHALLENGE_EXPIRED');
      }
      const actor = anonymousActor(user, user.username_norm, meta);
      if (isLocked(user) || !user.is_active) {
        await secRepo.deleteChallenge(db, idHash);
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      const how = await db.transaction().execute(async (trx) => {
        const m = await secondFactor.verify(trx, user.id, code);
        if (m) await secRepo.deleteChallenge(trx, idHash);
        return m;
      });
      if (!how) {
        await db.transaction().execute(async (trx) => {
          await secRepo.countChallengeFailure(trx, idHash);
          await recordPasswordFailure(trx, user, actor, 'login_failed', 'wrong_code');
        });
        throw new AppError('TOTP_INVALID', { fields: [{ path: 'code', reason: 'TOTP_INVALID' }] });
      }
      return { token: await startSession(user, actor, meta, p, how) };
    },

    /** The user of a session cookie, or null when it is unknown, expired (idle or absolute) or the user is disabled. */
    async resolveSession(
      token: string,
      meta: { ip: string; requestId: string },
    ): Promise<RequestUser | null> {
      if (token.length > 100) return null;
      const idHash = sha256(token);
      const { s, p, versions } = await findSession(idHash);
      if (!s) return null;
      const now = clock.now().getTime();
      if (isExpired(s, p, now)) {
        cache.delete(idHash);
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
      if (now - Date.parse(s.last_seen_at) > TOUCH_EVERY_MS) {
        const at = new Date(now).toISOString();
        await repo.touchSession(db, idHash, at);
        s.last_seen_at = at; // the cached copy too (a touch changes nothing else: no version bump)
      }
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
        mustEnrollTotp: !s.totp_enrolled_at && totpRequiredFor(roles, p.totpRequiredRoles),
        dataVersions: versions,
      };
    },

    async logout(token: string, actor: AuditActor) {
      await db.transaction().execute(async (trx) => {
        await repo.deleteSession(trx, sha256(token));
        await audit.record(trx, actor, { action: 'logout', objectType: 'user', objectId: actor.userId });
      });
    },
  };
}
