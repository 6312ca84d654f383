import type { MatterState } from '@xinhuo/shared';
import type { WorkCalendar } from '../../platform/calendar/work-calendar';
import { HANDLING_STATES, type MatterListRow } from './matters.repository';
import type {
  MatterAssignmentsTable,
  MatterEventsTable,
  MatterSupervisionsTable,
  MattersTable,
} from './matters.tables';

/** Overdue now: still with the units and past the deadline; counted in working days on the calendar. */
function overdueOf(m: Pick<MattersTable, 'state' | 'deadline'>, today: string, cal: WorkCalendar) {
  const isOverdue =
    !!m.deadline && (HANDLING_STATES as readonly MatterState[]).includes(m.state) && m.deadline < today;
  return { isOverdue, overdueWorkdays: isOverdue ? cal.workdaysBetween(m.deadline!, today) : 0 };
}

export function toListItem(
  r: MatterListRow,
  lead: { unit_id: string; unit_name: string } | undefined,
  today: string,
  cal: WorkCalendar,
) {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    category: r.category_code,
    categoryName: r.category_name,
    priority: r.priority_code,
    state: r.state,
    outcome: r.outcome,
    satisfaction: r.satisfaction,
    source: r.source,
    meetingId: r.meeting_id,
    villageId: r.village_id,
    villageName: r.village_name,
    raiserName: r.raiser_name,
    raisedAt: r.raised_at,
    dispatchNo: r.dispatch_no,
    dispatchedAt: r.dispatched_at,
    deadline: r.deadline,
    ...overdueOf(r, today, cal),
    escalationLevel: r.escalation_level,
    leadUnit: lead ? { id: lead.unit_id, name: lead.unit_name } : null,
    closedAt: r.closed_at,
    version: r.version,
  };
}
export type MatterListItem = ReturnType<typeof toListItem>;

export function toAssignment(a: MatterAssignmentsTable & { unit_name: string }, today: string) {
  return {
    id: a.id,
    unitId: a.unit_id,
    unitName: a.unit_name,
    role: a.role,
    status: a.status,
    assignedAt: a.assigned_at,
    signDue: a.sign_due,
    dueDate: a.due_date,
    signedAt: a.signed_at,
    returnedAt: a.returned_at,
    returnReason: a.return_reason,
    returnRuling: a.return_ruling,
    reply: a.reply,
    replySignOff: a.reply_sign_off,
    submittedAt: a.submitted_at,
    completedOn: a.completed_on,
    isOnTime: a.is_on_time === null ? null : Number(a.is_on_time) === 1,
    isOverdue: Number(a.is_open) === 1 && a.due_date < today,
    urgeCount: a.urge_count,
    superviseCount: a.supervise_count,
    circulateCount: a.circulate_count,
  };
}

export function toEvent(e: MatterEventsTable) {
  return {
    id: e.id,
    at: e.at,
    actorName: e.actor_name,
    party: e.party,
    action: e.action,
    fromState: e.from_state,
    toState: e.to_state,
    reason: e.reason,
    details: JSON.parse(e.details) as Record<string, unknown>,
  };
}

export function toSupervision(s: MatterSupervisionsTable & { unit_name: string }) {
  return {
    id: s.id,
    kind: s.kind,
    level: s.level,
    unitId: s.unit_id,
    unitName: s.unit_name,
    dueDate: s.due_date,
    triggeredOn: s.triggered_on,
    docNo: s.doc_no,
    createdAt: s.created_at,
  };
}

export function detailFields(m: MattersTable) {
  return {
    description: m.description,
    raiserPersonId: m.raiser_person_id,
    originalDeadline: m.original_deadline,
    extension: m.ext_requested_due ? { requestedDue: m.ext_requested_due, reason: m.ext_reason ?? '' } : null,
    extensionCount: m.extension_count,
    resolution: m.resolution,
    signOffName: m.sign_off_name,
    submittedAt: m.submitted_at,
    acceptedAt: m.accepted_at,
    resolvedOn: m.resolved_on,
    handlingWorkdays: m.handling_workdays,
    isOnTime: m.is_on_time === null ? null : Number(m.is_on_time) === 1,
    feedbackDue: m.feedback_due,
    satisfactionComment: m.satisfaction_comment,
    ratedAt: m.rated_at,
    returnCount: m.return_count,
    rehandleCount: m.rehandle_count,
    reopenCount: m.reopen_count,
    duplicateOfId: m.duplicate_of_id,
  };
}
