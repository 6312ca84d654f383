import {
  isSeparatedAdminRole,
  REQUESTABLE_BY_CITY,
  ROLES,
  violatesRoleSeparation,
  type GrantKind,
  type GrantStatus,
  type Permission,
  type Role,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { isWithin } from '../../platform/http/scope';
import * as repo from './auth.repository';
import * as grants from './account-grants.repository';
import type { AccountGrantsTable } from './auth.tables';
import {
  ACTIVATION_MAX_FAILURES,
  ACTIVATION_TTL_MS,
  activationCodeHash,
  activationCodeMatches,
  newActivationCode,
} from './activation-code';
import {
  anonymousActor,
  hashPassword,
  hasPassword,
  NO_PASSWORD,
  normalizeUsername,
  policyOrThrow,
  validUsername,
} from './passwords';
import type { SecurityPolicyService } from './security-policy.service';

/**
 * 三员分立 for accounts (issue 7). Two parties, never one:
 * - the system administrator (users:manage) requests; the security administrator (security:manage) approves;
 * - the city organization department (accounts:request) requests business accounts for its own scope;
 *   the system administrator executes.
 * Nobody decides a request they made or one about their own account. A new account has no password until
 * its holder activates it with a one-time code, which is handed to the party that is NOT the system
 * administrator: the security administrator when approving, or the organization department with its request.
 */
export interface Party {
  id: string;
  permissions: readonly Permission[];
  scopePaths: readonly string[];
  actor: AuditActor;
}

export interface AccountRequest {
  roles: Role[];
  orgIds: string[];
}

/** Who decides a request made with this permission. */
const APPROVER_OF: Partial<Record<Permission, Permission>> = {
  'users:manage': 'security:manage',
  'accounts:request': 'users:manage',
};

/** The permission a party requests with: the system administrator's, else the organization department's. */
function requesterPermission(p: Party): Permission {
  if (p.permissions.includes('users:manage')) return 'users:manage';
  if (p.permissions.includes('accounts:request')) return 'accounts:request';
  throw new AppError('FORBIDDEN');
}

const parseRoles = (json: string): Role[] =>
  (JSON.parse(json) as string[]).filter((r): r is Role => (ROLES as readonly string[]).includes(r));

export type AccountGrantService = ReturnType<typeof createAccountGrantService>;

export function createAccountGrantService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  policy: SecurityPolicyService;
}) {
  const { db, clock, audit, policy } = deps;
  const nowIso = () => clock.now().toISOString();

  /** The role set alone: separated roles held alone and without scope; orgs exist. */
  async function checkRoleSet(conn: Db | Tx, req: AccountRequest) {
    if (violatesRoleSeparation(req.roles)) throw new AppError('ACCOUNT_ROLE_CONFLICT');
    if (req.roles.some(isSeparatedAdminRole) && req.orgIds.length > 0)
      throw new AppError('ACCOUNT_ADMIN_SCOPE');
    const orgs = await grants.findOrgPaths(conn, req.orgIds);
    if (orgs.length !== new Set(req.orgIds).size)
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'orgIds', reason: 'invalid_value' }] });
    return orgs;
  }

  /** The organization department requests only business roles below its own, within its own scope. */
  function checkCityLimits(requester: Party, req: AccountRequest, orgs: { path: string }[]) {
    if (req.roles.some((r) => !REQUESTABLE_BY_CITY.includes(r))) throw new AppError('GRANT_ROLE_NOT_ALLOWED');
    if (orgs.some((o) => !isWithin(o.path, requester.scopePaths)))
      throw new AppError('GRANT_SCOPE_NOT_ALLOWED');
  }

  /** An existing account the organization department may ask about: business roles only, in its scope. */
  async function checkCityTarget(conn: Db | Tx, requester: Party, userId: string) {
    const cur = await grants.findRolesAndScopes(conn, userId);
    const ownRolesOnly = cur.roles.every((r) => (REQUESTABLE_BY_CITY as readonly string[]).includes(r));
    const inScope = cur.scopes.every((s) => isWithin(s.path, requester.scopePaths));
    // Answered like a missing account: the department learns nothing about accounts outside its remit.
    if (!ownRolesOnly || !inScope) throw new AppError('NOT_FOUND');
  }

  async function insertRequest(
    trx: Tx,
    requester: Party,
    g: {
      kind: GrantKind;
      userId: string | null;
      username: string;
      usernameNorm: string;
      displayName: string;
      req: AccountRequest;
      activationHash?: string | null;
      batchId?: string | null;
    },
  ): Promise<string> {
    const perm = requesterPermission(requester);
    if (await grants.findPendingGrantFor(trx, g.usernameNorm)) throw new AppError('GRANT_PENDING_EXISTS');
    const id = newId(clock.now().getTime());
    await grants.insertGrant(trx, {
      id,
      kind: g.kind,
      user_id: g.userId,
      username: g.username,
      username_norm: g.usernameNorm,
      display_name: g.displayName,
      roles: JSON.stringify(g.req.roles),
      org_ids: JSON.stringify(g.req.orgIds),
      requested_by: requester.id,
      requester_permission: perm,
      approver_permission: APPROVER_OF[perm]!,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      reason: null,
      activation_hash: g.activationHash ?? null,
      created_at: nowIso(),
      batch_id: g.batchId ?? null,
    });
    await audit.record(trx, requester.actor, {
      action: 'grant_request',
      objectType: 'account_grant',
      objectId: id,
      details: {
        kind: g.kind,
        userId: g.userId,
        username: g.usernameNorm,
        roles: g.req.roles,
        orgIds: g.req.orgIds,
        awaiting: APPROVER_OF[perm],
        ...(g.batchId ? { batchId: g.batchId } : {}),
      },
    });
    return id;
  }

  /**
   * The system administrator's new account: it exists at once with no role, no scope and no password
   * (linked to its person when one is given); the requested roles wait for the security administrator.
   */
  async function createPendingAccount(
    trx: Tx,
    requester: Party,
    input: { username: string; norm: string; displayName: string; personId?: string } & AccountRequest,
    batchId?: string,
  ): Promise<{ userId: string; grantId: string }> {
    if (await repo.findUserByNorm(trx, input.norm)) throw new AppError('USERNAME_TAKEN');
    const userId = newId(clock.now().getTime());
    await repo.insertUser(
      trx,
      {
        ...repo.newUserRow({
          id: userId,
          username: input.username,
          norm: input.norm,
          displayName: input.displayName,
          passwordHash: NO_PASSWORD,
          mustChangePassword: false,
          nowIso: nowIso(),
        }),
        person_id: input.personId ?? null,
      },
      [],
      [],
    );
    await audit.record(trx, requester.actor, {
      action: 'user_create',
      objectType: 'user',
      objectId: userId,
      details: {
        username: input.norm,
        roles: [],
        orgIds: [],
        ...(input.personId ? { personId: input.personId } : {}),
        ...(batchId ? { batchId } : {}),
      },
    });
    const grantId = await insertRequest(trx, requester, {
      kind: 'create',
      userId,
      username: input.username.normalize('NFKC').trim(),
      usernameNorm: input.norm,
      displayName: input.displayName,
      req: { roles: input.roles, orgIds: input.orgIds },
      batchId: batchId ?? null,
    });
    return { userId, grantId };
  }

  /** Approve inside the caller's transaction (one request, or each of a batch). */
  async function approveIn(trx: Tx, approver: Party, grantId: string) {
    const g = await decidable(trx, approver, grantId);
    let userId = g.user_id;
    let activation: { code: string | null; expiresAt: string } | null = null;
    if (g.kind === 'disable') {
      if (userId === approver.id) throw new AppError('ACCOUNT_SELF_DISABLE');
      await assertNotLastOfRole(trx, userId!);
      await disableNow(trx, approver.actor, userId!, g.id);
    } else if (g.kind === 'enable') {
      await enableNow(trx, approver.actor, userId!, g.id);
    } else if (g.kind === 'reset') {
      activation = await resetNow(trx, g, userId!, approver);
    } else {
      if (!userId) {
        // The organization department's request for a new account: created now, by the executor.
        if (await repo.findUserByNorm(trx, g.username_norm)) throw new AppError('USERNAME_TAKEN');
        userId = newId(clock.now().getTime());
        await repo.insertUser(
          trx,
          repo.newUserRow({
            id: userId,
            username: g.username,
            norm: g.username_norm,
            displayName: g.display_name,
            passwordHash: NO_PASSWORD,
            mustChangePassword: false,
            nowIso: nowIso(),
          }),
          [],
          [],
        );
        await audit.record(trx, approver.actor, {
          action: 'user_create',
          objectType: 'user',
          objectId: userId,
          details: { username: g.username_norm, grantId: g.id },
        });
      }
      activation = await applyRolesAndScope(trx, g, userId, approver);
    }
    await settle(trx, approver, g, 'approved', null, userId);
    return {
      userId,
      grant: g,
      activationCode: activation?.code ?? null,
      activationExpiresAt: activation?.expiresAt ?? null,
    };
  }

  /** The organization department receives the code with its request; the executor never sees it. */
  function cityActivationCode(requester: Party, accountHasPassword: boolean) {
    if (requesterPermission(requester) !== 'accounts:request' || accountHasPassword) return null;
    const code = newActivationCode();
    return { code, hash: activationCodeHash(code) };
  }

  /** Roles and scope take effect; an account without a password gets (or keeps) a one-time code. */
  async function applyRolesAndScope(trx: Tx, g: AccountGrantsTable, userId: string, approver: Party) {
    const req = { roles: parseRoles(g.roles), orgIds: JSON.parse(g.org_ids) as string[] };
    await checkRoleSet(trx, req);
    // Taking a separated role away is a disabling of that duty: never from its last active holder.
    const before = await grants.findRolesAndScopes(trx, userId);
    for (const role of before.roles.filter((r) => isSeparatedAdminRole(r) && !req.roles.includes(r as Role)))
      if ((await grants.countOtherActiveWithRole(trx, role, userId)) === 0)
        throw new AppError('ACCOUNT_LAST_ADMIN');
    await grants.replaceRolesAndScopes(trx, userId, req.roles, req.orgIds);
    await audit.record(trx, approver.actor, {
      action: 'user_roles_set',
      objectType: 'user',
      objectId: userId,
      details: { grantId: g.id, roles: req.roles, orgIds: req.orgIds },
    });
    const user = await repo.findUserById(trx, userId);
    if (!user || hasPassword(user.password_hash) || req.roles.length === 0) return null;
    return issueActivation(trx, g, userId, approver);
  }

  /** A one-time code for an account without a password: the organization department's, or a fresh one for the approver. */
  async function issueActivation(trx: Tx, g: AccountGrantsTable, userId: string, approver: Party) {
    // The organization department already holds the code; otherwise the approver gets a fresh one.
    const code = g.activation_hash ? null : newActivationCode();
    const expiresAt = new Date(clock.now().getTime() + ACTIVATION_TTL_MS).toISOString();
    await grants.replaceActivation(trx, {
      user_id: userId,
      code_hash: g.activation_hash ?? activationCodeHash(code!),
      expires_at: expiresAt,
      failed_count: 0,
      grant_id: g.id,
      created_at: nowIso(),
    });
    await audit.record(trx, approver.actor, {
      action: 'activation_issue',
      objectType: 'user',
      objectId: userId,
      details: { grantId: g.id, expiresAt, handedTo: g.activation_hash ? 'requester' : 'approver' },
    });
    return { code, expiresAt };
  }

  /** The last active account of a separated role is never disabled: the system would lose that duty. */
  async function assertNotLastOfRole(conn: Db | Tx, userId: string) {
    const { roles } = await grants.findRolesAndScopes(conn, userId);
    for (const role of roles.filter(isSeparatedAdminRole))
      if ((await grants.countOtherActiveWithRole(conn, role, userId)) === 0)
        throw new AppError('ACCOUNT_LAST_ADMIN');
    return roles;
  }

  async function disableNow(trx: Tx, actor: AuditActor, userId: string, grantId: string | null) {
    await repo.updateUser(trx, userId, { is_active: 0, updated_at: nowIso() });
    await repo.deleteSessionsOfUser(trx, userId);
    await grants.deleteActivation(trx, userId);
    await audit.record(trx, actor, {
      action: 'user_disable',
      objectType: 'user',
      objectId: userId,
      details: grantId ? { grantId } : {},
    });
  }

  async function enableNow(trx: Tx, actor: AuditActor, userId: string, grantId: string | null) {
    await repo.updateUser(trx, userId, { is_active: 1, updated_at: nowIso() });
    await audit.record(trx, actor, {
      action: 'user_enable',
      objectType: 'user',
      objectId: userId,
      details: grantId ? { grantId } : {},
    });
  }

  /** The password is gone (and every session); the holder chooses a new one with a fresh one-time code. */
  async function resetNow(trx: Tx, g: AccountGrantsTable, userId: string, approver: Party) {
    await repo.updateUser(trx, userId, {
      password_hash: NO_PASSWORD,
      must_change_password: 0,
      failed_count: 0,
      first_failed_at: null,
      locked_until: null,
      updated_at: nowIso(),
    });
    await repo.deleteSessionsOfUser(trx, userId);
    await audit.record(trx, approver.actor, {
      action: 'password_reset',
      objectType: 'user',
      objectId: userId,
      details: { grantId: g.id },
    });
    return issueActivation(trx, g, userId, approver);
  }

  /** A request about an existing account (enable, reset) by whoever may request: the department only in its remit. */
  async function requestAbout(
    requester: Party,
    userId: string,
    kind: 'enable' | 'reset',
    check: (user: NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>) => void,
  ) {
    const perm = requesterPermission(requester);
    if (userId === requester.id) throw new AppError('GRANT_SELF_APPROVAL');
    return db.transaction().execute(async (trx) => {
      const user = await repo.findUserById(trx, userId);
      if (!user) throw new AppError('NOT_FOUND');
      if (perm === 'accounts:request') await checkCityTarget(trx, requester, userId);
      check(user);
      const cur = await grants.findRolesAndScopes(trx, userId);
      const activation = kind === 'reset' ? cityActivationCode(requester, false) : null;
      const grantId = await insertRequest(trx, requester, {
        kind,
        userId,
        username: user.username,
        usernameNorm: user.username_norm,
        displayName: user.display_name,
        req: { roles: cur.roles as Role[], orgIds: cur.scopes.map((x) => x.id) },
        activationHash: activation?.hash,
      });
      return { grantId, activationCode: activation?.code ?? null };
    });
  }

  return {
    /**
     * Enable a disabled account. A business account at once (the system administrator); a separated
     * administrator's enabling gives a duty back, so it is a request the security administrator decides.
     */
    async enable(requester: Party, userId: string): Promise<{ grantId: string | null }> {
      if (!requester.permissions.includes('users:manage')) throw new AppError('FORBIDDEN');
      const user = await repo.findUserById(db, userId);
      if (!user) throw new AppError('NOT_FOUND');
      if (user.is_active === 1) throw new AppError('ACCOUNT_ENABLE_NOT_NEEDED');
      const { roles } = await grants.findRolesAndScopes(db, userId);
      if (roles.some(isSeparatedAdminRole)) {
        const { grantId } = await requestAbout(requester, userId, 'enable', (u) => {
          if (u.is_active === 1) throw new AppError('ACCOUNT_ENABLE_NOT_NEEDED');
        });
        return { grantId };
      }
      await db.transaction().execute(async (trx) => {
        const u = await repo.findUserById(trx, userId);
        if (!u || u.is_active === 1) throw new AppError('ACCOUNT_ENABLE_NOT_NEEDED');
        await enableNow(trx, requester.actor, userId, null);
      });
      return { grantId: null };
    },

    /**
     * Reset a password: never one the administrator knows. A request; when the second party approves it,
     * the password and every session are gone and a fresh one-time activation code goes to the party that
     * is not the system administrator (the approver, or the organization department with its request).
     */
    async requestReset(requester: Party, userId: string) {
      return requestAbout(requester, userId, 'reset', (u) => {
        if (u.is_active !== 1) throw new AppError('NOT_FOUND');
      });
    },

    /**
     * A new account. Requested by the system administrator: the account exists at once with no role, no
     * scope and no password; the roles wait for the security administrator. Requested by the organization
     * department: nothing exists until the system administrator executes it; the department receives the
     * activation code now (it works only after execution).
     */
    async requestNewAccount(
      requester: Party,
      input: { username: string; displayName: string } & AccountRequest,
    ): Promise<{ userId: string | null; grantId: string; activationCode: string | null }> {
      const perm = requesterPermission(requester);
      const norm = validUsername(input.username);
      const orgs = await checkRoleSet(db, input);
      if (perm === 'accounts:request') checkCityLimits(requester, input, orgs);
      const activation = cityActivationCode(requester, false);
      return db.transaction().execute(async (trx) => {
        if (perm === 'users:manage') {
          const made = await createPendingAccount(trx, requester, { ...input, norm });
          return { ...made, activationCode: null };
        }
        if (await repo.findUserByNorm(trx, norm)) throw new AppError('USERNAME_TAKEN');
        const grantId = await insertRequest(trx, requester, {
          kind: 'create',
          userId: null,
          username: input.username.normalize('NFKC').trim(),
          usernameNorm: norm,
          displayName: input.displayName,
          req: { roles: input.roles, orgIds: input.orgIds },
          activationHash: activation?.hash,
        });
        return { userId: null, grantId, activationCode: activation?.code ?? null };
      });
    },

    /** A change of an existing account's complete role set and scope; effective only when approved. */
    async requestChange(
      requester: Party,
      userId: string,
      input: AccountRequest,
    ): Promise<{ grantId: string; activationCode: string | null }> {
      const perm = requesterPermission(requester);
      if (userId === requester.id) throw new AppError('GRANT_SELF_APPROVAL');
      const orgs = await checkRoleSet(db, input);
      if (perm === 'accounts:request') checkCityLimits(requester, input, orgs);
      return db.transaction().execute(async (trx) => {
        const user = await repo.findUserById(trx, userId);
        if (!user) throw new AppError('NOT_FOUND');
        if (perm === 'accounts:request') await checkCityTarget(trx, requester, userId);
        const activation = cityActivationCode(requester, hasPassword(user.password_hash));
        const grantId = await insertRequest(trx, requester, {
          kind: 'change',
          userId,
          username: user.username,
          usernameNorm: user.username_norm,
          displayName: user.display_name,
          req: input,
          activationHash: activation?.hash,
        });
        return { grantId, activationCode: activation?.code ?? null };
      });
    },

    /**
     * Disable an account. A business account is disabled at once (it only removes access); a separated
     * administrator's disabling is a request the security administrator decides. Never oneself; never the
     * last active account of a separated role.
     */
    async disable(requester: Party, userId: string): Promise<{ grantId: string | null }> {
      if (userId === requester.id) throw new AppError('ACCOUNT_SELF_DISABLE');
      return db.transaction().execute(async (trx) => {
        const user = await repo.findUserById(trx, userId);
        if (!user) throw new AppError('NOT_FOUND');
        const roles = await assertNotLastOfRole(trx, userId);
        if (!roles.some(isSeparatedAdminRole)) {
          await disableNow(trx, requester.actor, userId, null);
          return { grantId: null };
        }
        const grantId = await insertRequest(trx, requester, {
          kind: 'disable',
          userId,
          username: user.username,
          usernameNorm: user.username_norm,
          displayName: user.display_name,
          req: { roles: [], orgIds: [] },
        });
        return { grantId };
      });
    },

    /**
     * The second party approves: the change takes effect in the same transaction as the decision and its
     * audit rows. Returns the one-time activation code when this party is the one to hand it over.
     */
    async approve(approver: Party, grantId: string) {
      return auditedDecision(approver, grantId, () =>
        db.transaction().execute(async (trx) => {
          const { userId, activationCode, activationExpiresAt } = await approveIn(trx, approver, grantId);
          return { userId, activationCode, activationExpiresAt };
        }),
      );
    },

    /** Internal (the bulk creation of a town's accounts): new accounts and their requests, in the caller's transaction. */
    createPendingAccount,

    /**
     * The second party approves every pending request of a bulk creation at once, all or nothing; the
     * hand-over sheet of the activation codes is for this party alone (never the system administrator).
     */
    async approveBatch(approver: Party, batchId: string) {
      return auditedDecision(approver, batchId, () =>
        db.transaction().execute(async (trx) => {
          const pending = await grants.findPendingOfBatch(trx, batchId);
          if (pending.length === 0) throw new AppError('BATCH_NOTHING_PENDING');
          const done = [];
          for (const p of pending) done.push(await approveIn(trx, approver, p.id));
          const scopes = await repo.findScopeNamesOf(
            trx,
            done.map((d) => d.userId!),
          );
          // A trainee has no scope: the sheet names the village of the account's person instead.
          const personOrgs = await repo.findPersonOrgNamesOf(
            trx,
            done.map((d) => d.userId!),
          );
          const names = new Map([...personOrgs, ...scopes].map((x) => [x.user_id, x.name]));
          await audit.record(trx, approver.actor, {
            action: 'grant_batch_approve',
            objectType: 'account_grant',
            objectId: batchId,
            details: { count: done.length },
          });
          return {
            batchId,
            items: done
              .filter((d) => d.activationCode !== null)
              .map((d) => ({
                username: d.grant.username,
                displayName: d.grant.display_name,
                orgName: names.get(d.userId!) ?? null,
                activationCode: d.activationCode!,
                expiresAt: d.activationExpiresAt!,
              })),
          };
        }),
      );
    },

    /** The second party refuses; nothing changes but the request's status. */
    async reject(approver: Party, grantId: string, reason: string) {
      await auditedDecision(approver, grantId, () =>
        db.transaction().execute(async (trx) => {
          const g = await decidable(trx, approver, grantId);
          await settle(trx, approver, g, 'rejected', reason, g.user_id);
        }),
      );
    },

    async list(viewer: Party, filter: { status?: GrantStatus; offset: number; limit: number }) {
      const rows = await grants.listGrants(db, viewer, filter);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        userId: r.user_id,
        username: r.username,
        displayName: r.display_name,
        roles: parseRoles(r.roles),
        orgIds: JSON.parse(r.org_ids) as string[],
        requestedBy: r.requested_by_name,
        awaiting: r.approver_permission,
        createdAt: r.created_at,
        decidedBy: r.decided_by_name,
        decidedAt: r.decided_at,
        reason: r.reason,
        batchId: r.batch_id ?? null,
        canDecide:
          r.status === 'pending' &&
          r.requested_by !== viewer.id &&
          r.user_id !== viewer.id &&
          viewer.permissions.includes(r.approver_permission),
      }));
    },

    /**
     * Public: the holder of an approved new account sets its first password with the one-time code.
     * Every failure answers alike; 5 wrong codes burn the code. The password policy applies.
     */
    async activate(
      input: { username: string; code: string; newPassword: string },
      meta: { ip: string; requestId: string },
    ) {
      const norm = normalizeUsername(input.username);
      const user = await repo.findUserByNorm(db, norm);
      const actor = anonymousActor(user, norm, meta);
      const fail = async (reason: string) => {
        await audit.recordAlone(actor, {
          action: 'activation_failed',
          objectType: 'user',
          objectId: user?.id ?? null,
          outcome: 'denied',
          details: { reason },
        });
        return new AppError('ACTIVATION_INVALID', {
          fields: [{ path: 'code', reason: 'ACTIVATION_INVALID' }],
        });
      };
      const act = user ? await grants.findActivation(db, user.id) : undefined;
      if (!user || !act) throw await fail(user ? 'no_code' : 'unknown_user');
      if (act.expires_at <= nowIso()) throw await fail('expired');
      if (!user.is_active || hasPassword(user.password_hash)) throw await fail('not_pending');
      if (!activationCodeMatches(input.code, act.code_hash)) {
        await db.transaction().execute(async (trx) => {
          const r = await grants.addActivationFailure(trx, user.id);
          const failures = Number(r?.failed_count ?? ACTIVATION_MAX_FAILURES);
          await audit.record(trx, actor, {
            action: 'activation_failed',
            objectType: 'user',
            objectId: user.id,
            outcome: 'denied',
            details: { reason: 'wrong_code', failures },
          });
          if (failures >= ACTIVATION_MAX_FAILURES) {
            // Burned: a new code needs a new request, decided by two parties again.
            await grants.deleteActivation(trx, user.id);
            await audit.record(trx, actor, {
              action: 'activation_locked',
              objectType: 'user',
              objectId: user.id,
              outcome: 'denied',
            });
          }
        });
        throw new AppError('ACTIVATION_INVALID', {
          fields: [{ path: 'code', reason: 'ACTIVATION_INVALID' }],
        });
      }
      policyOrThrow(
        input.newPassword,
        { username: user.username_norm, displayName: user.display_name },
        await policy.current(),
      );
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        // Single use even under a race: only the request that deletes the row sets the password.
        if (!(await grants.consumeActivation(trx, user.id, act.code_hash)))
          throw new AppError('ACTIVATION_INVALID', {
            fields: [{ path: 'code', reason: 'ACTIVATION_INVALID' }],
          });
        await repo.updateUser(trx, user.id, {
          password_hash: passwordHash,
          password_changed_at: nowIso(),
          must_change_password: 0,
          failed_count: 0,
          first_failed_at: null,
          locked_until: null,
          updated_at: nowIso(),
        });
        await audit.record(trx, actor, { action: 'account_activate', objectType: 'user', objectId: user.id });
      });
    },
  };

  /** The pending request, if this party may decide it: the complementary permission, not its own, not about itself. */
  async function decidable(trx: Tx, approver: Party, grantId: string) {
    const g = await grants.findGrantById(trx, grantId);
    if (!g) throw new AppError('NOT_FOUND');
    if (g.requested_by === approver.id || g.user_id === approver.id)
      throw new AppError('GRANT_SELF_APPROVAL');
    if (!approver.permissions.includes(g.approver_permission)) throw new AppError('GRANT_WRONG_PARTY');
    if (g.status !== 'pending') throw new AppError('GRANT_NOT_PENDING');
    return g;
  }

  /** A decision refused (wrong party, own request, already decided) leaves its trace after the rollback. */
  async function auditedDecision<T>(approver: Party, grantId: string, decide: () => Promise<T>): Promise<T> {
    try {
      return await decide();
    } catch (e) {
      if (e instanceof AppError && e.code !== 'NOT_FOUND')
        await audit.recordAlone(approver.actor, {
          action: 'grant_decide',
          objectType: 'account_grant',
          objectId: grantId,
          outcome: 'denied',
          details: { reason: e.code },
        });
      throw e;
    }
  }

  async function settle(
    trx: Tx,
    approver: Party,
    g: AccountGrantsTable,
    status: 'approved' | 'rejected',
    reason: string | null,
    userId: string | null,
  ) {
    const ok = await grants.decideGrant(trx, g.id, {
      status,
      decided_by: approver.id,
      decided_at: nowIso(),
      reason,
      user_id: userId,
    });
    if (!ok) throw new AppError('GRANT_NOT_PENDING');
    await audit.record(trx, approver.actor, {
      action: status === 'approved' ? 'grant_approve' : 'grant_reject',
      objectType: 'account_grant',
      objectId: g.id,
      details: { kind: g.kind, userId, requestedBy: g.requested_by, ...(reason ? { reason } : {}) },
    });
  }
}
