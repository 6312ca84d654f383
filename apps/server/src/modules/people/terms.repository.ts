import { sql, type SqlBool, type Expression, type ExpressionBuilder } from 'kysely';
import type { Db, Tx } from '../../database';
import { inSubtrees } from '../../platform/http/scope';
import type { ElectionsTable, PositionsTable, SeatAdjustmentsTable, TermsTable } from './people.tables';

// The SQL of elections (换届), terms (届次) and the positions held in them.

type Conn = Db | Tx;

/** The row of `alias` (a position or term) is held on `ref`: started, and not ended by then. */
export function activeOn<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  alias: string,
  ref: string,
): Expression<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return eb.and([
    sql<SqlBool>`${col('start_date')} <= ${ref}`,
    eb.or([sql<SqlBool>`${col('end_date')} is null`, sql<SqlBool>`${col('end_date')} > ${ref}`]),
  ]);
}

export async function insertElection(db: Conn, row: ElectionsTable): Promise<void> {
  await db.insertInto('elections').values(row).execute();
}

/** A term in the caller's scope, or undefined. */
export function findById(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('terms')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => inSubtrees(eb, 'org_path', scopePaths))
    .executeTakeFirst();
}

export async function insert(db: Conn, row: TermsTable): Promise<void> {
  await db.insertInto('terms').values(row).execute();
}

export async function insertPosition(db: Conn, row: PositionsTable): Promise<void> {
  await db.insertInto('positions').values(row).execute();
}

/** Many seats in a few statements (the import's commit). */
export async function insertPositions(db: Conn, rows: readonly PositionsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('positions')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** End every seat of a term still open on endDate (reason 届满); returns how many were ended. */
export async function endOpenPositions(db: Conn, termId: string, endDate: string): Promise<number> {
  const r = await db
    .updateTable('positions')
    .set({ end_date: endDate, end_reason: 'term_expired' })
    .where('term_id', '=', termId)
    .where('end_date', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The unscoped existence of a term (for the audited 404 of an out-of-scope id). */
export function findByIdUnscoped(db: Conn, id: string) {
  return db.selectFrom('terms').select('id').where('id', '=', id).executeTakeFirst();
}

/**
 * Take the term's row for this transaction (bump its version): concurrent seat changes of one term
 * queue here, so each one's checks see the other's writes (PostgreSQL row lock; SQLite writes are serial).
 */
export async function lockTerm(db: Conn, id: string): Promise<void> {
  await db
    .updateTable('terms')
    .set({ version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** The open (not ended) terms of these orgs: the import places each seat in one of them. */
export async function findOpenTermsOfOrgs(db: Conn, orgIds: readonly string[]) {
  const out: Pick<TermsTable, 'id' | 'org_id' | 'committee' | 'start_date' | 'end_date'>[] = [];
  for (let i = 0; i < orgIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('terms')
        .select(['id', 'org_id', 'committee', 'start_date', 'end_date'])
        .where('org_id', 'in', orgIds.slice(i, i + 500))
        .where('ended_on', 'is', null)
        .execute()),
    );
  }
  return out;
}

/** The terms of an org's committees, latest first. */
export function listByOrg(db: Conn, orgId: string) {
  return db
    .selectFrom('terms')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('start_date', 'desc')
    .orderBy('committee')
    .execute();
}

/** Terms of the same org and committee whose period overlaps [start, end). */
export function findOverlappingTerms(
  db: Conn,
  t: { orgId: string; committee: string; startDate: string; endDate: string; exceptId?: string },
) {
  let q = db
    .selectFrom('terms')
    .select('id')
    .where('org_id', '=', t.orgId)
    .where('committee', '=', t.committee as TermsTable['committee'])
    .where('start_date', '<', t.endDate)
    .where('end_date', '>', t.startDate);
  if (t.exceptId) q = q.where('id', '!=', t.exceptId);
  return q.execute();
}

/** Close a term on endDate. */
export async function endTerm(db: Conn, id: string, endDate: string): Promise<void> {
  await db.updateTable('terms').set({ end_date: endDate, ended_on: endDate }).where('id', '=', id).execute();
}

/** The seats of some terms with their holders' names, in seat order. */
export function findSeatsOfTerms(db: Conn, termIds: readonly string[]) {
  if (termIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select([
      'x.id',
      'x.term_id',
      'x.person_id',
      'p.name as person_name',
      'x.role',
      'x.start_date',
      'x.end_date',
      'x.end_reason',
    ])
    .where('x.term_id', 'in', termIds as string[])
    .orderBy('x.start_date')
    .orderBy('x.id')
    .execute();
}

/** A seat in the caller's scope, with its term's period, or undefined. */
export function findPositionById(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('positions')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => inSubtrees(eb, 'org_path', scopePaths))
    .executeTakeFirst();
}

export function findPositionByIdUnscoped(db: Conn, id: string) {
  return db.selectFrom('positions').select('id').where('id', '=', id).executeTakeFirst();
}

/** End one open seat; false when it had already ended (a concurrent edit got there first). */
export async function endPosition(
  db: Conn,
  id: string,
  endDate: string,
  reason: PositionsTable['end_reason'],
): Promise<boolean> {
  const r = await db
    .updateTable('positions')
    .set({ end_date: endDate, end_reason: reason })
    .where('id', '=', id)
    .where('end_date', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Seats of a role in an org held at some time in [start, end): a seat without an end date lasts
 * until its term's end (or for ever, without a term).
 */
export function findSeatsOverlapping(
  db: Conn,
  s: { orgId: string; role: string; startDate: string; endDate: string },
) {
  return db
    .selectFrom('positions as x')
    .leftJoin('terms as t', 't.id', 'x.term_id')
    .select(['x.id', 'x.person_id'])
    .where('x.org_id', '=', s.orgId)
    .where('x.role', '=', s.role as PositionsTable['role'])
    .where('x.start_date', '<', s.endDate)
    .where(sql<string>`coalesce(x.end_date, t.end_date, '9999-12-31')`, '>', s.startDate)
    .execute();
}

/** Whether the person already holds (or held) the role in the term. */
export function findPositionInTerm(db: Conn, termId: string, personId: string, role: string) {
  return db
    .selectFrom('positions')
    .select('id')
    .where('term_id', '=', termId)
    .where('person_id', '=', personId)
    .where('role', '=', role as PositionsTable['role'])
    .executeTakeFirst();
}

/** The latest seat start of a term (an end date cannot precede it). */
export async function findLatestSeatStart(db: Conn, termId: string): Promise<string | null> {
  const r = await db
    .selectFrom('positions')
    .select((eb) => eb.fn.max('start_date').as('latest'))
    .where('term_id', '=', termId)
    .executeTakeFirst();
  return (r?.latest as string | null | undefined) ?? null;
}

export async function insertAdjustment(db: Conn, row: SeatAdjustmentsTable): Promise<void> {
  await db.insertInto('seat_adjustments').values(row).execute();
}

/** The adjustments of some terms with the names of the people involved, oldest first. */
export function findAdjustmentsOfTerms(db: Conn, termIds: readonly string[]) {
  if (termIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('seat_adjustments as a')
    .innerJoin('positions as e', 'e.id', 'a.ended_position_id')
    .innerJoin('persons as ep', 'ep.id', 'e.person_id')
    .innerJoin('positions as s', 's.id', 'a.successor_position_id')
    .innerJoin('persons as sp', 'sp.id', 's.person_id')
    .select([
      'a.id',
      'a.term_id',
      'a.ended_position_id',
      'ep.name as ended_person_name',
      'a.successor_position_id',
      'sp.name as successor_person_name',
      's.role',
      'a.adjustment_date',
      'a.reason',
      'a.filing_number',
      'a.filing_date',
      'a.approving_body',
      'a.note',
      'a.created_at',
    ])
    .where('a.term_id', 'in', termIds as string[])
    .orderBy('a.adjustment_date')
    .orderBy('a.created_at')
    .execute();
}

/** Positions held on refDate by any of the people, with their org names: one query per page, not per row. */
export function findActivePositions(db: Conn, personIds: readonly string[], refDate: string) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('positions as x')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .select(['x.person_id', 'x.org_id', 'x.role', 'o.name as org_name'])
    .where('x.person_id', 'in', personIds as string[])
    .where((eb) => activeOn(eb, 'x', refDate))
    .execute();
}

/** Every position a person has held, current and past, latest first, with its term's name. */
export function findPositionHistory(db: Conn, personId: string) {
  return db
    .selectFrom('positions as x')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .leftJoin('terms as t', 't.id', 'x.term_id')
    .select([
      'x.id',
      'x.term_id',
      't.name as term_name',
      'x.org_id',
      'o.name as org_name',
      'x.role',
      'x.start_date',
      'x.end_date',
    ])
    .where('x.person_id', '=', personId)
    .orderBy('x.start_date', 'desc')
    .execute();
}

/** The committee's terms not yet ended that began before `date` (the ones a new election closes). */
/**
 * The term an election ends: the org's latest term of the committee begun before the election day and
 * not yet marked ended. Older terms (their seats long ended, e.g. a 2016 term never marked) are history
 * and keep their own end; terms of one committee never overlap, so the latest is the one running.
 */
export function findTermEndedByElection(db: Conn, t: { orgId: string; committee: string; date: string }) {
  return db
    .selectFrom('terms')
    .selectAll()
    .where('org_id', '=', t.orgId)
    .where('committee', '=', t.committee as TermsTable['committee'])
    .where('start_date', '<', t.date)
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst()
    .then((latest) => (latest && latest.ended_on === null ? [latest] : []));
}

/** Mark a term ended on `endedOn`; a term still running past that day is cut short to it. */
export async function closeTerm(db: Conn, id: string, endedOn: string): Promise<void> {
  await db
    .updateTable('terms')
    .set({
      ended_on: endedOn,
      end_date: sql<string>`case when end_date > ${endedOn} then ${endedOn} else end_date end`,
    })
    .where('id', '=', id)
    .execute();
}

/** End the org's open seats outside any term (the import's rows) in some roles, on endDate (届满). */
export async function endOpenSeatsOutsideTerms(
  db: Conn,
  s: { orgId: string; roles: readonly string[]; endDate: string },
): Promise<number> {
  const r = await db
    .updateTable('positions')
    .set({ end_date: s.endDate, end_reason: 'term_expired' })
    .where('org_id', '=', s.orgId)
    .where('term_id', 'is', null)
    .where('end_date', 'is', null)
    .where('role', 'in', s.roles as PositionsTable['role'][])
    .where('start_date', '<=', s.endDate)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
