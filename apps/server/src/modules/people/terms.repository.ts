import { sql, type SqlBool, type Expression, type ExpressionBuilder } from 'kysely';
import type { Db, Tx } from '../../database';
import { inSubtrees } from '../../platform/http/scope';
import type { ElectionsTable, PositionsTable, TermsTable } from './people.tables';

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

/** End every seat of a term still open on endDate; returns how many were ended. */
export async function endOpenPositions(db: Conn, termId: string, endDate: string): Promise<number> {
  const r = await db
    .updateTable('positions')
    .set({ end_date: endDate })
    .where('term_id', '=', termId)
    .where('end_date', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
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
