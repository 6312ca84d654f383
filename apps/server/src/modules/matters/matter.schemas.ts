import { z } from 'zod';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  MATTER_ACTIONS,
  MATTER_OUTCOMES,
  MATTER_PARTIES,
  MATTER_SOURCES,
  MATTER_STATES,
  RATING_VALUES,
  SATISFACTION_VALUES,
  SIDE_EXIT_OUTCOMES,
  SUPERVISION_KINDS,
} from '@xinhuo/shared';
import { isoDate, safeText, uuid, version } from '../../platform/http/schemas';

/** Request and response schemas of the matter routes (the API contract the web is built against). */
export const code = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'invalid_format' });
const text = (max: number, min = 1) => safeText(max, min);

export const raiseBody = z.strictObject({
  title: text(120, 2),
  description: text(4000, 2),
  categoryCode: code,
  priorityCode: code.optional(),
  villageId: uuid,
  raiserPersonId: uuid.optional(),
  raiserName: text(50).optional(),
});

const states = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(MATTER_STATES)).min(1).max(MATTER_STATES.length));

export const listFilters = {
  orgId: uuid.optional(),
  state: states.optional(),
  category: code.optional(),
  priority: code.optional(),
  source: z.enum(MATTER_SOURCES).optional(),
  outcome: z.enum(MATTER_OUTCOMES).optional(),
  satisfaction: z.enum(SATISFACTION_VALUES).optional(),
  meetingId: uuid.optional(),
  unitId: uuid.optional(),
  raisedFrom: isoDate.optional(),
  raisedTo: isoDate.optional(),
  q: text(50).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  minEscalation: z.coerce.number().int().min(1).max(3).optional(),
  sort: z.enum(['raisedAt', 'deadline', 'updatedAt']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
};

const a = <T extends string, S extends z.ZodRawShape>(action: T, shape: S) =>
  z.strictObject({ action: z.literal(action), version, ...shape });
const reason = text(2000);

/** One body per workflow action; `version` is the matter's, for optimistic concurrency. */
export const transitionBody = z.discriminatedUnion('action', [
  a('dispatch', {
    leadUnitId: uuid,
    coUnits: z
      .array(z.strictObject({ unitId: uuid, dueDate: isoDate.optional() }))
      .max(10)
      .optional(),
    priorityCode: code.optional(),
    deadline: isoDate.optional(),
    note: text(2000).optional(),
  }),
  a('sign', { assignmentId: uuid.optional() }),
  a('return', { assignmentId: uuid.optional(), reason }),
  a('uphold_return', { newLeadUnitId: uuid, reason }),
  a('overrule_return', { reason }),
  a('rule_co_return', { assignmentId: uuid, decision: z.enum(['uphold', 'overrule']), reason }),
  a('progress', { assignmentId: uuid.optional(), note: text(2000) }),
  a('co_reply', { assignmentId: uuid.optional(), reply: text(4000), signOffName: text(50).optional() }),
  a('request_extension', { requestedDue: isoDate, reason }),
  a('decide_extension', { approve: z.boolean(), reason: reason.optional(), deadline: isoDate.optional() }),
  a('submit', { resolution: text(4000), signOffName: text(50) }),
  a('accept', { note: text(2000).optional() }),
  a('reject', { reason }),
  a('rate', { rating: z.enum(RATING_VALUES), comment: text(2000).optional() }),
  a('reopen', { reason, deadline: isoDate.optional() }),
  a('close_dissatisfied', { reason }),
  a('close_side', { outcome: z.enum(SIDE_EXIT_OUTCOMES), reason, duplicateOfId: uuid.optional() }),
]);

const n = z.number();
const sn = z.string().nullable();

export const matterListItem = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  category: z.string(),
  categoryName: z.string(),
  priority: z.string(),
  state: z.enum(MATTER_STATES),
  outcome: z.enum(MATTER_OUTCOMES).nullable(),
  satisfaction: z.enum(SATISFACTION_VALUES).nullable(),
  source: z.enum(MATTER_SOURCES),
  meetingId: sn,
  villageId: z.string(),
  villageName: z.string(),
  raiserName: z.string(),
  raisedAt: z.string(),
  dispatchNo: sn,
  dispatchedAt: sn,
  deadline: sn,
  isOverdue: z.boolean(),
  overdueWorkdays: n,
  escalationLevel: n,
  leadUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  closedAt: sn,
  version: n,
});

export const matterDetail = matterListItem.extend({
  description: z.string(),
  raiserPersonId: sn,
  townName: sn,
  originalDeadline: sn,
  extension: z.object({ requestedDue: z.string(), reason: z.string() }).nullable(),
  extensionCount: n,
  resolution: sn,
  signOffName: sn,
  submittedAt: sn,
  acceptedAt: sn,
  resolvedOn: sn,
  handlingWorkdays: n.nullable(),
  isOnTime: z.boolean().nullable(),
  feedbackDue: sn,
  satisfactionComment: sn,
  ratedAt: sn,
  returnCount: n,
  rehandleCount: n,
  reopenCount: n,
  duplicateOfId: sn,
  assignments: z.array(
    z.object({
      id: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      role: z.enum(ASSIGNMENT_ROLES),
      status: z.enum(ASSIGNMENT_STATUSES),
      assignedAt: z.string(),
      signDue: z.string(),
      dueDate: z.string(),
      signedAt: sn,
      returnedAt: sn,
      returnReason: sn,
      returnRuling: z.enum(['upheld', 'overruled']).nullable(),
      reply: sn,
      replySignOff: sn,
      submittedAt: sn,
      completedOn: sn,
      isOnTime: z.boolean().nullable(),
      isOverdue: z.boolean(),
      urgeCount: n,
      superviseCount: n,
      circulateCount: n,
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actorName: z.string(),
      party: z.enum(MATTER_PARTIES),
      action: z.string(),
      fromState: z.string(),
      toState: z.string(),
      reason: sn,
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  supervisions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(SUPERVISION_KINDS),
      level: n,
      unitId: z.string(),
      unitName: z.string(),
      dueDate: z.string(),
      triggeredOn: z.string(),
      docNo: sn,
      createdAt: z.string(),
    }),
  ),
  availableActions: z.array(z.enum(MATTER_ACTIONS)),
  myAssignmentIds: z.array(z.string()),
});

export const periodQuery = { orgId: uuid.optional(), from: isoDate.optional(), to: isoDate.optional() };

const totals = {
  raised: n,
  open: n,
  overdueNow: n,
  closed: n,
  closedSolved: n,
  sideExits: z.object({ notResponsible: n, duplicate: n, explained: n }),
  closedLoopRate: n.nullable(),
  resolved: n,
  onTime: n,
  onTimeRate: n.nullable(),
  avgHandlingWorkdays: n.nullable(),
  satisfaction: z.object({ satisfied: n, basic: n, dissatisfied: n, noResponse: n }),
  satisfactionRate: n.nullable(),
  rehandled: n,
  raisedAtMeetings: n,
};

export const summarySchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  today: z.string(),
  calendarCoverage: z.object({ fromYear: n, toYear: n }),
  meetings: z.object({ held: n, speakers: n, attended: n }),
  matters: z.object(totals),
  byCategory: z.array(z.object({ category: z.string(), ...totals })),
  byChild: z.array(z.object({ orgId: z.string(), name: z.string(), kind: z.string(), ...totals })),
});

export const scorecardSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      unitKind: z.string(),
      assigned: n,
      led: n,
      completed: n,
      overdueOpen: n,
      returns: n,
      returnsUpheld: n,
      signOnTimeRate: n.nullable(),
      onTimeRate: n.nullable(),
      returnRate: n.nullable(),
      rehandleRate: n.nullable(),
      satisfactionRate: n.nullable(),
      urgeCount: n,
      superviseCount: n,
      circulateCount: n,
      score: n,
      rank: n,
    }),
  ),
});

export const overdueSchema = z.object({
  total: n,
  today: z.string(),
  items: z.array(
    z.object({
      assignmentId: z.string(),
      matterId: z.string(),
      code: z.string(),
      title: z.string(),
      state: z.string(),
      villageId: z.string(),
      villageName: z.string(),
      dispatchNo: sn,
      unitId: z.string(),
      unitName: z.string(),
      role: z.enum(ASSIGNMENT_ROLES),
      status: z.string(),
      dueDate: z.string(),
      overdueWorkdays: n,
      escalationLevel: n,
      urgeCount: n,
      superviseCount: n,
      circulateCount: n,
    }),
  ),
});
