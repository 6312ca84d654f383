import { createHash, randomBytes } from 'node:crypto';
import { isSeparatedAdminRole, permissionsOf, ROLES, type Role } from '@xinhuo/shared';
import type { Db } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AUTH_DATA_VERSION, createLruCache, readDataVersion } from '../../platform/db/data-version';
import { AppError } from '../../platform/errors';
import type { RequestUser } from '../../platform/http/request-context';
import * as repo from './auth.repository';
import { createLockout } from './lockout';
import { anonymousActor, normalizeUsername, verifyPassword } from './passwords';

const SESSION_LIMITS = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3600_000,
  adminIdleMs: 15 * 60_000,
  adminAbsoluteMs: 8 * 3600_000,
  maxConcurrent: 3,
};
const TOUCH_EVERY_MS = 60_000;
/** Sessions kept resolved in memory (per instance); each costs well under a kilobyte. */
const SESSION_CACHE_SIZE = 10_000;

/** Sessions are stored by the hash of their token only. */
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type SessionService = ReturnType<typeof createSessionService>;

/** Login, the session behind a cookie (idle and absolute limits), logout. */
export function createSessionService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  const { db, clock, audit } = deps;
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

  async function findSession(idHash: string): Promise<SessionRow | undefined> {
    const version = await readDataVersion(db, AUTH_DATA_VERSION);
    const hit = cache.get(idHash);
    if (hit && hit.version === version && !isExpired(hit.s, clock.now().getTime())) return hit.s;
    // The version is read before the rows: a write between the two leaves a newer row under an older
    // version, which the next request reads again.
    const s = await repo.findSessionWithUser(db, idHash);
    if (s) cache.set(idHash, { version, s });
    else cache.delete(idHash);
    return s;
  }

  function isExpired(s: SessionRow, now: number): boolean {
    const isAdmin = s.roles.some(isSeparatedAdminRole);
    const idle = isAdmin ? SESSION_LIMITS.adminIdleMs : SESSION_LIMITS.idleMs;
    const absolute = isAdmin ? SESSION_LIMITS.adminAbsoluteMs : SESSION_LIMITS.absoluteMs;
    return (
      !s.is_active || now - Date.parse(s.last_seen_at) >= idle || now - Date.parse(s.created_at) >= absolute
    );
  }

  return {
    /** Password login: lockout after 5 failures in 15 min, one generic answer for every failure. */
    async login(username: string, password: string, meta: { ip: string; requestId: string }) {
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
      const s = await findSession(idHash);
      if (!s) return null;
      const now = clock.now().getTime();
      if (isExpired(s, now)) {
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
