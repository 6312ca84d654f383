import type { Db } from '../../../database';
import type { AuditTrail } from '../../../platform/audit/audit';
import type { CalendarService } from '../../../platform/calendar/calendar';
import type { Caller } from '../../../platform/caller';
import { shanghaiDate, type Clock } from '../../../platform/clock';
import { notFound } from '../../../platform/errors';
import type { OrgService } from '../../org';
import * as statsRepo from './stats.repository';
import { rankByScore, ratesOf, scoreOf, type UnitCounts } from './scorecard';

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/** Totals of a group of matters; every rate is 0–1 or null when it has no cases. */
function totalsOf(rows: statsRepo.MatterAggRow[]) {
  const s = (k: keyof statsRepo.MatterAggRow) => rows.reduce((a, r) => a + Number(r[k] ?? 0), 0);
  const raised = s('raised');
  const sideExits = {
    notResponsible: s('not_responsible'),
    duplicate: s('duplicate'),
    explained: s('explained'),
  };
  const side = sideExits.notResponsible + sideExits.duplicate + sideExits.explained;
  const closedSolved = s('closed_solved');
  const overdueNow = s('overdue_now');
  const resolved = s('resolved');
  const hwN = s('hw_n');
  const sat = {
    satisfied: s('satisfied'),
    basic: s('basic'),
    dissatisfied: s('dissatisfied'),
    noResponse: s('no_response'),
  };
  return {
    raised,
    open: s('open'),
    overdueNow,
    closed: closedSolved + side,
    closedSolved,
    sideExits,
    /** Solved and closed through the whole loop, over the matters that were ours to solve (side exits excluded). */
    closedLoopRate: ratio(closedSolved, raised - side),
    resolved,
    onTime: s('on_time'),
    /** Accepted resolutions submitted by the deadline, over accepted ones plus those open and already late. */
    onTimeRate: ratio(s('on_time'), resolved + overdueNow),
    avgHandlingWorkdays: hwN > 0 ? Math.round((s('hw_sum') / hwN) * 10) / 10 : null,
    satisfaction: sat,
    satisfactionRate: ratio(sat.satisfied + sat.basic, sat.satisfied + sat.basic + sat.dissatisfied),
    rehandled: s('rehandled'),
    raisedAtMeetings: s('from_meetings'),
  };
}

export type MatterStatsService = ReturnType<typeof createMatterStatsService>;

export function createMatterStatsService(deps: {
  db: Db;
  clock: Clock;
  calendar: CalendarService;
  orgs: OrgService;
  audit: AuditTrail;
}) {
  const { db, clock, calendar, orgs, audit } = deps;

  /** The subtree root (given, or the caller's first scope root) and the period (default: the last 12 months). */
  async function resolve(caller: Caller, q: { orgId?: string; from?: string; to?: string }) {
    let rootId = q.orgId;
    if (!rootId) {
      const roots = await orgs.listChildren(caller);
      if (roots.length === 0) throw notFound();
      rootId = roots[0]!.id;
    }
    const root = await orgs.loadInScope(caller, rootId);
    const today = shanghaiDate(clock.now());
    const to = q.to ?? today;
    const from =
      q.from ??
      new Date(Date.UTC(+to.slice(0, 4) - 1, +to.slice(5, 7) - 1, +to.slice(8, 10) + 1))
        .toISOString()
        .slice(0, 10);
    return { root, period: { from, to }, today };
  }

  async function unitRows(rootPath: string, period: statsRepo.Period, today: string) {
    const rows = await statsRepo.aggregateUnits(db, rootPath, period, today);
    const names = await statsRepo.findOrgNames(
      db,
      rows.map((r) => r.unit_id),
    );
    const items = rows.map((r) => {
      const c: UnitCounts = {
        assigned: Number(r.assigned),
        led: Number(r.led),
        signedOnTime: Number(r.signed_on_time),
        signBase: Number(r.sign_base),
        completed: Number(r.completed),
        completedOnTime: Number(r.completed_on_time),
        overdueOpen: Number(r.overdue_open),
        returnsUpheld: Number(r.returns_upheld),
        rehandled: Number(r.rehandled),
        satPos: Number(r.sat_pos),
        satBase: Number(r.sat_base),
        urges: Number(r.urges ?? 0),
        supervisions: Number(r.supervisions ?? 0),
        circulations: Number(r.circulations ?? 0),
      };
      const n = names.find((x) => x.id === r.unit_id);
      const rates = ratesOf(c);
      return {
        unitId: r.unit_id,
        unitName: n?.name ?? '',
        unitKind: n?.kind ?? '',
        assigned: c.assigned,
        led: c.led,
        completed: c.completed,
        overdueOpen: c.overdueOpen,
        returns: Number(r.returns_all),
        returnsUpheld: c.returnsUpheld,
        ...rates,
        urgeCount: c.urges,
        superviseCount: c.supervisions,
        circulateCount: c.circulations,
        score: scoreOf(c, rates),
      };
    });
    return rankByScore(items);
  }

  /** Unit scorecards with their ranking for a subtree and period. */
  async function scorecards(caller: Caller, q: { orgId?: string; from?: string; to?: string }) {
    const { root, period, today } = await resolve(caller, q);
    return {
      orgId: root.id,
      orgName: root.name,
      from: period.from,
      to: period.to,
      items: await unitRows(root.path, period, today),
    };
  }

  /** Open assignments past their deadline, oldest first, with overdue working days. */
  async function overdueNow(
    caller: Caller,
    q: { orgId?: string; unitId?: string },
    page: { offset: number; limit: number },
  ) {
    const today = shanghaiDate(clock.now());
    const underPath = q.orgId ? (await orgs.loadInScope(caller, q.orgId)).path : undefined;
    const { total, rows } = await statsRepo.listOverdueAssignments(
      db,
      { scopePaths: caller.scopePaths, underPath, unitId: q.unitId, today },
      page,
    );
    const cal = calendar.current();
    return {
      total,
      today,
      items: rows.map((r) => ({
        assignmentId: r.assignment_id,
        matterId: r.matter_id,
        code: r.code,
        title: r.title,
        state: r.state,
        villageId: r.village_id,
        villageName: r.village_name,
        dispatchNo: r.dispatch_no,
        unitId: r.unit_id,
        unitName: r.unit_name,
        role: r.role,
        status: r.status,
        dueDate: r.due_date,
        overdueWorkdays: cal.workdaysBetween(r.due_date, today),
        escalationLevel: Number(r.escalation_level),
        urgeCount: Number(r.urge_count),
        superviseCount: Number(r.supervise_count),
        circulateCount: Number(r.circulate_count),
      })),
    };
  }

  return {
    /** Meetings and matters of a subtree and period, with the same figures by category and by child org. */
    async summary(caller: Caller, q: { orgId?: string; from?: string; to?: string }) {
      const { root, period, today } = await resolve(caller, q);
      const [rows, meetings] = await Promise.all([
        statsRepo.aggregateMatters(db, root.path, period, today),
        statsRepo.aggregateMeetings(db, root.path, period),
      ]);
      const children = root.child_count > 0 ? await orgs.listChildren(caller, root.id) : [];
      const categories = [...new Set(rows.map((r) => r.category))].sort();
      const childIds = [...new Set(rows.map((r) => r.child))];
      return {
        orgId: root.id,
        orgName: root.name,
        from: period.from,
        to: period.to,
        today,
        calendarCoverage: calendar.current().coverage,
        meetings,
        matters: totalsOf(rows),
        byCategory: categories.map((c) => ({
          category: c,
          ...totalsOf(rows.filter((r) => r.category === c)),
        })),
        byChild: children
          .filter((c) => childIds.includes(c.id))
          .map((c) => ({
            orgId: c.id,
            name: c.name,
            kind: c.kind,
            ...totalsOf(rows.filter((r) => r.child === c.id)),
          })),
      };
    },

    /** Per secretary (the raisers who are people of the roster): matters raised and their satisfaction. */
    async raisers(
      caller: Caller,
      q: { orgId?: string; from?: string; to?: string },
      page: { page: number; pageSize: number },
    ) {
      const { root, period } = await resolve(caller, q);
      const { total, rows } = await statsRepo.aggregateRaisers(db, root.path, period, {
        offset: (page.page - 1) * page.pageSize,
        limit: page.pageSize,
      });
      return {
        orgName: root.name,
        from: period.from,
        to: period.to,
        total,
        page: page.page,
        pageSize: page.pageSize,
        items: rows.map((r) => {
          const [satisfied, basic, dissatisfied] = [r.satisfied, r.basic, r.dissatisfied].map(Number) as [
            number,
            number,
            number,
          ];
          return {
            personId: r.person_id,
            name: r.name,
            villageId: r.village_id,
            villageName: r.village_name,
            raised: Number(r.raised),
            fromMeetings: Number(r.from_meetings),
            closed: Number(r.closed),
            satisfied,
            basic,
            dissatisfied,
            satisfactionRate: ratio(satisfied + basic, satisfied + basic + dissatisfied),
          };
        }),
      };
    },

    /** Unit scorecards (及时签收率, 按时办结率, 退单率, 重办率, 满意率, 催办/督办/通报) ranked by score. */
    scorecards,

    /** The scorecards for an Excel download; the export is audited with its filters and row count. */
    async exportScorecards(caller: Caller, q: { orgId?: string; from?: string; to?: string }) {
      const s = await scorecards(caller, q);
      await audit.recordAlone(caller.actor, {
        action: 'scorecard_export',
        objectType: 'org',
        objectId: s.orgId,
        details: { from: s.from, to: s.to, rows: s.items.length },
      });
      return s;
    },

    overdueNow,

    /** The "overdue now" list for an Excel download (at most `cap` rows, oldest deadline first; audited). */
    async exportOverdue(caller: Caller, q: { orgId?: string; unitId?: string }, cap: number) {
      const o = await overdueNow(caller, q, { offset: 0, limit: cap });
      await audit.recordAlone(caller.actor, {
        action: 'overdue_export',
        objectType: 'matter',
        details: { filters: q, rows: o.items.length, total: o.total },
      });
      return o;
    },
  };
}
