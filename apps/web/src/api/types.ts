// Shapes of the API answers, as documented in docs/API.md.

export type Role =
  | 'city_admin'
  | 'town_staff'
  | 'village_secretary'
  | 'dept_handler'
  | 'leader'
  | 'sys_admin'
  | 'sec_admin'
  | 'audit_admin';

export type OrgKind = 'city' | 'town' | 'village' | 'organ' | 'department';
export type OrgSubKind =
  'city' | 'town' | 'subdistrict' | 'zone' | 'village' | 'community' | 'organ' | 'department';
export type PartyOrgType = 'committee' | 'general_branch' | 'branch';

export interface OrgNode {
  id: string;
  parentId: string | null;
  name: string;
  kind: OrgKind;
  subKind: OrgSubKind;
  partyOrgType: PartyOrgType | null;
  code: string | null;
  path: string;
  depth: number;
  isActive: boolean;
  childCount: number;
  version: number;
}

export interface OrgHistoryEntry {
  at: string;
  action: string;
  actorName: string | null;
  details: unknown;
}

export interface OrgDetail extends OrgNode {
  ancestors: { id: string; name: string }[];
  history: OrgHistoryEntry[];
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: string[];
  scopeOrgs: OrgNode[];
  mustChangePassword: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type PositionRole =
  | 'party_secretary'
  | 'party_deputy_secretary'
  | 'party_member'
  | 'director'
  | 'deputy_director'
  | 'committee_member';

export interface PersonListItem {
  id: string;
  name: string;
  gender: '1' | '2';
  birthDate: string;
  age: number;
  ethnicity: string;
  education: string | null;
  isCollegeOrAbove: boolean;
  politicalStatus: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  orgId: string;
  orgName: string;
  townName: string | null;
  positions: { role: PositionRole; orgId?: string; orgName: string }[];
  isSecretaryDirector: boolean;
}

export interface PositionHistory {
  id: string;
  termId: string | null;
  termName: string | null;
  orgId: string;
  orgName: string;
  role: PositionRole;
  startDate: string;
  endDate: string | null;
}

/**
 * docs/API.md names the history `positions`; the server sends current posts in `positions`
 * (list shape) and the history in `positionHistory`. Both are accepted.
 */
export interface PersonDetail extends Omit<PersonListItem, 'positions'> {
  fullTimeEducation: string | null;
  inServiceEducation: string | null;
  degree: string | null;
  major: string | null;
  partyJoinDate: string | null;
  workStartDate: string | null;
  positions: (PositionHistory | PersonListItem['positions'][number])[];
  positionHistory?: PositionHistory[];
  version: number;
}

export interface Share {
  count: number;
  /** 0–1; null when there is nobody to count. */
  share: number | null;
}

export interface RosterStatsChild {
  orgId: string;
  name: string;
  kind: OrgKind;
  organizations: number;
  members: number;
  averageAge: number | null;
  collegeShare: number | null;
  secretaryDirectorRate: number | null;
}

export interface RosterStats {
  orgId: string;
  orgName: string;
  orgKind?: OrgKind;
  refDate: string;
  organizations: number;
  members: number;
  averageAge: number | null;
  ageBands: { band: string; count: number }[];
  education: { level: string; count: number }[];
  collegeOrAbove: Share;
  gender: { male: number; female: number };
  bornAfter1985: Share;
  bornAfter1990: Share;
  secretaryDirector: { count: number; orgsWithSecretary: number; rate: number | null };
  partyMembers: number;
  byChild: RosterStatsChild[];
}

export interface AuditEntry {
  seq: number;
  ts: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  ip: string | null;
  details: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}
