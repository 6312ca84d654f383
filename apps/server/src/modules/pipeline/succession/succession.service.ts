/**
 * Succession and placement (issue 11 items 5 and 6): the seats of the scope with their flags and bench,
 * one seat's bench with the ranked trained candidates, recommendations and decisions (dated,
 * attributed, audited in the transaction), the heat map, and the pipeline dashboard over time.
 */
import {
  ageOn,
  type AssessmentLevel,
  type HeatCell,
  type PipelineDashboard,
  type SeatDetail,
  type SeatItem,
  type SeatList,
  type SeatListSort,
  type SuccessionOverview,
} from '@xinhuo/shared';
import type { z } from 'zod';
import type { addBenchBody, seatListQuery, successionRecordBody } from '@xinhuo/shared';
import type { Db, Tx } from '../../../database';
import type { AuditTrail } from '../../../platform/audit/audit';
import { can, type Caller } from '../../../platform/caller';
import { shanghaiDate, type Clock } from '../../../platform/clock';
import { AppError, fieldError, notFound } from '../../../platform/errors';
import { isWithin } from '../../../platform/http/scope';
import { newId } from '../../../platform/ids';
import { candidateInScope } from '../candidate-in-scope';
import { loadInScopeOr404 } from '../../../platform/scoped-load';
import type { OrgService } from '../../org';
import * as pipelineRepo from '../pipeline.repository';
import type { TrainingHoursSource } from '../pipeline.service';
import { createVersionedFigures, PIPELINE_DATA_VERSION, scopeKey } from '../../../platform/db/data-version';
import { termsOn } from '../tier-versions';
import { seatsOn, successionAge } from './succession-query';
import { scoreParts, successorScore } from './succession-rules';
import * as repo from './succession.repository';

export type SuccessionService = ReturnType<typeof createSuccessionService>;

const pathIds = (path: string) => path.split('/').filter(Boolean);
const pathOf = (ids: readonly string[]) => `/${ids.join('/')}/`;
const round1 = (x: number) => Math.round(x * 10) / 10;
/** Chinese name order: the collation `localeCompare(x, 'zh')` uses, made once (a province ranks tens of thousands). */
const zhOrder = new Intl.Collator('zh').compare;
/** How many trained candidates a seat's ranking shows. */
const RANKED = 30;
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export function createSuccessionService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  orgs: OrgService;
  training: TrainingHoursSource;
}) {
  const { db, clock, audit, orgs, training } = deps;
  const now = () => clock.now().toISOString();
  const id = () => newId(clock.now().getTime());
  const today = () => shanghaiDate(clock.now());

  const loadVillage = (caller: Caller, villageId: string, conn: Db | Tx) =>
    loadInScopeOr404({
      audit,
      caller,
      objectType: 'org',
      id: villageId,
      find: () => repo.findVillage(conn, villageId, caller.scopePaths),
      exists: () => repo.findOrgUnscoped(conn, villageId),
      trx: conn === db ? undefined : conn,
    });
  const loadCandidate = candidateInScope(db, audit);
  const figure = createVersionedFigures(db, PIPELINE_DATA_VERSION, 32);

  type FocusOrg = Awaited<ReturnType<OrgService['loadInScope']>>;

  /** The focus of a view (an org of the scope: loaded, so one outside answers 404), or none. */
  const focusOf = async (caller: Caller, orgId: string | undefined) =>
    orgId ? await orgs.loadInScope(caller, orgId) : null;

  /** Seats of the focus (an org of the scope) or of the whole scope, grouped under the focus's children. */
  async function overview(
    caller: Caller,
    q: { date?: string; orgId?: string; seats?: 'all' | 'none' },
  ): Promise<SuccessionOverview> {
    const date = q.date ?? today();
    const ov = await overviewOf(caller, date, await focusOf(caller, q.orgId));
    return q.seats === 'none' ? { ...ov, seats: [] } : ov;
  }

  /** One page of the seats of the focus (or the scope) on a date, filtered and sorted, from the overview. */
  async function seatList(caller: Caller, q: z.output<typeof seatListQuery>): Promise<SeatList> {
    const date = q.date ?? today();
    const focusOrg = await focusOf(caller, q.orgId);
    // A town filter names an org like the focus does: out of scope or missing answers 404 (a denial audited).
    await focusOf(caller, q.townId);
    // The filtered, sorted list is cached too: a page turn only cuts it.
    const key = [scopeKey(caller.scopePaths), date, focusOrg?.id, q.townId, q.flag, q.ready, q.sort].join(
      '|',
    );
    const kept = await figure(
      `seatlist|${key}`,
      async () => filterAndSort((await overviewOf(caller, date, focusOrg)).seats, q),
      caller,
    );
    const from = (q.page - 1) * q.pageSize;
    return {
      items: kept.slice(from, from + q.pageSize),
      total: kept.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  function filterAndSort(seats: readonly SeatItem[], q: z.output<typeof seatListQuery>): SeatItem[] {
    const kept = seats.filter(
      (s) =>
        (q.townId === undefined || s.townId === q.townId) &&
        (q.flag === undefined ||
          (q.flag === 'any'
            ? s.flags.length > 0
            : q.flag === 'none'
              ? s.flags.length === 0
              : s.flags.includes(q.flag))) &&
        (q.ready === undefined || (q.ready === 'yes') === s.readyNow > 0),
    );
    // The overview lists the seats in the org tree's order: every other order falls back to it.
    const tree = new Map(seats.map((s, i) => [s.orgId, i]));
    const nullsLast = <T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number) =>
      a === null ? (b === null ? 0 : 1) : b === null ? -1 : cmp(a, b);
    const by: Record<SeatListSort, (a: SeatItem, b: SeatItem) => number> = {
      tree: () => 0,
      bench: (a, b) => a.readyNow - b.readyNow || a.bench - b.bench,
      age: (a, b) => nullsLast(a.incumbent?.age ?? null, b.incumbent?.age ?? null, (x, y) => y - x),
      term_end: (a, b) => nullsLast(a.termEnd, b.termEnd, (x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    };
    return q.sort === 'tree'
      ? kept
      : kept.sort((a, b) => by[q.sort](a, b) || tree.get(a.orgId)! - tree.get(b.orgId)!);
  }

  /** The overview of a focus on a date, cached by the pipeline data version. */
  function overviewOf(caller: Caller, date: string, focusOrg: FocusOrg | null): Promise<SuccessionOverview> {
    return figure(
      `overview|${scopeKey(caller.scopePaths)}|${date}|${focusOrg?.id ?? ''}`,
      () => computeOverview(caller, date, focusOrg),
      caller,
    );
  }

  async function computeOverview(
    caller: Caller,
    date: string,
    focusOrg: FocusOrg | null,
  ): Promise<SuccessionOverview> {
    const paths = focusOrg ? [focusOrg.path] : caller.scopePaths;
    const threshold = await successionAge(db);
    const seats = await seatsOn(db, paths, date, threshold);
    // The heat map's row of a seat: the focus's child on the seat's path (the seat itself at the bottom).
    const depth = focusOrg ? pathIds(focusOrg.path).length : Math.min(...paths.map((p) => pathIds(p).length));
    const rowOf = (path: string) => {
      const ids = pathIds(path);
      return ids[Math.min(depth, ids.length - 1)]!;
    };
    const cells = new Map<string, Omit<HeatCell, 'name' | 'kind'>>();
    for (const s of seats) {
      const k = rowOf(s.path);
      const c = cells.get(k) ?? { orgId: k, seats: 0, atRisk: 0, noReadySuccessor: 0, atRiskNoReady: 0 };
      c.seats++;
      if (s.flags.length) c.atRisk++;
      if (s.readyNow === 0) c.noReadySuccessor++;
      if (s.flags.length && s.readyNow === 0) c.atRiskNoReady++;
      cells.set(k, c);
    }
    const named = await repo.findOrgsByIds(db, [...cells.keys()]);
    const heat = named
      .sort(
        (a, b) =>
          a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id),
      )
      .map((o) => ({ ...cells.get(o.id)!, name: o.name, kind: o.kind }));
    const trailPaths = focusOrg
      ? pathIds(focusOrg.path)
          .map((_, i, ids) => pathOf(ids.slice(0, i + 1)))
          .filter((p) => isWithin(p, caller.scopePaths))
      : [];
    const trail = (await repo.findOrgsByPaths(db, trailPaths)).map((o) => ({ orgId: o.id, name: o.name }));
    return {
      date,
      ageThreshold: threshold,
      focus: focusOrg ? { orgId: focusOrg.id, name: focusOrg.name, kind: focusOrg.kind } : null,
      trail,
      heat,
      seats: seats.map(({ path: _p, ...s }) => s),
      totals: {
        seats: seats.length,
        atRisk: seats.filter((s) => s.flags.length > 0).length,
        noReadySuccessor: seats.filter((s) => s.readyNow === 0).length,
      },
    };
  }

  /** The trained candidates of the caller's scope ranked for the seat by the transparent score (cached). */
  function ranking(caller: Caller, townPath: string | null, date: string) {
    return figure(
      `ranking|${scopeKey(caller.scopePaths)}|${townPath ?? ''}|${date}`,
      () => computeRanking(caller, townPath, date),
      caller,
    );
  }

  async function computeRanking(caller: Caller, townPath: string | null, date: string) {
    const [trained, assessments] = await Promise.all([
      repo.findTrained(db, caller.scopePaths),
      repo.findAssessments(db, caller.scopePaths, date),
    ]);
    // The hours and training length the score asks are those of each tier's version in force on the date.
    const tierVersions = await pipelineRepo.findRuleSetsOfTiers(db, [
      ...new Set(trained.map((c) => c.tier_id)),
    ]);
    const termsCache = new Map<string, ReturnType<typeof termsOn>>();
    const termsOf = (c: (typeof trained)[number]) => {
      let terms = termsCache.get(c.tier_id);
      if (!terms) {
        terms = termsOn(
          c,
          tierVersions.filter((v) => v.tier_id === c.tier_id),
          date,
        );
        termsCache.set(c.tier_id, terms);
      }
      return terms;
    };
    // Training started on the first start_training step (kept on the candidate row), if on or before the date.
    const since = new Map<string, string>();
    for (const c of trained)
      if (c.training_on !== null && c.training_on <= date) since.set(c.id, c.training_on);
    const assessed = new Map<string, AssessmentLevel[]>();
    for (const e of assessments) {
      const level = e.details_json ? (JSON.parse(e.details_json) as { level?: AssessmentLevel }).level : null;
      if (level) assessed.set(e.candidate_id, [...(assessed.get(e.candidate_id) ?? []), level]);
    }
    // Hours attended in each year from the earliest start of training to the reference year: one query.
    const endYear = Number(date.slice(0, 4));
    const startYear = Math.min(endYear, ...[...since.values()].map((d) => Number(d.slice(0, 4))));
    const hours =
      (await training.hoursByYear(
        db,
        trained.map((c) => c.person_id),
        startYear,
        endYear,
      )) ?? new Map<string, ReadonlyMap<number, number>>();
    const factsOf = (c: (typeof trained)[number]) => {
      const from = Number((since.get(c.id) ?? date).slice(0, 4));
      let attended = 0;
      for (const [y, h] of hours.get(c.person_id) ?? []) if (y >= from && y <= endYear) attended += h;
      return {
        attendedHours: round1(attended),
        hoursPerYear: termsOf(c).hoursPerYear,
        assessments: assessed.get(c.id) ?? [],
        trainingSince: since.get(c.id) ?? null,
        monthsMin: termsOf(c).monthsMin,
        sameTown: townPath !== null && c.person_path.startsWith(townPath),
      };
    };
    // The totals of all, then the components (with their text) of the first RANKED only: those at or
    // above the RANKED-th total, in the candidates' order, sorted by total and name (ties stay in order).
    const totals = trained.map((c) => scoreParts(factsOf(c), date).total);
    const cut = Float64Array.from(totals).sort().reverse()[RANKED - 1] ?? -Infinity;
    return trained
      .filter((_, i) => totals[i]! >= cut)
      .map((c) => {
        const s = successorScore(factsOf(c), date);
        return {
          candidateId: c.id,
          personName: c.person_name,
          orgName: c.org_name,
          tierNameZh: c.tier_name_zh,
          tierNameEn: c.tier_name_en,
          state: c.state,
          total: s.total,
          components: s.components,
        };
      })
      .sort((a, b) => b.total - a.total || zhOrder(a.personName, b.personName))
      .slice(0, RANKED);
  }

  return {
    overview,
    seatList,

    async seat(caller: Caller, villageId: string, q: { date?: string }): Promise<SeatDetail> {
      const date = q.date ?? today();
      const village = await loadVillage(caller, villageId, db);
      const threshold = await successionAge(db);
      const [seat] = await seatsOn(db, [village.path], date, threshold);
      if (!seat) throw notFound();
      const townPath = village.parent_id ? pathOf(pathIds(village.path).slice(0, -1)) : null;
      const [entries, records, ranked] = await Promise.all([
        repo.findBenchOfSeat(db, village.id, village.parent_id, date),
        repo.findRecords(db, village.id),
        seat.flags.length ? ranking(caller, townPath, date) : Promise.resolve([]),
      ]);
      const { path: _p, ...item } = seat;
      return {
        ...item,
        date,
        ageThreshold: threshold,
        entries: entries.map((e) => ({
          id: e.id,
          candidateId: e.candidate_id,
          personName: e.person_name,
          orgName: e.org_name,
          tierNameZh: e.tier_name_zh,
          tierNameEn: e.tier_name_en,
          state: e.state,
          forSeat: e.village_org_id !== null,
          readiness: e.readiness,
          rank: e.rank,
          nominatedOn: e.nominated_on,
        })),
        ranking: ranked,
        records: records.map((r) => ({
          id: r.id,
          kind: r.kind,
          candidateId: r.candidate_id,
          personName: r.person_name,
          date: r.record_date,
          note: r.note,
          actorName: r.actor_name,
          at: r.created_at,
        })),
      };
    },

    /** Put a candidate of the scope on the bench of the seat or of its town; audited. */
    async addBench(caller: Caller, villageId: string, b: z.output<typeof addBenchBody>, trx?: Tx) {
      const work = async (t: Tx) => {
        const village = await loadVillage(caller, villageId, t);
        const c = await loadCandidate(caller, b.candidateId, t);
        if (!repo.BENCH_STATES.includes(c.state)) throw new AppError('PIPELINE_ILLEGAL_STEP');
        if (!village.parent_id) throw notFound();
        const villageOrg = b.forSeat ? village.id : null;
        if (await repo.findBenchEntry(t, c.id, villageOrg, village.parent_id))
          throw fieldError('candidateId', 'DUPLICATE');
        const entryId = id();
        await repo.insertBench(t, {
          id: entryId,
          candidate_id: c.id,
          village_org_id: villageOrg,
          town_org_id: village.parent_id,
          org_path: b.forSeat ? village.path : pathOf(pathIds(village.path).slice(0, -1)),
          readiness: b.readiness,
          rank: b.rank,
          nominated_on: b.date,
          created_by: caller.userId,
          created_at: now(),
        });
        await audit.record(t, caller.actor, {
          action: 'pipeline_bench_add',
          objectType: 'org',
          objectId: village.id,
          details: {
            candidateId: c.id,
            forSeat: b.forSeat,
            readiness: b.readiness,
            rank: b.rank,
            date: b.date,
          },
        });
        return entryId;
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    /** A recommendation (town or city) or a decision (the city) on a seat: dated, attributed, audited. */
    async record(caller: Caller, villageId: string, b: z.output<typeof successionRecordBody>, trx?: Tx) {
      const work = async (t: Tx) => {
        if (b.kind === 'decision' && !can(caller, 'pipeline:manage')) throw new AppError('FORBIDDEN');
        const village = await loadVillage(caller, villageId, t);
        const c = await loadCandidate(caller, b.candidateId, t);
        const recordId = id();
        await repo.insertRecord(t, {
          id: recordId,
          village_org_id: village.id,
          org_path: village.path,
          kind: b.kind,
          candidate_id: c.id,
          record_date: b.date,
          note: b.note,
          actor_id: caller.userId,
          actor_name: caller.actor.username ?? 'system',
          created_at: now(),
        });
        await audit.record(t, caller.actor, {
          action:
            b.kind === 'decision' ? 'pipeline_succession_decision' : 'pipeline_succession_recommendation',
          objectType: 'org',
          objectId: village.id,
          details: { candidateId: c.id, date: b.date, note: b.note },
        });
        return recordId;
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    /** The program's age threshold of the succession watch; audited. */
    async setAgeThreshold(caller: Caller, programId: string, age: number) {
      return db.transaction().execute(async (t) => {
        const p = await pipelineRepo.findProgramById(t, programId);
        if (!p || !isWithin(p.owner_org_path, caller.scopePaths)) throw notFound();
        await repo.setSuccessionAge(t, programId, age);
        await audit.record(t, caller.actor, {
          action: 'pipeline_succession_settings',
          objectType: 'pipeline_program',
          objectId: programId,
          details: { from: p.succession_age, to: age },
        });
      });
    },

    /** The pipeline over time: tiers filled vs target by year end, cohort funnels, average ages, the heat map. */
    async dashboard(caller: Caller, q: { date?: string; orgId?: string }): Promise<PipelineDashboard> {
      const date = q.date ?? today();
      const focusOrg = await focusOf(caller, q.orgId);
      return figure(
        `dashboard|${scopeKey(caller.scopePaths)}|${date}|${focusOrg?.id ?? ''}`,
        () => computeDashboard(caller, date, focusOrg),
        caller,
      );
    },
  };

  async function computeDashboard(
    caller: Caller,
    date: string,
    focusOrg: FocusOrg | null,
  ): Promise<PipelineDashboard> {
    const { seats: _seats, ...succession } = await overviewOf(caller, date, focusOrg);
    const paths = focusOrg ? [focusOrg.path] : caller.scopePaths;
    const program = await repo.findCurrentProgram(db);
    if (!program) return { date, programId: null, points: [date], tiers: [], cohorts: [], succession };
    const tiers = await pipelineRepo.findTiersOfPrograms(db, [program.id]);
    const [lines, cohorts, versions] = await Promise.all([
      repo.findTimelines(
        db,
        tiers.map((t) => t.id),
        paths,
      ),
      pipelineRepo.listCohorts(db),
      pipelineRepo.findRuleSetsOfTiers(
        db,
        tiers.map((t) => t.id),
      ),
    ]);
    const firstYear = Math.min(
      Number(program.period_from.slice(0, 4)),
      ...lines.flatMap((l) => (l.selected_on ? [Number(l.selected_on.slice(0, 4))] : [])),
    );
    const points: string[] = [];
    for (let y = firstYear; `${y}-12-31` < date; y++) points.push(`${y}-12-31`);
    points.push(date);
    const filledOn = (l: (typeof lines)[number], d: string) =>
      l.selected_on !== null && l.selected_on <= d && !(l.exited_on !== null && l.exited_on <= d);
    const tierIds = new Set(tiers.map((t) => t.id));
    return {
      date,
      programId: program.id,
      points,
      tiers: tiers.map((t) => {
        const mine = lines.filter((l) => l.tier_id === t.id);
        const ages = mine.filter((l) => filledOn(l, date)).map((l) => ageOn(l.birth_date, date));
        return {
          tierId: t.id,
          code: t.code,
          nameZh: t.name_zh,
          nameEn: t.name_en,
          // The target of the tier's version in force on the dashboard's date.
          target: termsOn(
            t,
            versions.filter((v) => v.tier_id === t.id),
            date,
          ).target,
          filled: points.map((p) => mine.filter((l) => filledOn(l, p)).length),
          filledOnDate: ages.length,
          averageAge: ages.length ? round1(ages.reduce((a, x) => a + x, 0) / ages.length) : null,
        };
      }),
      cohorts: cohorts
        .filter((k) => tierIds.has(k.tier_id) && k.selection_date <= date)
        .map((k) => {
          const nominated = lines.filter(
            (l) =>
              l.tier_id === k.tier_id &&
              (l.cohort_id === k.id || l.selection_date === k.selection_date) &&
              l.nominated_on !== null &&
              l.nominated_on <= date,
          ).length;
          const members = lines.filter((l) => l.cohort_id === k.id);
          const selected = members.filter((l) => l.selected_on !== null && l.selected_on <= date).length;
          const placed = members.filter((l) => l.placed_on !== null && l.placed_on <= date).length;
          return {
            cohortId: k.id,
            name: k.name,
            tierNameZh: k.tier_name_zh,
            tierNameEn: k.tier_name_en,
            selectionDate: k.selection_date,
            nominated,
            selected,
            placed,
            selectionRate: rate(selected, nominated),
            placementRate: rate(placed, selected),
          };
        }),
      succession,
    };
  }
}
