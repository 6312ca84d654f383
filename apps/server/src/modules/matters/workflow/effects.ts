import type { MatterAction } from '@xinhuo/shared';
import * as assignment from './assignment-effects';
import * as matter from './matter-effects';
import type { Effect, EffectEnv, EffectOf } from './effect-context';
import type { ActionInput } from './matter-actions';

export type { Effect, EffectEnv } from './effect-context';

/**
 * One effect per action, keyed like the machine's rules table: the mapped type makes a new action
 * in MATTER_ACTIONS fail the type-check until it has its effect.
 */
const EFFECTS: { [A in MatterAction]: EffectOf<A> } = {
  dispatch: assignment.dispatch,
  sign: assignment.sign,
  return: assignment.returnPart,
  uphold_return: assignment.upholdReturn,
  overrule_return: assignment.overruleReturn,
  rule_co_return: assignment.ruleCoReturn,
  progress: assignment.progress,
  co_reply: assignment.coReply,
  request_extension: matter.requestExtension,
  decide_extension: matter.decideExtension,
  submit: matter.submit,
  accept: matter.accept,
  reject: matter.reject,
  rate: matter.rate,
  reopen: matter.reopen,
  close_dissatisfied: matter.closeDissatisfied,
  close_no_response: matter.closeNoResponse,
  close_side: matter.closeSide,
};

/** Apply one allowed action: unit rows are written here; the matter patch, event details and notices are returned. */
export function applyEffects(env: EffectEnv, input: ActionInput): Promise<Effect> {
  // The map pairs each action with the effect of its own input; TypeScript cannot correlate the two through the union.
  const effect = EFFECTS[input.action] as (env: EffectEnv, input: ActionInput) => Promise<Effect>;
  return effect(env, input);
}
