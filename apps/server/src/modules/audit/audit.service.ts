import type { AuditOutcome } from '@xinhuo/shared';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import * as repo from './audit.repository';
import type { Db } from '../../database';

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(deps: { db: Db; audit: AuditTrail }) {
  const { db, audit } = deps;
  return {
    /** Search the trail (audit administrator); the search itself is audited. Dates are Shanghai business dates. */
    async searchTrail(
      actor: AuditActor,
      f: {
        actor?: string;
        action?: string;
        objectType?: string;
        objectId?: string;
        outcome?: AuditOutcome;
        from?: string;
        to?: string;
      },
      page: { offset: number; limit: number },
    ) {
      const { total, rows } = await repo.list(
        db,
        {
          ...f,
          actor: f.actor?.toLowerCase(),
          fromIso: f.from ? new Date(`${f.from}T00:00:00+08:00`).toISOString() : undefined,
          toIso: f.to
            ? new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString()
            : undefined,
        },
        page,
      );
      await audit.recordAlone(actor, {
        action: 'audit_search',
        objectType: 'audit',
        details: { filters: f },
      });
      return {
        total,
        items: rows.map((r) => ({
          seq: Number(r.seq),
          ts: r.ts,
          actorName: r.actor_name,
          actorDisplayName: r.actor_display_name ?? null,
          actorRole: r.actor_role,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          outcome: r.outcome,
          ip: r.ip,
          details: JSON.parse(r.details),
        })),
      };
    },

    /** Verify the hash chain against its signed head and exported anchor; the check is audited with its result. */
    async verifyTrail(actor: AuditActor) {
      const result = await audit.verify();
      await audit.recordAlone(actor, {
        action: 'audit_verify',
        objectType: 'audit',
        outcome: result.ok ? 'success' : 'error',
        details: {
          ok: result.ok,
          checked: result.checked,
          firstBrokenSeq: result.firstBrokenSeq,
          truncatedAfterSeq: result.truncatedAfterSeq,
          finding: result.finding,
        },
      });
      return result;
    },
  };
}
