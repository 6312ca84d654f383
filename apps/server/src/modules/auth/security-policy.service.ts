import { BlockList, isIP } from 'node:net';
import {
  DEFAULT_SECURITY_POLICY,
  securityPolicySchema,
  type SecurityPolicy,
  type SecurityPolicyState,
  type UpdateSecurityPolicyBody,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AUTH_DATA_VERSION, readDataVersion } from '../../platform/db/data-version';
import { AppError } from '../../platform/errors';
import * as repo from './security.repository';

export type SecurityPolicyService = ReturnType<typeof createSecurityPolicyService>;

/** The policy as stored, completed with the defaults for fields a newer version added. */
function parseStored(settings: string | undefined): SecurityPolicy {
  if (!settings) return DEFAULT_SECURITY_POLICY;
  const r = securityPolicySchema.safeParse({ ...DEFAULT_SECURITY_POLICY, ...JSON.parse(settings) });
  return r.success ? r.data : DEFAULT_SECURITY_POLICY;
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`, how a dual-stack socket reports IPv4 peers) as plain IPv4. */
function plainIp(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}

/** Whether `ip` is in one of the allowlist entries (addresses or CIDR ranges, IPv4 or IPv6). */
export function ipAllowed(allowlist: readonly string[], ip: string): boolean {
  const addr = plainIp(ip);
  const family = isIP(addr);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of allowlist) {
    const [base, prefix] = entry.split('/');
    const f = isIP(base!);
    if (f === 0) continue;
    const type = f === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(base!, type);
    else list.addSubnet(base!, Number(prefix), type);
  }
  return list.check(addr, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The security policy: read through one cache keyed by the auth data version (which the session lookup
 * reads anyway, and which a policy change bumps), so a request does not query the policy itself; changed
 * only by the security administrator, each change audited with the old and the new values.
 */
export function createSecurityPolicyService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  const { db, clock, audit } = deps;
  let cached: { authVersion: number; state: SecurityPolicyState } | null = null;

  async function load(conn: Db | Tx): Promise<SecurityPolicyState> {
    const row = await repo.findPolicy(conn);
    return {
      policy: parseStored(row?.settings),
      version: row ? Number(row.version) : 0,
      updatedAt: row?.updated_at ?? null,
    };
  }

  /** The policy as of an auth data version the caller has just read (the session lookup passes it). */
  async function at(authVersion: number, conn: Db | Tx = db): Promise<SecurityPolicy> {
    if (cached?.authVersion === authVersion) return cached.state.policy;
    const state = await load(conn);
    cached = { authVersion, state };
    return state.policy;
  }

  return {
    at,
    /** The policy as last read (defaults before the first read): for synchronous checks that may lag a change by a request. */
    lastKnown: (): SecurityPolicy => cached?.state.policy ?? DEFAULT_SECURITY_POLICY,
    /** The policy now (reads the data version, then the row only when it changed). */
    async current(conn: Db | Tx = db): Promise<SecurityPolicy> {
      return at(await readDataVersion(conn, AUTH_DATA_VERSION), conn);
    },

    /** The policy with its version, for the settings page. */
    state: () => load(db),

    async update(actor: AuditActor, body: UpdateSecurityPolicyBody): Promise<SecurityPolicyState> {
      const next = securityPolicySchema.parse(body.policy);
      next.adminIpAllowlist = [...new Set(next.adminIpAllowlist)];
      next.totpRequiredRoles = [...new Set(next.totpRequiredRoles)];
      if (next.adminSessionIdleMinutes > next.sessionIdleMinutes)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'policy.adminSessionIdleMinutes', reason: 'ADMIN_LIMIT_LOOSER' }],
        });
      if (next.adminSessionAbsoluteHours > next.sessionAbsoluteHours)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'policy.adminSessionAbsoluteHours', reason: 'ADMIN_LIMIT_LOOSER' }],
        });
      const nowIso = clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const before = await load(trx);
        if (before.version !== body.version) throw new AppError('VERSION_CONFLICT');
        const saved = await repo.savePolicy(
          trx,
          {
            id: 'current',
            settings: JSON.stringify(next),
            version: before.version + 1,
            updated_at: nowIso,
            updated_by: actor.userId,
          },
          before.version,
        );
        if (!saved) throw new AppError('VERSION_CONFLICT');
        const changed = (Object.keys(next) as (keyof SecurityPolicy)[]).filter(
          (k) => JSON.stringify(before.policy[k]) !== JSON.stringify(next[k]),
        );
        await audit.record(trx, actor, {
          action: 'security_policy_change',
          objectType: 'security_policy',
          objectId: 'current',
          details: {
            version: before.version + 1,
            old: Object.fromEntries(changed.map((k) => [k, before.policy[k]])),
            new: Object.fromEntries(changed.map((k) => [k, next[k]])),
          },
        });
        return { policy: next, version: before.version + 1, updatedAt: nowIso };
      });
    },
  };
}
