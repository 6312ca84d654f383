import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time: training (C6) — programs, sessions, lecturers, enrollments with attendance and
 * feedback, the yearly hours requirement — and the customized village-cadre class (定制村干班):
 * university cohorts and their students. Hours are integers in tenths.
 */
export const training: Migration = {
  name: '2026-12-21-training',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    const pathCol = (c: any) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());
    const idx = (name: string, table: string, cols: string[]) =>
      db.schema.createIndex(name).on(table).columns(cols).execute();

    await db.schema
      .createTable('training_programs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('owner_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('description', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await idx('training_programs_path_idx', 'training_programs', ['org_path']);

    await db.schema
      .createTable('training_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('training_programs.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('session_date', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('venue', 'text', (c) => c.notNull())
      .addColumn('hours_tenths', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('org_path', 'text', pathCol)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await idx('training_sessions_date_idx', 'training_sessions', ['session_date']);
    await idx('training_sessions_program_idx', 'training_sessions', ['program_id']);

    await db.schema
      .createTable('training_lecturers')
      .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
      .addColumn('topic', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('training_lecturers_pk', ['session_id', 'person_id'])
      .execute();
    await idx('training_lecturers_person_idx', 'training_lecturers', ['person_id']);

    await db.schema
      .createTable('training_enrollments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('enrolled_by', 'text')
      .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('signed_in_at', 'text')
      .addColumn('sign_in_method', 'text')
      .addColumn('signed_in_by', 'text')
      .addColumn('rating', 'integer')
      .addColumn('feedback', 'text')
      .addColumn('feedback_at', 'text')
      .addUniqueConstraint('training_enrollments_once', ['session_id', 'person_id'])
      .execute();
    await idx('training_enrollments_person_idx', 'training_enrollments', ['person_id', 'attended']);

    await db.schema
      .createTable('training_requirements')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('required_tenths', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();

    await db.schema
      .createTable('univ_cohorts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('partner', 'text', (c) => c.notNull())
      .addColumn('intake_year', 'integer', (c) => c.notNull())
      .addColumn('owner_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await idx('univ_cohorts_year_idx', 'univ_cohorts', ['intake_year']);

    await db.schema
      .createTable('univ_students')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cohort_id', 'text', (c) => c.notNull().references('univ_cohorts.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('graduation_date', 'text')
      .addColumn('placement_org_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('placement_role', 'text')
      .addColumn('placement_date', 'text')
      .addColumn('later_path', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('univ_students_once', ['cohort_id', 'person_id'])
      .execute();
    await idx('univ_students_person_idx', 'univ_students', ['person_id']);
  },
};
