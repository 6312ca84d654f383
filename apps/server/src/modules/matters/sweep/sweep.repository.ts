import { sql, type SqlBool } from 'kysely';
import {
  OPEN_MATTER_STATES,
  type AssignmentStatus,
  type MatterState,
  type SupervisionKind,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../../database';
import type { MatterSupervisionsTable } from '../matters.tables';

type Conn = Db | Tx;

/** Which deadline a supervision kind watches, and the condition that makes an assignment due for it. */
export interface DueRule {
  kind: SupervisionKind;
  level: number;
  keyColumn: 'due_date' | 'sign_due';
  /** key < before (and key >= from when given). */
  before: string;
  from?: string;
  statuses: readonly AssignmentStatus[];
  /** For deadline steps: the part's ladder_mask bit that says this step is recorded for its due_date. */
  ladderBit?: number;
  /** Only parts of matters raised under this loop policy version (the ladder's thresholds are theirs). */
  policyVersion?: number;
}

export interface Candidate {
  id: string;
  matter_id: string;
  unit_id: string;
  unit_path: string;
  org_path: string;
  key_date: string;
  state: MatterState;
  code: string;
  title: string;
  dispatcher_org_id: string | null;
}

/**
 * Assignments due for a supervision record that none has been written for yet. Two steps: the ids from the
 * partial index of open parts and the unique key of the records (both index-only), then the details of
 * at most `limit` of them.
 */
export async function findDueAssignments(db: Conn, r: DueRule, limit: number): Promise<Candidate[]> {
  const key = sql.ref<string>(`a.${r.keyColumn}`);
  let q = db
    .selectFrom('matter_assignments as a')
    .select('a.id')
    .where('a.status', 'in', r.statuses)
    .where(key, '<', r.before)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('matter_supervisions as s')
            .select(sql`1`.as('one'))
            .whereRef('s.assignment_id', '=', 'a.id')
            .where('s.kind', '=', r.kind)
            .where('s.due_date', '=', key),
        ),
      ),
    );
  if (r.keyColumn === 'due_date') q = q.where('a.is_open', '=', 1);
  // Read from the open-parts index: parts that already reached this step are skipped without a probe.
  if (r.ladderBit) q = q.where(sql<SqlBool>`(a.ladder_mask & ${r.ladderBit}) = 0`);
  if (r.from) q = q.where(key, '>=', r.from);
  if (r.policyVersion !== undefined) {
    const v = r.policyVersion;
    q = q.where('a.matter_id', 'in', (eb) =>
      eb.selectFrom('matters as pm').select('pm.id').where('pm.policy_version', '=', v),
    );
  }
  // In deadline order (the index's order), never by id: ordering by id walks the primary key of every part.
  const ids = (await q.orderBy(key).limit(limit).execute()).map((x) => x.id);
  if (ids.length === 0) return [];
  const rows = (await db
    .selectFrom('matter_assignments as a')
    .innerJoin('matters as m', 'm.id', 'a.matter_id')
    .select([
      'a.id',
      'a.matter_id',
      'a.unit_id',
      'a.unit_path',
      'a.org_path',
      sql<string>`${key}`.as('key_date'),
      'm.state',
      'm.code',
      'm.title',
      'm.dispatcher_org_id',
    ])
    .where('a.id', 'in', ids)
    .execute()) as Candidate[];
  // Inserted in id order, so that concurrent sweepers queue on the same keys in the same order.
  return rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** A supervision record as the sweep writes it: its order number, if any, is set afterwards. */
export type SupervisionRow = Omit<MatterSupervisionsTable, 'doc_no' | 'doc_year' | 'doc_seq'>;

/**
 * Insert-or-ignore on the unique (assignment, kind, deadline) key, many rows per statement: returns the ids
 * this sweeper actually wrote. Rows come sorted by assignment, so concurrent sweepers wait on the same
 * keys in the same order and never deadlock.
 */
export async function insertSupervisionsOnce(db: Tx, rows: readonly SupervisionRow[]): Promise<Set<string>> {
  const won = new Set<string>();
  for (let k = 0; k < rows.length; k += 200) {
    const inserted = await db
      .insertInto('matter_supervisions')
      .values(rows.slice(k, k + 200).map((r) => ({ ...r, doc_no: null, doc_year: null, doc_seq: null })))
      .onConflict((oc) => oc.columns(['assignment_id', 'kind', 'due_date']).doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) won.add(r.id);
  }
  return won;
}

export async function updateSupervisionDoc(db: Tx, id: string, docNo: string, year: number, seq: number) {
  await db
    .updateTable('matter_supervisions')
    .set({ doc_no: docNo, doc_year: year, doc_seq: seq })
    .where('id', '=', id)
    .execute();
}

/**
 * Marks the step reached on the parts a sweeper has handled (whether its insert won or another sweeper's
 * did), for the deadline it was recorded against; a part whose deadline moved meanwhile is left alone.
 */
export async function markLadder(db: Tx, bit: number, parts: readonly { id: string; key_date: string }[]) {
  const byDate = new Map<string, string[]>();
  for (const p of parts) byDate.set(p.key_date, [...(byDate.get(p.key_date) ?? []), p.id]);
  for (const [dueDate, ids] of byDate) {
    await db
      .updateTable('matter_assignments')
      .set({ ladder_mask: sql`ladder_mask | ${bit}` })
      .where('id', 'in', ids)
      .where('due_date', '=', dueDate)
      .execute();
  }
}

const COUNTER: Partial<Record<SupervisionKind, 'urge_count' | 'supervise_count' | 'circulate_count'>> = {
  urge: 'urge_count',
  supervise: 'supervise_count',
  circulate: 'circulate_count',
};

/** Count the step on the units' parts and raise the matters' escalation level (derived data: no version bump). */
export async function recordEscalations(
  db: Tx,
  kind: SupervisionKind,
  level: number,
  assignmentIds: string[],
  matterIds: string[],
) {
  const col = COUNTER[kind];
  for (let k = 0; k < assignmentIds.length; k += 500) {
    if (!col) break;
    await db
      .updateTable('matter_assignments')
      .set({ [col]: sql`${sql.ref(col)} + 1` })
      .where('id', 'in', assignmentIds.slice(k, k + 500))
      .execute();
  }
  const ids = [...new Set(matterIds)];
  for (let k = 0; k < ids.length && level > 0; k += 500) {
    await db
      .updateTable('matters')
      .set({ escalation_level: level })
      .where('id', 'in', ids.slice(k, k + 500))
      .where('escalation_level', '<', level)
      .execute();
  }
}

/** The loop policy versions open matters were raised under: one grouped query, ascending. */
export async function openPolicyVersions(db: Conn): Promise<number[]> {
  const rows = await db
    .selectFrom('matters')
    .select('policy_version')
    .where('state', 'in', OPEN_MATTER_STATES)
    .groupBy('policy_version')
    .orderBy('policy_version')
    .execute();
  return rows.map((r) => Number(r.policy_version));
}

/** Matters whose satisfaction feedback is overdue (closed as "no response" by the sweep). */
export function findFeedbackOverdueMatters(db: Conn, today: string, limit: number) {
  return db
    .selectFrom('matters')
    .select(['id', 'version'])
    .where('state', '=', 'awaiting_feedback')
    .where('feedback_due', '<', today)
    .orderBy('id')
    .limit(limit)
    .execute();
}
