import { sql, type SqlBool } from 'kysely';
import type { CandidateState } from '@xinhuo/shared';
import type { Db, Tx } from '../../../database';
import { ancestorPaths, inSubtrees } from '../../../platform/http/scope';
import type { PipelineBenchTable, PipelineSuccessionRecordsTable } from './succession.tables';

// The SQL of succession: village secretary seats on a date, the bench, the recorded steps, and the
// dated history the dashboard over time is computed from. Seats and bench are scoped by org path.

type Conn = Db | Tx;

/** A candidate on the bench counts while still in the pipeline (not placed, not exited). */
export const BENCH_STATES: readonly CandidateState[] = [
  'nominated',
  'eligibility_checked',
  'vetted',
  'notice',
  'selected',
  'in_training',
];
/** The candidates ranked for an open seat: selected or in training (the trained ones). */
export const TRAINED_STATES: readonly CandidateState[] = ['selected', 'in_training'];

/** The program whose settings the succession watch uses: the latest by period. */
export function findCurrentProgram(db: Conn) {
  return db
    .selectFrom('pipeline_programs')
    .select(['id', 'succession_age', 'period_from'])
    .orderBy('period_from', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}
export async function setSuccessionAge(db: Conn, programId: string, age: number): Promise<boolean> {
  const r = await db
    .updateTable('pipeline_programs')
    .set({ succession_age: age })
    .where('id', '=', programId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Every village existing on `date` in the scope, with its town, the party secretary holding the seat
 * on `date` (none: vacant) and the end of that secretary's term, in the org tree's order (town, then
 * village, by sort order then name; never by the ids in the path).
 */
export function findSeats(db: Conn, scopePaths: readonly string[], date: string) {
  return db
    .selectFrom('orgs as v')
    .leftJoin('orgs as t', 't.id', 'v.parent_id')
    .leftJoin('positions as s', (j) =>
      j
        .onRef('s.org_id', '=', 'v.id')
        .on('s.role', '=', 'party_secretary')
        .on('s.start_date', '<=', date)
        .on((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>', date)])),
    )
    .leftJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('terms as tm', 'tm.id', 's.term_id')
    .select([
      'v.id as org_id',
      'v.name as village_name',
      'v.path as path',
      'v.sort_order as sort_order',
      't.id as town_id',
      't.name as town_name',
      'p.id as person_id',
      'p.name as person_name',
      'p.birth_date as birth_date',
      'tm.end_date as term_end',
      's.start_date as seat_start',
    ])
    .where('v.kind', '=', 'village')
    .where((eb) => eb.or([eb('v.valid_from', 'is', null), eb('v.valid_from', '<=', date)]))
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)]))
    .where((eb) => inSubtrees(eb, 'v.path', scopePaths))
    .orderBy('t.sort_order')
    .orderBy('t.name')
    .orderBy('t.id')
    .orderBy('v.sort_order')
    .orderBy('v.name')
    .orderBy('v.id')
    .orderBy('s.start_date', 'desc')
    .execute();
}

/** A village in the scope, or undefined. */
export function findVillage(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'parent_id', 'kind'])
    .where('id', '=', id)
    .where('kind', '=', 'village')
    .where((eb) => inSubtrees(eb, 'path', scopePaths))
    .executeTakeFirst();
}
export function findOrgUnscoped(db: Conn, id: string) {
  return db.selectFrom('orgs').select('id').where('id', '=', id).executeTakeFirst();
}
/** The orgs on the way to `path` (its ancestors and itself), for the drill-down trail. */
export function findOrgsByPaths(db: Conn, paths: readonly string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'kind'])
    .where('path', 'in', paths as string[])
    .orderBy('depth')
    .execute();
}
/** Orgs by id (the heat map's rows: the children of the focus holding seats). */
export function findOrgsByIds(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'kind', 'sort_order'])
    .where('id', 'in', ids as string[])
    .execute();
}

/**
 * The candidate's state on `date`: where the latest step dated on or before `date` left it (null
 * before its first step). The bench reads this, not the current state, so that a date in the past
 * counts the candidates who were on the bench then (one since placed or exited included).
 */
export const stateOnDate = (date: string) =>
  sql<CandidateState | null>`(select e.to_state from pipeline_events e where e.candidate_id = c.id and e.event_date <= ${date} order by e.seq desc limit 1)`;

/**
 * The candidate was on the way on `date`: its first step is on or before `date` and it was not placed or
 * exited by then. The same as its state on `date` (stateOnDate) being one of BENCH_STATES, since placed
 * and exited end the way (they are the last step), read from the step dates on the candidate row.
 */
const onTheWayOn = (date: string) =>
  sql<SqlBool>`c.first_step_on <= ${date} and (c.placed_on is null or c.placed_on > ${date}) and (c.exited_on is null or c.exited_on > ${date})`;

/**
 * Bench entries on `date` whose candidate was still in the pipeline on `date` (not yet placed or
 * exited), for seats in the scope: entries for a village of the scope and entries for a town of the
 * scope or above it.
 */
export function findBenchOnDate(db: Conn, scopePaths: readonly string[], date: string) {
  const above = ancestorPaths(scopePaths);
  return db
    .selectFrom('pipeline_bench as b')
    .innerJoin('pipeline_candidates as c', 'c.id', 'b.candidate_id')
    .select(['b.village_org_id', 'b.town_org_id', 'b.readiness'])
    .where('b.nominated_on', '<=', date)
    .where(onTheWayOn(date))
    .where((eb) =>
      eb.or([
        inSubtrees(eb, 'b.org_path', scopePaths),
        above.length ? eb('b.org_path', 'in', above) : sql<SqlBool>`1 = 0`,
      ]),
    )
    .execute();
}

/** The bench of one seat on `date`: entries for the seat and for any seat of its town. */
export function findBenchOfSeat(db: Conn, villageId: string, townId: string | null, date: string) {
  return db
    .selectFrom('pipeline_bench as b')
    .innerJoin('pipeline_candidates as c', 'c.id', 'b.candidate_id')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('pipeline_tiers as t', 't.id', 'c.tier_id')
    .select([
      'b.id',
      'b.candidate_id',
      'b.village_org_id',
      'b.readiness',
      'b.rank',
      'b.nominated_on',
      sql<CandidateState>`coalesce(${stateOnDate(date)}, c.state)`.as('state'),
      'p.name as person_name',
      'o.name as org_name',
      't.name_zh as tier_name_zh',
      't.name_en as tier_name_en',
    ])
    .where('b.nominated_on', '<=', date)
    .where((eb) =>
      eb.or([
        eb('b.village_org_id', '=', villageId),
        townId
          ? eb.and([eb('b.village_org_id', 'is', null), eb('b.town_org_id', '=', townId)])
          : sql<SqlBool>`1 = 0`,
      ]),
    )
    .orderBy('b.rank')
    .orderBy('b.nominated_on')
    .orderBy('b.id')
    .execute();
}
export function findBenchEntry(db: Conn, candidateId: string, villageId: string | null, townId: string) {
  let q = db
    .selectFrom('pipeline_bench')
    .select('id')
    .where('candidate_id', '=', candidateId)
    .where('town_org_id', '=', townId);
  q = villageId ? q.where('village_org_id', '=', villageId) : q.where('village_org_id', 'is', null);
  return q.executeTakeFirst();
}
export async function insertBench(db: Conn, row: PipelineBenchTable): Promise<void> {
  await db.insertInto('pipeline_bench').values(row).execute();
}

/** The trained candidates of the scope (selected or in training) with what their score reads. */
export function findTrained(db: Conn, scopePaths: readonly string[]) {
  return db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('pipeline_tiers as t', 't.id', 'c.tier_id')
    .select([
      'c.id',
      'c.person_id',
      'c.state',
      'p.org_path as person_path',
      'p.name as person_name',
      'o.name as org_name',
      't.name_zh as tier_name_zh',
      't.name_en as tier_name_en',
      'c.tier_id',
      'c.training_on',
      't.target',
      't.hours_per_year',
      't.months_min',
      't.months_max',
    ])
    .where('c.state', 'in', TRAINED_STATES as CandidateState[])
    .where((eb) => inSubtrees(eb, 'c.org_path', scopePaths))
    .orderBy('c.id')
    .execute();
}

/**
 * The yearly assessments up to `date` of the trained candidates of the scope (the same set as
 * findTrained): joined, never a list of ids (a province has tens of thousands of them).
 */
export function findAssessments(db: Conn, scopePaths: readonly string[], date: string) {
  return db
    .selectFrom('pipeline_events as e')
    .innerJoin('pipeline_candidates as c', 'c.id', 'e.candidate_id')
    .select(['e.candidate_id', 'e.details_json'])
    .where('c.state', 'in', TRAINED_STATES as CandidateState[])
    .where((eb) => inSubtrees(eb, 'c.org_path', scopePaths))
    .where('e.action', '=', 'assess')
    .where('e.event_date', '<=', date)
    .orderBy('e.event_date')
    .execute();
}

export async function insertRecord(db: Conn, row: PipelineSuccessionRecordsTable): Promise<void> {
  await db.insertInto('pipeline_succession_records').values(row).execute();
}
export function findRecords(db: Conn, villageId: string) {
  return db
    .selectFrom('pipeline_succession_records as r')
    .innerJoin('pipeline_candidates as c', 'c.id', 'r.candidate_id')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .selectAll('r')
    .select('p.name as person_name')
    .where('r.village_org_id', '=', villageId)
    .orderBy('r.record_date')
    .orderBy('r.created_at')
    .execute();
}

// The dashboard over time ------------------------------------------------------------------------

/**
 * Each candidate of the tiers in the scope with the first dates of its steps (nominated, selected,
 * placed, exited: kept on the row from the immutable history), and the person's birth date.
 */
export function findTimelines(db: Conn, tierIds: readonly string[], scopePaths: readonly string[]) {
  if (tierIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select([
      'c.id',
      'c.tier_id',
      'c.cohort_id',
      'c.selection_date',
      'p.birth_date',
      'c.nominated_on',
      'c.selected_on',
      'c.placed_on',
      'c.exited_on',
    ])
    .where('c.tier_id', 'in', tierIds as string[])
    .where((eb) => inSubtrees(eb, 'c.org_path', scopePaths))
    .execute();
}
