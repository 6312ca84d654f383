import {
  MATTER_LABELS,
  type DocumentLang,
  type IssuedDocument,
  type IssuedDocumentKind,
} from '@xinhuo/shared';
import type { Db } from '../../../database';
import type { CalendarService } from '../../../platform/calendar/calendar';
import type { Caller } from '../../../platform/caller';
import { notFound } from '../../../platform/errors';
import type { PolicyVersions } from '../../../platform/policy/policy-versions';
import * as repo from '../matters.repository';
import { categoryName } from '../policy/loop-policy';
import { pathIds, visibilityOf } from '../matter-access';
import type { MatterService } from '../matters.service';

export type OrderService = ReturnType<typeof createOrderService>;

/** The numbered documents of the loop (交办单, 督办单) as data; the web typesets them for printing. */
export function createOrderService(deps: {
  db: Db;
  calendar: CalendarService;
  matters: Pick<MatterService, 'loadVisible'>;
  policyVersions: Pick<PolicyVersions, 'inForce'>;
}) {
  const { db, calendar, policyVersions } = deps;
  const loadVisible = deps.matters.loadVisible;
  return {
    /** 公文: the documents of one kind issued on the matters the caller sees, newest first. */
    async listIssued(
      caller: Caller,
      f: { kind: IssuedDocumentKind; from?: string; to?: string; q?: string },
      page: { offset: number; limit: number },
    ): Promise<{ items: IssuedDocument[]; total: number }> {
      const { rows, total } = await repo.listIssuedDocuments(db, visibilityOf(caller), f, page);
      return {
        total,
        items: rows.map((r) => ({
          kind: f.kind,
          id: r.id,
          docNo: r.doc_no!,
          issuedOn: r.issued_on!,
          matterId: r.matter_id,
          matterCode: r.matter_code,
          matterTitle: r.matter_title,
          villageName: r.village_name,
          unitName: r.unit_name ?? null,
          matterState: r.matter_state,
        })),
      };
    },

    /** The data of a 交办单 (assignment order) for printing; category and source named in `lang`. */
    async assignOrder(caller: Caller, id: string, lang: DocumentLang = 'zh-CN') {
      const m = await loadVisible(caller, id);
      if (!m.dispatch_no) throw notFound();
      const assignments = (await repo.findAssignments(db, [id])).filter((a) => a.status !== 'withdrawn');
      const orgRows = await repo.findOrgsByIds(db, [
        m.village_id,
        m.dispatcher_org_id ?? m.village_id,
        pathIds(m.org_path).townId ?? m.village_id,
      ]);
      const name = (oid: string | null) => orgRows.find((o) => o.id === oid)?.name ?? '';
      // The category as named on the day the order was issued (a reprint says what the original said).
      const cats = await policyVersions.inForce(db, 'matter_categories', m.dispatched_on!);
      return {
        docNo: m.dispatch_no,
        issuedOn: m.dispatched_on!,
        issuer: name(m.dispatcher_org_id),
        matter: {
          code: m.code,
          title: m.title,
          description: m.description,
          category: categoryName(cats.body, m.category_code, lang === 'en' ? 'en' : 'zh'),
          priority: m.priority_code,
          villageName: name(m.village_id),
          townName: name(pathIds(m.org_path).townId),
          raiserName: m.raiser_name,
          raisedOn: m.raised_on,
          source: MATTER_LABELS.source[m.source][lang === 'en' ? 'en' : 'zh'],
        },
        deadline: m.deadline!,
        units: assignments.map((a) => ({
          name: a.unit_name,
          role: a.role as 'lead' | 'co',
          signDue: a.sign_due,
          dueDate: a.due_date,
        })),
      };
    },

    /** The data of a 督办单 (supervision order) for printing. */
    async supervisionOrder(caller: Caller, supervisionId: string) {
      const s = await repo.findSupervisionById(db, supervisionId);
      if (!s || !s.doc_no) throw notFound();
      const m = await loadVisible(caller, s.matter_id);
      const [unit] = await repo.findOrgsByIds(db, [s.unit_id]);
      const cal = calendar.current();
      return {
        docNo: s.doc_no,
        issuedOn: s.triggered_on,
        unitName: unit?.name ?? '',
        dueDate: s.due_date,
        overdueWorkdays: Math.max(0, cal.workdaysBetween(s.due_date, s.triggered_on)),
        matter: {
          id: m.id,
          code: m.code,
          title: m.title,
          dispatchNo: m.dispatch_no,
          raiserName: m.raiser_name,
          raisedOn: m.raised_on,
        },
      };
    },
  };
}
