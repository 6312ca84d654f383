import { formatDocNo, type MatterAction, type NotificationKind } from '@xinhuo/shared';
import type { Tx } from '../../../database';
import { shanghaiDate } from '../../../platform/clock';
import { AppError, fieldError } from '../../../platform/errors';
import type { WorkCalendar } from '../../../platform/calendar/work-calendar';
import type { Audience, NotifyTarget } from '../../../platform/notify/notifier';
import { monotonicId } from '../../../platform/ids';
import * as repo from '../matters.repository';
import { pathIds } from '../matter-access';
import type { ActionInput } from './matter-actions';
import type { MatterAssignmentsTable, MattersTable } from '../matters.tables';

export type Assignment = MatterAssignmentsTable & { unit_name?: string };

/** What an action's effect may read: the matter and its units as loaded in the action's transaction. */
export interface EffectEnv {
  trx: Tx;
  now: Date;
  cal: WorkCalendar;
  settings: Map<string, string>;
  m: MattersTable;
  assignments: Assignment[];
  mine: Assignment | null;
  dispatcherOrgId: string;
  priorityDays: (code: string) => number | undefined;
}

/** What an effect returns: the matter patch, the event's details and the notices to send (unit rows it writes itself). */
export interface Effect {
  patch: Partial<MattersTable>;
  details: Record<string, unknown>;
  notes: { kind: NotificationKind; to: NotifyTarget[]; date?: string; docNo?: string }[];
}

/** The request of one action, narrowed by its name. */
type InputOf<A extends MatterAction> = Extract<ActionInput, { action: A }>;
/** The effect of one allowed action (the machine has already decided it may be taken). */
export type EffectOf<A extends MatterAction> = (env: EffectEnv, input: InputOf<A>) => Promise<Effect>;

export const num = (s: Map<string, string>, k: string, dflt: number) => Number(s.get(k) ?? dflt);
export const OPEN = (status: string) => (['pending', 'signed', 'returned'].includes(status) ? 1 : 0);

/** A deadline refusal pointing at the field that carried it. */
export const deadlineInvalid = (path: string) =>
  new AppError('MATTER_DEADLINE_INVALID', { fields: [{ path, reason: 'invalid_value' }] });

/** Check the units a matter may go to: active departments/organs of its city, or its own town. */
export async function checkUnits(env: EffectEnv, ids: readonly string[], field: string) {
  const { rootId, townId } = pathIds(env.m.org_path);
  if (new Set(ids).size !== ids.length) throw fieldError(field, 'invalid_value');
  const rows = await repo.findOrgsByIds(env.trx, ids);
  for (const id of ids) {
    const o = rows.find((r) => r.id === id);
    const ok =
      o &&
      Number(o.is_active) === 1 &&
      o.path.startsWith(`/${rootId}/`) &&
      (o.kind === 'department' || o.kind === 'organ' || (o.kind === 'town' && o.id === townId));
    if (!ok)
      throw new AppError('MATTER_UNIT_INVALID', { fields: [{ path: field, reason: 'invalid_value' }] });
  }
  return rows;
}

/** A unit's fresh part in the matter, waiting for 签收. */
export function newAssignment(
  env: EffectEnv,
  unit: { id: string; path: string },
  role: 'lead' | 'co',
  signDue: string,
  due: string,
): Assignment {
  const at = env.now.toISOString();
  return {
    id: monotonicId(env.now.getTime()),
    matter_id: env.m.id,
    unit_id: unit.id,
    unit_path: unit.path,
    org_path: env.m.org_path,
    raised_on: env.m.raised_on,
    role,
    status: 'pending',
    is_open: 1,
    assigned_at: at,
    sign_due: signDue,
    due_date: due,
    responded_on: null,
    signed_at: null,
    returned_at: null,
    return_reason: null,
    return_ruling: null,
    reply: null,
    reply_sign_off: null,
    submitted_at: null,
    completed_on: null,
    is_on_time: null,
    rehandle_count: 0,
    satisfaction: null,
    urge_count: 0,
    supervise_count: 0,
    circulate_count: 0,
    ladder_mask: 0,
    created_at: at,
    updated_at: at,
  };
}

/** The next 交办单 number of the year. */
export async function allocateDispatchNo(env: EffectEnv): Promise<string> {
  const year = Number(shanghaiDate(env.now).slice(0, 4));
  const seq = await repo.nextDocSeq(env.trx, 'assign', year);
  return formatDocNo(env.settings.get('assign_doc_prefix') ?? '交', year, seq);
}

/** What every effect needs: the matter, today, and who to notify (the unit, the dispatching desk, the raiser). */
export function effectContext(env: EffectEnv) {
  const { trx, m, cal } = env;
  const at = env.now.toISOString();
  const today = shanghaiDate(env.now);
  const { villageId } = pathIds(m.org_path);
  const unit = (a: { unit_id: string }): NotifyTarget => ({ orgId: a.unit_id, audience: 'handler' });
  const org = (orgId: string, audience: Audience): NotifyTarget => ({ orgId, audience });
  const lead = env.assignments.find((a) => a.role === 'lead' && a.status !== 'withdrawn');
  const upd = (a: Assignment, patch: Partial<MatterAssignmentsTable>) =>
    repo.updateAssignment(trx, a.id, { ...patch, updated_at: at });
  return {
    trx,
    m,
    cal,
    at,
    today,
    unit,
    dispatcher: org(env.dispatcherOrgId, 'dispatcher'),
    raiser: org(villageId, 'raiser'),
    lead,
    upd,
    signDays: num(env.settings, 'sign_for_workdays', 1),
    e: { patch: {}, details: {}, notes: [] } as Effect,
  };
}
