import QRCode from 'qrcode';
import type { TotpSetup, TotpStatus } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { AppError } from '../../platform/errors';
import type { RequestUser } from '../../platform/http/request-context';
import * as authRepo from './auth.repository';
import * as repo from './security.repository';
import type { SecurityPolicyService } from './security-policy.service';
import {
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUrl,
  recoveryCodeInput,
  totpStep,
} from './totp';

const ISSUER = 'Xinhuo';

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;

/** Whether any of the roles is one the policy requires a second factor of. */
export const totpRequiredFor = (roles: readonly string[], required: readonly string[]) =>
  roles.some((r) => required.includes(r));

/**
 * The TOTP second factor: enrolment (a secret sealed with the field crypto, shown once as a QR code;
 * confirmed by a first code; ten recovery codes kept as keyed hashes), the check at login (a code once
 * per time step, or a recovery code once) and the security administrator's reset.
 */
export function createSecondFactorService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  crypto: FieldCrypto;
  policy: SecurityPolicyService;
}) {
  const { db, clock, audit, crypto, policy } = deps;
  const hashRecovery = (code: string) => crypto.blindIndex(recoveryCodeInput(code));

  /**
   * Checks a code of an enrolled factor inside the caller's transaction: a TOTP code of a step later than
   * the last accepted one, or an unused recovery code (then spent). Returns how it matched, or null.
   */
  async function verify(trx: Tx, userId: string, code: string): Promise<'totp' | 'recovery' | null> {
    const row = await repo.findTotp(trx, userId);
    if (!row?.enrolled_at) return null;
    if (looksLikeRecoveryCode(code)) {
      const hashes: string[] = JSON.parse(row.recovery_hashes);
      const h = hashRecovery(code);
      if (!hashes.includes(h)) return null;
      const rest = JSON.stringify(hashes.filter((x) => x !== h));
      return (await repo.takeRecoveryCode(trx, userId, row.recovery_hashes, rest)) ? 'recovery' : null;
    }
    const step = matchTotp(crypto.decrypt(row.secret_enc), code, clock.now().getTime());
    if (step === null) return null;
    return (await repo.takeTotpStep(trx, userId, step)) ? 'totp' : null;
  }

  /** A lost device: the security administrator removes the factor; the holder enrols again at next login. */
  async function reset(actor: AuditActor, userId: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const u = await authRepo.findUserById(trx, userId);
      if (!u) throw new AppError('NOT_FOUND');
      const had = await repo.deleteTotp(trx, userId);
      await authRepo.deleteSessionsOfUser(trx, userId);
      await audit.record(trx, actor, {
        action: 'totp_reset',
        objectType: 'user',
        objectId: userId,
        details: { hadFactor: had },
      });
    });
  }

  return {
    verify,

    async isEnrolled(conn: Db | Tx, userId: string): Promise<boolean> {
      return !!(await repo.findTotp(conn, userId))?.enrolled_at;
    },

    async status(user: RequestUser): Promise<TotpStatus> {
      const row = await repo.findTotp(db, user.id);
      const p = await policy.current();
      const enrolled = !!row?.enrolled_at;
      return {
        enrolled,
        required: totpRequiredFor(user.roles, p.totpRequiredRoles),
        recoveryCodesLeft: enrolled ? (JSON.parse(row!.recovery_hashes) as string[]).length : 0,
      };
    },

    /** A new pending secret for the signed-in user (one already enrolled is reset by the security administrator). */
    async setup(user: RequestUser, actor: AuditActor): Promise<TotpSetup> {
      const secret = newTotpSecret();
      const url = otpauthUrl(secret, user.username, ISSUER);
      await db.transaction().execute(async (trx) => {
        if ((await repo.findTotp(trx, user.id))?.enrolled_at) throw new AppError('DUPLICATE');
        await repo.savePendingTotp(trx, {
          user_id: user.id,
          secret_enc: crypto.encrypt(secret),
          enrolled_at: null,
          last_step: 0,
          recovery_hashes: '[]',
          created_at: clock.now().toISOString(),
        });
        await audit.record(trx, actor, { action: 'totp_setup', objectType: 'user', objectId: user.id });
      });
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return {
        secret,
        otpauthUrl: url,
        qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      };
    },

    /** The first code confirms the pending secret; the ten recovery codes are answered once. */
    async confirm(user: RequestUser, actor: AuditActor, code: string): Promise<{ recoveryCodes: string[] }> {
      const recoveryCodes = newRecoveryCodes();
      const ok = await db.transaction().execute(async (trx) => {
        const row = await repo.findTotp(trx, user.id);
        if (!row || row.enrolled_at) throw new AppError('TOTP_NOT_PENDING');
        const step = matchTotp(crypto.decrypt(row.secret_enc), code, clock.now().getTime());
        if (step === null) return false;
        await repo.markTotpEnrolled(trx, user.id, {
          enrolled_at: clock.now().toISOString(),
          last_step: step,
          recovery_hashes: JSON.stringify(recoveryCodes.map(hashRecovery)),
        });
        await audit.record(trx, actor, { action: 'totp_enrol', objectType: 'user', objectId: user.id });
        return true;
      });
      if (!ok) {
        await audit.recordAlone(actor, {
          action: 'totp_enrol',
          objectType: 'user',
          objectId: user.id,
          outcome: 'denied',
          details: { reason: 'wrong_code' },
        });
        throw new AppError('TOTP_INVALID', { fields: [{ path: 'code', reason: 'TOTP_INVALID' }] });
      }
      return { recoveryCodes };
    },

    reset,

    async resetByName(actor: AuditActor, usernameNorm: string): Promise<void> {
      const u = await authRepo.findUserByNorm(db, usernameNorm);
      if (!u) throw new AppError('NOT_FOUND');
      await reset(actor, u.id);
    },

    /** The current time step (tests and the login step share the clock). */
    step: () => totpStep(clock.now().getTime()),
  };
}
