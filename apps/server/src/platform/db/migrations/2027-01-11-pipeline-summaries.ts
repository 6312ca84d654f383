import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connect';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 11, the pipeline's first request at province size). Two summaries kept in the
 * writing transaction by triggers, so no write path (a step, a sign-in, an attendance import, a script)
 * can leave them behind, and the pipeline's figures read them instead of the whole history:
 *
 * 1. **Step dates on the candidate row**: the first date of each kind of step the figures read
 *    (nominated, selected, started training, placed, exited) and of any step, kept from the immutable
 *    history (pipeline_events, insert only) by a trigger on insert. The dashboard's timelines were four
 *    correlated subqueries per candidate; the bench "on a date" was the latest step per entry. A candidate
 *    is on the bench on a date when its first step is on or before it and it was not placed or exited by
 *    then (placed and exited end the way, so they are the last step).
 * 2. **Attended hours per person and year** (training_hours_yearly: the year's enrollments and the tenths
 *    of hours of the sessions attended), kept by triggers on enrollments (insert, update, delete) and on a
 *    session's hours or date. The successor score read every attendance row of tens of thousands of
 *    people; the hours report grouped the year's enrollments.
 *
 * Both are filled from the existing rows here. On PostgreSQL the summary triggers take the writers'
 * advisory lock first (platform/db/data-version.ts), so two transactions never lock summary rows in
 * opposite orders; and the pipeline data version is bumped by the statement a user's write runs, not
 * again by the writes its triggers make (a step's update of its candidate row): the counter row updated
 * once per inserted step in one transaction made a bulk insert quadratic (each update walks the row's
 * versions of that transaction).
 */
const STEP_COLUMNS = {
  nominated_on: 'nominate',
  selected_on: 'select',
  training_on: 'start_training',
  placed_on: 'place',
  exited_on: 'exit',
} as const;

/** The candidate row's step dates after NEW (a step) is inserted: the same SQL on both databases. */
const stepUpdate = `update pipeline_candidates set
    first_step_on = case when first_step_on is null or NEW.event_date < first_step_on
                         then NEW.event_date else first_step_on end,
    ${Object.entries(STEP_COLUMNS)
      .map(
        ([col, action]) =>
          `${col} = case when NEW.action = '${action}' and (${col} is null or NEW.event_date < ${col})
                         then NEW.event_date else ${col} end`,
      )
      .join(',\n    ')}
  where id = NEW.candidate_id`;

const yearOf = (date: string) => `cast(substr(${date}, 1, 4) as integer)`;

/** Add `sign` × an enrollment of `row` (NEW or OLD) to its person's year. */
const addEnrollment = (row: 'NEW' | 'OLD', sign: 1 | -1) => `
  insert into training_hours_yearly (person_id, year, enrollments, attended_tenths)
  select ${row}.person_id, ${yearOf('s.session_date')}, ${sign},
         case when ${row}.attended = 1 then ${sign} * s.hours_tenths else 0 end
    from training_sessions s where s.id = ${row}.session_id
  on conflict (person_id, year) do update set
    enrollments = training_hours_yearly.enrollments + excluded.enrollments,
    attended_tenths = training_hours_yearly.attended_tenths + excluded.attended_tenths`;

/** Move a session's enrollments from its OLD hours and year to its NEW ones. */
const moveSession = [
  `update training_hours_yearly set
     enrollments = enrollments - 1,
     attended_tenths = attended_tenths - case when (select e.attended from training_enrollments e
         where e.session_id = OLD.id and e.person_id = training_hours_yearly.person_id) = 1
       then OLD.hours_tenths else 0 end
   where year = ${yearOf('OLD.session_date')}
     and person_id in (select e.person_id from training_enrollments e where e.session_id = OLD.id)`,
  `insert into training_hours_yearly (person_id, year, enrollments, attended_tenths)
   select e.person_id, ${yearOf('NEW.session_date')}, 1,
          case when e.attended = 1 then NEW.hours_tenths else 0 end
     from training_enrollments e where e.session_id = NEW.id
   on conflict (person_id, year) do update set
     enrollments = training_hours_yearly.enrollments + excluded.enrollments,
     attended_tenths = training_hours_yearly.attended_tenths + excluded.attended_tenths`,
];

export const pipelineSummaries: Migration = {
  name: '2027-01-11-pipeline-summaries',
  async up(db: Kysely<any>, dialect: DialectName) {
    for (const col of ['first_step_on', ...Object.keys(STEP_COLUMNS)])
      await db.schema.alterTable('pipeline_candidates').addColumn(col, 'text').execute();
    await sql
      .raw(
        `update pipeline_candidates set
           first_step_on = (select min(e.event_date) from pipeline_events e
                              where e.candidate_id = pipeline_candidates.id),
           ${Object.entries(STEP_COLUMNS)
             .map(
               ([col, action]) =>
                 `${col} = (select min(e.event_date) from pipeline_events e
                              where e.candidate_id = pipeline_candidates.id and e.action = '${action}')`,
             )
             .join(',\n')}`,
      )
      .execute(db);

    await db.schema
      .createTable('training_hours_yearly')
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('enrollments', 'integer', (c) => c.notNull())
      .addColumn('attended_tenths', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('training_hours_yearly_pk', ['person_id', 'year'])
      .execute();
    // The hours report reads one year of the people of a scope.
    await db.schema
      .createIndex('training_hours_yearly_year_idx')
      .on('training_hours_yearly')
      .columns(['year', 'person_id'])
      .execute();
    await sql
      .raw(
        `insert into training_hours_yearly (person_id, year, enrollments, attended_tenths)
         select e.person_id, ${yearOf('s.session_date')}, count(*),
                sum(case when e.attended = 1 then s.hours_tenths else 0 end)
           from training_enrollments e join training_sessions s on s.id = e.session_id
          group by e.person_id, ${yearOf('s.session_date')}`,
      )
      .execute(db);

    if (dialect === 'postgres') {
      const fn = async (name: string, body: string) =>
        sql
          .raw(
            `create function ${name}() returns trigger language plpgsql as $$
             begin
               ${body};
               return null;
             end $$`,
          )
          .execute(db);
      const writerLock = 'perform pg_advisory_xact_lock(7412002)';
      // A write made by a trigger belongs to a statement that bumps the version already.
      await sql
        .raw(
          `create or replace function pipeline_data_version_bump() returns trigger language plpgsql as $$
           begin
             if pg_trigger_depth() > 1 then
               return null;
             end if;
             perform pg_advisory_xact_lock(7412002);
             update data_versions set version = version + 1 where name = 'pipeline';
             return null;
           end $$`,
        )
        .execute(db);
      await fn('pipeline_step_dates', stepUpdate);
      await fn(
        'training_hours_enrolled',
        `${writerLock};
         if TG_OP in ('UPDATE', 'DELETE') then ${addEnrollment('OLD', -1)}; end if;
         if TG_OP in ('UPDATE', 'INSERT') then ${addEnrollment('NEW', 1)}; end if`,
      );
      await fn('training_hours_session_moved', `${writerLock}; ${moveSession.join(';\n')}`);
      await sql
        .raw(
          `create trigger pipeline_events_step_dates after insert on pipeline_events
           for each row execute function pipeline_step_dates()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger training_enrollments_hours after insert or delete on training_enrollments
           for each row execute function training_hours_enrolled()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger training_enrollments_hours_update
           after update of attended, person_id, session_id on training_enrollments
           for each row when (OLD.attended is distinct from NEW.attended
             or OLD.person_id is distinct from NEW.person_id or OLD.session_id is distinct from NEW.session_id)
           execute function training_hours_enrolled()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger training_sessions_hours after update of hours_tenths, session_date on training_sessions
           for each row when (OLD.hours_tenths is distinct from NEW.hours_tenths
             or OLD.session_date is distinct from NEW.session_date)
           execute function training_hours_session_moved()`,
        )
        .execute(db);
    } else {
      const trigger = (head: string, body: string) =>
        sql.raw(`create trigger ${head} begin ${body}; end`).execute(db);
      await trigger('pipeline_events_step_dates after insert on pipeline_events', stepUpdate);
      await trigger(
        'training_enrollments_hours_insert after insert on training_enrollments',
        addEnrollment('NEW', 1),
      );
      await trigger(
        'training_enrollments_hours_delete after delete on training_enrollments',
        addEnrollment('OLD', -1),
      );
      await trigger(
        `training_enrollments_hours_update after update of attended, person_id, session_id
         on training_enrollments when OLD.attended is not NEW.attended
           or OLD.person_id is not NEW.person_id or OLD.session_id is not NEW.session_id`,
        `${addEnrollment('OLD', -1)}; ${addEnrollment('NEW', 1)}`,
      );
      await trigger(
        `training_sessions_hours after update of hours_tenths, session_date on training_sessions
         when OLD.hours_tenths is not NEW.hours_tenths or OLD.session_date is not NEW.session_date`,
        moveSession.join(';\n'),
      );
    }
  },
};
