import type { TrainingKind } from '@xinhuo/shared';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../database';
import { ancestorPaths, inSubtrees } from '../../platform/http/scope';
import type {
  TrainingEnrollmentsTable,
  TrainingLecturersTable,
  TrainingProgramsTable,
  TrainingSessionsTable,
  UnivCohortsTable,
  UnivStudentsTable,
} from './training.tables';

type Conn = Db | Tx;

/** Owned in the scope, or owned above it (a city program is open to the towns and villages under it). */
function ownedVisible<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  scopePaths: readonly string[],
): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [inSubtrees(eb, column, scopePaths)];
  const anc = ancestorPaths(scopePaths);
  if (anc.length > 0) ors.push(sql<SqlBool>`${sql.ref(column)} in (${sql.join(anc)})`);
  return eb.or(ors);
}

const yearBounds = (year: number): [string, string] => [`${year}-01-01`, `${year}-12-31`];

// ——— Programs ———

export function findProgramById(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('training_programs as tp')
    .innerJoin('orgs as o', 'o.id', 'tp.owner_org_id')
    .selectAll('tp')
    .select('o.name as owner_org_name')
    .where('tp.id', '=', id)
    .where((eb) => ownedVisible(eb, 'tp.org_path', scopePaths))
    .executeTakeFirst();
}

export function listPrograms(db: Conn, scopePaths: readonly string[], year?: number) {
  let q = db
    .selectFrom('training_programs as tp')
    .innerJoin('orgs as o', 'o.id', 'tp.owner_org_id')
    .selectAll('tp')
    .select('o.name as owner_org_name')
    .where((eb) => ownedVisible(eb, 'tp.org_path', scopePaths));
  if (year) q = q.where('tp.year', '=', year);
  return q.orderBy('tp.year', 'desc').orderBy('tp.kind').orderBy('tp.name').execute();
}

export async function insertProgram(db: Tx, row: TrainingProgramsTable): Promise<void> {
  await db.insertInto('training_programs').values(row).execute();
}

// ——— Sessions ———

function sessionsVisible(db: Conn, scopePaths: readonly string[]) {
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('training_programs as tp', 'tp.id', 's.program_id')
    .where((eb) => ownedVisible(eb, 's.org_path', scopePaths));
}

export function findSessionById(db: Conn, id: string, scopePaths: readonly string[]) {
  return sessionsVisible(db, scopePaths)
    .selectAll('s')
    .select(['tp.name as program_name', 'tp.kind as kind'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** The session's id whatever the scope: tells an id held elsewhere (audited) from one that does not exist. */
export function findSessionByIdUnscoped(db: Conn, id: string) {
  return db.selectFrom('training_sessions').select('id').where('id', '=', id).executeTakeFirst();
}

export interface SessionFilter {
  from?: string;
  to?: string;
  kind?: TrainingKind;
  programId?: string;
}

export function listSessions(db: Conn, scopePaths: readonly string[], f: SessionFilter) {
  let q = sessionsVisible(db, scopePaths)
    .selectAll('s')
    .select(['tp.name as program_name', 'tp.kind as kind']);
  if (f.from) q = q.where('s.session_date', '>=', f.from);
  if (f.to) q = q.where('s.session_date', '<=', f.to);
  if (f.kind) q = q.where('tp.kind', '=', f.kind);
  if (f.programId) q = q.where('s.program_id', '=', f.programId);
  return q.orderBy('s.session_date').orderBy('s.start_time').orderBy('s.id').limit(1000).execute();
}

/** Enrolled and attended counts per session, for a set of sessions: one grouped query. */
export function countEnrollments(db: Conn, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_enrollments')
    .select([
      'session_id',
      (eb) => eb.fn.countAll<number>().as('enrolled'),
      sql<number>`sum(attended)`.as('attended'),
      sql<number | null>`avg(rating)`.as('avg_rating'),
    ])
    .where('session_id', 'in', sessionIds as string[])
    .groupBy('session_id')
    .execute();
}

export async function insertSession(db: Tx, row: TrainingSessionsTable): Promise<void> {
  await db.insertInto('training_sessions').values(row).execute();
}

export async function insertLecturers(db: Tx, rows: TrainingLecturersTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('training_lecturers').values(rows).execute();
}

/** Lecturers of a set of sessions with their names and orgs. */
export function findLecturers(db: Conn, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_lecturers as l')
    .innerJoin('persons as p', 'p.id', 'l.person_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['l.session_id', 'l.person_id', 'l.topic', 'p.name', 'o.name as org_name'])
    .where('l.session_id', 'in', sessionIds as string[])
    .orderBy('l.session_id')
    .orderBy('l.sort_order')
    .execute();
}

// ——— People ———

export function findPersonsInScope(db: Conn, ids: readonly string[], scopePaths: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('persons as p')
    .select(['p.id', 'p.name', 'p.org_path'])
    .where('p.id', 'in', ids as string[])
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .execute();
}

/** People in the org's subtree (and the scope) holding a seat of the two committees on the date. */
export function findCommitteeMembers(db: Conn, orgPath: string, scopePaths: readonly string[], date: string) {
  return db
    .selectFrom('positions as pos')
    .innerJoin('persons as p', 'p.id', 'pos.person_id')
    .select('p.id')
    .distinct()
    .where((eb) => inSubtrees(eb, 'pos.org_path', [orgPath]))
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .where('pos.start_date', '<=', date)
    .where((eb) => eb.or([eb('pos.end_date', 'is', null), eb('pos.end_date', '>', date)]))
    .orderBy('p.id')
    .execute();
}

/** People with these ID-number blind indexes, within the scope. */
export function findPersonsByIdIndex(db: Conn, bidxs: readonly string[], scopePaths: readonly string[]) {
  if (bidxs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('persons as p')
    .select(['p.id', 'p.name', 'p.id_number_bidx'])
    .where('p.id_number_bidx', 'in', bidxs as string[])
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .execute();
}

// ——— Enrollments and attendance ———

export async function countSeats(db: Conn, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('training_enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findEnrolledIds(db: Conn, sessionId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('training_enrollments')
    .select('person_id')
    .where('session_id', '=', sessionId)
    .where('person_id', 'in', personIds as string[])
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function insertEnrollments(db: Tx, rows: TrainingEnrollmentsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('training_enrollments')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The session's enrollments of people in the scope, with their names and orgs. */
export function findEnrollments(db: Conn, sessionId: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('training_enrollments as e')
    .innerJoin('persons as p', 'p.id', 'e.person_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .selectAll('e')
    .select(['p.name', 'p.id_number_masked', 'o.name as org_name'])
    .where('e.session_id', '=', sessionId)
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .orderBy('p.name_sort')
    .orderBy('e.id')
    .execute();
}

export function findEnrollment(db: Conn, sessionId: string, personId: string) {
  return db
    .selectFrom('training_enrollments')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** Marks the people present; those already signed in keep their first sign-in. Returns how many changed. */
export async function markAttended(
  db: Tx,
  sessionId: string,
  personIds: readonly string[],
  set: Pick<TrainingEnrollmentsTable, 'signed_in_at' | 'sign_in_method' | 'signed_in_by'>,
): Promise<number> {
  if (personIds.length === 0) return 0;
  let changed = 0;
  for (let i = 0; i < personIds.length; i += 500) {
    const r = await db
      .updateTable('training_enrollments')
      .set({ ...set, attended: 1 })
      .where('session_id', '=', sessionId)
      .where('person_id', 'in', personIds.slice(i, i + 500) as string[])
      .where('attended', '=', 0)
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  return changed;
}

export async function updateFeedback(
  db: Tx,
  enrollmentId: string,
  set: Pick<TrainingEnrollmentsTable, 'rating' | 'feedback' | 'feedback_at'>,
): Promise<void> {
  await db.updateTable('training_enrollments').set(set).where('id', '=', enrollmentId).execute();
}

// ——— Hours ———

/** Attended hours (tenths) per person in a year, for a set of people: from the yearly summary. */
export function sumAttendedTenths(db: Conn, personIds: readonly string[], year: number) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_hours_yearly')
    .select(['person_id', 'attended_tenths as tenths'])
    .where('person_id', 'in', personIds as string[])
    .where('year', '=', year)
    .where('attended_tenths', '>', 0)
    .execute();
}

/** Ids per statement of a list query: well under both databases' limits of bound parameters. */
const ID_CHUNK = 5000;

/**
 * Attended hours (tenths) per person and year from `fromYear` to `toYear`, from the yearly summary
 * (kept by triggers: migration 2027-01-11-pipeline-summaries); one statement per chunk of ids (a
 * province's trained candidates are tens of thousands).
 */
export async function sumAttendedTenthsByYear(
  db: Conn,
  personIds: readonly string[],
  fromYear: number,
  toYear: number,
) {
  const out: { person_id: string; year: number; tenths: number }[] = [];
  for (let i = 0; i < personIds.length; i += ID_CHUNK) {
    const rows = await db
      .selectFrom('training_hours_yearly')
      .select(['person_id', 'year', 'attended_tenths as tenths'])
      .where('person_id', 'in', personIds.slice(i, i + ID_CHUNK) as string[])
      .where('year', '>=', fromYear)
      .where('year', '<=', toYear)
      .where('attended_tenths', '>', 0)
      .execute();
    out.push(...rows);
  }
  return out;
}

/** One person's enrollments with their sessions' dates and hours (the person page's years). */
export function findPersonAttendance(db: Conn, personId: string) {
  return db
    .selectFrom('training_enrollments as e')
    .innerJoin('training_sessions as s', 's.id', 'e.session_id')
    .select(['e.attended', 's.session_date', 's.hours_tenths'])
    .where('e.person_id', '=', personId)
    .execute();
}

export interface HoursFilter {
  year: number;
  requiredTenths: number;
  shortfallOnly: boolean;
  underPath?: string;
}

/**
 * The yearly hours report: people in the scope who hold a seat now or were enrolled in a session of
 * the year, with their attended hours of that year (tenths); the shortfall first. The year's
 * enrollments and hours come from the yearly summary (one row per person), and the page and the total
 * come from one statement (a window count); a page past the end counts apart.
 */
export async function hoursReport(
  db: Conn,
  scopePaths: readonly string[],
  f: HoursFilter,
  page: { offset: number; limit: number },
) {
  // Who was enrolled in a session of the year and the hours attended: the yearly summary.
  const enrolled = db
    .selectFrom('training_hours_yearly')
    .select(['person_id', 'attended_tenths as tenths'])
    .where('year', '=', f.year)
    .where('enrollments', '>', 0);
  const paths = f.underPath ? [f.underPath] : null;
  let q = db
    .selectFrom('persons as p')
    .leftJoin(enrolled.as('h'), 'h.person_id', 'p.id')
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .where((eb) =>
      eb.or([
        eb('h.person_id', 'is not', null),
        eb.exists(
          eb
            .selectFrom('positions as pos')
            .select('pos.id')
            .whereRef('pos.person_id', '=', 'p.id')
            .where('pos.end_date', 'is', null),
        ),
      ]),
    );
  if (paths) q = q.where((eb) => inSubtrees(eb, 'p.org_path', paths));
  if (f.shortfallOnly) q = q.where(sql<SqlBool>`coalesce(h.tenths, 0) < ${f.requiredTenths}`);
  const found = await q
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select([
      'p.id',
      'p.name',
      'p.id_number_masked',
      'o.name as org_name',
      sql<number>`coalesce(h.tenths, 0)`.as('tenths'),
      sql<number>`count(*) over ()`.as('total_rows'),
    ])
    .orderBy(sql`coalesce(h.tenths, 0)`)
    .orderBy('p.name_sort')
    .orderBy('p.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const total =
    found.length > 0
      ? Number(found[0]!.total_rows)
      : Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { total, rows: found.map(({ total_rows: _t, ...r }) => r) };
}

/** Per lecturer of the visible sessions of a year: sessions taught and their hours (tenths). */
export function lecturerSessions(db: Conn, scopePaths: readonly string[], year: number) {
  const [lo, hi] = yearBounds(year);
  return db
    .selectFrom('training_lecturers as l')
    .innerJoin('training_sessions as s', 's.id', 'l.session_id')
    .innerJoin('persons as p', 'p.id', 'l.person_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select([
      'l.person_id',
      'p.name',
      'o.name as org_name',
      (eb) => eb.fn.countAll<number>().as('sessions'),
      sql<number>`sum(s.hours_tenths)`.as('tenths'),
    ])
    .where((eb) => ownedVisible(eb, 's.org_path', scopePaths))
    .where('s.session_date', '>=', lo)
    .where('s.session_date', '<=', hi)
    .groupBy(['l.person_id', 'p.name', 'o.name'])
    .execute();
}

/** Per lecturer of the visible sessions of a year: the sum and count of the ratings given on their sessions. */
export function lecturerRatings(db: Conn, scopePaths: readonly string[], year: number) {
  const [lo, hi] = yearBounds(year);
  return db
    .selectFrom('training_lecturers as l')
    .innerJoin('training_sessions as s', 's.id', 'l.session_id')
    .innerJoin('training_enrollments as e', 'e.session_id', 's.id')
    .select([
      'l.person_id',
      sql<number>`sum(e.rating)`.as('rating_sum'),
      sql<number>`count(e.rating)`.as('ratings'),
    ])
    .where((eb) => ownedVisible(eb, 's.org_path', scopePaths))
    .where('s.session_date', '>=', lo)
    .where('s.session_date', '<=', hi)
    .where('e.rating', 'is not', null)
    .groupBy('l.person_id')
    .execute();
}

export function findRequirement(db: Conn, year: number) {
  return db.selectFrom('training_requirements').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function upsertRequirement(
  db: Tx,
  row: { year: number; required_tenths: number; updated_at: string; updated_by: string | null },
): Promise<void> {
  await db
    .insertInto('training_requirements')
    .values(row)
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({
        required_tenths: row.required_tenths,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

// ——— The university class (定制村干班) ———

export function listCohorts(db: Conn, scopePaths: readonly string[]) {
  return db
    .selectFrom('univ_cohorts as c')
    .selectAll('c')
    .where((eb) => ownedVisible(eb, 'c.org_path', scopePaths))
    .orderBy('c.intake_year')
    .orderBy('c.name')
    .execute();
}

export function findCohortById(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('univ_cohorts as c')
    .selectAll('c')
    .where('c.id', '=', id)
    .where((eb) => ownedVisible(eb, 'c.org_path', scopePaths))
    .executeTakeFirst();
}

export function findCohortByIdUnscoped(db: Conn, id: string) {
  return db.selectFrom('univ_cohorts').select('id').where('id', '=', id).executeTakeFirst();
}

export async function insertCohort(db: Tx, row: UnivCohortsTable): Promise<void> {
  await db.insertInto('univ_cohorts').values(row).execute();
}

export async function insertStudent(db: Tx, row: UnivStudentsTable): Promise<void> {
  await db.insertInto('univ_students').values(row).execute();
}

/**
 * Students per cohort of the scope's people (the student's roster org in the scope): all, graduated,
 * and graduates whose first placement is a village. The "trained over ten years" figure sums these.
 */
export function countStudents(db: Conn, scopePaths: readonly string[], cohortIds: readonly string[]) {
  if (cohortIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('univ_students as st')
    .innerJoin('persons as p', 'p.id', 'st.person_id')
    .leftJoin('orgs as po', 'po.id', 'st.placement_org_id')
    .select([
      'st.cohort_id',
      (eb) => eb.fn.countAll<number>().as('students'),
      sql<number>`sum(case when st.status = 'graduated' then 1 else 0 end)`.as('graduated'),
      sql<number>`sum(case when st.status = 'graduated' and po.kind = 'village' then 1 else 0 end)`.as(
        'placed_in_villages',
      ),
    ])
    .where('st.cohort_id', 'in', cohortIds as string[])
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .groupBy('st.cohort_id')
    .execute();
}

/** The students of a set of cohorts who are the scope's people, cohort by cohort. */
export function findStudents(db: Conn, cohortIds: readonly string[], scopePaths: readonly string[]) {
  if (cohortIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('univ_students as st')
    .innerJoin('univ_cohorts as c', 'c.id', 'st.cohort_id')
    .innerJoin('persons as p', 'p.id', 'st.person_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .leftJoin('orgs as po', 'po.id', 'st.placement_org_id')
    .selectAll('st')
    .select([
      'p.name',
      'p.gender',
      'p.id_number_masked',
      'o.name as org_name',
      'po.name as placement_org_name',
      'c.name as cohort_name',
      'c.intake_year',
    ])
    .where('st.cohort_id', 'in', cohortIds as string[])
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .orderBy('c.intake_year')
    .orderBy('p.name_sort')
    .orderBy('st.id')
    .execute();
}

/** One person's class records (the person page's career line). */
export function findStudentRecords(db: Conn, personId: string) {
  return db
    .selectFrom('univ_students as st')
    .innerJoin('univ_cohorts as c', 'c.id', 'st.cohort_id')
    .leftJoin('orgs as po', 'po.id', 'st.placement_org_id')
    .selectAll('st')
    .select(['c.name as cohort_name', 'c.partner', 'c.intake_year', 'po.name as placement_org_name'])
    .where('st.person_id', '=', personId)
    .execute();
}

/** Bumps the session's version: a row lock that queues concurrent enrollments (capacity). */
export async function bumpSession(db: Tx, id: string): Promise<void> {
  await db
    .updateTable('training_sessions')
    .set({ version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/**
 * Of these (visible) cohorts, those with any graduate at all, whoever's scope they are in: the class's
 * ten-year window is the same for every viewer; only the counts in it are scoped.
 */
export async function findGraduatedCohorts(db: Conn, cohortIds: readonly string[]): Promise<Set<string>> {
  if (cohortIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('univ_students')
    .select('cohort_id')
    .distinct()
    .where('cohort_id', 'in', cohortIds as string[])
    .where('status', '=', 'graduated')
    .execute();
  return new Set(rows.map((r) => r.cohort_id));
}

/** The person's id whatever the scope: tells an id held elsewhere (audited) from one that does not exist. */
export function findPersonByIdUnscoped(db: Conn, id: string) {
  return db.selectFrom('persons').select('id').where('id', '=', id).executeTakeFirst();
}
