import type { Database, Tx } from '../../database';

type PositionsTable = Database['positions'];
type TermsTable = Database['terms'];

/**
 * The roster rows a merge or split moves from one org to another. Like `rewritePaths`, the org module
 * keeps the copies of an org's id and path in the roster tables true when the org itself changes.
 */

export async function findPersonIdsOfOrg(db: Tx, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('persons').select('id').where('org_id', '=', orgId).execute();
  return rows.map((r) => r.id);
}

export async function movePersons(
  db: Tx,
  personIds: readonly string[],
  to: { id: string; path: string },
  now: string,
): Promise<void> {
  for (let i = 0; i < personIds.length; i += 500)
    await db
      .updateTable('persons')
      .set((eb) => ({
        org_id: to.id,
        org_path: to.path,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', 'in', personIds.slice(i, i + 500) as string[])
      .execute();
}

/** Seats of an org still held on a date (ending later or never), with their term. */
export function findOpenPositionsOfOrg(db: Tx, orgId: string, date: string) {
  return db
    .selectFrom('positions as x')
    .leftJoin('terms as t', 't.id', 'x.term_id')
    .selectAll('x')
    .select([
      't.committee',
      't.name as term_name',
      't.election_id',
      't.election_date',
      't.end_date as term_end_date',
    ])
    .where('x.org_id', '=', orgId)
    .where((eb) => eb.or([eb('x.end_date', 'is', null), eb('x.end_date', '>', date)]))
    .execute();
}

/** The org's term of a committee running on a date, if any. */
export function findTermOn(db: Tx, orgId: string, committee: TermsTable['committee'], date: string) {
  return db
    .selectFrom('terms')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('committee', '=', committee)
    .where('start_date', '<=', date)
    .where('end_date', '>', date)
    .executeTakeFirst();
}

export async function insertTerm(db: Tx, row: TermsTable): Promise<void> {
  await db.insertInto('terms').values(row).execute();
}

export async function insertPosition(db: Tx, row: PositionsTable): Promise<void> {
  await db.insertInto('positions').values(row).execute();
}

export async function endPosition(db: Tx, id: string, endDate: string): Promise<void> {
  await db.updateTable('positions').set({ end_date: endDate }).where('id', '=', id).execute();
}

/** A seat that starts on or after the change date moves whole to the new org and term. */
export async function movePosition(
  db: Tx,
  id: string,
  to: { id: string; path: string },
  termId: string | null,
): Promise<void> {
  await db
    .updateTable('positions')
    .set({ org_id: to.id, org_path: to.path, term_id: termId })
    .where('id', '=', id)
    .execute();
}

/** The terms of an org that ceases on a date end on that date. */
export async function endTermsOfOrg(db: Tx, orgId: string, date: string): Promise<void> {
  await db
    .updateTable('terms')
    .set({ end_date: date, ended_on: date })
    .where('org_id', '=', orgId)
    .where('end_date', '>', date)
    .execute();
}
