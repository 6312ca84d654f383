import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 11, the 薪火计划 pipeline): programs and tiers with targets, eligibility rule
 * sets versioned by effective date, cohorts, candidates with their immutable event history and the
 * objections of their 任前公示; the person attribute 职级 (cadre_rank) for organ cadres.
 */
export const pipeline: Migration = {
  name: '2026-12-20-pipeline',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('persons').addColumn('cadre_rank', 'text').execute();
    await db.schema
      .createTable('pipeline_programs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('owner_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('owner_org_path', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('pipeline_tiers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('pipeline_programs.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('target', 'integer', (c) => c.notNull())
      .addColumn('hours_per_year', 'integer', (c) => c.notNull())
      .addColumn('months_min', 'integer', (c) => c.notNull())
      .addColumn('months_max', 'integer', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addUniqueConstraint('pipeline_tiers_code_uq', ['program_id', 'code'])
      .execute();
    await db.schema
      .createTable('pipeline_rule_sets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tier_id', 'text', (c) => c.notNull().references('pipeline_tiers.id'))
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('rules_json', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('pipeline_rule_sets_uq', ['tier_id', 'effective_from'])
      .execute();
    await db.schema
      .createTable('pipeline_cohorts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tier_id', 'text', (c) => c.notNull().references('pipeline_tiers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('selection_date', 'text', (c) => c.notNull())
      .addColumn('send_off_date', 'text')
      .addColumn('intake_target', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('pipeline_cohorts_name_uq', ['tier_id', 'name'])
      .execute();
    await db.schema
      .createTable('pipeline_candidates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tier_id', 'text', (c) => c.notNull().references('pipeline_tiers.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('selection_date', 'text', (c) => c.notNull())
      .addColumn('eligibility_json', 'text')
      .addColumn('eligible', 'integer')
      .addColumn('override_reason', 'text')
      .addColumn('override_by', 'text', (c) => c.references('users.id'))
      .addColumn('vetting_json', 'text')
      .addColumn('notice_start', 'text')
      .addColumn('notice_end', 'text')
      .addColumn('notice_workdays', 'integer', (c) => c.notNull())
      .addColumn('cohort_id', 'text', (c) => c.references('pipeline_cohorts.id'))
      .addColumn('mentor_person_id', 'text', (c) => c.references('persons.id'))
      .addColumn('plan_json', 'text')
      .addColumn('placed_org_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('placed_position_id', 'text', (c) => c.references('positions.id'))
      .addColumn('exit_reason', 'text')
      .addColumn('trainee_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('nominated_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pipeline_candidates_path_idx')
      .on('pipeline_candidates')
      .columns(['org_path', 'state'])
      .execute();
    await db.schema
      .createIndex('pipeline_candidates_tier_idx')
      .on('pipeline_candidates')
      .columns(['tier_id', 'state'])
      .execute();
    await db.schema
      .createIndex('pipeline_candidates_person_idx')
      .on('pipeline_candidates')
      .column('person_id')
      .execute();
    await db.schema
      .createIndex('pipeline_candidates_cohort_idx')
      .on('pipeline_candidates')
      .column('cohort_id')
      .execute();
    await db.schema
      .createIndex('pipeline_candidates_trainee_idx')
      .on('pipeline_candidates')
      .column('trainee_user_id')
      .execute();
    await db.schema
      .createTable('pipeline_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('candidate_id', 'text', (c) => c.notNull().references('pipeline_candidates.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('event_date', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.references('users.id'))
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('details_json', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('pipeline_events_seq_uq', ['candidate_id', 'seq'])
      .execute();
    await db.schema
      .createTable('pipeline_objections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('candidate_id', 'text', (c) => c.notNull().references('pipeline_candidates.id'))
      .addColumn('raised_on', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('raised_by', 'text', (c) => c.references('users.id'))
      .addColumn('resolved_on', 'text')
      .addColumn('resolution', 'text')
      .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
      .execute();
    await db.schema
      .createIndex('pipeline_objections_candidate_idx')
      .on('pipeline_objections')
      .column('candidate_id')
      .execute();
  },
};
