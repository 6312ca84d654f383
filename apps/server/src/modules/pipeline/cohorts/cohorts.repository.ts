import type { CandidateState } from '@xinhuo/shared';
import type { Db, Tx } from '../../../database';
import { inSubtrees } from '../../../platform/http/scope';

// The SQL of the cohort pages: one cohort with its tier, its members by stage, and the export's rows.

type Conn = Db | Tx;

export function findCohort(db: Conn, id: string) {
  return db
    .selectFrom('pipeline_cohorts as k')
    .innerJoin('pipeline_tiers as t', 't.id', 'k.tier_id')
    .selectAll('k')
    .select(['t.code as tier_code', 't.name_zh as tier_name_zh', 't.name_en as tier_name_en'])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

/** The cohort's members within the scope, counted by stage. */
export async function countMembersByState(db: Conn, cohortId: string, scopePaths: readonly string[]) {
  const rows = await db
    .selectFrom('pipeline_candidates')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
    .where('cohort_id', '=', cohortId)
    .where((eb) => inSubtrees(eb, 'org_path', scopePaths))
    .groupBy('state')
    .execute();
  return rows.map((r) => ({ state: r.state as CandidateState, n: Number(r.n) }));
}

/** Every cohort with its members within the scope (a cohort without any: one row, no member), capped. */
export function findCohortMembers(db: Conn, scopePaths: readonly string[], cap: number) {
  return db
    .selectFrom('pipeline_cohorts as k')
    .innerJoin('pipeline_tiers as t', 't.id', 'k.tier_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('pipeline_candidates as c')
          .innerJoin('persons as p', 'p.id', 'c.person_id')
          .innerJoin('orgs as o', 'o.id', 'c.org_id')
          .select([
            'c.cohort_id',
            'c.state',
            'p.name as person_name',
            'p.gender',
            'p.birth_date',
            'p.name_sort',
            'o.name as org_name',
          ])
          .where('c.cohort_id', 'is not', null)
          .where((x) => inSubtrees(x, 'c.org_path', scopePaths))
          .as('m'),
      (j) => j.onRef('m.cohort_id', '=', 'k.id'),
    )
    .select([
      'k.id',
      'k.name',
      'k.selection_date',
      'k.send_off_date',
      'k.intake_target',
      't.name_zh as tier_name_zh',
      't.name_en as tier_name_en',
      'm.state',
      'm.person_name',
      'm.gender',
      'm.birth_date',
      'm.org_name',
    ])
    .orderBy('t.sort_order')
    .orderBy('k.selection_date')
    .orderBy('k.id')
    .orderBy('m.name_sort')
    .limit(cap)
    .execute();
}
