import { shanghaiDate } from '../../../platform/clock';
import { AppError, fieldError } from '../../../platform/errors';
import * as repo from '../matters.repository';
import { deadlineInvalid, effectContext, num, OPEN, type EffectOf } from './effect-context';

// The effects of the handling phase onwards (延期, 办结, 查办, 回访, 销号): one function per action in
// the order of the machine's rules table (matter-machine.ts).

/** 申请延期: the lead asks for a date after the current deadline; the dispatcher is told. */
export const requestExtension: EffectOf<'request_extension'> = async (env, input) => {
  const { m, today, dispatcher, e } = effectContext(env);
  if (input.requestedDue <= (m.deadline ?? today)) throw deadlineInvalid('requestedDue');
  e.patch = { ext_requested_due: input.requestedDue, ext_reason: input.reason };
  e.details = { requestedDue: input.requestedDue, currentDeadline: m.deadline };
  e.notes.push({ kind: 'extension_requested', to: [dispatcher], date: input.requestedDue });
  return e;
};

/** 延期审批: approved moves the matter's and the lead's deadline; a refusal must say why. */
export const decideExtension: EffectOf<'decide_extension'> = async (env, input) => {
  const { m, today, unit, raiser, lead, upd, e } = effectContext(env);
  if (!input.approve && !input.reason) throw new AppError('MATTER_REASON_REQUIRED');
  const newDue = input.approve ? (input.deadline ?? m.ext_requested_due!) : null;
  if (newDue !== null && newDue <= (m.deadline ?? today)) throw deadlineInvalid('deadline');
  e.patch = { ext_requested_due: null, ext_reason: null };
  if (newDue) {
    e.patch = { ...e.patch, deadline: newDue, extension_count: m.extension_count + 1 };
    if (lead) await upd(lead, { due_date: newDue });
  }
  e.details = { approved: input.approve, requestedDue: m.ext_requested_due, newDeadline: newDue };
  // The raiser is told the new date (回访 practice: the person who raised it hears of every delay).
  e.notes.push({
    kind: 'extension_decided',
    to: lead ? [unit(lead), raiser] : [raiser],
    date: newDue ?? m.deadline ?? undefined,
  });
  return e;
};

/** 办结: the lead submits its resolution for 查办; a pending extension request lapses. */
export const submit: EffectOf<'submit'> = async (env, input) => {
  const { m, at, dispatcher, upd, e } = effectContext(env);
  await upd(env.mine!, {
    status: 'submitted',
    reply: input.resolution,
    reply_sign_off: input.signOffName,
    submitted_at: at,
    is_open: 0,
  });
  e.patch = {
    submitted_at: at,
    resolution: input.resolution,
    sign_off_name: input.signOffName,
    ext_requested_due: null,
    ext_reason: null,
  };
  e.details = { signOffName: input.signOffName, droppedExtension: m.ext_requested_due };
  e.notes.push({ kind: 'matter_submitted', to: [dispatcher] });
  return e;
};

/** 查办 accepts: the matter is resolved on the day it was submitted and waits for the raiser's 回访. */
export const accept: EffectOf<'accept'> = async (env, input) => {
  const { m, cal, at, today, unit, raiser, lead, upd, e } = effectContext(env);
  const resolvedOn = shanghaiDate(new Date(m.submitted_at!));
  const onTime = resolvedOn <= m.deadline! ? 1 : 0;
  if (lead) await upd(lead, { status: 'done', completed_on: resolvedOn, is_on_time: onTime, is_open: 0 });
  // Co-units that never replied are closed with the matter, late if their own sub-deadline has passed.
  for (const a of env.assignments) {
    if (a.role === 'co' && OPEN(a.status))
      await upd(a, {
        status: 'done',
        is_open: 0,
        completed_on: today,
        is_on_time: today <= a.due_date ? 1 : 0,
      });
  }
  const feedbackDue = cal.addWorkdays(today, num(env.settings, 'feedback_workdays', 5));
  e.patch = {
    accepted_at: at,
    resolved_on: resolvedOn,
    handling_workdays: Math.max(0, cal.workdaysBetween(m.dispatched_on!, resolvedOn)),
    is_on_time: onTime,
    feedback_due: feedbackDue,
  };
  e.details = { resolvedOn, onTime: onTime === 1, feedbackDue, note: input.note };
  if (lead) e.notes.push({ kind: 'matter_verified', to: [unit(lead)] });
  e.notes.push({ kind: 'feedback_requested', to: [raiser], date: feedbackDue });
  return e;
};

/** 查办 rejects: the lead handles the matter again (重办). */
export const reject: EffectOf<'reject'> = async (env) => {
  const { m, unit, lead, upd, e } = effectContext(env);
  if (lead) await upd(lead, { status: 'signed', is_open: 1, rehandle_count: lead.rehandle_count + 1 });
  e.patch = { rehandle_count: m.rehandle_count + 1, submitted_at: null };
  e.details = { rehandle: m.rehandle_count + 1 };
  if (lead) e.notes.push({ kind: 'matter_rejected', to: [unit(lead)] });
  return e;
};

/** 回访: satisfied closes the matter as solved; dissatisfied goes back to the dispatcher. */
export const rate: EffectOf<'rate'> = async (env, input) => {
  const { at, today, unit, dispatcher, lead, upd, e } = effectContext(env);
  e.patch = { satisfaction: input.rating, satisfaction_comment: input.comment ?? null, rated_at: at };
  if (input.rating === 'dissatisfied') {
    e.notes.push({ kind: 'matter_dissatisfied', to: [dispatcher] });
  } else {
    e.patch = { ...e.patch, outcome: 'solved', closed_at: at, closed_on: today };
    if (lead) await upd(lead, { satisfaction: input.rating });
    if (lead) e.notes.push({ kind: 'matter_closed', to: [unit(lead)] });
  }
  e.details = { rating: input.rating };
  return e;
};

/** 重办 after dissatisfaction: a fresh handling period of the matter's tier unless the dispatcher sets one. */
export const reopen: EffectOf<'reopen'> = async (env, input) => {
  const { m, cal, today, unit, raiser, lead, upd, e } = effectContext(env);
  const days = env.priorityDays(m.priority_code) ?? 10;
  const deadline = input.deadline ?? cal.addWorkdays(today, days);
  if (deadline <= today) throw deadlineInvalid('deadline');
  if (lead)
    await upd(lead, {
      status: 'signed',
      is_open: 1,
      due_date: deadline,
      rehandle_count: lead.rehandle_count + 1,
      completed_on: null,
      is_on_time: null,
      satisfaction: null,
    });
  e.patch = {
    deadline,
    reopen_count: m.reopen_count + 1,
    rehandle_count: m.rehandle_count + 1,
    satisfaction: null,
    satisfaction_comment: null,
    rated_at: null,
    accepted_at: null,
    resolved_on: null,
    is_on_time: null,
    handling_workdays: null,
    submitted_at: null,
    feedback_due: null,
  };
  e.details = { deadline, dissatisfaction: m.satisfaction_comment };
  if (lead) e.notes.push({ kind: 'matter_reopened', to: [unit(lead), raiser], date: deadline });
  return e;
};

/** The dispatcher closes a dissatisfied matter as solved (the dissatisfaction stays on the lead's record). */
export const closeDissatisfied: EffectOf<'close_dissatisfied'> = async (env) => {
  const { at, today, unit, raiser, lead, upd, e } = effectContext(env);
  e.patch = { outcome: 'solved', closed_at: at, closed_on: today };
  if (lead) await upd(lead, { satisfaction: 'dissatisfied' });
  e.notes.push({ kind: 'matter_closed', to: lead ? [unit(lead), raiser] : [raiser] });
  return e;
};

/** The sweep closes a matter whose raiser did not answer the 回访 in time. */
export const closeNoResponse: EffectOf<'close_no_response'> = async (env) => {
  const { m, at, today, lead, upd, e } = effectContext(env);
  e.patch = { outcome: 'solved', satisfaction: 'no_response', closed_at: at, closed_on: today };
  if (lead) await upd(lead, { satisfaction: 'no_response' });
  e.details = { feedbackDue: m.feedback_due };
  return e;
};

/** 销号 by a side exit (withdrawn, duplicate, out of remit…): every open part is withdrawn. */
export const closeSide: EffectOf<'close_side'> = async (env, input) => {
  const { trx, m, at, today, unit, raiser, upd, e } = effectContext(env);
  if (input.outcome === 'duplicate') {
    if (
      !input.duplicateOfId ||
      input.duplicateOfId === m.id ||
      !(await repo.existsUnscoped(trx, input.duplicateOfId))
    ) {
      throw fieldError('duplicateOfId', 'invalid_value');
    }
  }
  for (const a of env.assignments) if (OPEN(a.status)) await upd(a, { status: 'withdrawn', is_open: 0 });
  e.patch = {
    outcome: input.outcome,
    duplicate_of_id: input.duplicateOfId ?? null,
    closed_at: at,
    closed_on: today,
    ext_requested_due: null,
    ext_reason: null,
  };
  e.details = { outcome: input.outcome, duplicateOfId: input.duplicateOfId };
  e.notes.push({
    kind: 'matter_closed',
    to: [raiser, ...env.assignments.filter((a) => OPEN(a.status)).map(unit)],
  });
  return e;
};
