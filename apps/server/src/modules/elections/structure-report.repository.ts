import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { PARTY_COMMITTEE_ROLES, VILLAGERS_COMMITTEE_ROLES } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { inSubtrees, subtreeBounds } from '../../platform/http/scope';
import type { StructureSnapshotsTable } from './structure-report.tables';

// The SQL of the election structure report (换届结构分析) and its frozen snapshots.

type Conn = Db | Tx;

/**
 * `path` (an org's) lies above one of the caller's subtrees or inside one: the caller sees the whole
 * of it or a part of it. Deny by default: no scope → no rows.
 */
function overlapsScope(path: RawBuilder<string>, scopePaths: readonly string[]): RawBuilder<SqlBool> {
  if (scopePaths.length === 0) return sql<SqlBool>`1 = 0`;
  const parts = scopePaths.map((p) => {
    const [lo, hi] = subtreeBounds(p);
    return sql<SqlBool>`((${path} >= ${lo} and ${path} < ${hi}) or substr(${p}, 1, length(${path})) = ${path})`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

const electionColumns = sql`e.id, e.name, e.election_date, e.scope_org_id, o.path as scope_path, o.name as scope_name`;

export interface ElectionInScope {
  id: string;
  name: string;
  election_date: string;
  scope_org_id: string;
  scope_path: string;
  scope_name: string;
}

/** An election whose scope overlaps the caller's subtrees, or undefined. */
export async function findElectionInScope(
  db: Conn,
  id: string,
  scopePaths: readonly string[],
): Promise<ElectionInScope | undefined> {
  const r = await sql<ElectionInScope>`
    select ${electionColumns} from elections e join orgs o on o.id = e.scope_org_id
    where e.id = ${id} and ${overlapsScope(sql.ref('o.path'), scopePaths)}`.execute(db);
  return r.rows[0];
}

export async function findElectionUnscoped(db: Conn, id: string) {
  return db.selectFrom('elections').select('id').where('id', '=', id).executeTakeFirst();
}

/** The elections whose scope overlaps the caller's subtrees, the latest first. */
export async function listElectionsInScope(db: Conn, scopePaths: readonly string[]) {
  const r = await sql<ElectionInScope>`
    select ${electionColumns} from elections e join orgs o on o.id = e.scope_org_id
    where ${overlapsScope(sql.ref('o.path'), scopePaths)}
    order by e.election_date desc, e.id`.execute(db);
  return r.rows;
}

/** One side of one group: the sums the figures are computed from (numbers may come back as strings). */
export interface StructureScanRow {
  side: 'c' | 'p';
  grp: string;
  orgs: number | string;
  headcount: number | string;
  in_party: number | string;
  in_villagers: number | string;
  age_sum: number | string;
  band0: number | string;
  band1: number | string;
  band2: number | string;
  band3: number | string;
  college: number | string;
  women: number | string;
  after85: number | string;
  after90: number | string;
  one_shoulder: number | string;
  secretaries: number | string;
  reelected: number | string;
}

const roleList = (roles: readonly string[]) =>
  sql.join(
    roles.map((r) => sql.lit(r)),
    sql`, `,
  );

/**
 * The structure of the committees an election produced and of the previous term of the same orgs, in
 * one statement, grouped by side ('c' the election's terms, 'p' the previous ones) and by the child of
 * `rootPath` (the election's scope) each org lies under; only orgs within `coverPaths`.
 *
 * - the new committee is as elected: the seats of the election's terms, less the successors seated by
 *   a mid-term adjustment (届中调整);
 * - the previous term of an org's committee is its latest term that started before the new one; its
 *   committee is as it stood at its end (seats still held the day before it ended or the new one began);
 * - a person is counted once per org and side (a secretary who also directs is one head), aged on their
 *   term's election date; re-elected (连任) = also in the previous committee of the same org.
 */
export async function scanStructure(
  db: Conn,
  electionId: string,
  rootPath: string,
  coverPaths: readonly string[],
): Promise<StructureScanRow[]> {
  const childStart = rootPath.length + 1;
  const inCover = (col: string) =>
    coverPaths.length === 0
      ? sql`1 = 0`
      : sql`(${sql.join(
          coverPaths.map((c) => {
            const [lo, hi] = subtreeBounds(c);
            return sql`(${sql.ref(col)} >= ${lo} and ${sql.ref(col)} < ${hi})`;
          }),
          sql` or `,
        )})`;
  const age = sql`(cast(substr(h.ref, 1, 4) as integer) - cast(substr(p.birth_date, 1, 4) as integer)
    - case when substr(p.birth_date, 6, 5) > substr(h.ref, 6, 5) then 1 else 0 end)`;
  const lastDay = sql`case when t.ended_on is not null and t.ended_on < t.end_date then t.ended_on else t.end_date end`;
  const r = await sql<StructureScanRow>`
    with cur as (
      select t.id, t.org_id, t.org_path, t.committee, t.election_date, t.start_date
      from terms t where t.election_id = ${electionId} and ${inCover('t.org_path')}
    ),
    prev as (
      select t.id, t.org_id, t.org_path, t.election_date,
        case when ${lastDay} < c.start_date then ${lastDay} else c.start_date end as end_day
      from cur c join terms t on t.org_id = c.org_id and t.committee = c.committee and t.start_date < c.start_date
      where not exists (select 1 from terms q where q.org_id = c.org_id and q.committee = c.committee
        and q.start_date < c.start_date and q.start_date > t.start_date)
    ),
    seats as (
      select 'c' as side, c.org_id, c.org_path, x.person_id, x.role, c.election_date as ref
      from cur c join positions x on x.term_id = c.id
      where not exists (select 1 from seat_adjustments a where a.term_id = c.id and a.successor_position_id = x.id)
      union all
      select 'p' as side, v.org_id, v.org_path, x.person_id, x.role, v.election_date as ref
      from prev v join positions x on x.term_id = v.id
      where x.start_date < v.end_day and (x.end_date is null or x.end_date >= v.end_day)
    ),
    held as (
      select side, org_id, org_path, person_id, min(ref) as ref,
        max(case when role in (${roleList(PARTY_COMMITTEE_ROLES)}) then 1 else 0 end) as in_party,
        max(case when role in (${roleList(VILLAGERS_COMMITTEE_ROLES)}) then 1 else 0 end) as in_villagers,
        max(case when role = 'party_secretary' then 1 else 0 end) as secretary,
        max(case when role = 'director' then 1 else 0 end) as director
      from seats group by side, org_id, org_path, person_id
    ),
    marked as (
      select held.*,
        max(case when side = 'p' then 1 else 0 end) over (partition by org_id, person_id) as was_prev
      from held
    )
    select h.side, substr(h.org_path, ${childStart}, 36) as grp,
      count(distinct h.org_id) as orgs, count(*) as headcount,
      sum(h.in_party) as in_party, sum(h.in_villagers) as in_villagers, sum(${age}) as age_sum,
      sum(case when ${age} <= 35 then 1 else 0 end) as band0,
      sum(case when ${age} between 36 and 45 then 1 else 0 end) as band1,
      sum(case when ${age} between 46 and 55 then 1 else 0 end) as band2,
      sum(case when ${age} >= 56 then 1 else 0 end) as band3,
      sum(p.is_college) as college,
      sum(case when p.gender = '2' then 1 else 0 end) as women,
      sum(case when p.birth_date >= '1985-01-01' then 1 else 0 end) as after85,
      sum(case when p.birth_date >= '1990-01-01' then 1 else 0 end) as after90,
      sum(h.secretary * h.director) as one_shoulder, sum(h.secretary) as secretaries,
      sum(case when h.side = 'c' then h.was_prev else 0 end) as reelected
    from marked h join persons p on p.id = h.person_id
    group by 1, 2`.execute(db);
  return r.rows;
}

/** Names and tree order of the orgs the groups stand for. */
export function findOrgNames(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'sort_order']).where('id', 'in', ids).execute();
}

export async function insertSnapshot(db: Conn, row: StructureSnapshotsTable): Promise<void> {
  await db.insertInto('structure_snapshots').values(row).execute();
}

const snapshotSummary = (db: Conn) =>
  db
    .selectFrom('structure_snapshots as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select([
      's.id',
      's.election_id',
      's.org_id',
      'o.name as org_name',
      's.created_at',
      'u.display_name as created_by_name',
      's.content_hash',
    ]);

/** The snapshots of an election covering a subtree within the caller's scope, the latest first. */
export function listSnapshots(db: Conn, electionId: string, scopePaths: readonly string[]) {
  return snapshotSummary(db)
    .where('s.election_id', '=', electionId)
    .where((eb) => inSubtrees(eb, 's.org_path', scopePaths))
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
}

export function findSnapshot(db: Conn, electionId: string, id: string, scopePaths: readonly string[]) {
  return snapshotSummary(db)
    .select('s.report')
    .where('s.id', '=', id)
    .where('s.election_id', '=', electionId)
    .where((eb) => inSubtrees(eb, 's.org_path', scopePaths))
    .executeTakeFirst();
}

export function findSnapshotUnscoped(db: Conn, id: string) {
  return db.selectFrom('structure_snapshots').select('id').where('id', '=', id).executeTakeFirst();
}
