import type { MatterAction } from '@xinhuo/shared';
import { shanghaiDate } from '../../platform/clock';
import { AppError, fieldError } from '../../platform/errors';
import * as repo from './matters.repository';
import {
  applyAssignmentEffects,
  effectContext,
  num,
  OPEN,
  type Effect,
  type EffectEnv,
} from './assignment-effects';
import type { ActionInput } from './matter-actions';

export { textOf, type ActionBody, type ActionInput } from './matter-actions';
export type { Effect, EffectEnv } from './assignment-effects';

/** Apply one allowed action: unit rows are written here; the matter patch, event details and notices are returned. */
export async function applyEffects(env: EffectEnv, input: ActionInput): Promise<Effect> {
  const unitPhase = await applyAssignmentEffects(env, input);
  if (unitPhase) return unitPhase;
  const { trx, m, cal, at, today, unit, dispatcher, raiser, lead, upd, e } = effectContext(env);
  switch (input.action) {
    case 'dispatch':
    case 'sign':
    case 'return':
    case 'uphold_return':
    case 'overrule_return':
    case 'rule_co_return':
    case 'progress':
    case 'co_reply':
      throw new Error(`${input.action} belongs to the assignment phase`);
    case 'request_extension': {
      if (input.requestedDue <= (m.deadline ?? today)) {
        throw new AppError('MATTER_DEADLINE_INVALID', {
          fields: [{ path: 'requestedDue', reason: 'invalid_value' }],
        });
      }
      e.patch = { ext_requested_due: input.requestedDue, ext_reason: input.reason };
      e.details = { requestedDue: input.requestedDue, currentDeadline: m.deadline };
      e.notes.push({ kind: 'extension_requested', to: [dispatcher], date: input.requestedDue });
      return e;
    }
    case 'decide_extension': {
      if (!input.approve && !input.reason) throw new AppError('MATTER_REASON_REQUIRED');
      const newDue = input.approve ? (input.deadline ?? m.ext_requested_due!) : null;
      if (newDue !== null && newDue <= (m.deadline ?? today)) {
        throw new AppError('MATTER_DEADLINE_INVALID', {
          fields: [{ path: 'deadline', reason: 'invalid_value' }],
        });
      }
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
    }
    case 'submit': {
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
    }
    case 'accept': {
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
    }
    case 'reject': {
      if (lead) await upd(lead, { status: 'signed', is_open: 1, rehandle_count: lead.rehandle_count + 1 });
      e.patch = { rehandle_count: m.rehandle_count + 1, submitted_at: null };
      e.details = { rehandle: m.rehandle_count + 1 };
      if (lead) e.notes.push({ kind: 'matter_rejected', to: [unit(lead)] });
      return e;
    }
    case 'rate': {
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
    }
    case 'reopen': {
      // 重办 after dissatisfaction: a fresh handling period of the matter's tier unless the dispatcher sets one.
      const days = env.priorityDays(m.priority_code) ?? 10;
      const deadline = input.deadline ?? cal.addWorkdays(today, days);
      if (deadline <= today)
        throw new AppError('MATTER_DEADLINE_INVALID', {
          fields: [{ path: 'deadline', reason: 'invalid_value' }],
        });
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
    }
    case 'close_dissatisfied':
      e.patch = { outcome: 'solved', closed_at: at, closed_on: today };
      if (lead) await upd(lead, { satisfaction: 'dissatisfied' });
      e.notes.push({ kind: 'matter_closed', to: lead ? [unit(lead), raiser] : [raiser] });
      return e;
    case 'close_no_response':
      e.patch = { outcome: 'solved', satisfaction: 'no_response', closed_at: at, closed_on: today };
      if (lead) await upd(lead, { satisfaction: 'no_response' });
      e.details = { feedbackDue: m.feedback_due };
      return e;
    case 'close_side': {
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
    }
  }
  return e;
}

export type { MatterAction };
