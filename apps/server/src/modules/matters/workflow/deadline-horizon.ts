import { AppError, type FieldError } from '../../../platform/errors';
import type { ActionInput } from './matter-actions';

/**
 * How far a date typed into a matter may lie from today (issue 7 item 13): a deadline years away
 * hides a matter from every overdue list and supervision step, and one in the distant past or
 * future (0001-01-01, 9999-12-31) only breaks working-day arithmetic. The actions' own rules then
 * decide within this window (a deadline after today, an extension after the current deadline).
 */
const DEADLINE_HORIZON = {
  /** Slack before today, for a client whose day has not turned yet and for the actions' own clearer refusals. */
  daysBefore: 31,
  yearsAhead: 2,
} as const;

const DAY_MS = 86_400_000;

/** The first and last dates accepted on the reference date `today` (YYYY-MM-DD, Shanghai). */
export function deadlineWindow(today: string): { earliest: string; latest: string } {
  const t = new Date(`${today}T00:00:00Z`);
  const earliest = new Date(t.getTime() - DEADLINE_HORIZON.daysBefore * DAY_MS).toISOString().slice(0, 10);
  const ahead = new Date(t);
  ahead.setUTCFullYear(ahead.getUTCFullYear() + DEADLINE_HORIZON.yearsAhead);
  // 29 February plus two years rolls over to 1 March: keep the last day of February instead.
  if (ahead.getUTCDate() !== t.getUTCDate()) ahead.setUTCDate(0);
  return { earliest, latest: ahead.toISOString().slice(0, 10) };
}

/** Every date an action carries, with the path of its field in the request body. */
function datesOf(input: ActionInput): [string, string][] {
  switch (input.action) {
    case 'dispatch':
      return [
        ...(input.deadline ? [['deadline', input.deadline] as [string, string]] : []),
        ...(input.coUnits ?? []).flatMap((c, i) =>
          c.dueDate ? [[`coUnits.${i}.dueDate`, c.dueDate] as [string, string]] : [],
        ),
      ];
    case 'request_extension':
      return [['requestedDue', input.requestedDue]];
    case 'decide_extension':
    case 'reopen':
      return input.deadline ? [['deadline', input.deadline]] : [];
    // Actions without a date (listed so a new action with one must be added here).
    case 'sign':
    case 'return':
    case 'uphold_return':
    case 'overrule_return':
    case 'rule_co_return':
    case 'progress':
    case 'co_reply':
    case 'submit':
    case 'accept':
    case 'reject':
    case 'rate':
    case 'close_dissatisfied':
    case 'close_no_response':
    case 'close_side':
      return [];
  }
}

/** Refuses (400 MATTER_DEADLINE_OUT_OF_RANGE, every offending field named) dates outside the window. */
export function assertDeadlinesInHorizon(input: ActionInput, today: string): void {
  const { earliest, latest } = deadlineWindow(today);
  const fields: FieldError[] = datesOf(input)
    .filter(([, d]) => d < earliest || d > latest)
    .map(([path]) => ({ path, reason: 'DEADLINE_HORIZON' }));
  if (fields.length > 0) throw new AppError('MATTER_DEADLINE_OUT_OF_RANGE', { fields });
}
