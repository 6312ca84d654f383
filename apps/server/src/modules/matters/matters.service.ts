import type { MatterSource, MatterState } from '@xinhuo/shared';
import { MATTER_TOTAL_ESTIMATED_BEYOND } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { CalendarService } from '../../platform/calendar/calendar';
import { can, type Caller } from '../../platform/caller';
import { shanghaiDate, type Clock } from '../../platform/clock';
import { AppError, fieldError } from '../../platform/errors';
import {
  MATTERS_DATA_VERSION,
  ROSTER_DATA_VERSION,
  createLruCache,
  versionsFor,
} from '../../platform/db/data-version';
import { monotonicId } from '../../platform/ids';
import type { WorkCalendar } from '../../platform/calendar/work-calendar';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import { isWithin } from '../../platform/http/scope';
import type { Notifier } from '../../platform/notify/notifier';
import type { OrgService } from '../org';
import type { PeopleService } from '../people';
import * as repo from './matters.repository';
import type { PolicyVersions } from '../../platform/policy/policy-versions';
import { categoryName, categoryOpen, tierWorkdays } from './policy/loop-policy';
import { availableActions } from './workflow/matter-machine';
import { machineInput, noteFor, partiesFor, pathIds, visibilityOf } from './matter-access';
import { detailFields, toAssignment, toEvent, toListItem, toSupervision } from './matter-views';
import type { MattersTable } from './matters.tables';

export interface RaiseInput {
  title: string;
  description: string;
  categoryCode: string;
  priorityCode?: string;
  villageId: string;
  raiserPersonId?: string;
  raiserName?: string;
  meetingId?: string;
}

export interface ListQuery extends Omit<repo.MatterFilter, 'underPath' | 'overdueOn'> {
  orgId?: string;
  overdue?: boolean;
  sort?: keyof typeof repo.MATTER_SORTS;
  order?: 'asc' | 'desc';
}

export interface MatterDeps {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  calendar: CalendarService;
  notify: Notifier;
  orgs: OrgService;
  people: Pick<PeopleService, 'getPerson'>;
  policyVersions: Pick<PolicyVersions, 'inForce' | 'get'>;
}

export type MatterService = ReturnType<typeof createMatterService>;

/** Board pages and kanban counts kept in memory (per instance). */
const BOARD_CACHE_SIZE = 300;

/**
 * What a board page depends on besides the query: the matters (and their parts and categories), the org
 * names and paths (roster version), the day (overdue now) and the working-day calendar (overdue working
 * days). The key holds the first three; the entry holds the calendar it was computed with.
 */
interface BoardEntry<T> {
  cal: WorkCalendar;
  value: T;
}

export function createMatterService(deps: MatterDeps) {
  const { db, clock, audit, calendar, notify, orgs, people, policyVersions } = deps;
  const today = () => shanghaiDate(clock.now());
  const pageCache =
    createLruCache<
      BoardEntry<{ items: ReturnType<typeof toListItem>[]; total: number; totalEstimated: boolean }>
    >(BOARD_CACHE_SIZE);
  const stateCountCache =
    createLruCache<BoardEntry<{ state: MatterState; count: number }[]>>(BOARD_CACHE_SIZE);
  /** The number of matters a query finds, kept apart from its pages: the next page does not count again. */
  const totalCache = createLruCache<BoardEntry<{ n: number; estimated: boolean }>>(BOARD_CACHE_SIZE);

  /**
   * A board figure from the cache, or computed and kept. Keyed by the data versions read first (a write
   * committed after the read is seen by the next request), the day, the caller's visibility and the query.
   */
  async function cachedBoard<T, F = undefined>(
    cache: ReturnType<typeof createLruCache<BoardEntry<T>>>,
    caller: Caller,
    parts: unknown[],
    compute: (prepared: F) => Promise<T>,
    prepare?: () => Promise<F>,
  ): Promise<T> {
    const versions = await versionsFor(db, [MATTERS_DATA_VERSION, ROSTER_DATA_VERSION], caller);
    const v = visibilityOf(caller);
    const key = JSON.stringify([versions, today(), v.scopePaths, v.userId, ...parts]);
    const cal = calendar.current();
    const hit = cache.get(key);
    if (hit && hit.cal === cal) return hit.value;
    // What each request not answered from the cache checks itself (the org in scope, a denial audited
    // every time), then one computation shared by concurrent requests (single flight): a burst after a
    // write counts once.
    const prepared = prepare ? await prepare() : (undefined as F);
    const entry = await cache.getOrCompute(
      key,
      async () => ({ cal, value: await compute(prepared) }),
      (kept) => kept.cal === cal,
    );
    return entry.value;
  }

  /** A matter the caller may see, or 404; an existing one out of scope is audited as a denial. */
  async function loadVisible(caller: Caller, id: string, conn: Db | Tx = db): Promise<MattersTable> {
    return loadInScopeOr404({
      audit,
      caller,
      objectType: 'matter',
      id,
      find: () => repo.findById(conn, id, visibilityOf(caller)),
      exists: () => repo.existsUnscoped(conn, id),
      trx: conn === db ? undefined : conn,
    });
  }

  async function toFilter(caller: Caller, q: ListQuery): Promise<repo.MatterFilter> {
    const { orgId, overdue, sort: _s, order: _o, ...rest } = q;
    const f: repo.MatterFilter = { ...rest };
    if (orgId) f.underPath = (await orgs.loadInScope(caller, orgId)).path;
    if (overdue) f.overdueOn = today();
    return f;
  }

  async function listPage(
    caller: Caller,
    q: ListQuery,
    f: repo.MatterFilter,
    page: { offset: number; limit: number },
    /** Whether to count, and whether exactly where the count would be estimated. */
    total: { exact: boolean } | null,
  ) {
    const v = visibilityOf(caller);
    const beyond = total?.exact ? Infinity : MATTER_TOTAL_ESTIMATED_BEYOND;
    const [rows, counted, cats] = await Promise.all([
      repo.list(db, v, f, { key: q.sort ?? 'raisedAt', order: q.order ?? 'desc' }, page),
      total
        ? cachedBoard(totalCache, caller, [q, total.exact], () => repo.countOrEstimate(db, v, f, beyond))
        : { n: -1, estimated: false },
      // Lists show a category's current name: that of the categories version in force today.
      policyVersions.inForce(db, 'matter_categories', today()),
    ]);
    const leads = (
      await repo.findAssignments(
        db,
        rows.map((r) => r.id),
      )
    ).filter((a) => a.role === 'lead' && a.status !== 'withdrawn');
    const cal = calendar.current();
    const t = today();
    return {
      items: rows.map((r) =>
        toListItem(
          { ...r, category_name: categoryName(cats.body, r.category_code) },
          leads.find((a) => a.matter_id === r.id),
          t,
          cal,
        ),
      ),
      total: counted.n,
      totalEstimated: counted.estimated,
    };
  }

  return {
    loadVisible,

    /**
     * Open matters of a village move to another village in the caller's transaction (a merge or split of
     * villages, recorded by the org module); closed ones stay with the village they were handled in.
     */
    moveOpenMatters(trx: Tx, fromVillageId: string, to: { id: string; path: string }): Promise<string[]> {
      return repo.moveOpenOfVillage(trx, fromVillageId, to);
    },

    /** Register matters (one, or all raised at a meeting) in one transaction; each gets a code like SX2026-00012. */
    async raiseMatters(caller: Caller, inputs: readonly RaiseInput[]): Promise<string[]> {
      // Reads through other modules run before the transaction (one SQLite connection: no reads on db inside).
      const prepared: { input: RaiseInput; village: { id: string; path: string }; raiserName: string }[] = [];
      for (const [i, input] of inputs.entries()) {
        const village = await orgs.loadInScope(caller, input.villageId).catch(() => null);
        if (!village || village.kind !== 'village') {
          throw new AppError('MATTER_VILLAGE_INVALID', {
            fields: [{ path: `${i}.villageId`, reason: 'invalid_value' }],
          });
        }
        let raiserName = input.raiserName ?? null;
        if (input.raiserPersonId) {
          const person = await people.getPerson(caller, input.raiserPersonId).catch(() => null);
          if (!person || person.orgId !== village.id)
            throw fieldError(`${i}.raiserPersonId`, 'invalid_value');
          raiserName = person.name;
        }
        if (!raiserName) throw fieldError(`${i}.raiserName`, 'required');
        prepared.push({ input, village, raiserName });
      }
      const now = clock.now();
      const at = now.toISOString();
      const day = shanghaiDate(now);
      const ids = await db.transaction().execute(async (trx) => {
        // The loop's policy in force today: the matter keeps this version for all its deadlines.
        const loop = await policyVersions.inForce(trx, 'matter_loop', day);
        // The categories in force today: a category added later is not offered yet, a retired one no more.
        const cats = await policyVersions.inForce(trx, 'matter_categories', day);
        const out: string[] = [];
        for (const { input, village, raiserName } of prepared) {
          const priority = input.priorityCode ?? 'normal';
          if (
            !categoryOpen(cats.body, input.categoryCode) ||
            tierWorkdays(loop.body, priority) === undefined
          ) {
            throw new AppError('MATTER_CATEGORY_INVALID');
          }
          const seq = await repo.nextDocSeq(trx, 'matter', Number(day.slice(0, 4)));
          const source: MatterSource = input.meetingId
            ? 'meeting'
            : can(caller, 'matters:rate') && caller.permissions !== 'system'
              ? 'direct'
              : 'on_behalf';
          const row: MattersTable = {
            id: monotonicId(now.getTime()),
            code: `SX${day.slice(0, 4)}-${String(seq).padStart(5, '0')}`,
            title: input.title,
            description: input.description,
            category_code: input.categoryCode,
            priority_code: priority,
            village_id: village.id,
            org_path: village.path,
            source,
            meeting_id: input.meetingId ?? null,
            raiser_person_id: input.raiserPersonId ?? null,
            raiser_name: raiserName,
            raised_by_user_id: caller.userId,
            raised_at: at,
            raised_on: day,
            state: 'registered',
            outcome: null,
            duplicate_of_id: null,
            dispatcher_org_id: null,
            dispatch_no: null,
            dispatched_at: null,
            dispatched_on: null,
            deadline: null,
            original_deadline: null,
            ext_requested_due: null,
            ext_reason: null,
            extension_count: 0,
            submitted_at: null,
            resolution: null,
            sign_off_name: null,
            accepted_at: null,
            resolved_on: null,
            handling_workdays: null,
            is_on_time: null,
            feedback_due: null,
            satisfaction: null,
            satisfaction_comment: null,
            rated_at: null,
            closed_at: null,
            closed_on: null,
            return_count: 0,
            rehandle_count: 0,
            reopen_count: 0,
            escalation_level: 0,
            policy_version: loop.version,
            created_at: at,
            updated_at: at,
            version: 1,
          };
          await repo.insert(trx, row);
          await repo.insertEvent(trx, {
            id: monotonicId(now.getTime()),
            matter_id: row.id,
            at,
            actor_user_id: caller.userId,
            actor_name: caller.actor.username ?? 'system',
            party: 'raiser',
            action: 'raise',
            from_state: 'none',
            to_state: 'registered',
            reason: null,
            details: JSON.stringify({ source, meetingId: row.meeting_id, category: row.category_code }),
          });
          // The nearest dispatching desk is told: the town's for its villages (the city is not told of
          // matters its towns dispatch themselves), the city's for villages under no town.
          const { rootId, townId } = pathIds(row.org_path);
          await notify.enqueue(
            trx,
            [{ orgId: townId ?? rootId, audience: 'dispatcher' }],
            noteFor('matter_registered', row),
          );
          await audit.record(trx, caller.actor, {
            action: 'matter_raise',
            objectType: 'matter',
            objectId: row.id,
            details: { code: row.code, villageId: row.village_id, source },
          });
          out.push(row.id);
        }
        return out;
      });
      notify.kick();
      return ids;
    },

    /** Paged matter list in the caller's scope with filters (the board's list view). */
    listMatters: (
      caller: Caller,
      q: ListQuery,
      page: { offset: number; limit: number },
      exactTotal = false,
    ) =>
      cachedBoard(
        pageCache,
        caller,
        [q, page.offset, page.limit, exactTotal],
        (f) => listPage(caller, q, f, page, { exact: exactTotal }),
        () => toFilter(caller, q),
      ),

    /** Rows for an Excel export of the same filters, capped. */
    async exportRows(caller: Caller, q: ListQuery, cap: number) {
      const { items } = await listPage(caller, q, await toFilter(caller, q), { offset: 0, limit: cap }, null);
      await audit.recordAlone(caller.actor, {
        action: 'matter_export',
        objectType: 'matter',
        details: { filters: q, rows: items.length },
      });
      return items;
    },

    /** Counts by state for the same filters (kanban columns). */
    countByState: (caller: Caller, q: ListQuery) =>
      cachedBoard(
        stateCountCache,
        caller,
        [q],
        async (f) => {
          const rows = await repo.countByState(db, visibilityOf(caller), f);
          return rows.map((r) => ({ state: r.state, count: r.count }));
        },
        () => toFilter(caller, q),
      ),

    /** One matter with its units, full timeline, supervision record and the actions the caller may take now. */
    /** The header search: matters a number (matter code, 交办单 or 督办单 number) names exactly, if visible. */
    async findByNumber(caller: Caller, no: string, limit: number) {
      const rows = await repo.findByNumber(db, no.trim(), visibilityOf(caller), limit);
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        state: r.state,
        docNo: r.dispatch_no,
      }));
    },

    async getMatter(caller: Caller, id: string) {
      const m = await loadVisible(caller, id);
      const [assignments, events, supervisions, village] = await Promise.all([
        repo.findAssignments(db, [id]),
        repo.findEvents(db, id),
        repo.findSupervisions(db, id),
        repo.findOrgsByIds(db, [
          m.village_id,
          ...(pathIds(m.org_path).townId ? [pathIds(m.org_path).townId!] : []),
        ]),
      ]);
      const [cats, catsRaised, policy] = await Promise.all([
        policyVersions.inForce(db, 'matter_categories', today()),
        policyVersions.inForce(db, 'matter_categories', m.raised_on),
        policyVersions.get(db, 'matter_loop', m.policy_version),
      ]);
      const cp = partiesFor(caller, m, assignments);
      const actions = availableActions(m.state, (a) => machineInput(a, m, assignments, cp));
      const cal = calendar.current();
      const t = today();
      const lead = assignments.find((a) => a.role === 'lead' && a.status !== 'withdrawn');
      const villageName = village.find((o) => o.id === m.village_id)?.name ?? '';
      const townName = village.find((o) => o.id !== m.village_id)?.name ?? null;
      const categoryNow = categoryName(cats.body, m.category_code);
      const categoryThen = categoryName(catsRaised.body, m.category_code);
      return {
        ...toListItem({ ...m, village_name: villageName, category_name: categoryNow }, lead, t, cal),
        ...detailFields(m),
        townName,
        assignments: assignments.map((a) => toAssignment(a, t)),
        events: events.map(toEvent),
        supervisions: supervisions.map(toSupervision),
        availableActions: actions,
        myAssignmentIds: cp.units.map((a) => a.id),
        policy: { version: policy.version, effectiveFrom: policy.effectiveFrom },
        // The category's name when the matter was raised, when it has been renamed since (else null).
        categoryNameRaised: categoryThen === categoryNow ? null : categoryThen,
      };
    },

    /**
     * For files attached to a matter: the matter's org path (404 when not visible), whether the caller
     * takes part in it (raiser, dispatcher, verifier or a handling unit — a read-only viewer does not),
     * and whether it is closed (its evidence is then final).
     */
    async contributionAccess(caller: Caller, id: string) {
      const m = await loadVisible(caller, id);
      const cp = partiesFor(caller, m, await repo.findAssignments(db, [id]));
      return {
        orgPath: m.org_path,
        takesPart: cp.general.length > 0 || cp.units.length > 0,
        isFinal: m.state === 'closed',
      };
    },

    /** Categories, priority tiers and the units the caller may dispatch to (the 派单目录). */
    async catalog(caller: Caller) {
      const [cats, loop] = await Promise.all([
        policyVersions.inForce(db, 'matter_categories', today()),
        policyVersions.inForce(db, 'matter_loop', today()),
      ]);
      const roots = [
        ...new Set(caller.scopePaths.map((p) => `/${p.split('/').filter(Boolean)[0] ?? ''}/`)),
      ].filter((p) => p !== '//');
      const units = can(caller, 'matters:dispatch')
        ? (await Promise.all(roots.map((r) => repo.findHandlingUnits(db, r))))
            .flat()
            .filter((u) => u.kind !== 'town' || isWithin(u.path, caller.scopePaths))
        : [];
      return {
        // The categories of the version in force today (retired ones listed inactive: old matters show them).
        categories: cats.body.categories.map((c) => ({ ...c })),
        // The tiers of the policy in force today (a matter raised now is raised under it).
        priorities: loop.body.tiers.map((t) => ({ ...t })),
        units: units.map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind as 'department' | 'organ' | 'town',
        })),
      };
    },
  };
}
