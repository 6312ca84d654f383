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
  const lastDay = sql`case when t.ended_on is not null and t.ended_on < t.end_date then t.ended_on else t.end_date end`;
  const r = await sql<StructureWideRow>`
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
      select 'c' as side, c.org_id, substr(c.org_path, ${childStart}, 36) as grp, x.person_id, x.role,
        c.election_date as ref
      from cur c join positions x on x.term_id = c.id
      where not exists (select 1 from seat_adjustments a where a.term_id = c.id and a.successor_position_id = x.id)
      union all
      select 'p' as side, v.org_id, substr(v.org_path, ${childStart}, 36) as grp, x.person_id, x.role,
        v.election_date as ref
      from prev v join positions x on x.term_id = v.id
      where x.start_date < v.end_day and (x.end_date is null or x.end_date >= v.end_day)
    ),
    held as (
      select org_id, person_id, max(grp) as grp, ${sql.join([heldColumns('c'), heldColumns('p')], sql`, `)}
      from seats group by org_id, person_id
    )
    select h.grp, ${sql.join([sideSums('c'), sideSums('p')], sql`, `)},
      sum(h.c_held * h.p_held) as reelected
    from held h join persons p on p.id = h.person_id
    group by h.grp`.execute(db);
  return r.rows.flatMap((row) =>
    (['c', 'p'] as const).map((side) => {
      const pick = (k: string) => row[`${side}_${k}` as keyof StructureWideRow];
      return {
        side,
        grp: row.grp,
        orgs: pick('orgs'),
        headcount: pick('headcount'),
        in_party: pick('in_party'),
        in_villagers: pick('in_villagers'),
        age_sum: pick('age_sum') ?? 0,
        band0: pick('band0'),
        band1: pick('band1'),
        band2: pick('band2'),
        band3: pick('band3'),
        college: pick('college'),
        women: pick('women'),
        after85: pick('after85'),
        after90: pick('after90'),
        one_shoulder: pick('one_shoulder'),
        secretaries: pick('secretaries'),
        reelected: side === 'c' ? row.reelected : 0,
      } as StructureScanRow;
    }),
  );
}

/** Per org and person, whether they sit on side `s` ('c' or 'p') and in what, and their term's election date. */
function heldColumns(s: 'c' | 'p') {
  const on = (cond: RawBuilder<unknown>) =>
    sql`max(case when side = ${sql.lit(s)} and ${cond} then 1 else 0 end)`;
  const p = (c: string) => sql.raw(`${s}_${c}`);
  return sql.join(
    [
      sql`max(case when side = ${sql.lit(s)} then 1 else 0 end) as ${p('held')}`,
      sql`min(case when side = ${sql.lit(s)} then ref end) as ${p('ref')}`,
      sql`${on(sql`role in (${roleList(PARTY_COMMITTEE_ROLES)})`)} as ${p('party')}`,
      sql`${on(sql`role in (${roleList(VILLAGERS_COMMITTEE_ROLES)})`)} as ${p('villagers')}`,
      sql`${on(sql`role = 'party_secretary'`)} as ${p('secretary')}`,
      sql`${on(sql`role = 'director'`)} as ${p('director')}`,
    ],
    sql`, `,
  );
}

/** The sums of side `s` over a group's rows of `held` (h) joined to persons (p). */
function sideSums(s: 'c' | 'p') {
  const col = (c: string) => sql.ref(`h.${s}_${c}`);
  const as = (c: string) => sql.raw(`${s}_${c}`);
  // Age on the term's election date; null where the person has no seat on this side.
  const age = sql`(cast(substr(${col('ref')}, 1, 4) as integer) - cast(substr(p.birth_date, 1, 4) as integer)
    - case when substr(p.birth_date, 6, 5) > substr(${col('ref')}, 6, 5) then 1 else 0 end)`;
  const held = col('held');
  return sql.join(
    [
      sql`count(distinct case when ${held} = 1 then h.org_id end) as ${as('orgs')}`,
      sql`sum(${held}) as ${as('headcount')}`,
      sql`sum(${col('party')}) as ${as('in_party')}`,
      sql`sum(${col('villagers')}) as ${as('in_villagers')}`,
      sql`sum(${age}) as ${as('age_sum')}`,
      sql`sum(case when ${age} <= 35 then 1 else 0 end) as ${as('band0')}`,
      sql`sum(case when ${age} between 36 and 45 then 1 else 0 end) as ${as('band1')}`,
      sql`sum(case when ${age} between 46 and 55 then 1 else 0 end) as ${as('band2')}`,
      sql`sum(case when ${age} >= 56 then 1 else 0 end) as ${as('band3')}`,
      sql`sum(${held} * p.is_college) as ${as('college')}`,
      sql`sum(case when ${held} = 1 and p.gender = '2' then 1 else 0 end) as ${as('women')}`,
      sql`sum(case when ${held} = 1 and p.birth_date >= '1985-01-01' then 1 else 0 end) as ${as('after85')}`,
      sql`sum(case when ${held} = 1 and p.birth_date >= '1990-01-01' then 1 else 0 end) as ${as('after90')}`,
      sql`sum(${col('secretary')} * ${col('director')}) as ${as('one_shoulder')}`,
      sql`sum(${col('secretary')}) as ${as('secretaries')}`,
    ],
    sql`, `,
  );
}

type Num = number | string | null;
/** The statement's row: one per group, each sum once per side (c_…, p_…). */
type StructureWideRow = { grp: string; reelected: Num } & Record<string, Num>;

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
