import { sql } from 'kysely';
import type { Db, Tx } from '../../../database';
import { inSubtrees } from '../../../platform/http/scope';

// The SQL of the career line: one person's class, candidate, event and seat records, and hours per year.

type Conn = Db | Tx;

/** The events of a candidate record the career line shows (the path, not every intermediate step). */
export const CAREER_EVENT_ACTIONS = ['nominate', 'select', 'start_training', 'place', 'exit'] as const;

/** The person's 定制村干班 records with the cohort and the first placement. */
export function findClassRecords(db: Conn, personId: string) {
  return db
    .selectFrom('univ_students as st')
    .innerJoin('univ_cohorts as c', 'c.id', 'st.cohort_id')
    .leftJoin('orgs as po', 'po.id', 'st.placement_org_id')
    .select([
      'st.status',
      'st.graduation_date',
      'st.placement_date',
      'c.name as cohort_name',
      'c.intake_year',
      'po.name as placement_org_name',
    ])
    .where('st.person_id', '=', personId)
    .execute();
}

/** The person's pipeline records within the caller's scope, with their path events. */
export function findCandidateEvents(db: Conn, personId: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('pipeline_events as e', 'e.candidate_id', 'c.id')
    .innerJoin('pipeline_tiers as t', 't.id', 'c.tier_id')
    .leftJoin('pipeline_cohorts as k', 'k.id', 'c.cohort_id')
    .leftJoin('orgs as po', 'po.id', 'c.placed_org_id')
    .select([
      'c.id as candidate_id',
      'c.state',
      'e.action',
      'e.event_date',
      'e.seq',
      't.code as tier_code',
      't.name_zh as tier_name_zh',
      't.name_en as tier_name_en',
      't.sort_order as tier_order',
      'k.name as cohort_name',
      'po.name as placed_org_name',
    ])
    .where('c.person_id', '=', personId)
    .where('e.action', 'in', [...CAREER_EVENT_ACTIONS])
    .where((eb) => inSubtrees(eb, 'c.org_path', scopePaths))
    .orderBy('e.event_date')
    .orderBy('e.seq')
    .execute();
}

/** The person's party-secretary seats (书记), current and past. */
export function findSecretarySeats(db: Conn, personId: string) {
  return db
    .selectFrom('positions as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.start_date', 'p.end_date', 'o.name as org_name'])
    .where('p.person_id', '=', personId)
    .where('p.role', '=', 'party_secretary')
    .orderBy('p.start_date')
    .execute();
}

/** Attended hours (tenths) and sessions per year of one person: one grouped query. */
export function findHoursByYear(db: Conn, personId: string) {
  const year = sql<string>`substr(s.session_date, 1, 4)`;
  return db
    .selectFrom('training_enrollments as e')
    .innerJoin('training_sessions as s', 's.id', 'e.session_id')
    .select([
      year.as('year'),
      sql<number>`sum(s.hours_tenths)`.as('tenths'),
      sql<number>`count(*)`.as('sessions'),
    ])
    .where('e.person_id', '=', personId)
    .where('e.attended', '=', 1)
    .groupBy(year)
    .orderBy(year)
    .execute();
}
