// Shapes of the meetings, matters and notifications answers (apps/server modules/matters, modules/meetings).
import type {
  AssignmentRole,
  AssignmentStatus,
  MatterAction,
  MatterOutcome,
  MatterParty,
  MatterSource,
  MatterState,
  Satisfaction,
  SupervisionKind,
} from '@xinhuo/shared';

/** A file attached to a matter or a meeting (GET /api/{matters|meetings}/:id/attachments). */
export interface AttachmentItem {
  id: string;
  name: string;
  extension: string;
  size: number;
  uploaderName: string;
  uploadedAt: string;
  canDelete: boolean;
}

export interface AttachmentList {
  items: AttachmentItem[];
  canUpload: boolean;
}

export interface MatterListItem {
  id: string;
  code: string;
  title: string;
  category: string;
  categoryName: string;
  priority: string;
  state: MatterState;
  outcome: MatterOutcome | null;
  satisfaction: Satisfaction | null;
  source: MatterSource;
  meetingId: string | null;
  villageId: string;
  villageName: string;
  raiserName: string;
  raisedAt: string;
  dispatchNo: string | null;
  dispatchedAt: string | null;
  deadline: string | null;
  isOverdue: boolean;
  overdueWorkdays: number;
  escalationLevel: number;
  leadUnit: { id: string; name: string } | null;
  closedAt: string | null;
  version: number;
}

export interface MatterAssignment {
  id: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  assignedAt: string;
  signDue: string;
  dueDate: string;
  signedAt: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  returnRuling: 'upheld' | 'overruled' | null;
  reply: string | null;
  replySignOff: string | null;
  submittedAt: string | null;
  completedOn: string | null;
  isOnTime: boolean | null;
  isOverdue: boolean;
  urgeCount: number;
  superviseCount: number;
  circulateCount: number;
}

export interface MatterEvent {
  id: string;
  at: string;
  actorName: string;
  party: MatterParty;
  action: string;
  fromState: string;
  toState: string;
  reason: string | null;
  details: Record<string, unknown>;
}

export interface MatterSupervision {
  id: string;
  kind: SupervisionKind;
  level: number;
  unitId: string;
  unitName: string;
  dueDate: string;
  triggeredOn: string;
  docNo: string | null;
  createdAt: string;
}

export interface MatterDetail extends MatterListItem {
  description: string;
  raiserPersonId: string | null;
  townName: string | null;
  originalDeadline: string | null;
  extension: { requestedDue: string; reason: string } | null;
  extensionCount: number;
  resolution: string | null;
  signOffName: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  resolvedOn: string | null;
  handlingWorkdays: number | null;
  isOnTime: boolean | null;
  feedbackDue: string | null;
  satisfactionComment: string | null;
  ratedAt: string | null;
  returnCount: number;
  rehandleCount: number;
  reopenCount: number;
  duplicateOfId: string | null;
  assignments: MatterAssignment[];
  events: MatterEvent[];
  supervisions: MatterSupervision[];
  /** Exactly the actions this user may take now, decided by the server. */
  availableActions: MatterAction[];
  myAssignmentIds: string[];
}

export interface MatterCatalog {
  categories: {
    code: string;
    nameZh: string;
    nameEn: string;
    defaultUnitId: string | null;
    isActive: boolean;
  }[];
  priorities: { code: string; nameZh: string; nameEn: string; handleWorkdays: number; isActive: boolean }[];
  /** Units the caller may assign to (empty for those who do not dispatch). */
  units: { id: string; name: string; kind: 'department' | 'organ' | 'town' }[];
}

export interface RaiseMatterInput {
  title: string;
  description: string;
  categoryCode: string;
  priorityCode?: string;
  villageId: string;
  raiserPersonId?: string;
  raiserName?: string;
}

/** The body of POST /api/matters/:id/transitions (besides `action` and `version`). */
export type TransitionInput = { action: MatterAction } & Record<string, unknown>;

export interface AssignOrder {
  docNo: string;
  issuedOn: string;
  issuer: string;
  matter: {
    code: string;
    title: string;
    description: string;
    category: string;
    priority: string;
    villageName: string;
    townName: string;
    raiserName: string;
    raisedOn: string;
    source: string;
  };
  deadline: string;
  units: { name: string; role: AssignmentRole; signDue: string; dueDate: string }[];
}

export interface SupervisionOrder {
  docNo: string;
  issuedOn: string;
  unitName: string;
  dueDate: string;
  overdueWorkdays: number;
  matter: {
    id: string;
    code: string;
    title: string;
    dispatchNo: string | null;
    raiserName: string;
    raisedOn: string;
  };
}

export interface LoopTotals {
  raised: number;
  open: number;
  overdueNow: number;
  closed: number;
  closedSolved: number;
  sideExits: { notResponsible: number; duplicate: number; explained: number };
  closedLoopRate: number | null;
  resolved: number;
  onTime: number;
  onTimeRate: number | null;
  avgHandlingWorkdays: number | null;
  satisfaction: { satisfied: number; basic: number; dissatisfied: number; noResponse: number };
  satisfactionRate: number | null;
  rehandled: number;
  raisedAtMeetings: number;
}

export interface MatterStats {
  orgId: string;
  orgName: string;
  from: string;
  to: string;
  today: string;
  calendarCoverage: { fromYear: number; toYear: number };
  meetings: { held: number; speakers: number; attended: number };
  matters: LoopTotals;
  byCategory: (LoopTotals & { category: string })[];
  byChild: (LoopTotals & { orgId: string; name: string; kind: string })[];
}

export interface UnitScorecard {
  unitId: string;
  unitName: string;
  unitKind: string;
  assigned: number;
  led: number;
  completed: number;
  overdueOpen: number;
  returns: number;
  returnsUpheld: number;
  signOnTimeRate: number | null;
  onTimeRate: number | null;
  returnRate: number | null;
  rehandleRate: number | null;
  satisfactionRate: number | null;
  urgeCount: number;
  superviseCount: number;
  circulateCount: number;
  score: number;
  rank: number;
}

export interface Scorecards {
  orgId: string;
  orgName: string;
  from: string;
  to: string;
  items: UnitScorecard[];
}

export interface OverdueItem {
  assignmentId: string;
  matterId: string;
  code: string;
  title: string;
  state: string;
  villageId: string;
  villageName: string;
  dispatchNo: string | null;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  status: string;
  dueDate: string;
  overdueWorkdays: number;
  escalationLevel: number;
  urgeCount: number;
  superviseCount: number;
  circulateCount: number;
}

export interface OverdueList {
  total: number;
  today: string;
  items: OverdueItem[];
}
