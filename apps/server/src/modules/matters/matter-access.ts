import {
  MATTER_LABELS,
  MATTER_PARTIES,
  type MatterAction,
  type MatterParty,
  type NotificationKind,
} from '@xinhuo/shared';
import { can, type Caller } from '../../platform/caller';
import { isWithin } from '../../platform/http/scope';
import type { NotificationInput } from '../../platform/notify/notifier';
import type { MachineContext } from './workflow/matter-machine';
import type { MatterAssignmentsTable, MattersTable } from './matters.tables';
import type { Visibility } from './matters.repository';

type Assignment = MatterAssignmentsTable & { unit_name?: string };

export const visibilityOf = (caller: Caller): Visibility => ({
  scopePaths: caller.scopePaths,
  userId: caller.userId,
});

/** Actions a unit takes on its own part of the matter (which assignment is "mine" matters). */
const UNIT_ACTIONS: readonly MatterAction[] = [
  'sign',
  'return',
  'progress',
  'co_reply',
  'request_extension',
  'submit',
];
const LEAD_ONLY: readonly MatterAction[] = ['request_extension', 'submit'];
const FITS: Partial<Record<MatterAction, readonly string[]>> = {
  sign: ['pending'],
  return: ['pending'],
  co_reply: ['signed'],
  progress: ['signed'],
};

export interface CallerParties {
  /** Parties that do not depend on a unit (dispatcher, verifier, raiser, system). */
  general: MatterParty[];
  /** The caller's active assignments on this matter (as lead or co-unit). */
  units: Assignment[];
}

/** How the caller relates to this matter; decided from permissions, scope and the assignments, never from a role name. */
export function partiesFor(
  caller: Caller,
  m: MattersTable,
  assignments: readonly Assignment[],
): CallerParties {
  const active = assignments.filter((a) => a.status !== 'withdrawn');
  if (caller.permissions === 'system') {
    return { general: MATTER_PARTIES.filter((p) => p !== 'lead' && p !== 'co_unit'), units: active };
  }
  const inScope = isWithin(m.org_path, caller.scopePaths);
  const general: MatterParty[] = [];
  if (can(caller, 'matters:dispatch') && inScope) general.push('dispatcher');
  if (can(caller, 'matters:verify') && inScope) general.push('verifier');
  if (can(caller, 'matters:rate') && (inScope || (!!caller.userId && m.raised_by_user_id === caller.userId)))
    general.push('raiser');
  const units = can(caller, 'matters:handle')
    ? active.filter((a) => isWithin(a.unit_path, caller.scopePaths))
    : [];
  return { general, units };
}

/** The caller's assignment an action applies to: the one named, else the one that fits (the lead first). */
function pickAssignment(
  action: MatterAction,
  units: readonly Assignment[],
  explicitId?: string,
): Assignment | null {
  if (!UNIT_ACTIONS.includes(action)) return null;
  if (explicitId) return units.find((a) => a.id === explicitId) ?? null;
  const pool = LEAD_ONLY.includes(action) ? units.filter((a) => a.role === 'lead') : units;
  const fits = FITS[action];
  const fitting = fits ? pool.filter((a) => fits.includes(a.status)) : pool;
  const from = fitting.length > 0 ? fitting : pool;
  return from.find((a) => a.role === 'lead') ?? from[0] ?? null;
}

/** Parties and guard context for one action, as the state machine wants them. */
export function machineInput(
  action: MatterAction,
  m: MattersTable,
  assignments: readonly Assignment[],
  cp: CallerParties,
  explicitAssignmentId?: string,
): { parties: MatterParty[]; ctx: MachineContext; assignment: Assignment | null } {
  const assignment = pickAssignment(action, cp.units, explicitAssignmentId);
  const parties = [...cp.general];
  if (assignment) parties.push(assignment.role === 'lead' ? 'lead' : 'co_unit');
  else if (!UNIT_ACTIONS.includes(action)) {
    // Non-unit actions: a unit party still counts, so "not yours" and "not now" are told apart.
    if (cp.units.some((a) => a.role === 'lead')) parties.push('lead');
    if (cp.units.some((a) => a.role === 'co')) parties.push('co_unit');
  }
  const ctx: MachineContext = {
    assignmentStatus: (assignment?.status as MachineContext['assignmentStatus']) ?? null,
    hasPendingExtension: m.ext_requested_due !== null,
    hasPendingCoReturn: assignments.some((a) => a.role === 'co' && a.status === 'returned'),
  };
  return { parties, ctx, assignment };
}

/** The localized one-line text of a notification about a matter. */
export function noteFor(
  kind: NotificationKind,
  m: Pick<MattersTable, 'id' | 'code' | 'title'>,
  extra: { date?: string; docNo?: string } = {},
): NotificationInput {
  const label = MATTER_LABELS.notification[kind];
  const suffixZh = [extra.docNo, extra.date ? `期限 ${extra.date}` : ''].filter(Boolean).join('，');
  const suffixEn = [extra.docNo, extra.date ? `due ${extra.date}` : ''].filter(Boolean).join(', ');
  return {
    kind,
    text: {
      zh: `${label.zh}：${m.code}「${m.title}」${suffixZh ? `（${suffixZh}）` : ''}`,
      en: `${label.en}: ${m.code} "${m.title}"${suffixEn ? ` (${suffixEn})` : ''}`,
    },
    params: { code: m.code, title: m.title, ...extra },
    objectType: 'matter',
    objectId: m.id,
  };
}

/**
 * The village of a matter's org path (its last id), the village's town (its parent) and the org above the
 * town whose desk runs the loop (the city or county): counted from the village up, so a deeper tree
 * (province → city → county → town → village) names the county and the town, not the province. A village
 * directly under the root has no town.
 */
export function pathIds(orgPath: string): { rootId: string; townId: string | null; villageId: string } {
  const ids = orgPath.split('/').filter(Boolean);
  const n = ids.length;
  return {
    rootId: n >= 3 ? ids[n - 3]! : ids[0]!,
    townId: n >= 3 ? ids[n - 2]! : null,
    villageId: ids[n - 1]!,
  };
}
