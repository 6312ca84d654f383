import type {
  CadreRank,
  Committee,
  DedupeRequestKind,
  DedupeRequestStatus,
  Gender,
  PositionRole,
  SeatEndReason,
} from '@xinhuo/shared';

export interface PersonsTable {
  id: string;
  name: string;
  name_search: string;
  /** nameSortKey(name): the pinyin order of names (index persons_org_sort_idx, persons_name_sort_idx). */
  name_sort: string;
  /** nameInitials(name), ltt: the header search's prefix key (index persons_name_initials_idx). */
  name_initials: string;
  /** fullPinyin(name), lutingting: the header search's prefix key (index persons_name_pinyin_idx). */
  name_pinyin: string;
  gender: Gender;
  ethnicity: string;
  birth_date: string;
  id_number_enc: string;
  id_number_bidx: string;
  id_number_masked: string;
  phone_enc: string | null;
  phone_bidx: string | null;
  phone_masked: string | null;
  full_time_education: string | null;
  in_service_education: string | null;
  highest_education: string | null;
  is_college: number;
  degree: string | null;
  major: string | null;
  political_status: string;
  /** 职级 of an organ cadre (CadreRank); null for others. */
  cadre_rank?: CadreRank | null;
  party_join_date: string | null;
  work_start_date: string | null;
  /** The cadre record (籍贯, photo, 简历, relatives, …), sealed JSON; null when none was entered. */
  record_enc: string | null;
  org_id: string;
  org_path: string;
  row_mac: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ElectionsTable {
  id: string;
  name: string;
  scope_org_id: string;
  election_date: string;
  term_years: number;
  created_at: string;
}

export interface TermsTable {
  id: string;
  org_id: string;
  org_path: string;
  election_id: string | null;
  committee: Committee;
  name: string;
  election_date: string;
  start_date: string;
  end_date: string;
  created_at: string;
  /** Set when the term was ended. */
  ended_on: string | null;
  /** Bumped by every seat change of the term (concurrent edits queue on the row). */
  version: number;
}

export interface PositionsTable {
  id: string;
  person_id: string;
  org_id: string;
  org_path: string;
  term_id: string | null;
  role: PositionRole;
  start_date: string;
  end_date: string | null;
  end_reason: SeatEndReason | null;
  created_at: string;
}

/** A mid-term adjustment (届中调整) with its filing record (备案). */
export interface SeatAdjustmentsTable {
  id: string;
  term_id: string;
  org_id: string;
  org_path: string;
  ended_position_id: string;
  successor_position_id: string;
  adjustment_date: string;
  reason: SeatEndReason;
  filing_number: string;
  filing_date: string;
  approving_body: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

/** An ID number entered in one town but held by a person outside its scope: the city checks it. */
export interface PersonDedupeRequestsTable {
  id: string;
  kind: DedupeRequestKind;
  status: DedupeRequestStatus;
  id_number_bidx: string;
  holder_person_id: string;
  subject_person_id: string | null;
  org_id: string;
  org_path: string;
  /** The submitted values, sealed (they contain the ID number). */
  input_enc: string;
  requested_by: string;
  requested_at: string;
}

/** Reveals used per user and Shanghai calendar day. */
export interface PiiRevealQuotaTable {
  user_id: string;
  day: string;
  used: number;
}
