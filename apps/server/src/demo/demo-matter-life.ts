import type { Random } from './random';
import type { Caller } from '../platform/caller';
import type { WorkCalendar } from '../platform/calendar/work-calendar';
import type { LoopServices } from '../composition';
import { SYSTEM_CALLER } from '../platform/caller';
import type { ActionBody, ActionInput } from '../modules/matters';
import type { createSimulation } from './demo-simulation';

export interface Org {
  id: string;
  name: string;
  path: string;
  kind: string;
}

const CATEGORY_UNITS: Record<string, readonly string[]> = {
  village_economy: ['农业农村局', '财政局', '自然资源和规划局'],
  beautiful_village: ['住房和城乡建设局', '生态环境局', '交通运输局', '农业农村局'],
  burden_reduction: ['市委组织部', '民政局'],
  cadre_exchange: ['市委组织部', '人力资源和社会保障局'],
};

/** What a matter's life needs from the demo builder: the services on the moving clock, the desks, the dice. */
export interface LifeContext {
  rng: Random;
  loop: LoopServices;
  cal: WorkCalendar;
  sim: ReturnType<typeof createSimulation>;
  wd: (date: string, n: number, hour: number) => number;
  today: () => string;
  clockMs: () => number;
  dayOf: (t: number) => string;
  unitByName: Map<string, Org>;
  cityDesk: Caller;
  unitDesk: (u: Org) => Caller;
  villageDesk: (v: Org) => Caller;
  villageMatters: Map<string, string[]>;
}

/**
 * One matter through the loop; its fate is drawn once, then lived day by day: most are handled on time,
 * some are returned, rejected at verification, late and supervised, rated dissatisfied and reopened.
 */
export async function liveMatter(
  ctx: LifeContext,
  id: string,
  raisedOn: string,
  category: string,
  town: Org,
  village: Org,
  desk: Caller,
  stuck: boolean,
): Promise<void> {
  const {
    rng,
    loop,
    cal,
    sim,
    wd,
    today,
    clockMs,
    dayOf,
    unitByName,
    cityDesk,
    unitDesk,
    villageDesk,
    villageMatters,
  } = ctx;
  let version = 1;
  const act = async (who: Caller, input: ActionBody) => {
    version = (await loop.workflow.act(who, id, { ...input, version } as ActionInput)).version;
  };
  const r = rng.next();
  const earlier = (villageMatters.get(village.id) ?? []).filter((x) => x !== id);
  await sim.until(wd(raisedOn, rng.int(1, 2), 10));
  if (r < 0.05) {
    const outcome =
      r < 0.02 ? 'not_responsible' : r < 0.035 && earlier.length > 0 ? 'duplicate' : 'explained';
    return act(desk, {
      action: 'close_side',
      outcome,
      reason:
        outcome === 'not_responsible'
          ? '属司法程序事项，已告知当事人渠道'
          : outcome === 'duplicate'
            ? '与本村此前提出事项重复，合并办理'
            : '已向提出人解释政策规定',
      duplicateOfId: outcome === 'duplicate' ? earlier[0] : undefined,
    });
  }
  // The last weeks' economy and village matters go to 农业农村局, so its desk (demo-dept) has work in hand.
  const agri =
    raisedOn >= '2026-11-16' && (category === 'village_economy' || category === 'beautiful_village');
  const ownTown = !agri && rng.chance(0.15);
  const lead = ownTown ? town : unitByName.get(agri ? '农业农村局' : rng.pick(CATEGORY_UNITS[category]!))!;
  const coPool = [...unitByName.values()].filter((u) => u.id !== lead.id);
  const co = rng.chance(0.25) ? [rng.pick(coPool)] : [];
  const priority = rng.chance(0.15) ? 'urgent' : rng.chance(0.76) ? 'normal' : 'complex';
  const days = { urgent: 3, normal: 10, complex: 20 }[priority];
  const dispatchedOn = dayOf(clockMs());
  await act(desk, {
    action: 'dispatch',
    leadUnitId: lead.id,
    priorityCode: priority,
    coUnits: co.map((u) => ({ unitId: u.id })),
  });
  const verifier = ownTown ? cityDesk : desk;
  let leadDesk = unitDesk(lead);
  if (rng.chance(0.07)) {
    await sim.until(wd(dispatchedOn, 0, 16));
    await act(leadDesk, { action: 'return', reason: '该事项不属于本单位职责范围' });
    await sim.until(wd(dispatchedOn, 1, 11));
    const alt =
      coPool.find((u) => u.id !== co[0]?.id && CATEGORY_UNITS[category]!.includes(u.name)) ??
      coPool.find((u) => u.id !== co[0]?.id)!;
    if (rng.chance(0.6)) {
      await act(desk, {
        action: 'uphold_return',
        newLeadUnitId: alt.id,
        reason: '退单理由成立，改由职能部门牵头',
      });
      leadDesk = unitDesk(alt);
      await sim.until(wd(dispatchedOn, rng.chance(0.9) ? 1 : 3, 15));
      await act(leadDesk, { action: 'sign' });
    } else {
      await act(desk, { action: 'overrule_return', reason: '属本单位职责，请按期办理' });
    }
  } else {
    await sim.until(
      rng.chance(0.93) ? wd(dispatchedOn, rng.int(0, 1), 15) : wd(dispatchedOn, rng.int(2, 3), 9),
    );
    await act(leadDesk, { action: 'sign' });
  }
  const coParts = (await loop.matters.getMatter(SYSTEM_CALLER, id)).assignments.filter(
    (a) => a.role === 'co',
  );
  for (const a of coParts)
    await act(unitDesk(co.find((u) => u.id === a.unitId)!), { action: 'sign', assignmentId: a.id });
  if (stuck) return;
  const late = rng.chance(0.18);
  let deadlineDays = days;
  if (rng.chance(0.05)) {
    await sim.until(wd(dispatchedOn, Math.max(1, Math.round(days * 0.6)), 10));
    const requestedDue = cal.addWorkdays(dispatchedOn, days + 5);
    await act(leadDesk, { action: 'progress', note: '已完成现场踏勘，正在协调资金' });
    await act(leadDesk, {
      action: 'request_extension',
      requestedDue,
      reason: '涉及跨部门审批，需延长办理期限',
    });
    await sim.until(wd(dispatchedOn, Math.max(1, Math.round(days * 0.6)) + 1, 10));
    await act(desk, { action: 'decide_extension', approve: true });
    deadlineDays += 5;
  }
  let submitAt = late
    ? wd(dispatchedOn, deadlineDays + rng.int(1, 8), 16)
    : wd(dispatchedOn, Math.max(1, Math.round(deadlineDays * (0.3 + rng.next() * 0.6))), 16);
  for (let round = 0; ; round++) {
    await sim.until(submitAt);
    for (const a of round === 0 ? coParts : []) {
      const u = co.find((x) => x.id === a.unitId)!;
      await act(unitDesk(u), {
        action: 'co_reply',
        assignmentId: a.id,
        reply: `${u.name}已配合提供政策依据和资料`,
        signOffName: `${u.name}负责人`,
      });
    }
    await act(leadDesk, {
      action: 'submit',
      resolution: '已协调解决并书面答复提出人，相关材料已归档',
      signOffName: `${leadDesk.actor.username!.replace('经办人', '')}分管负责人`,
    });
    await sim.until(wd(today(), rng.int(1, 2), 10));
    if (round === 0 && rng.chance(0.09)) {
      await act(verifier, { action: 'reject', reason: '办理结果与诉求不符，请重新办理' });
      submitAt = wd(today(), rng.int(2, 5), 16);
      continue;
    }
    await act(verifier, { action: 'accept' });
    const fb = rng.next();
    if (fb < 0.06) return; // no answer: the sweep closes it as "no response"
    await sim.until(wd(today(), rng.int(1, 3), 9));
    const rating = round === 0 && fb < 0.11 ? 'dissatisfied' : fb < 0.85 ? 'satisfied' : 'basic';
    await act(villageDesk(village), {
      action: 'rate',
      rating,
      comment: rating === 'dissatisfied' ? '问题没有根本解决' : undefined,
    });
    if (rating !== 'dissatisfied') return;
    await sim.until(wd(today(), 1, 10));
    if (rng.chance(0.25))
      return act(desk, { action: 'close_dissatisfied', reason: '诉求超出现行政策，已做好解释' });
    await act(desk, { action: 'reopen', reason: '提出人不满意，责成重新办理' });
    submitAt = wd(today(), rng.int(3, 6), 16);
    round = 1;
  }
}
