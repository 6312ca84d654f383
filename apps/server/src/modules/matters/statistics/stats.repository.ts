import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../../database';
import { inSubtrees, subtreeBounds } from '../../../platform/http/scope';

export interface Period {
  from: string;
  to: string;
}

export interface MatterAggRow {
  category: string;
  child: string;
  raised: number;
  open: number;
  overdue_now: number;
  closed_solved: number;
  not_responsible: number;
  duplicate: number;
  explained: number;
  resolved: number;
  on_time: number;
  hw_sum: number | null;
  hw_n: number;
  satisfied: number;
  basic: number;
  dissatisfied: number;
  no_response: number;
  rehandled: number;
  from_meetings: number;
}

/**
 * Matter figures of one subtree for matters raised in the period, in ONE grouped scan of the
 * (org_path, raised_on) index range: grouped by category and by the child of the root the matter lies under.
 */
export async function aggregateMatters(
  db: Db,
  rootPath: string,
  p: Period,
  today: string,
): Promise<MatterAggRow[]> {
  const [lo, hi] = subtreeBounds(rootPath);
  const childStart = rootPath.length + 1;
  const r = await sql<MatterAggRow>`
    select m.category_code as category, substr(m.org_path, ${childStart}, 36) as child,
      count(*) as raised,
      sum(case when m.state <> 'closed' then 1 else 0 end) as open,
      sum(case when m.state in ('dispatched', 'returned', 'in_progress') and m.deadline < ${today} then 1 else 0 end) as overdue_now,
      sum(case when m.state = 'closed' and m.outcome = 'solved' then 1 else 0 end) as closed_solved,
      sum(case when m.outcome = 'not_responsible' then 1 else 0 end) as not_responsible,
      sum(case when m.outcome = 'duplicate' then 1 else 0 end) as duplicate,
      sum(case when m.outcome = 'explained' then 1 else 0 end) as explained,
      sum(case when m.resolved_on is not null then 1 else 0 end) as resolved,
      sum(case when m.resolved_on is not null and m.is_on_time = 1 then 1 else 0 end) as on_time,
      sum(m.handling_workdays) as hw_sum,
      count(m.handling_workdays) as hw_n,
      sum(case when m.satisfaction = 'satisfied' and m.state = 'closed' then 1 else 0 end) as satisfied,
      sum(case when m.satisfaction = 'basic' and m.state = 'closed' then 1 else 0 end) as basic,
      sum(case when m.satisfaction = 'dissatisfied' and m.state = 'closed' then 1 else 0 end) as dissatisfied,
      sum(case when m.satisfaction = 'no_response' then 1 else 0 end) as no_response,
      sum(case when m.rehandle_count > 0 then 1 else 0 end) as rehandled,
      sum(case when m.source = 'meeting' then 1 else 0 end) as from_meetings
    from matters m
    where m.org_path >= ${lo} and m.org_path < ${hi} and m.raised_on >= ${p.from} and m.raised_on <= ${p.to}
    group by 1, 2`.execute(db);
  return r.rows;
}

export interface RaiserAggRow {
  person_id: string;
  name: string;
  village_id: string;
  village_name: string;
  raised: number;
  from_meetings: number;
  closed: number;
  satisfied: number;
  basic: number;
  dissatisfied: number;
}

/**
 * Matters raised in the subtree and period by each raiser who is a person of the roster, most matters
 * first: one grouped scan of the (org_path, raised_on) index range, names joined to the page only.
 */
export async function aggregateRaisers(
  db: Db,
  rootPath: string,
  p: Period,
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: RaiserAggRow[] }> {
  const [lo, hi] = subtreeBounds(rootPath);
  const r = await sql<RaiserAggRow & { total: number }>`
    with g as (
      select m.raiser_person_id as person_id,
        count(*) as raised,
        sum(case when m.source = 'meeting' then 1 else 0 end) as from_meetings,
        sum(case when m.state = 'closed' then 1 else 0 end) as closed,
        sum(case when m.satisfaction = 'satisfied' and m.state = 'closed' then 1 else 0 end) as satisfied,
        sum(case when m.satisfaction = 'basic' and m.state = 'closed' then 1 else 0 end) as basic,
        sum(case when m.satisfaction = 'dissatisfied' and m.state = 'closed' then 1 else 0 end) as dissatisfied
      from matters m
      where m.org_path >= ${lo} and m.org_path < ${hi} and m.raised_on >= ${p.from} and m.raised_on <= ${p.to}
        and m.raiser_person_id is not null
      group by m.raiser_person_id
    ), ranked as (
      select g.*, count(*) over () as total from g
      order by g.raised desc, g.person_id
      limit ${page.limit} offset ${page.offset}
    )
    select ranked.*, p.name, o.id as village_id, o.name as village_name
    from ranked
    join persons p on p.id = ranked.person_id
    join orgs o on o.id = p.org_id
    order by ranked.raised desc, ranked.person_id`.execute(db);
  return { total: Number(r.rows[0]?.total ?? 0), rows: r.rows };
}

/** Meetings held in the subtree (hosted there or held at a venue there) in the period, with their speakers. */
export async function aggregateMeetings(db: Db, rootPath: string, p: Period) {
  const [lo, hi] = subtreeBounds(rootPath);
  const r = await sql<{ held: number; speakers: number | null; attended: number | null }>`
    select count(*) as held,
      sum((select count(*) from meeting_participants x where x.meeting_id = mt.id and x.spoke = 1)) as speakers,
      sum((select count(*) from meeting_participants x where x.meeting_id = mt.id and x.attended = 1)) as attended
    from meetings mt
    where ((mt.org_path >= ${lo} and mt.org_path < ${hi}) or (mt.venue_path >= ${lo} and mt.venue_path < ${hi}))
      and mt.meeting_date >= ${p.from} and mt.meeting_date <= ${p.to}`.execute(db);
  const row = r.rows[0];
  return {
    held: Number(row?.held ?? 0),
    speakers: Number(row?.speakers ?? 0),
    attended: Number(row?.attended ?? 0),
  };
}

export interface UnitAggRow {
  unit_id: string;
  assigned: number;
  led: number;
  signed_on_time: number;
  sign_base: number;
  completed: number;
  completed_on_time: number;
  overdue_open: number;
  returns_all: number;
  returns_upheld: number;
  rehandled: number;
  sat_pos: number;
  sat_base: number;
  urges: number;
  supervisions: number;
  circulations: number;
}

/** Per-unit figures over the assignments of matters raised in the subtree and period: one grouped scan. */
export async function aggregateUnits(
  db: Db,
  rootPath: string,
  p: Period,
  today: string,
): Promise<UnitAggRow[]> {
  const [lo, hi] = subtreeBounds(rootPath);
  const r = await sql<UnitAggRow>`
    select a.unit_id,
      count(*) as assigned,
      sum(case when a.role = 'lead' then 1 else 0 end) as led,
      sum(case when a.responded_on is not null and a.responded_on <= a.sign_due then 1 else 0 end) as signed_on_time,
      sum(case when a.responded_on is not null or a.sign_due < ${today} then 1 else 0 end) as sign_base,
      sum(case when a.completed_on is not null then 1 else 0 end) as completed,
      sum(case when a.completed_on is not null and a.is_on_time = 1 then 1 else 0 end) as completed_on_time,
      sum(case when a.is_open = 1 and a.due_date < ${today} then 1 else 0 end) as overdue_open,
      sum(case when a.returned_at is not null then 1 else 0 end) as returns_all,
      sum(case when a.return_ruling = 'upheld' then 1 else 0 end) as returns_upheld,
      sum(case when a.rehandle_count > 0 then 1 else 0 end) as rehandled,
      sum(case when a.satisfaction in ('satisfied', 'basic') then 1 else 0 end) as sat_pos,
      sum(case when a.satisfaction in ('satisfied', 'basic', 'dissatisfied') then 1 else 0 end) as sat_base,
      sum(a.urge_count) as urges,
      sum(a.supervise_count) as supervisions,
      sum(a.circulate_count) as circulations
    from matter_assignments a
    where a.org_path >= ${lo} and a.org_path < ${hi} and a.raised_on >= ${p.from} and a.raised_on <= ${p.to}
    group by a.unit_id`.execute(db);
  return r.rows;
}

/** Open assignments past their deadline ("overdue now"), oldest deadline first; visible by matter or by unit. */
export async function listOverdueAssignments(
  db: Db,
  f: { scopePaths: readonly string[]; underPath?: string; unitId?: string; today: string },
  page: { offset: number; limit: number },
) {
  let q = db
    .selectFrom('matter_assignments as a')
    .where('a.is_open', '=', 1)
    .where('a.due_date', '<', f.today)
    .where(
      (eb) =>
        eb.or([
          inSubtrees(eb, 'a.org_path', f.scopePaths),
          inSubtrees(eb, 'a.unit_path', f.scopePaths),
        ]) as Expression<SqlBool>,
    );
  if (f.underPath) {
    const [lo, hi] = subtreeBounds(f.underPath);
    q = q.where('a.org_path', '>=', lo).where('a.org_path', '<', hi);
  }
  if (f.unitId) q = q.where('a.unit_id', '=', f.unitId);
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  // The count needs the assignments alone (the index on is_open, due_date); the page joins the names.
  const rows = await q
    .innerJoin('matters as m', 'm.id', 'a.matter_id')
    .innerJoin('orgs as u', 'u.id', 'a.unit_id')
    .innerJoin('orgs as v', 'v.id', 'm.village_id')
    .select([
      'a.id as assignment_id',
      'a.role',
      'a.status',
      'a.due_date',
      'a.unit_id',
      'u.name as unit_name',
      'a.urge_count',
      'a.supervise_count',
      'a.circulate_count',
      'm.id as matter_id',
      'm.code',
      'm.title',
      'm.state',
      'm.escalation_level',
      'm.village_id',
      'v.name as village_name',
      'm.dispatch_no',
    ])
    .orderBy('a.due_date')
    .orderBy('a.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total, rows };
}

export function findOrgNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', ids as string[])
    .execute();
}
