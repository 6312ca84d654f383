import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { checkPasswordPolicy } from '@xinhuo/shared';
import type { AuditActor } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';

// algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules).
const HASH_OPTS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * The password hash of an account that has not been activated yet: it is not an Argon2 string, so no
 * password matches it. Nobody — least of all the administrator who created the account — knows a
 * password of such an account; its holder sets the first one with the one-time activation code.
 */
export const NO_PASSWORD = '!not-activated';

export function hasPassword(passwordHash: string): boolean {
  return passwordHash.startsWith('$argon2');
}

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, HASH_OPTS);
}

// Verified for unknown or not-activated users so that the answer takes as long as for a real one.
let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= argonHash('dummy-password-for-timing', HASH_OPTS));

/** True when the password matches; an account without a password never matches, in the same time. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!hasPassword(passwordHash)) {
    await argonVerify(await dummyHash(), password);
    return false;
  }
  return argonVerify(passwordHash, password);
}

/**
 * The shared password policy, answered per field on `newPassword`; the security policy's length and
 * classes tighten it (never below the built-in floor).
 */
export function policyOrThrow(
  password: string,
  ctx: { username: string; displayName: string },
  rules?: { passwordMinLength: number; passwordMinClasses: number },
): void {
  const v = checkPasswordPolicy(password, ctx, {
    minLength: rules?.passwordMinLength,
    minClasses: rules?.passwordMinClasses,
  });
  if (v.length > 0)
    throw new AppError('PASSWORD_POLICY', { fields: v.map((reason) => ({ path: 'newPassword', reason })) });
}

// Unicode-aware identity: full-width, case and surrounding spaces never make a second account.
export function normalizeUsername(u: string): string {
  return u.normalize('NFKC').trim().toLowerCase();
}
const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** The normalized username, or a field error when it has characters outside the allowed set. */
export function validUsername(u: string): string {
  const norm = normalizeUsername(u);
  if (!USERNAME_RE.test(norm))
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'username', reason: 'invalid_format' }] });
  return norm;
}

/**
 * The audit actor of a request made before anyone is signed in (login, activation): the account it
 * names when that exists, otherwise the typed name, cut so a long name cannot bloat the trail.
 */
export function anonymousActor(
  user: { id: string; username: string } | undefined,
  norm: string,
  meta: { ip: string; requestId: string },
): AuditActor {
  return {
    userId: user?.id ?? null,
    username: user?.username ?? norm.slice(0, 40),
    role: null,
    ip: meta.ip,
    requestId: meta.requestId,
    sessionHash: null,
  };
}
