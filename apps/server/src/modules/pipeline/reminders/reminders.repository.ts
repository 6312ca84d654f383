import { sql } from 'kysely';
import type { Db, Tx } from '../../../database';
import type { PipelineRemindersTable } from '../pipeline.tables';

// The SQL of the pipeline and training reminders: what has become due, and the once-only record.

type Conn = Db | Tx;

/** Record reminders once (insert-or-ignore on kind, item and key day); answers the ids this call wrote. */
export async function insertRemindersOnce(
  db: Tx,
  rows: readonly PipelineRemindersTable[],
): Promise<Set<string>> {
  const won = new Set<string>();
  for (let k = 0; k < rows.length; k += 200) {
    const inserted = await db
      .insertInto('pipeline_reminders')
      .values(rows.slice(k, k + 200))
      .onConflict((oc) => oc.columns(['kind', 'item_id', 'key_date']).doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) won.add(r.id);
  }
  return won;
}

/** Candidates in the 任前公示 whose period ends on one of the given days. */
export function findNoticesEnding(db: Conn, days: readonly string[]) {
  return db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('pipeline_tiers as t', 't.id', 'c.tier_id')
    .select([
      'c.id',
      'c.org_path',
      'c.notice_end',
      'p.name as person_name',
      't.name_zh as tier_name_zh',
      't.name_en as tier_name_en',
    ])
    .where('c.state', '=', 'notice')
    .where('c.notice_end', 'in', days as string[])
    .execute();
}

/**
 * The enrollments of the sessions held on a day, with the person's org and — when the person has an
 * account (an account linked to the person, `users.person_id`) — that account.
 */
export function findEnrollmentsOn(db: Conn, day: string) {
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('training_enrollments as e', 'e.session_id', 's.id')
    .innerJoin('persons as p', 'p.id', 'e.person_id')
    .select((eb) => [
      's.id as session_id',
      's.title',
      's.session_date',
      's.start_time',
      's.venue',
      'e.person_id',
      'p.org_path',
      eb.selectFrom('users as u').select('u.id').whereRef('u.person_id', '=', 'e.person_id').as('user_id'),
    ])
    .where('s.session_date', '=', day)
    .orderBy('s.id')
    .orderBy('e.person_id')
    .execute();
}

/** Candidates in training with their tier's yearly hours and length and the day the training started. */
export function findInTraining(db: Conn) {
  return db
    .selectFrom('pipeline_candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('pipeline_tiers as t', 't.id', 'c.tier_id')
    .select((eb) => [
      'c.id',
      'c.person_id',
      'c.org_path',
      'c.tier_id',
      eb
        .selectFrom('users as u')
        .select('u.id')
        .whereRef('u.person_id', '=', 'c.person_id')
        .as('trainee_user_id'),
      'p.name as person_name',
      't.name_zh as tier_name_zh',
      't.name_en as tier_name_en',
      't.hours_per_year',
      't.months_max',
      eb
        .selectFrom('pipeline_events as e')
        .select(sql<string>`max(e.event_date)`.as('d'))
        .whereRef('e.candidate_id', '=', 'c.id')
        .where('e.action', '=', 'start_training')
        .as('training_start'),
    ])
    .where('c.state', '=', 'in_training')
    .orderBy('c.id')
    .execute();
}
