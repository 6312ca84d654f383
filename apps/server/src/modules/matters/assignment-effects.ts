import { formatDocNo, type NotificationKind } from '@xinhuo/shared';
import type { Tx } from '../../database';
import { shanghaiDate } from '../../platform/clock';
import { AppError, fieldError } from '../../platform/errors';
import type { WorkCalendar } from '../../platform/calendar/work-calendar';
import type { Audience, NotifyTarget } from '../../platform/notify/notifier';
import * as repo from './matters.repository';
import { monotonicId } from '../../platform/ids';
import { pathIds } from './matter-access';
import type { ActionInput } from './matter-actions';
import type { MatterAssignmentsTable, MattersTable } from './matters.tables';

type Assignment = MatterAssignmentsTable & { unit_name?: string };

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

export interface Effect {
  patch: Partial<MattersTable>;
  details: Record<string, unknown>;
  notes: { kind: NotificationKind; to: NotifyTarget[]; date?: string; docNo?: string }[];
}

export const num = (s: Map<string, string>, k: string, dflt: number) => Number(s.get(k) ?? dflt);
export const OPEN = (status: string) => (['pending', 'signed', 'returned'].includes(status) ? 1 : 0);

/** Check the units a matter may go to: active departments/organs of its city, or its own town. */
export async function checkUnits(env: EffectEnv, ids: readonly string[], field: string) {
  const { rootId, townId } = pathIds(env.m.org_path);
  if (new Set(ids).size !== ids.length) throw fieldError(field, 'invalid_value');
  const rows = await repo.findOrgs(env.trx, ids);
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

function newAssignment(
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

async function allocateDispatchNo(env: EffectEnv): Promise<string> {
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

/** The effects of the 交办 / 签收 / 退单 phase (units taking or refusing their part); null for other actions. */
export async function applyAssignmentEffects(env: EffectEnv, input: ActionInput): Promise<Effect | null> {
  const { trx, m, cal, at, today, unit, dispatcher, raiser, lead, upd, signDays, e } = effectContext(env);
  switch (input.action) {
    case 'dispatch': {
      const days = env.priorityDays(input.priorityCode ?? m.priority_code);
      if (days === undefined) throw fieldError('priorityCode', 'invalid_value');
      const deadline = input.deadline ?? cal.addWorkdays(today, days);
      if (deadline <= today)
        throw new AppError('MATTER_DEADLINE_INVALID', {
          fields: [{ path: 'deadline', reason: 'invalid_value' }],
        });
      const co = input.coUnits ?? [];
      const units = await checkUnits(env, [input.leadUnitId, ...co.map((c) => c.unitId)], 'leadUnitId');
      const signDue = cal.addWorkdays(today, signDays);
      const byId = (id: string) => units.find((u) => u.id === id)!;
      await repo.insertAssignment(trx, newAssignment(env, byId(input.leadUnitId), 'lead', signDue, deadline));
      const coRows = [];
      for (const [i, c] of co.entries()) {
        // A co-unit answers the lead before the lead's own deadline: two working days earlier unless set.
        const due = c.dueDate ?? [cal.addWorkdays(deadline, -2), signDue].sort().reverse()[0]!;
        if (due <= today || due > deadline) {
          throw new AppError('MATTER_DEADLINE_INVALID', {
            fields: [{ path: `coUnits.${i}.dueDate`, reason: 'invalid_value' }],
          });
        }
        const row = newAssignment(env, byId(c.unitId), 'co', signDue, due);
        await repo.insertAssignment(trx, row);
        coRows.push({ unitId: c.unitId, name: byId(c.unitId).name, dueDate: due });
      }
      const dispatchNo = await allocateDispatchNo(env);
      e.patch = {
        priority_code: input.priorityCode ?? m.priority_code,
        dispatcher_org_id: env.dispatcherOrgId,
        dispatch_no: dispatchNo,
        dispatched_at: at,
        dispatched_on: today,
        deadline,
        original_deadline: deadline,
      };
      e.details = {
        dispatchNo,
        deadline,
        signDue,
        lead: { unitId: input.leadUnitId, name: byId(input.leadUnitId).name },
        coUnits: coRows,
        note: input.note,
      };
      e.notes.push({
        kind: 'matter_assigned',
        to: [input.leadUnitId, ...co.map((c) => c.unitId)].map((id) => unit({ unit_id: id })),
        date: deadline,
        docNo: dispatchNo,
      });
      e.notes.push({ kind: 'matter_assigned', to: [raiser], date: deadline, docNo: dispatchNo });
      return e;
    }
    case 'sign': {
      await upd(env.mine!, { status: 'signed', signed_at: at, responded_on: today });
      e.details = {
        assignmentId: env.mine!.id,
        unitId: env.mine!.unit_id,
        role: env.mine!.role,
        onTime: today <= env.mine!.sign_due,
      };
      e.notes.push({ kind: 'matter_signed', to: [dispatcher] });
      return e;
    }
    case 'return': {
      // The clock keeps running: the assignment stays open while the dispatcher rules.
      await upd(env.mine!, {
        status: 'returned',
        returned_at: at,
        responded_on: today,
        return_reason: input.reason,
      });
      e.patch = { return_count: m.return_count + 1 };
      e.details = { assignmentId: env.mine!.id, unitId: env.mine!.unit_id, role: env.mine!.role };
      e.notes.push({ kind: 'matter_returned', to: [dispatcher] });
      return e;
    }
    case 'uphold_return': {
      const old = env.assignments.find((a) => a.role === 'lead' && a.status === 'returned');
      if (!old) throw new AppError('MATTER_NO_RETURN_PENDING');
      if (env.assignments.some((a) => a.unit_id === input.newLeadUnitId && a.status !== 'withdrawn')) {
        throw new AppError('MATTER_UNIT_INVALID', {
          fields: [{ path: 'newLeadUnitId', reason: 'invalid_value' }],
        });
      }
      const [u] = await checkUnits(env, [input.newLeadUnitId], 'newLeadUnitId');
      await upd(old, { status: 'withdrawn', is_open: 0, return_ruling: 'upheld' });
      // The matter's clock started at the first dispatch: the new lead inherits the deadline.
      await repo.insertAssignment(
        trx,
        newAssignment(env, u!, 'lead', cal.addWorkdays(today, signDays), m.deadline!),
      );
      const dispatchNo = await allocateDispatchNo(env);
      e.patch = { dispatch_no: dispatchNo };
      e.details = {
        ruling: 'upheld',
        fromUnitId: old.unit_id,
        toUnit: { unitId: u!.id, name: u!.name },
        dispatchNo,
      };
      e.notes.push({ kind: 'return_ruled', to: [unit(old)] });
      e.notes.push({
        kind: 'matter_assigned',
        to: [unit({ unit_id: u!.id })],
        date: m.deadline!,
        docNo: dispatchNo,
      });
      return e;
    }
    case 'overrule_return': {
      const old = env.assignments.find((a) => a.role === 'lead' && a.status === 'returned');
      if (!old) throw new AppError('MATTER_NO_RETURN_PENDING');
      await upd(old, { status: 'signed', signed_at: at, return_ruling: 'overruled' });
      e.details = { ruling: 'overruled', unitId: old.unit_id };
      e.notes.push({ kind: 'return_ruled', to: [unit(old)] });
      return e;
    }
    case 'rule_co_return': {
      const a = env.assignments.find(
        (x) => x.id === input.assignmentId && x.role === 'co' && x.status === 'returned',
      );
      if (!a) throw new AppError('MATTER_NO_RETURN_PENDING');
      if (input.decision === 'uphold')
        await upd(a, { status: 'withdrawn', is_open: 0, return_ruling: 'upheld' });
      else await upd(a, { status: 'signed', signed_at: at, return_ruling: 'overruled' });
      e.details = {
        assignmentId: a.id,
        unitId: a.unit_id,
        ruling: input.decision === 'uphold' ? 'upheld' : 'overruled',
      };
      e.notes.push({ kind: 'return_ruled', to: [unit(a)] });
      return e;
    }
    case 'progress':
      e.details = { unitId: env.mine!.unit_id, role: env.mine!.role };
      return e;
    case 'co_reply': {
      const a = env.mine!;
      await upd(a, {
        status: 'submitted',
        reply: input.reply,
        reply_sign_off: input.signOffName ?? null,
        submitted_at: at,
        completed_on: today,
        is_on_time: today <= a.due_date ? 1 : 0,
        is_open: 0,
      });
      e.details = { unitId: a.unit_id, onTime: today <= a.due_date };
      if (lead) e.notes.push({ kind: 'co_replied', to: [unit(lead)] });
      return e;
    }
    case 'request_extension':
    case 'decide_extension':
    case 'submit':
    case 'accept':
    case 'reject':
    case 'rate':
    case 'reopen':
    case 'close_dissatisfied':
    case 'close_no_response':
    case 'close_side':
      return null;
  }
}
