import type { Rating, SideExitOutcome } from '@xinhuo/shared';

/** The body of a workflow action as the API takes it, without the version (close_no_response is the sweep's alone). */
export type ActionBody =
  | {
      action: 'dispatch';
      leadUnitId: string;
      coUnits?: { unitId: string; dueDate?: string }[];
      priorityCode?: string;
      deadline?: string;
      note?: string;
    }
  | { action: 'sign'; assignmentId?: string }
  | { action: 'return'; assignmentId?: string; reason: string }
  | { action: 'uphold_return'; newLeadUnitId: string; reason: string }
  | { action: 'overrule_return'; reason: string }
  | { action: 'rule_co_return'; assignmentId: string; decision: 'uphold' | 'overrule'; reason: string }
  | { action: 'progress'; assignmentId?: string; note: string }
  | { action: 'co_reply'; assignmentId?: string; reply: string; signOffName?: string }
  | { action: 'request_extension'; requestedDue: string; reason: string }
  | { action: 'decide_extension'; approve: boolean; reason?: string; deadline?: string }
  | { action: 'submit'; resolution: string; signOffName: string }
  | { action: 'accept'; note?: string }
  | { action: 'reject'; reason: string }
  | { action: 'rate'; rating: Rating; comment?: string }
  | { action: 'reopen'; reason: string; deadline?: string }
  | { action: 'close_dissatisfied'; reason: string }
  | { action: 'close_no_response' }
  | { action: 'close_side'; outcome: SideExitOutcome; reason: string; duplicateOfId?: string };

/** An action with the matter version it was taken against (optimistic concurrency). */
export type ActionInput = ActionBody & { version: number };

/** The free text an action carries (reason, note, reply, resolution or comment), for the "reason required" rule. */
export function textOf(i: ActionInput): string | null {
  const r = i as Record<string, unknown>;
  const t = r.reason ?? r.note ?? r.reply ?? r.resolution ?? r.comment;
  return typeof t === 'string' && t.length > 0 ? t : null;
}
