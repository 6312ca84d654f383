import {
  MATTER_ACTIONS,
  type AssignmentStatus,
  type ErrorCode,
  type MatterAction,
  type MatterParty,
  type MatterState,
  type Rating,
} from '@xinhuo/shared';

/** What the guards may look at; the service fills it from the matter and the caller's assignment. */
export interface MachineContext {
  /** Status of the caller's own assignment, for the actions a unit takes on its part. */
  assignmentStatus?: AssignmentStatus | null;
  hasPendingExtension?: boolean;
  hasPendingCoReturn?: boolean;
  rating?: Rating;
}

interface Rule {
  action: MatterAction;
  parties: readonly MatterParty[];
  from: readonly MatterState[];
  /** null: the matter keeps its state (the action changes a unit's part, or only adds to the record). */
  to: MatterState | null | ((ctx: MachineContext) => MatterState);
  reason: boolean;
  guard?: (ctx: MachineContext) => ErrorCode | null;
}

const isPending = (c: MachineContext): ErrorCode | null =>
  c.assignmentStatus === 'pending' ? null : 'MATTER_ALREADY_SIGNED';
const isSigned = (c: MachineContext): ErrorCode | null =>
  c.assignmentStatus === 'signed' ? null : 'MATTER_NOT_SIGNED';

// Units may act on their own part while the lead is still working; co-units never move the matter.
const CO_OPEN: readonly MatterState[] = ['dispatched', 'returned', 'in_progress', 'submitted'];

/** The whole workflow: state × action × party → next state, guard, and whether a reason is required. */
const MATTER_RULES: readonly Rule[] = [
  { action: 'dispatch', parties: ['dispatcher'], from: ['registered'], to: 'dispatched', reason: false },
  {
    action: 'sign',
    parties: ['lead'],
    from: ['dispatched'],
    to: 'in_progress',
    reason: false,
    guard: isPending,
  },
  { action: 'sign', parties: ['co_unit'], from: CO_OPEN, to: null, reason: false, guard: isPending },
  // 退单 only before 签收: once signed for, a unit cannot walk away from a matter.
  {
    action: 'return',
    parties: ['lead'],
    from: ['dispatched'],
    to: 'returned',
    reason: true,
    guard: isPending,
  },
  {
    action: 'return',
    parties: ['co_unit'],
    from: ['dispatched', 'returned', 'in_progress'],
    to: null,
    reason: true,
    guard: isPending,
  },
  { action: 'uphold_return', parties: ['dispatcher'], from: ['returned'], to: 'dispatched', reason: true },
  { action: 'overrule_return', parties: ['dispatcher'], from: ['returned'], to: 'in_progress', reason: true },
  {
    action: 'rule_co_return',
    parties: ['dispatcher'],
    from: CO_OPEN,
    to: null,
    reason: true,
    guard: (c) => (c.hasPendingCoReturn ? null : 'MATTER_NO_RETURN_PENDING'),
  },
  { action: 'progress', parties: ['lead'], from: ['in_progress'], to: null, reason: true },
  {
    action: 'progress',
    parties: ['co_unit'],
    from: ['in_progress'],
    to: null,
    reason: true,
    guard: isSigned,
  },
  { action: 'co_reply', parties: ['co_unit'], from: CO_OPEN, to: null, reason: true, guard: isSigned },
  {
    action: 'request_extension',
    parties: ['lead'],
    from: ['in_progress'],
    to: null,
    reason: true,
    guard: (c) => (c.hasPendingExtension ? 'MATTER_EXTENSION_PENDING' : null),
  },
  {
    action: 'decide_extension',
    parties: ['dispatcher'],
    from: ['in_progress'],
    to: null,
    reason: false,
    guard: (c) => (c.hasPendingExtension ? null : 'MATTER_NO_EXTENSION_PENDING'),
  },
  { action: 'submit', parties: ['lead'], from: ['in_progress'], to: 'submitted', reason: true },
  { action: 'accept', parties: ['verifier'], from: ['submitted'], to: 'awaiting_feedback', reason: false },
  // 查办 rejects with a reason, and the matter goes back to the unit as 重办.
  { action: 'reject', parties: ['verifier'], from: ['submitted'], to: 'in_progress', reason: true },
  {
    action: 'rate',
    parties: ['raiser'],
    from: ['awaiting_feedback'],
    to: (c) => (c.rating === 'dissatisfied' ? 'dissatisfied' : 'closed'),
    // A dissatisfied rating must say why; a satisfied one need not.
    reason: false,
    guard: (c) => (c.rating ? null : 'VALIDATION_FAILED'),
  },
  { action: 'reopen', parties: ['dispatcher'], from: ['dissatisfied'], to: 'in_progress', reason: true },
  {
    action: 'close_dissatisfied',
    parties: ['dispatcher'],
    from: ['dissatisfied'],
    to: 'closed',
    reason: true,
  },
  {
    action: 'close_no_response',
    parties: ['system'],
    from: ['awaiting_feedback'],
    to: 'closed',
    reason: false,
  },
  {
    action: 'close_side',
    parties: ['dispatcher'],
    from: ['registered', 'dispatched', 'returned', 'in_progress'],
    to: 'closed',
    reason: true,
  },
];

export type Decision =
  { ok: true; to: MatterState; party: MatterParty; reasonRequired: boolean } | { ok: false; code: ErrorCode };

/**
 * Decide one action. Refusals are ordered so the answer is the most useful one: not a party to this
 * action at all → MATTER_ACTION_FORBIDDEN; a party, but not in this state → MATTER_ILLEGAL_TRANSITION;
 * then the guard's own code; then a missing reason.
 */
export function decide(
  state: MatterState,
  action: MatterAction,
  parties: readonly MatterParty[],
  ctx: MachineContext = {},
  hasReason = true,
): Decision {
  const mine = MATTER_RULES.filter((r) => r.action === action && r.parties.some((p) => parties.includes(p)));
  if (mine.length === 0) return { ok: false, code: 'MATTER_ACTION_FORBIDDEN' };
  const rule = mine.find((r) => r.from.includes(state));
  if (!rule) return { ok: false, code: 'MATTER_ILLEGAL_TRANSITION' };
  const refused = rule.guard?.(ctx);
  if (refused) return { ok: false, code: refused };
  const reasonRequired = rule.reason || (action === 'rate' && ctx.rating === 'dissatisfied');
  if (reasonRequired && !hasReason) return { ok: false, code: 'MATTER_REASON_REQUIRED' };
  const to = rule.to === null ? state : typeof rule.to === 'function' ? rule.to(ctx) : rule.to;
  const party = rule.parties.find((p) => parties.includes(p))!;
  return { ok: true, to, party, reasonRequired };
}

/** The actions a caller may take now (the web shows buttons for exactly these). */
export function availableActions(
  state: MatterState,
  partiesOf: (action: MatterAction) => { parties: readonly MatterParty[]; ctx: MachineContext },
): MatterAction[] {
  return MATTER_ACTIONS.filter((a) => {
    const { parties, ctx } = partiesOf(a);
    // `rate` is offered when rating in principle is possible; the rating itself comes with the request.
    return decide(state, a, parties, a === 'rate' ? { ...ctx, rating: 'satisfied' } : ctx, true).ok;
  });
}
