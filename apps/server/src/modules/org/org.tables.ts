import type { OrgHistoryAction, OrgKind, OrgSubKind, PartyOrgType } from '@xinhuo/shared';

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
