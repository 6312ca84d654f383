import type { MatterAction, NotificationKind } from '@xinhuo/shared';
import type { Assignment } from './effect-context';

/** What a unit was asked to do on its part: handled once the unit signs, refuses, submits or replies. */
const UNIT_ASKS: readonly NotificationKind[] = [
  'matter_assigned',
  'sign_overdue',
  'due_soon',
  'urge',
  'supervise',
  'circulate',
  'matter_rejected',
  'matter_reopened',
  'return_ruled',
  'extension_decided',
  'co_replied',
];

/** The notifications an action handles: those kinds about the matter, to the orgs named (all when absent). */
export interface HandledNotices {
  kinds: readonly NotificationKind[] | 'all';
  orgIds?: string[];
}

/**
 * Which notifications asked for what this action did (a notification is read once the item it asks
 * for is handled, for everyone it went to). `mine` is the caller's unit part for a unit's action.
 */
export function handledBy(action: MatterAction, mine: Assignment | null): HandledNotices | null {
  const ownUnit = mine ? [mine.unit_id] : [];
  switch (action) {
    case 'dispatch':
      return { kinds: ['matter_registered'] };
    case 'sign':
    case 'return':
      return { kinds: ['matter_assigned', 'sign_overdue'], orgIds: ownUnit };
    case 'submit':
    case 'co_reply':
      return { kinds: UNIT_ASKS, orgIds: ownUnit };
    case 'uphold_return':
    case 'overrule_return':
    case 'rule_co_return':
      return { kinds: ['matter_returned'] };
    case 'decide_extension':
      return { kinds: ['extension_requested'] };
    case 'accept':
    case 'reject':
      return { kinds: ['matter_submitted'] };
    case 'rate':
      return { kinds: ['feedback_requested'] };
    case 'reopen':
    case 'close_dissatisfied':
      return { kinds: ['matter_dissatisfied'] };
    case 'close_side':
    case 'close_no_response':
      return { kinds: 'all' };
    case 'progress':
    case 'request_extension':
      return null;
  }
}
