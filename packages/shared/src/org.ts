/** Organization kinds, party organization types and positions shared by server and web. */
export const ORG_KINDS = ['city', 'town', 'village', 'organ', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_SUB_KINDS = [
  'city',
  'town',
  'subdistrict',
  'zone',
  'village',
  'community',
  'organ',
  'department',
] as const;
export type OrgSubKind = (typeof ORG_SUB_KINDS)[number];

export const SUB_KIND_OF: Record<OrgKind, readonly OrgSubKind[]> = {
  city: ['city'],
  town: ['town', 'subdistrict', 'zone'],
  village: ['village', 'community'],
  organ: ['organ'],
  department: ['department'],
};

/** Which kinds may sit directly under which: city → town/organ/department → village. */
export const ALLOWED_PARENT: Record<OrgKind, readonly OrgKind[]> = {
  city: [],
  town: ['city'],
  village: ['town'],
  organ: ['city'],
  department: ['city', 'organ'],
};

/** What an entry of an org's own history records (org_history.action). */
export const ORG_HISTORY_ACTIONS = [
  'created',
  'updated',
  'renamed',
  'moved',
  'deactivated',
  'merged',
  'split',
] as const;
export type OrgHistoryAction = (typeof ORG_HISTORY_ACTIONS)[number];

/** The two kinds of lineage event: villages merged into one, or one village split into several. */
export const ORG_LINEAGE_KINDS = ['merge', 'split'] as const;
export type OrgLineageKind = (typeof ORG_LINEAGE_KINDS)[number];

/** What a merge or split records as moved from one org to another. */
export const ORG_TRANSFER_OBJECTS = ['person', 'position', 'matter'] as const;
export type OrgTransferObject = (typeof ORG_TRANSFER_OBJECTS)[number];

export const PARTY_ORG_TYPES = ['committee', 'general_branch', 'branch'] as const;
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number];

export const POSITION_ROLES = [
  'party_secretary',
  'party_deputy_secretary',
  'party_member',
  'director',
  'deputy_director',
  'committee_member',
] as const;
export type PositionRole = (typeof POSITION_ROLES)[number];

export const PARTY_COMMITTEE_ROLES: readonly PositionRole[] = [
  'party_secretary',
  'party_deputy_secretary',
  'party_member',
];
export const VILLAGERS_COMMITTEE_ROLES: readonly PositionRole[] = [
  'director',
  'deputy_director',
  'committee_member',
];

export const LABELS = {
  orgKind: {
    city: { zh: '市', en: 'City' },
    town: { zh: '镇（街道、区）', en: 'Town' },
    village: { zh: '村（社区）', en: 'Village' },
    organ: { zh: '机关', en: 'Government organ' },
    department: { zh: '部门', en: 'Department' },
  },
  subKind: {
    city: { zh: '市', en: 'City' },
    town: { zh: '镇', en: 'Town' },
    subdistrict: { zh: '街道', en: 'Subdistrict' },
    zone: { zh: '区', en: 'Zone' },
    village: { zh: '村', en: 'Village' },
    community: { zh: '社区', en: 'Community' },
    organ: { zh: '机关', en: 'Government organ' },
    department: { zh: '部门', en: 'Department' },
  },
  partyOrgType: {
    committee: { zh: '党委', en: 'Party committee' },
    general_branch: { zh: '党总支', en: 'General party branch' },
    branch: { zh: '党支部', en: 'Party branch' },
  },
  positionRole: {
    party_secretary: { zh: '党组织书记', en: 'Party secretary' },
    party_deputy_secretary: { zh: '党组织副书记', en: 'Deputy party secretary' },
    party_member: { zh: '党组织委员', en: 'Party committee member' },
    director: { zh: '村（居）委会主任', en: "Villagers' committee director" },
    deputy_director: { zh: '村（居）委会副主任', en: "Villagers' committee deputy director" },
    committee_member: { zh: '村（居）委会委员', en: "Villagers' committee member" },
  },
} as const;

export const AGE_BANDS = ['<=30', '31-35', '36-40', '41-45', '46-50', '51-55', '>55'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age in whole years on refDate, both YYYY-MM-DD. */
export function ageOn(birthDate: string, refDate: string): number {
  const years = Number(refDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return refDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function ageBandOf(age: number): AgeBand {
  if (age <= 30) return '<=30';
  if (age <= 35) return '31-35';
  if (age <= 40) return '36-40';
  if (age <= 45) return '41-45';
  if (age <= 50) return '46-50';
  if (age <= 55) return '51-55';
  return '>55';
}
