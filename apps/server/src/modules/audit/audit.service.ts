import { AUDIT_EXPORT_CAP, type AuditOutcome, type SavedSearchFilters } from '@xinhuo/shared';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { neutralizeCell, writeStreamedWorkbook } from '../../platform/excel/xlsx-writer';
import * as repo from './audit.repository';
import type { Db } from '../../database';

type Filters = {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
};

/** The filters as the trail's columns: the actor's name lower-case, the dates as Shanghai business days. */
function searchOf(f: Filters): repo.AuditSearch {
  return {
    ...f,
    actor: f.actor?.toLowerCase(),
    fromIso: f.from ? new Date(`${f.from}T00:00:00+08:00`).toISOString() : undefined,
    toIso: f.to
      ? new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString()
      : undefined,
  };
}

const EXPORT_BATCH = 2000;
/** A time in Shanghai as the sheet shows it: 2026-03-02 10:00:00. */
const shanghai = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

const EXPORT_COLUMNS = {
  zh: ['序号', '时间（北京时间）', '账号', '姓名', '角色', '操作', '对象类型', '对象', '结果', 'IP', '详情'],
  en: [
    'Seq',
    'Time (Beijing)',
    'Account',
    'Name',
    'Role',
    'Action',
    'Object type',
    'Object',
    'Outcome',
    'IP',
    'Details',
  ],
} as const;
const EXPORT_WIDTHS = [10, 20, 16, 12, 16, 22, 16, 38, 10, 16, 60];

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(deps: { db: Db; audit: AuditTrail; clock: Clock }) {
  const { db, audit, clock } = deps;
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
      const { total, rows } = await repo.list(db, searchOf(f), page);
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

    /**
     * The filtered trail as .xlsx, newest first (exceljs's streaming writer, read in keyset batches). More
     * rows than the cap: refused (413) before anything is read, and the refusal is audited too.
     */
    async exportTrail(actor: AuditActor, f: Filters, lang: 'zh' | 'en', cap = AUDIT_EXPORT_CAP) {
      const search = searchOf(f);
      const total = await repo.count(db, search);
      if (total > cap) {
        await audit.recordAlone(actor, {
          action: 'audit_export',
          objectType: 'audit',
          outcome: 'denied',
          details: { filters: f, rows: total, cap },
        });
        throw new AppError('AUDIT_EXPORT_TOO_MANY');
      }
      let written = 0;
      const bytes = await writeStreamedWorkbook(async (wb) => {
        const ws = wb.addWorksheet(lang === 'en' ? 'Audit trail' : '审计日志');
        ws.columns = EXPORT_COLUMNS[lang].map((header, i) => ({ header, width: EXPORT_WIDTHS[i] }));
        ws.getRow(1).font = { bold: true };
        let before: number | null = null;
        // Only the rows counted: a row written after the count (this very export's neighbours) stays out.
        while (written < total) {
          const rows = await repo.listBefore(db, search, before, Math.min(EXPORT_BATCH, total - written));
          if (rows.length === 0) break;
          for (const r of rows) {
            const text = (v: string | null) => (v === null ? '' : neutralizeCell(v));
            ws.addRow([
              Number(r.seq),
              shanghai(r.ts),
              text(r.actor_name),
              text(r.actor_display_name ?? null),
              text(r.actor_role),
              r.action,
              text(r.object_type),
              text(r.object_id),
              r.outcome,
              text(r.ip),
              text(r.details),
            ]).commit();
          }
          written += rows.length;
          before = Number(rows[rows.length - 1]!.seq);
        }
        ws.commit();
      });
      await audit.recordAlone(actor, {
        action: 'audit_export',
        objectType: 'audit',
        details: { filters: f, rows: written },
      });
      return { bytes, rows: written };
    },

    /** The auditor's own saved searches. */
    async listSavedSearches(actor: AuditActor) {
      const rows = await repo.listSavedSearches(db, actor.userId!);
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          filters: JSON.parse(r.filters) as SavedSearchFilters,
          createdAt: r.created_at,
        })),
      };
    },

    async saveSearch(actor: AuditActor, input: { name: string; filters: SavedSearchFilters }) {
      const ownerId = actor.userId!;
      const id = newId(clock.now().getTime());
      const createdAt = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        if (await repo.findSavedSearchByName(trx, ownerId, input.name))
          throw new AppError('SAVED_SEARCH_NAME_TAKEN', { fields: [{ path: 'name', reason: 'taken' }] });
        await repo.insertSavedSearch(trx, {
          id,
          owner_id: ownerId,
          name: input.name,
          filters: JSON.stringify(input.filters),
          created_at: createdAt,
        });
        await audit.record(trx, actor, {
          action: 'audit_search_save',
          objectType: 'audit',
          objectId: id,
          details: { name: input.name, filters: input.filters },
        });
      });
      return { id, name: input.name, filters: input.filters, createdAt };
    },

    /** Delete one's own saved search; another auditor's answers 404. */
    async deleteSavedSearch(actor: AuditActor, id: string) {
      await db.transaction().execute(async (trx) => {
        if (!(await repo.deleteSavedSearch(trx, actor.userId!, id))) throw new AppError('NOT_FOUND');
        await audit.record(trx, actor, { action: 'audit_search_delete', objectType: 'audit', objectId: id });
      });
    },
  };
}
