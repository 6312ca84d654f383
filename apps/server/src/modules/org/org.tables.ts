import type {
  OrgHistoryAction,
  OrgLineageKind,
  OrgTransferObject,
  OrgKind,
  OrgSubKind,
  PartyOrgType,
} from '@xinhuo/shared';

export interface OrgsTable {
  id: string;
  parent_id: string | null;
  name: string;
  kind: OrgKind;
  sub_kind: OrgSubKind;
  party_org_type: PartyOrgType | null;
  code: string | null;
  path: string;
  depth: number;
  sort_order: number;
  is_active: number;
  /** The first day the org existed; null = since before the records began. */
  valid_from: string | null;
  /** The first day it no longer existed (merged, split, deactivated); null = it still exists. */
  valid_to: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface OrgHistoryTable {
  id: string;
  org_id: string;
  at: string;
  action: OrgHistoryAction;
  actor_id: string | null;
  details: string;
}

/** A former name: the org was called `name` until the day before `valid_to`. */
export interface OrgNamesTable {
  id: string;
  org_id: string;
  name: string;
  valid_to: string;
}

/** One predecessor → successor link of a merge or a split (one event has several links). */
export interface OrgLineageTable {
  id: string;
  kind: OrgLineageKind;
  event_id: string;
  effective_date: string;
  from_org_id: string;
  to_org_id: string;
  actor_id: string | null;
  created_at: string;
}

/** What a merge or split moved: a person, a seat (ended and reopened as new_object_id) or a matter. */
export interface OrgTransfersTable {
  id: string;
  event_id: string;
  object_type: OrgTransferObject;
  object_id: string;
  new_object_id: string | null;
  from_org_id: string;
  to_org_id: string;
}
