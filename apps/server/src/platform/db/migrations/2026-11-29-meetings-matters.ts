import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

// Seeds are frozen here with the schema: later changes to the shared seeds must come as new migrations.
const CATEGORIES = [
  ['village_economy', '村级经济发展', 'Village economic development', 1],
  ['beautiful_village', '美丽乡村建设', 'Beautiful village construction', 2],
  ['burden_reduction', '基层减负减压', 'Reducing grassroots burden', 3],
  ['cadre_exchange', '镇村干部交流', 'Town–village cadre exchange', 4],
  ['other', '其他', 'Other', 9],
] as const;
const PRIORITIES = [
  ['urgent', '紧急', 'Urgent', 3, 1],
  ['normal', '一般', 'Normal', 10, 2],
  ['complex', '复杂', 'Complex', 20, 3],
] as const;
const SETTINGS = [
  ['sign_for_workdays', '1', '签收时限（工作日）'],
  ['due_soon_workdays', '2', '到期前提醒（工作日）'],
  ['urge_overdue_workdays', '1', '逾期几个工作日催办'],
  ['supervise_overdue_workdays', '3', '逾期几个工作日发督办单'],
  ['circulate_overdue_workdays', '5', '逾期几个工作日通报分管领导'],
  ['feedback_workdays', '5', '回访评价时限（工作日），逾期按未评价销号'],
  ['assign_doc_prefix', '张组交', '交办单文号前缀'],
  ['supervise_doc_prefix', '张组督', '督办单文号前缀'],
] as const;

/** Frozen in time: working-day overrides, meetings, matters, supervision, notifications and webhooks. */
export const meetingsMatters: Migration = {
  name: '2026-11-29-meetings-matters',
  async up(db: Kysely<any>, dialect) {
    const pg = dialect === 'postgres';
    // Byte-order collation on PostgreSQL so materialized-path range scans use the index.
    const pathCol = (c: any) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());
    const optPathCol = (c: any) => (pg ? c.modifyEnd(sql`collate "C"`) : c);
    const idx = (name: string, table: string, cols: string[]) =>
      db.schema.createIndex(name).on(table).columns(cols).execute();

    await db.schema
      .createTable('calendar_overrides')
      .addColumn('day', 'text', (c) => c.primaryKey())
      .addColumn('is_workday', 'integer', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();

    await db.schema
      .createTable('meeting_series')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('host_level', 'text', (c) => c.notNull())
      .addColumn('host_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('cadence', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await idx('meeting_series_path_idx', 'meeting_series', ['org_path']);

    await db.schema
      .createTable('meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('series_id', 'text', (c) => c.references('meeting_series.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('meeting_date', 'text', (c) => c.notNull())
      .addColumn('host_level', 'text', (c) => c.notNull())
      .addColumn('host_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('venue_org_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('venue_path', 'text', optPathCol)
      .addColumn('venue_text', 'text')
      .addColumn('topic', 'text')
      .addColumn('minutes', 'text')
      .addColumn('is_published', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('published_at', 'text')
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await idx('meetings_path_date_idx', 'meetings', ['org_path', 'meeting_date']);
    await idx('meetings_venue_date_idx', 'meetings', ['venue_path', 'meeting_date']);
    await idx('meetings_series_date_idx', 'meetings', ['series_id', 'meeting_date']);

    await db.schema
      .createTable('meeting_participants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
      .addColumn('person_id', 'text', (c) => c.references('persons.id'))
      .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('attended', 'integer', (c) => c.notNull())
      .addColumn('spoke', 'integer', (c) => c.notNull())
      .addColumn('speech_topic', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .execute();
    await idx('meeting_participants_meeting_idx', 'meeting_participants', ['meeting_id', 'sort_order']);

    await db.schema
      .createTable('matter_categories')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('default_unit_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('matter_priorities')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('handle_workdays', 'integer', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('matter_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    const at = '2026-11-29T00:00:00.000Z';
    await db
      .insertInto('matter_categories')
      .values(
        CATEGORIES.map(([code, zh, en, s]) => ({
          code,
          name_zh: zh,
          name_en: en,
          sort_order: s,
          is_active: 1,
        })),
      )
      .execute();
    await db
      .insertInto('matter_priorities')
      .values(
        PRIORITIES.map(([code, zh, en, days, s]) => ({
          code,
          name_zh: zh,
          name_en: en,
          handle_workdays: days,
          sort_order: s,
          is_active: 1,
        })),
      )
      .execute();
    await db
      .insertInto('matter_settings')
      .values(SETTINGS.map(([key, value, note]) => ({ key, value, note, updated_at: at })))
      .execute();

    await db.schema
      .createTable('doc_counters')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('doc_counters_pk', ['kind', 'year'])
      .execute();

    await db.schema
      .createTable('matters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull().references('matter_categories.code'))
      .addColumn('priority_code', 'text', (c) => c.notNull().references('matter_priorities.code'))
      .addColumn('village_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('org_path', 'text', pathCol)
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
      .addColumn('raiser_person_id', 'text', (c) => c.references('persons.id'))
      .addColumn('raiser_name', 'text', (c) => c.notNull())
      .addColumn('raised_by_user_id', 'text')
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addColumn('raised_on', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('duplicate_of_id', 'text')
      .addColumn('dispatcher_org_id', 'text')
      .addColumn('dispatch_no', 'text')
      .addColumn('dispatched_at', 'text')
      .addColumn('dispatched_on', 'text')
      .addColumn('deadline', 'text')
      .addColumn('original_deadline', 'text')
      .addColumn('ext_requested_due', 'text')
      .addColumn('ext_reason', 'text')
      .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('submitted_at', 'text')
      .addColumn('resolution', 'text')
      .addColumn('sign_off_name', 'text')
      .addColumn('accepted_at', 'text')
      .addColumn('resolved_on', 'text')
      .addColumn('handling_workdays', 'integer')
      .addColumn('is_on_time', 'integer')
      .addColumn('feedback_due', 'text')
      .addColumn('satisfaction', 'text')
      .addColumn('satisfaction_comment', 'text')
      .addColumn('rated_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_on', 'text')
      .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rehandle_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // Subtree + period (lists, statistics), the raiser's own, one meeting's, and the feedback timeout sweep.
    await idx('matters_path_raised_idx', 'matters', ['org_path', 'raised_on']);
    await idx('matters_raiser_idx', 'matters', ['raised_by_user_id', 'raised_on']);
    await idx('matters_meeting_idx', 'matters', ['meeting_id']);
    await idx('matters_state_feedback_idx', 'matters', ['state', 'feedback_due']);

    await db.schema
      .createTable('matter_assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('matter_id', 'text', (c) => c.notNull().references('matters.id'))
      .addColumn('unit_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('unit_path', 'text', pathCol)
      .addColumn('org_path', 'text', pathCol)
      .addColumn('raised_on', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('is_open', 'integer', (c) => c.notNull())
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addColumn('sign_due', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('responded_on', 'text')
      .addColumn('signed_at', 'text')
      .addColumn('returned_at', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('return_ruling', 'text')
      .addColumn('reply', 'text')
      .addColumn('reply_sign_off', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('completed_on', 'text')
      .addColumn('is_on_time', 'integer')
      .addColumn('rehandle_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('satisfaction', 'text')
      .addColumn('urge_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('supervise_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('circulate_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await idx('matter_assignments_matter_idx', 'matter_assignments', ['matter_id']);
    await idx('matter_assignments_unit_idx', 'matter_assignments', ['unit_path', 'raised_on']);
    await idx('matter_assignments_path_idx', 'matter_assignments', ['org_path', 'raised_on']);
    // The sweep and the "overdue now" list read only open assignments by due date.
    await idx('matter_assignments_open_due_idx', 'matter_assignments', ['is_open', 'due_date']);
    await idx('matter_assignments_status_sign_idx', 'matter_assignments', ['status', 'sign_due']);

    await db.schema
      .createTable('matter_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('matter_id', 'text', (c) => c.notNull().references('matters.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text', (c) => c.notNull())
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await idx('matter_events_matter_idx', 'matter_events', ['matter_id', 'at']);

    await db.schema
      .createTable('matter_supervisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('matter_id', 'text', (c) => c.notNull().references('matters.id'))
      .addColumn('assignment_id', 'text', (c) => c.notNull().references('matter_assignments.id'))
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('unit_path', 'text', pathCol)
      .addColumn('org_path', 'text', pathCol)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('triggered_on', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('doc_no', 'text')
      .addColumn('doc_year', 'integer')
      .addColumn('doc_seq', 'integer')
      .execute();
    // The idempotency key of the sweep: one record per assignment, kind and deadline, however many sweepers.
    await db.schema
      .createIndex('matter_supervisions_key_uq')
      .on('matter_supervisions')
      .columns(['assignment_id', 'kind', 'due_date'])
      .unique()
      .execute();
    await idx('matter_supervisions_matter_idx', 'matter_supervisions', ['matter_id', 'created_at']);
    await idx('matter_supervisions_path_idx', 'matter_supervisions', ['org_path', 'triggered_on']);

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recipient_user_id', 'text')
      .addColumn('recipient_org_id', 'text')
      .addColumn('audience', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('object_type', 'text')
      .addColumn('object_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await idx('notifications_user_idx', 'notifications', ['recipient_user_id', 'created_at']);
    await idx('notifications_org_idx', 'notifications', ['recipient_org_id', 'audience', 'created_at']);
    await db.schema
      .createTable('notification_reads')
      .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('unit_webhooks')
      .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('is_active', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    await db.schema
      .createTable('notification_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('notification_id', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('claimed_until', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await idx('notification_outbox_due_idx', 'notification_outbox', ['delivered_at', 'next_attempt_at']);
  },
};
