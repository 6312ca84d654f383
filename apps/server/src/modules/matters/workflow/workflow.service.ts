import type { MatterAction, MatterState } from '@xinhuo/shared';
import type { Db } from '../../../database';
import type { AuditTrail } from '../../../platform/audit/audit';
import type { CalendarService } from '../../../platform/calendar/calendar';
import { type Caller } from '../../../platform/caller';
import { shanghaiDate, type Clock } from '../../../platform/clock';
import { AppError } from '../../../platform/errors';
import { monotonicId } from '../../../platform/ids';
import type { Notifier } from '../../../platform/notify/notifier';
import * as repo from '../matters.repository';
import type { PolicyVersions } from '../../../platform/policy/policy-versions';
import { thresholdValues, tierWorkdays } from '../policy/loop-policy';
import { assertDeadlinesInHorizon } from './deadline-horizon';
import { decide } from './matter-machine';
import { machineInput, noteFor, partiesFor, pathIds } from '../matter-access';
import { applyEffects } from './effects';
import { handledBy } from './handled-notices';
import { textOf, type ActionInput } from './matter-actions';
import type { MatterService } from '../matters.service';

export type WorkflowService = ReturnType<typeof createWorkflowService>;

/** The 交办 → 签收 → 办理 → 查办 → 回访 → 销号 workflow: one transaction per action, decided by the pure machine. */
export function createWorkflowService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  calendar: CalendarService;
  notify: Notifier;
  matters: Pick<MatterService, 'loadVisible'>;
  policyVersions: Pick<PolicyVersions, 'get'>;
}) {
  const { db, clock, audit, calendar, notify, matters, policyVersions } = deps;

  /** Take one action on a matter; refused actions throw the machine's code, stale versions VERSION_CONFLICT. */
  async function act(
    caller: Caller,
    id: string,
    input: ActionInput,
  ): Promise<{ version: number; state: MatterState }> {
    const action = input.action as MatterAction;
    // A date far from today is refused whatever the matter (it depends on nothing the caller may not see).
    assertDeadlinesInHorizon(input, shanghaiDate(clock.now()));
    // Visibility first, outside the transaction, so a denial's audit row survives the refusal.
    await matters.loadVisible(caller, id);
    const result = await db.transaction().execute(async (trx) => {
      const m = await matters.loadVisible(caller, id, trx);
      if (m.version !== input.version) throw new AppError('VERSION_CONFLICT');
      const assignments = await repo.findAssignments(trx, [id]);
      const cp = partiesFor(caller, m, assignments);
      const explicit =
        'assignmentId' in input && input.action !== 'rule_co_return' ? input.assignmentId : undefined;
      const mi = machineInput(action, m, assignments, cp, explicit);
      if (explicit && !mi.assignment) throw new AppError('MATTER_ACTION_FORBIDDEN');
      const ctx = { ...mi.ctx, rating: input.action === 'rate' ? input.rating : undefined };
      const d = decide(m.state, action, mi.parties, ctx, textOf(input) !== null);
      if (!d.ok) throw new AppError(d.code);
      const now = clock.now();
      // The matter's own policy version: a later policy never moves its deadlines.
      const policy = (await policyVersions.get(trx, 'matter_loop', m.policy_version)).body;
      const { rootId, townId } = pathIds(m.org_path);
      const dispatcherOrgId = m.dispatcher_org_id ?? dispatcherOrgOf(caller, townId, rootId);
      const effect = await applyEffects(
        {
          trx,
          now,
          cal: calendar.current(),
          settings: thresholdValues(policy),
          m,
          assignments,
          mine: mi.assignment,
          dispatcherOrgId,
          priorityDays: (code) => tierWorkdays(policy, code),
        },
        input,
      );
      const at = now.toISOString();
      if (!(await repo.update(trx, id, m.version, { ...effect.patch, state: d.to, updated_at: at }))) {
        throw new AppError('VERSION_CONFLICT');
      }
      await repo.insertEvent(trx, {
        id: monotonicId(now.getTime()),
        matter_id: id,
        at,
        actor_user_id: caller.userId,
        actor_name: caller.actor.username ?? 'system',
        party: d.party,
        action,
        from_state: m.state,
        to_state: d.to,
        reason: textOf(input),
        details: JSON.stringify(effect.details),
      });
      const handled = handledBy(action, mi.assignment);
      if (handled) await notify.resolve(trx, { objectType: 'matter', objectId: id, ...handled });
      const after = { ...m, ...effect.patch };
      for (const n of effect.notes)
        await notify.enqueue(trx, n.to, noteFor(n.kind, after, { date: n.date, docNo: n.docNo }));
      await audit.record(trx, caller.actor, {
        action: `matter_${action}`,
        objectType: 'matter',
        objectId: id,
        details: { from: m.state, to: d.to, party: d.party },
      });
      return { version: m.version + 1, state: d.to };
    });
    notify.kick();
    return result;
  }

  /** act(), with refusals of a non-party audited (they are attempts to act on someone else's matter). */
  async function actAudited(caller: Caller, id: string, input: ActionInput) {
    try {
      return await act(caller, id, input);
    } catch (e) {
      if (e instanceof AppError && e.code === 'MATTER_ACTION_FORBIDDEN') {
        await audit.recordAlone(caller.actor, {
          action: 'matter_action_denied',
          objectType: 'matter',
          objectId: id,
          outcome: 'denied',
          details: { action: input.action },
        });
      }
      throw e;
    }
  }

  return { act: actAudited };
}

/** The dispatching desk a matter reports back to: the caller's town desk when it works from a town, else the city's. */
function dispatcherOrgOf(caller: Caller, townId: string | null, rootId: string): string {
  if (townId && caller.scopePaths.some((p) => p.endsWith(`/${townId}/`))) return townId;
  return rootId;
}
