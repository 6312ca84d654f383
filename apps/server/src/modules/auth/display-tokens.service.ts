import { createHash, randomBytes } from 'node:crypto';
import type { CreateDisplayTokenBody, CreatedDisplayToken, DisplayToken } from '@xinhuo/shared';
import type { Db } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AUTH_DATA_VERSION, createLruCache, readDataVersion } from '../../platform/db/data-version';
import { AppError } from '../../platform/errors';
import type { RequestUser } from '../../platform/http/request-context';
import { newId } from '../../platform/ids';
import * as repo from './display-tokens.repository';

/** Display tokens are recognisable in a header and in a leaked log line alike. */
export const DISPLAY_TOKEN_PREFIX = 'xhd_';
const TOUCH_EVERY_MS = 60_000;
const CACHE_SIZE = 1_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type DisplayTokenService = ReturnType<typeof createDisplayTokenService>;

/**
 * The wall screen's display tokens: created by the system administrator for one org subtree, shown once,
 * stored as a hash, listed with their last use, revoked at once. A token resolves to a principal that
 * holds `wall:view` only and no role (the access hook refuses it on every other route).
 */
export function createDisplayTokenService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  const { db, clock, audit } = deps;
  /** Resolved tokens under the auth data version (revocation bumps it): one small read per request. */
  const cache = createLruCache<{ version: number; row: repo.LiveDisplayToken | null }>(CACHE_SIZE);

  const view = (r: Awaited<ReturnType<typeof repo.listDisplayTokens>>[number]): DisplayToken => ({
    id: r.id,
    name: r.name,
    orgId: r.org_id,
    orgName: r.org_name,
    createdAt: r.created_at,
    createdBy: r.created_by ?? null,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  });

  return {
    async list(): Promise<DisplayToken[]> {
      return (await repo.listDisplayTokens(db)).map(view);
    },

    async create(actor: AuditActor, body: CreateDisplayTokenBody): Promise<CreatedDisplayToken> {
      const token = DISPLAY_TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (trx) => {
        const org = await repo.findActiveOrg(trx, body.orgId);
        if (!org)
          throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'orgId', reason: 'NOT_FOUND' }] });
        await repo.insertDisplayToken(trx, {
          id,
          name: body.name,
          token_hash: sha256(token),
          org_id: org.id,
          created_by: actor.userId,
          created_at: clock.now().toISOString(),
          last_used_at: null,
          revoked_at: null,
          revoked_by: null,
        });
        await audit.record(trx, actor, {
          action: 'display_token_created',
          objectType: 'display_token',
          objectId: id,
          details: { name: body.name, orgId: org.id },
        });
      });
      const item = (await repo.listDisplayTokens(db)).find((r) => r.id === id)!;
      return { item: view(item), token, path: `/wall#token=${token}` };
    },

    async revoke(actor: AuditActor, id: string): Promise<DisplayToken> {
      await db.transaction().execute(async (trx) => {
        const row = await repo.findDisplayTokenById(trx, id);
        if (!row) throw new AppError('NOT_FOUND');
        if (row.revoked_at) return;
        await repo.revokeDisplayToken(trx, id, clock.now().toISOString(), actor.userId);
        await audit.record(trx, actor, {
          action: 'display_token_revoked',
          objectType: 'display_token',
          objectId: id,
          details: { name: row.name },
        });
      });
      return view((await repo.listDisplayTokens(db)).find((r) => r.id === id)!);
    },

    /** The principal behind a display token, or null (unknown or revoked). */
    async resolve(token: string): Promise<RequestUser | null> {
      if (!token.startsWith(DISPLAY_TOKEN_PREFIX) || token.length > 100) return null;
      const hash = sha256(token);
      const version = await readDataVersion(db, AUTH_DATA_VERSION);
      let hit = cache.get(hash);
      if (!hit || hit.version !== version) {
        hit = { version, row: (await repo.findLiveDisplayToken(db, hash)) ?? null };
        cache.set(hash, hit);
      }
      const row = hit.row;
      if (!row) return null;
      const now = clock.now();
      if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
        row.last_used_at = now.toISOString();
        await repo.touchDisplayToken(db, row.id, row.last_used_at);
      }
      return {
        id: row.id,
        username: `display:${row.name}`,
        displayName: row.name,
        roles: [],
        permissions: ['wall:view'],
        scopePaths: [row.org_path],
        sessionHash: hash.slice(0, 16),
        mustChangePassword: false,
        mustEnrollTotp: false,
        display: true,
      };
    },
  };
}
