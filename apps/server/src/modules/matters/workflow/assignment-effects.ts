import { AppError, fieldError } from '../../../platform/errors';
import * as repo from '../matters.repository';
import {
  allocateDispatchNo,
  checkUnits,
  deadlineInvalid,
  effectContext,
  newAssignment,
  type EffectOf,
} from './effect-context';

// The effects of the 交办 / 签收 / 退单 phase: units taking or refusing their part, one function per
// action in the order of the machine's rules table (matter-machine.ts).

/** 交办: the lead and co-units get their parts, the matter its 交办单 number and deadline. */
export const dispatch: EffectOf<'dispatch'> = async (env, input) => {
  const { trx, m, cal, at, today, unit, raiser, signDays, e } = effectContext(env);
  const days = env.priorityDays(input.priorityCode ?? m.priority_code);
  if (days === undefined) throw fieldError('priorityCode', 'invalid_value');
  const deadline = input.deadline ?? cal.addWorkdays(today, days);
  if (deadline <= today) throw deadlineInvalid('deadline');
  const co = input.coUnits ?? [];
  const units = await checkUnits(env, [input.leadUnitId, ...co.map((c) => c.unitId)], 'leadUnitId');
  const signDue = cal.addWorkdays(today, signDays);
  const byId = (id: string) => units.find((u) => u.id === id)!;
  await repo.insertAssignment(trx, newAssignment(env, byId(input.leadUnitId), 'lead', signDue, deadline));
  const coRows = [];
  for (const [i, c] of co.entries()) {
    // A co-unit answers the lead before the lead's own deadline: two working days earlier unless set.
    const due = c.dueDate ?? [cal.addWorkdays(deadline, -2), signDue].sort().reverse()[0]!;
    if (due <= today || due > deadline) throw deadlineInvalid(`coUnits.${i}.dueDate`);
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
};

/** 签收: the caller's unit takes its part (lead or co-unit alike). */
export const sign: EffectOf<'sign'> = async (env) => {
  const { at, today, dispatcher, upd, e } = effectContext(env);
  await upd(env.mine!, { status: 'signed', signed_at: at, responded_on: today });
  e.details = {
    assignmentId: env.mine!.id,
    unitId: env.mine!.unit_id,
    role: env.mine!.role,
    onTime: today <= env.mine!.sign_due,
  };
  e.notes.push({ kind: 'matter_signed', to: [dispatcher] });
  return e;
};

/** 退单: the caller's unit refuses its part; the clock keeps running while the dispatcher rules. */
export const returnPart: EffectOf<'return'> = async (env, input) => {
  const { m, at, today, dispatcher, upd, e } = effectContext(env);
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
};

/** The lead's 退单 upheld: its part is withdrawn and a new lead inherits the matter's deadline. */
export const upholdReturn: EffectOf<'uphold_return'> = async (env, input) => {
  const { trx, m, cal, today, unit, upd, signDays, e } = effectContext(env);
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
};

/** The lead's 退单 overruled: the lead keeps the matter, as if it had signed for it. */
export const overruleReturn: EffectOf<'overrule_return'> = async (env) => {
  const { at, unit, upd, e } = effectContext(env);
  const old = env.assignments.find((a) => a.role === 'lead' && a.status === 'returned');
  if (!old) throw new AppError('MATTER_NO_RETURN_PENDING');
  await upd(old, { status: 'signed', signed_at: at, return_ruling: 'overruled' });
  e.details = { ruling: 'overruled', unitId: old.unit_id };
  e.notes.push({ kind: 'return_ruled', to: [unit(old)] });
  return e;
};

/** A co-unit's 退单 ruled: withdrawn when upheld, signed for when overruled. */
export const ruleCoReturn: EffectOf<'rule_co_return'> = async (env, input) => {
  const { at, unit, upd, e } = effectContext(env);
  const a = env.assignments.find(
    (x) => x.id === input.assignmentId && x.role === 'co' && x.status === 'returned',
  );
  if (!a) throw new AppError('MATTER_NO_RETURN_PENDING');
  if (input.decision === 'uphold') await upd(a, { status: 'withdrawn', is_open: 0, return_ruling: 'upheld' });
  else await upd(a, { status: 'signed', signed_at: at, return_ruling: 'overruled' });
  e.details = {
    assignmentId: a.id,
    unitId: a.unit_id,
    ruling: input.decision === 'uphold' ? 'upheld' : 'overruled',
  };
  e.notes.push({ kind: 'return_ruled', to: [unit(a)] });
  return e;
};

/** A progress note: only the event record (its text is the event's reason). */
export const progress: EffectOf<'progress'> = async (env) => {
  const { e } = effectContext(env);
  e.details = { unitId: env.mine!.unit_id, role: env.mine!.role };
  return e;
};

/** A co-unit's reply to the lead closes its part, on time or late against its own sub-deadline. */
export const coReply: EffectOf<'co_reply'> = async (env, input) => {
  const { at, today, unit, lead, upd, e } = effectContext(env);
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
};
