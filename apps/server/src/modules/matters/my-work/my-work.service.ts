import { MY_WORK_KINDS, type MyWorkItem, type MyWorkKind, type Permission } from '@xinhuo/shared';
import type { Db } from '../../../database';
import { can, type Caller } from '../../../platform/caller';
import { shanghaiDate, type Clock } from '../../../platform/clock';
import * as matterRepo from '../matters.repository';
import * as repo from './my-work.repository';

/** The permission that makes the caller a party to each kind (matter-access.ts `partiesFor`). */
const KIND_PERMISSION: Record<MyWorkKind, Permission> = {
  to_dispatch: 'matters:dispatch',
  to_decide_extension: 'matters:dispatch',
  to_sign: 'matters:handle',
  to_handle: 'matters:handle',
  to_verify: 'matters:verify',
  to_rate: 'matters:rate',
};

export type MyWorkService = ReturnType<typeof createMyWorkService>;

/** My work (我的待办): what waits for the caller or the caller's unit, exactly what they may act on now. */
export function createMyWorkService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The kinds this caller takes part in (users only: the platform itself has no to-do list). */
  const kindsOf = (caller: Caller): MyWorkKind[] =>
    caller.permissions === 'system' ? [] : MY_WORK_KINDS.filter((k) => can(caller, KIND_PERMISSION[k]));
  const scopeOf = (caller: Caller): repo.WorkScope => ({
    scopePaths: caller.scopePaths,
    userId: caller.userId,
  });

  async function counts(caller: Caller) {
    const kinds = kindsOf(caller);
    const rows = await repo.countByKind(db, scopeOf(caller), kinds, shanghaiDate(clock.now()));
    const counts = kinds.map((kind) => ({ kind, count: rows.find((r) => r.kind === kind)?.count ?? 0 }));
    const overdue = rows.reduce((n, r) => n + r.overdue, 0);
    return { counts, total: counts.reduce((n, c) => n + c.count, 0), overdue };
  }

  async function list(caller: Caller, kind: MyWorkKind | undefined, page: { offset: number; limit: number }) {
    const all = kindsOf(caller);
    const kinds = kind ? all.filter((k) => k === kind) : all;
    const c = await counts(caller);
    const rows = await repo.list(db, scopeOf(caller), kinds, page);
    const ids = [...new Set(rows.map((r) => r.matter_id))];
    const [matters, parts] = await Promise.all([
      repo.findMatters(db, ids),
      matterRepo.findAssignments(db, ids),
    ]);
    const today = shanghaiDate(clock.now());
    const items: MyWorkItem[] = rows.map((r) => {
      const m = matters.find((x) => x.id === r.matter_id)!;
      const part =
        parts.find((a) => a.id === r.assignment_id) ??
        parts.find((a) => a.matter_id === r.matter_id && a.role === 'lead' && a.status !== 'withdrawn');
      return {
        kind: r.kind,
        matterId: m.id,
        code: m.code,
        title: m.title,
        state: m.state,
        villageName: m.village_name,
        unitName: part?.unit_name ?? null,
        assignmentId: r.assignment_id,
        role: r.assignment_id ? (part?.role ?? null) : null,
        due: r.due,
        overdue: r.due !== null && r.due < today,
        escalationLevel: Number(m.escalation_level),
        raisedOn: m.raised_on,
      };
    });
    const total = kind ? (c.counts.find((x) => x.kind === kind)?.count ?? 0) : c.total;
    return { items, total, counts: c.counts };
  }

  return { counts, list };
}
