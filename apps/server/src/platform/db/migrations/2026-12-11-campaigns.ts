import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 9, the term election as a campaign): `election_campaigns` beside `elections`,
 * the campaign's negative list, each org's part (timetable, state, notice, new terms), candidates per
 * seat, the vetting checks and the notice's objections.
 */
export const campaigns: Migration = {
  name: '2026-12-11-campaigns',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('election_campaigns')
      .addColumn('election_id', 'text', (c) => c.primaryKey().references('elections.id'))
      .addColumn('notice_workdays', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();
    await db.schema
      .createTable('campaign_vetting_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull().references('election_campaigns.election_id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('text_zh', 'text', (c) => c.notNull())
      .addColumn('text_en', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addUniqueConstraint('campaign_vetting_items_code_uq', ['election_id', 'code'])
      .execute();
    await db.schema
      .createTable('campaign_orgs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull().references('election_campaigns.election_id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('nomination_date', 'text')
      .addColumn('vetting_date', 'text')
      .addColumn('notice_planned_date', 'text')
      .addColumn('election_date', 'text', (c) => c.notNull())
      .addColumn('notice_start_date', 'text')
      .addColumn('notice_end_date', 'text')
      .addColumn('party_term_id', 'text', (c) => c.references('terms.id'))
      .addColumn('villagers_term_id', 'text', (c) => c.references('terms.id'))
      .addColumn('finalized_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addUniqueConstraint('campaign_orgs_org_uq', ['election_id', 'org_id'])
      .execute();
    await db.schema.createIndex('campaign_orgs_org_idx').on('campaign_orgs').column('org_id').execute();
    await db.schema
      .createTable('campaign_candidates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_org_id', 'text', (c) => c.notNull().references('campaign_orgs.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
      .addColumn('committee', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('incumbent', 'integer', (c) => c.notNull())
      .addColumn('votes', 'integer')
      .addColumn('elected', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('campaign_candidates_seat_uq', [
        'campaign_org_id',
        'committee',
        'role',
        'person_id',
      ])
      .execute();
    await db.schema
      .createTable('campaign_vetting_checks')
      .addColumn('candidate_id', 'text', (c) => c.notNull().references('campaign_candidates.id'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('campaign_vetting_items.id'))
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('checked_by', 'text', (c) => c.references('users.id'))
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('campaign_vetting_checks_pk', ['candidate_id', 'item_id'])
      .execute();
    await db.schema
      .createTable('campaign_objections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_org_id', 'text', (c) => c.notNull().references('campaign_orgs.id'))
      .addColumn('candidate_id', 'text', (c) => c.references('campaign_candidates.id'))
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('resolution', 'text')
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('campaign_objections_org_idx')
      .on('campaign_objections')
      .column('campaign_org_id')
      .execute();
  },
};
