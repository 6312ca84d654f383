import type { CampaignOrgState, Committee, PositionRole, VettingOutcome } from '@xinhuo/shared';

/**
 * A term election run as a campaign: one row beside its `elections` row (name, scope org, election
 * date and term years stay there). Scope is always read through the orgs' current paths (joined), so a
 * village moved between towns is seen by its new town.
 */
export interface ElectionCampaignsTable {
  election_id: string;
  notice_workdays: number;
  created_by: string | null;
}

/** The negative list (负面清单) of a campaign's joint vetting, one item per row. */
export interface CampaignVettingItemsTable {
  id: string;
  election_id: string;
  code: string;
  text_zh: string;
  text_en: string;
  sort_order: number;
}

/** One taking-part org's part: its timetable, state, notice and, once finalized, the new terms. */
export interface CampaignOrgsTable {
  id: string;
  election_id: string;
  org_id: string;
  state: CampaignOrgState;
  nomination_date: string | null;
  vetting_date: string | null;
  /** The planned first day of the notice. */
  notice_planned_date: string | null;
  election_date: string;
  /** The notice as it runs: first and last working day. */
  notice_start_date: string | null;
  notice_end_date: string | null;
  party_term_id: string | null;
  villagers_term_id: string | null;
  finalized_at: string | null;
  updated_at: string;
  version: number;
}

/** A candidate for a seat (committee × role) of an org; votes and elected once results are in. */
export interface CampaignCandidatesTable {
  id: string;
  campaign_org_id: string;
  person_id: string;
  committee: Committee;
  role: PositionRole;
  /** Held a seat of this org's committees when nominated (re-elected vs new). */
  incumbent: number;
  votes: number | null;
  elected: number | null;
  created_at: string;
}

/** One negative-list item checked for one candidate, by whom and with what outcome. */
export interface CampaignVettingChecksTable {
  candidate_id: string;
  item_id: string;
  outcome: VettingOutcome;
  note: string | null;
  checked_by: string | null;
  checked_at: string;
}

/** An objection received during the notice (公示期异议) and how it was resolved. */
export interface CampaignObjectionsTable {
  id: string;
  campaign_org_id: string;
  candidate_id: string | null;
  received_on: string;
  content: string;
  resolution: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  created_by: string | null;
  created_at: string;
}
