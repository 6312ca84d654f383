import { sql, type Insertable } from 'kysely';
import { likeContains } from '../../platform/db/like';
import type { CandidateState } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { inSubtrees } from '../../platform/http/scope';
import type {
  PipelineCandidatesTable,
  PipelineCohortsTable,
  PipelineEventsTable,
  PipelineObjectionsTable,
  PipelineProgramsTable,
  PipelineRuleSetCancellationsTable,
  PipelineRuleSetsTable,
  PipelineTiersTable,
} from './pipeline.tables';

// The SQL of the 薪火计划 pipeline. Candidates are scoped by the org path of the person at nomination.

type Conn = Db | Tx;

/** States counted as "filled" against a tier's target. */
export const FILLED_STATES: readonly CandidateState[] = ['selected', 'in_training', 'placed'];
const BEFORE_SELECTION: readonly CandidateState[] = ['nominated', 'eligibility_checked', 'vetted', 'notice'];

// Programs, tiers, rule sets -------------------------------------------------------------------

export async function insertProgram(db: Conn, row: PipelineProgramsTable): Promise<void> {
  await db.insertInto('pipeline_programs').values(row).execute();
}
export function listPrograms(db: Conn) {
  return db
    .selectFrom('pipeline_programs')
    .selectAll()
    .orderBy('period_from', 'desc')
    .orderBy('id')
    .execute();
}
export function findProgramById(db: Conn, id: string) {
  return db.selectFrom('pipeline_programs').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertTier(db: Conn, row: PipelineTiersTable): Promise<void> {
  await db.insertInto('pipeline_tiers').values(row).execute();
}
export function findTierById(db: Conn, id: string) {
  return db.selectFrom('pipeline_tiers').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findTiersOfPrograms(db: Conn, programIds: readonly string[]) {
  if (programIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pipeline_tiers')
    .selectAll()
    .where('program_id', 'in', programIds as string[])
    .orderBy('sort_order')
    .execute();
}
export async function insertRuleSet(db: Conn, row: PipelineRuleSetsTable): Promise<void> {
  await db.insertInto('pipeline_rule_sets').values(row).execute();
}
/** Every version of the tiers, oldest first, each with `cancelled` set when withdrawn before its date. */
export async function findRuleSetsOfTiers(db: Conn, tierIds: readonly string[]) {
  if (tierIds.length === 0) return [];
  const [rows, cancelled] = await Promise.all([
    db
      .selectFrom('pipeline_rule_sets')
      .selectAll()
      .where('tier_id', 'in', tierIds as string[])
      .orderBy('effective_from')
      .orderBy('version')
      .execute(),
    db
      .selectFrom('pipeline_rule_set_cancellations')
      .selectAll()
      .where('tier_id', 'in', tierIds as string[])
      .execute(),
  ]);
  const withdrawn = new Map(cancelled.map((c) => [`${c.tier_id}:${Number(c.version)}`, c]));
  return rows.map((r) => ({
    ...r,
    version: Number(r.version),
    cancellation: withdrawn.get(`${r.tier_id}:${Number(r.version)}`) ?? null,
  }));
}
/** Insert-or-ignore on the key: of two concurrent withdrawals exactly one is written (true). */
export async function insertRuleSetCancellation(
  db: Conn,
  row: Insertable<PipelineRuleSetCancellationsTable>,
): Promise<boolean> {
  const written = await db
    .insertInto('pipeline_rule_set_cancellations')
    .values(row)
    .onConflict((oc) => oc.columns(['tier_id', 'version']).doNothing())
    .returning('version')
    .execute();
  return written.length > 0;
}

/** Per tier, within the scope: filled (selected/in training/placed), in progress and placed. */
export async function countByTier(db: Conn, tierIds: readonly string[], scopePaths: readonly string[]) {
  if (tierIds.length === 0) return [];
  const rows = await db
    .selectFrom('pipeline_candidates')
    .select((eb) => ['tier_id', 'state', eb.fn.countAll<number>().as('n')])
    .where('tier_id', 'in', tierIds as string[])
    .where((eb) => inSubtrees(eb, 'org_path', scopePaths))
    .groupBy(['tier_id', 'state'])
    .execute();
  return rows.map((r) => ({ tierId: r.tier_id, state: r.state, n: Number(r.n) }));
}
export { BEFORE_SELECTION };

/** Birth dates of the people filling each tier (selected, in training, placed) in the scope. */
export function findFilledBirthDates(db: Conn, tierIds: readonly string[], scopePaths: readonly string[]) {
  if (tierIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.tier_id', 'p.birth_date'])
    .where('c.tier_id', 'in', tierIds as string[])
    .where('c.state', 'in', FILLED_STATES as CandidateState[])
    .where((eb) => inSubtrees(eb, 'c.org_path', scopePaths))
    .execute();
}

// Cohorts -------------------------------------------------------------------------------------

export async function insertCohort(db: Conn, row: PipelineCohortsTable): Promise<void> {
  await db.insertInto('pipeline_cohorts').values(row).execute();
}
export function findCohortById(db: Conn, id: string) {
  return db.selectFrom('pipeline_cohorts').selectAll().where('id', '=', id).executeTakeFirst();
}
export function listCohorts(db: Conn, tierId?: string) {
  let q = db
    .selectFrom('pipeline_cohorts as c')
    .innerJoin('pipeline_tiers as t', 't.id', 'c.tier_id')
    .selectAll('c')
    .select(['t.name_zh as tier_name_zh', 't.name_en as tier_name_en']);
  if (tierId) q = q.where('c.tier_id', '=', tierId);
  return q.orderBy('c.selection_date').orderBy('c.id').execute();
}
/** Members per cohort within the scope, and how many of them are placed. */
export async function countByCohort(db: Conn, scopePaths: readonly string[]) {
  const rows = await db
    .selectFrom('pipeline_candidates')
    .select((eb) => [
      'cohort_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(sql<number>`case when state = 'placed' then 1 else 0 end`).as('placed'),
    ])
    .where('cohort_id', 'is not', null)
    .where((eb) => inSubtrees(eb, 'org_path', scopePaths))
    .groupBy('cohort_id')
    .execute();
  return rows.map((r) => ({ cohortId: r.cohort_id!, n: Number(r.n), placed: Number(r.placed ?? 0) }));
}

// Candidates ----------------------------------------------------------------------------------

export async function insert(db: Conn, row: PipelineCandidatesTable): Promise<void> {
  await db.insertInto('pipeline_candidates').values(row).execute();
}

/** A candidate in the scope, or undefined (the record of a person nominated in another subtree is not). */
export function findById(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('pipeline_candidates')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => inSubtrees(eb, 'org_path', scopePaths))
    .executeTakeFirst();
}
export function findByIdUnscoped(db: Conn, id: string) {
  return db.selectFrom('pipeline_candidates').select('id').where('id', '=', id).executeTakeFirst();
}
/** The trainee's own records: the candidates of the person the account is linked to, newest first. */
export function findByTrainee(db: Conn, userId: string) {
  return db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('users as u', 'u.person_id', 'c.person_id')
    .selectAll('c')
    .where('u.id', '=', userId)
    .orderBy('c.created_at', 'desc')
    .execute();
}
export function findOpenOfPerson(db: Conn, tierId: string, personId: string) {
  return db
    .selectFrom('pipeline_candidates')
    .select('id')
    .where('tier_id', '=', tierId)
    .where('person_id', '=', personId)
    .where('state', 'not in', ['placed', 'exited'])
    .executeTakeFirst();
}

/** Take the candidate's row (PostgreSQL row lock; SQLite writes are serial). */
export async function lock(db: Conn, id: string): Promise<void> {
  await db
    .updateTable('pipeline_candidates')
    .set({ version: sql`version` })
    .where('id', '=', id)
    .execute();
}

/** Optimistic update: false when the version moved (someone else changed the record). */
export async function update(
  db: Conn,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<PipelineCandidatesTable, 'id' | 'version'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('pipeline_candidates')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface CandidateFilter {
  tierId?: string;
  cohortId?: string;
  state?: CandidateState;
  q?: string;
}

function filtered(db: Conn, f: CandidateFilter, scopePaths: readonly string[]) {
  let q = db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .where((eb) => inSubtrees(eb, 'c.org_path', scopePaths));
  if (f.tierId) q = q.where('c.tier_id', '=', f.tierId);
  if (f.cohortId) q = q.where('c.cohort_id', '=', f.cohortId);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.q) q = q.where(likeContains('p.name', f.q));
  return q;
}

export async function list(
  db: Conn,
  f: CandidateFilter,
  scopePaths: readonly string[],
  page: { offset: number; limit: number },
) {
  const [rows, total] = await Promise.all([
    filtered(db, f, scopePaths)
      .innerJoin('orgs as o', 'o.id', 'c.org_id')
      .innerJoin('pipeline_tiers as t', 't.id', 'c.tier_id')
      .leftJoin('pipeline_cohorts as k', 'k.id', 'c.cohort_id')
      .selectAll('c')
      .select([
        'p.name as person_name',
        'p.gender as gender',
        'p.birth_date as birth_date',
        'o.name as org_name',
        't.name_zh as tier_name_zh',
        't.name_en as tier_name_en',
        'k.name as cohort_name',
      ])
      .orderBy('c.updated_at', 'desc')
      .orderBy('c.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, f, scopePaths)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  ]);
  return { rows, total };
}

/** The names and labels a candidate's page shows beside its own row. */
export function findLabels(db: Conn, id: string) {
  return db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('pipeline_tiers as t', 't.id', 'c.tier_id')
    .leftJoin('pipeline_cohorts as k', 'k.id', 'c.cohort_id')
    .leftJoin('persons as m', 'm.id', 'c.mentor_person_id')
    .leftJoin('orgs as po', 'po.id', 'c.placed_org_id')
    .select([
      'p.name as person_name',
      'p.gender as gender',
      'p.birth_date as birth_date',
      'o.name as org_name',
      't.name_zh as tier_name_zh',
      't.name_en as tier_name_en',
      'k.name as cohort_name',
      'm.name as mentor_name',
      'po.name as placed_org_name',
    ])
    .where('c.id', '=', id)
    .executeTakeFirstOrThrow();
}

// Facts of a person for the eligibility check -------------------------------------------------

/** The person's records the rules read, within the caller's scope. */
export function findPersonFacts(db: Conn, personId: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('persons as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select([
      'p.id',
      'p.org_id',
      'p.org_path',
      'p.birth_date',
      'p.cadre_rank',
      'p.full_time_education',
      'p.in_service_education',
      'p.political_status',
      'o.kind as org_kind',
    ])
    .where('p.id', '=', personId)
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .executeTakeFirst();
}
export function personExists(db: Conn, personId: string) {
  return db.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst();
}
/** The start of the person's current post on `date` (latest open position), or undefined. */
export async function findCurrentPostStart(db: Conn, personId: string, date: string): Promise<string | null> {
  const r = await db
    .selectFrom('positions')
    .select('start_date')
    .where('person_id', '=', personId)
    .where('start_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', date)]))
    .orderBy('start_date', 'desc')
    .executeTakeFirst();
  return r?.start_date ?? null;
}

// Events and objections -----------------------------------------------------------------------

export async function insertEvent(db: Conn, row: Omit<PipelineEventsTable, 'seq'>): Promise<void> {
  const r = await db
    .selectFrom('pipeline_events')
    .select((eb) => eb.fn.max<number>('seq').as('m'))
    .where('candidate_id', '=', row.candidate_id)
    .executeTakeFirst();
  await db
    .insertInto('pipeline_events')
    .values({ ...row, seq: Number(r?.m ?? 0) + 1 })
    .execute();
}
export function findEvents(db: Conn, candidateId: string) {
  return db
    .selectFrom('pipeline_events')
    .selectAll()
    .where('candidate_id', '=', candidateId)
    .orderBy('seq')
    .execute();
}
export async function insertObjection(db: Conn, row: PipelineObjectionsTable): Promise<void> {
  await db.insertInto('pipeline_objections').values(row).execute();
}
export function findObjections(db: Conn, candidateId: string) {
  return db
    .selectFrom('pipeline_objections')
    .selectAll()
    .where('candidate_id', '=', candidateId)
    .orderBy('raised_on')
    .orderBy('id')
    .execute();
}
export async function resolveObjection(
  db: Conn,
  id: string,
  candidateId: string,
  r: { resolvedOn: string; resolution: string; resolvedBy: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('pipeline_objections')
    .set({ resolved_on: r.resolvedOn, resolution: r.resolution, resolved_by: r.resolvedBy })
    .where('id', '=', id)
    .where('candidate_id', '=', candidateId)
    .where('resolved_on', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
export function findObjectionById(db: Conn, id: string, candidateId: string) {
  return db
    .selectFrom('pipeline_objections')
    .selectAll()
    .where('id', '=', id)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
}
