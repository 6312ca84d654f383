import { sql, type SqlBool } from 'kysely';
import type { MyWorkKind } from '@xinhuo/shared';
import type { Db, Tx } from '../../../database';
import { inSubtrees } from '../../../platform/http/scope';

type Conn = Db | Tx;

/** Whose work: the subtrees the caller acts in, and the caller (a raiser rates what they raised). */
export interface WorkScope {
  scopePaths: readonly string[];
  userId: string | null;
}

/** One row of the to-do union: which kind, which matter (and unit part), measured against which date. */
export interface WorkRow {
  kind: MyWorkKind;
  matter_id: string;
  assignment_id: string | null;
  due: string | null;
  raised_at: string;
}

const kindLit = (k: MyWorkKind) => sql<MyWorkKind>`cast(${sql.lit(k)} as text)`.as('kind');
const noPart = sql<string | null>`cast(null as text)`.as('assignment_id');
const noDue = sql<string | null>`cast(null as text)`.as('due');
const openPart = sql<SqlBool>`a.is_open = 1`;

/**
 * One branch per kind, each an index range (see migration 2026-12-15-my-work): matters by state and
 * village path, pending extension requests by path, open unit parts by status and unit path. The
 * conditions are the workflow's rules table (matter-machine.ts) read backwards: what may be done now.
 */
function branches(db: Conn, s: WorkScope) {
  const matters = (states: readonly string[]) =>
    db
      .selectFrom('matters as m')
      .where('m.state', 'in', states as never)
      .where((eb) => inSubtrees(eb, 'm.org_path', s.scopePaths));
  const parts = (status: string, pathColumn: 'a.unit_path' | 'a.org_path') =>
    db
      .selectFrom('matter_assignments as a')
      .innerJoin('matters as m', 'm.id', 'a.matter_id')
      .where(openPart)
      .where('a.status', '=', status as never)
      .where((eb) => inSubtrees(eb, pathColumn, s.scopePaths));
  return {
    // 交办 (registered), the lead's 退单 to rule on (returned), 重办 or close after dissatisfaction.
    to_dispatch: [
      matters(['registered', 'returned', 'dissatisfied']).select([
        kindLit('to_dispatch'),
        'm.id as matter_id',
        noPart,
        'm.deadline as due',
        'm.raised_at',
      ]),
      // A co-unit's 退单 waits for the dispatcher of the matter's village.
      parts('returned', 'a.org_path')
        .where('a.role', '=', 'co')
        .select([
          kindLit('to_dispatch'),
          'm.id as matter_id',
          'a.id as assignment_id',
          'a.due_date as due',
          'm.raised_at',
        ]),
    ],
    to_sign: [
      parts('pending', 'a.unit_path').select([
        kindLit('to_sign'),
        'm.id as matter_id',
        'a.id as assignment_id',
        'a.sign_due as due',
        'm.raised_at',
      ]),
    ],
    // A signed part is handled until the unit submits (lead) or replies (co-unit).
    to_handle: [
      parts('signed', 'a.unit_path').select([
        kindLit('to_handle'),
        'm.id as matter_id',
        'a.id as assignment_id',
        'a.due_date as due',
        'm.raised_at',
      ]),
    ],
    to_decide_extension: [
      db
        .selectFrom('matters as m')
        .where('m.ext_requested_due', 'is not', null)
        .where('m.state', '=', 'in_progress')
        .where((eb) => inSubtrees(eb, 'm.org_path', s.scopePaths))
        .select([
          kindLit('to_decide_extension'),
          'm.id as matter_id',
          noPart,
          'm.deadline as due',
          'm.raised_at',
        ]),
    ],
    to_verify: [
      matters(['submitted']).select([
        kindLit('to_verify'),
        'm.id as matter_id',
        noPart,
        noDue,
        'm.raised_at',
      ]),
    ],
    // The raiser rates: in the village's scope, or the matter they raised themselves elsewhere — two
    // branches (path range; the raiser's own) so each keeps its index instead of one OR scanning the state.
    to_rate: [
      matters(['awaiting_feedback']).select([
        kindLit('to_rate'),
        'm.id as matter_id',
        noPart,
        'm.feedback_due as due',
        'm.raised_at',
      ]),
      ...(s.userId
        ? [
            db
              .selectFrom('matters as m')
              .where('m.raised_by_user_id', '=', s.userId)
              .where('m.state', '=', 'awaiting_feedback')
              .where((eb) => eb.not(inSubtrees(eb, 'm.org_path', s.scopePaths)))
              .select([
                kindLit('to_rate'),
                'm.id as matter_id',
                noPart,
                'm.feedback_due as due',
                'm.raised_at',
              ]),
          ]
        : []),
    ],
  };
}

function union(db: Conn, s: WorkScope, kinds: readonly MyWorkKind[]) {
  const all = branches(db, s);
  const picked = kinds.flatMap((k) => all[k]);
  const [first, ...rest] = picked;
  if (!first) return null;
  return rest.reduce((u, b) => u.unionAll(b), first);
}

/** How many items of each kind, in one statement. */
export async function countByKind(db: Conn, s: WorkScope, kinds: readonly MyWorkKind[], today: string) {
  const u = union(db, s, kinds);
  if (!u) return [];
  const rows = await db
    .selectFrom(u.as('w'))
    .select([
      'w.kind',
      (eb) => eb.fn.countAll<number>().as('n'),
      // Overdue as the list marks it: measured against a date before today.
      sql<number>`sum(case when w.due is not null and w.due < ${today} then 1 else 0 end)`.as('late'),
    ])
    .groupBy('w.kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, count: Number(r.n), overdue: Number(r.late ?? 0) }));
}

/** One page of the items, overdue first: by the date they are measured against (none last), then age. */
export async function list(
  db: Conn,
  s: WorkScope,
  kinds: readonly MyWorkKind[],
  page: { offset: number; limit: number },
): Promise<WorkRow[]> {
  const u = union(db, s, kinds);
  if (!u) return [];
  return db
    .selectFrom(u.as('w'))
    .selectAll('w')
    .orderBy(sql`case when w.due is null then 1 else 0 end`)
    .orderBy('w.due')
    .orderBy('w.raised_at')
    .orderBy('w.matter_id')
    .orderBy('w.kind')
    .offset(page.offset)
    .limit(page.limit)
    .execute() as Promise<WorkRow[]>;
}

/** The matters of a page with their village's name. */
export function findMatters(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('matters as m')
    .innerJoin('orgs as vo', 'vo.id', 'm.village_id')
    .select([
      'm.id',
      'm.code',
      'm.title',
      'm.state',
      'm.escalation_level',
      'm.raised_on',
      'vo.name as village_name',
    ])
    .where('m.id', 'in', ids)
    .execute();
}
