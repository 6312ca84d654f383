import {
  CompiledQuery,
  PostgresAdapter,
  sql,
  type Expression,
  type ExpressionBuilder,
  type SqlBool,
} from 'kysely';
import type { MatterOutcome, MatterSource, MatterState, Satisfaction } from '@xinhuo/shared';
import { likeContains } from '../../platform/db/like';
import { MATTERS_DATA_VERSION, bumpDataVersion } from '../../platform/db/data-version';
import type { Database, Db, Tx } from '../../database';
import { inSubtrees, subtreeBounds } from '../../platform/http/scope';
import type {
  DocSeries,
  MatterAssignmentsTable,
  MatterEventsTable,
  MatterSupervisionsTable,
  MattersTable,
} from './matters.tables';

type Conn = Db | Tx;

/** Every write that can change a board page bumps the matters data version in its transaction. */
export const bumpMatters = (db: Conn) => bumpDataVersion(db, MATTERS_DATA_VERSION);

/** Who is looking: a matter is visible in the village subtrees of the scope, to its raiser, and to its units. */
export interface Visibility {
  scopePaths: readonly string[];
  userId: string | null;
}

const isRootPath = (p: string) => p === '/' || p.split('/').filter(Boolean).length === 1;

/**
 * The visibility rule as one SQL condition on the matter `m`. Scope roots (the whole tree) need no more than
 * the path range; otherwise the raiser and the assigned units see theirs too. Every org, unit and raiser of
 * a matter lies under the same root, so a root scope already covers them.
 */
function visibleWhere(eb: ExpressionBuilder<Database & { m: MattersTable }, 'm'>, v: Visibility) {
  const byPath = inSubtrees(eb, 'm.org_path', v.scopePaths);
  if (v.scopePaths.length > 0 && v.scopePaths.every(isRootPath)) return byPath;
  const ors: Expression<SqlBool>[] = [byPath];
  if (v.userId) ors.push(eb('m.raised_by_user_id', '=', v.userId));
  if (v.scopePaths.length > 0) {
    ors.push(
      eb.exists(
        eb
          .selectFrom('matter_assignments as va')
          .select(sql`1`.as('one'))
          .whereRef('va.matter_id', '=', 'm.id')
          .where((e2) => inSubtrees(e2, 'va.unit_path', v.scopePaths)),
      ),
    );
  }
  return eb.or(ors);
}

/**
 * Ids of the matters visible to a non-root scope, as a UNION whose branches each use an index range
 * (village subtree, assigned unit subtree, own raised) instead of one OR that defeats the indexes.
 */
function visibleIds(db: Conn, v: Visibility) {
  let q = db
    .selectFrom('matters as vm')
    .select('vm.id')
    .where((eb) => inSubtrees(eb, 'vm.org_path', v.scopePaths))
    .union(
      db
        .selectFrom('matter_assignments as va')
        .select('va.matter_id as id')
        .where((eb) => inSubtrees(eb, 'va.unit_path', v.scopePaths)),
    );
  if (v.userId)
    q = q.union(db.selectFrom('matters as vr').select('vr.id').where('vr.raised_by_user_id', '=', v.userId));
  return q;
}

/** The matter if the caller may see it. */
export function findById(db: Conn, id: string, v: Visibility): Promise<MattersTable | undefined> {
  return db
    .selectFrom('matters as m')
    .selectAll('m')
    .where('m.id', '=', id)
    .where((eb) => visibleWhere(eb, v))
    .executeTakeFirst();
}

export function existsUnscoped(db: Conn, id: string) {
  return db.selectFrom('matters').select('id').where('id', '=', id).executeTakeFirst();
}

export async function insert(db: Conn, row: MattersTable): Promise<void> {
  await db.insertInto('matters').values(row).execute();
  await bumpMatters(db);
}

/** Optimistic update: only when the version still matches (stale writes get VERSION_CONFLICT upstream). */
export async function update(
  db: Conn,
  id: string,
  version: number,
  patch: Partial<MattersTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('matters')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  const updated = Number(r.numUpdatedRows) === 1;
  if (updated) await bumpMatters(db);
  return updated;
}

export function findAssignments(db: Conn, matterIds: readonly string[]) {
  if (matterIds.length === 0)
    return Promise.resolve([] as (MatterAssignmentsTable & { unit_name: string })[]);
  return db
    .selectFrom('matter_assignments as a')
    .innerJoin('orgs as o', 'o.id', 'a.unit_id')
    .selectAll('a')
    .select('o.name as unit_name')
    .where('a.matter_id', 'in', matterIds)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function insertAssignment(db: Conn, row: MatterAssignmentsTable): Promise<void> {
  await db.insertInto('matter_assignments').values(row).execute();
  await bumpMatters(db);
}

export async function updateAssignment(
  db: Conn,
  id: string,
  patch: Partial<MatterAssignmentsTable>,
): Promise<void> {
  // A new deadline starts the supervision ladder afresh (its records are keyed on the deadline too).
  const set = patch.due_date !== undefined ? { ...patch, ladder_mask: 0 } : patch;
  await db.updateTable('matter_assignments').set(set).where('id', '=', id).execute();
  await bumpMatters(db);
}

export async function insertEvent(db: Conn, row: MatterEventsTable): Promise<void> {
  await db.insertInto('matter_events').values(row).execute();
}

/** Many timeline entries in one statement per chunk (the sweep). */
export async function insertEvents(db: Conn, rows: readonly MatterEventsTable[]): Promise<void> {
  for (let k = 0; k < rows.length; k += 300)
    await db
      .insertInto('matter_events')
      .values(rows.slice(k, k + 300))
      .execute();
}

/** Reserve `count` consecutive numbers of a document series for a year; returns the first (gap-free per transaction). */
export async function reserveDocSeqs(db: Tx, kind: DocSeries, year: number, count: number): Promise<number> {
  await db
    .insertInto('doc_counters')
    .values({ kind, year, last_seq: 0 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doNothing())
    .execute();
  await db
    .updateTable('doc_counters')
    .set({ last_seq: sql`last_seq + ${count}` })
    .where('kind', '=', kind)
    .where('year', '=', year)
    .execute();
  const r = await db
    .selectFrom('doc_counters')
    .select('last_seq')
    .where('kind', '=', kind)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(r.last_seq) - count + 1;
}

/** Next number of an official document series for a year (交办单, 督办单, matter codes). */
export function nextDocSeq(db: Tx, kind: DocSeries, year: number): Promise<number> {
  return reserveDocSeqs(db, kind, year, 1);
}

export function findEvents(db: Conn, matterId: string) {
  return db
    .selectFrom('matter_events')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function findSupervisions(db: Conn, matterId: string) {
  return db
    .selectFrom('matter_supervisions as s')
    .innerJoin('orgs as o', 'o.id', 's.unit_id')
    .selectAll('s')
    .select('o.name as unit_name')
    .where('s.matter_id', '=', matterId)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
}

export function findSupervisionById(db: Conn, id: string): Promise<MatterSupervisionsTable | undefined> {
  return db.selectFrom('matter_supervisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface MatterFilter {
  underPath?: string;
  states?: readonly MatterState[];
  category?: string;
  priority?: string;
  source?: MatterSource;
  outcome?: MatterOutcome;
  satisfaction?: Satisfaction;
  meetingId?: string;
  meetingIds?: readonly string[];
  unitId?: string;
  raisedFrom?: string;
  raisedTo?: string;
  q?: string;
  /** Overdue now: still with the units and past the deadline (today given by the caller). */
  overdueOn?: string;
  minEscalation?: number;
  /** The highest supervision step reached, exactly (1 催办, 2 督办, 3 通报). */
  escalation?: number;
}

export const HANDLING_STATES = ['dispatched', 'returned', 'in_progress'] as const;

function filtered(db: Conn, v: Visibility, f: MatterFilter) {
  let q = db.selectFrom('matters as m');
  if (v.scopePaths.length > 0 && v.scopePaths.every(isRootPath))
    q = q.where((eb) => inSubtrees(eb, 'm.org_path', v.scopePaths));
  else q = q.where('m.id', 'in', visibleIds(db, v));
  if (f.underPath) {
    const [lo, hi] = subtreeBounds(f.underPath);
    q = q.where('m.org_path', '>=', lo).where('m.org_path', '<', hi);
  }
  if (f.states && f.states.length > 0) q = q.where('m.state', 'in', f.states);
  if (f.category) q = q.where('m.category_code', '=', f.category);
  if (f.priority) q = q.where('m.priority_code', '=', f.priority);
  if (f.source) q = q.where('m.source', '=', f.source);
  if (f.outcome) q = q.where('m.outcome', '=', f.outcome);
  if (f.satisfaction) q = q.where('m.satisfaction', '=', f.satisfaction);
  if (f.meetingId) q = q.where('m.meeting_id', '=', f.meetingId);
  if (f.meetingIds)
    q = f.meetingIds.length > 0 ? q.where('m.meeting_id', 'in', f.meetingIds) : q.where(sql<SqlBool>`1 = 0`);
  if (f.raisedFrom) q = q.where('m.raised_on', '>=', f.raisedFrom);
  if (f.raisedTo) q = q.where('m.raised_on', '<=', f.raisedTo);
  if (f.minEscalation) q = q.where('m.escalation_level', '>=', f.minEscalation);
  if (f.escalation) q = q.where('m.escalation_level', '=', f.escalation);
  if (f.overdueOn) q = q.where('m.state', 'in', HANDLING_STATES).where('m.deadline', '<', f.overdueOn);
  if (f.unitId) {
    const unitId = f.unitId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('matter_assignments as fa')
          .select(sql`1`.as('one'))
          .whereRef('fa.matter_id', '=', 'm.id')
          .where('fa.unit_id', '=', unitId)
          .where('fa.status', '<>', 'withdrawn'),
      ),
    );
  }
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([likeContains('m.title', text), likeContains('m.code', text)]));
  }
  return q;
}

export type MatterListRow = MattersTable & { village_name: string; category_name: string };

export const MATTER_SORTS = {
  raisedAt: 'm.raised_at',
  deadline: 'm.deadline',
  updatedAt: 'm.updated_at',
} as const;

export async function list(
  db: Conn,
  v: Visibility,
  f: MatterFilter,
  sort: { key: keyof typeof MATTER_SORTS; order: 'asc' | 'desc' },
  page: { offset: number; limit: number },
): Promise<(MattersTable & { village_name: string })[]> {
  const rows = await filtered(db, v, f)
    .innerJoin('orgs as vo', 'vo.id', 'm.village_id')
    .selectAll('m')
    .select(['vo.name as village_name'])
    .orderBy(sql.ref(MATTER_SORTS[sort.key]), sort.order)
    .orderBy('m.id', sort.order)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return rows as (MattersTable & { village_name: string })[];
}

/** How many matters the filters find (the board's total). */
export async function count(db: Conn, v: Visibility, f: MatterFilter): Promise<number> {
  const r = await filtered(db, v, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The number of matters a query finds: on PostgreSQL, where the planner estimates more than `beyond` rows,
 * its estimate (rounded to three significant digits, `estimated`) instead of counting them (a national
 * board's count reads millions of rows); otherwise, and on SQLite, the exact count.
 */
export async function countOrEstimate(
  db: Conn,
  v: Visibility,
  f: MatterFilter,
  beyond: number,
): Promise<{ n: number; estimated: boolean }> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const c = filtered(db, v, f).select('m.id').compile();
    const r = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      CompiledQuery.raw(`explain (format json) ${c.sql}`, [...c.parameters]),
    );
    const rows = Number(r.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
    if (rows > beyond) {
      const unit = 10 ** Math.max(0, Math.floor(Math.log10(rows)) - 2);
      return { n: Math.round(rows / unit) * unit, estimated: true };
    }
  }
  return { n: await count(db, v, f), estimated: false };
}

/** Counts by state for the same filters (the kanban's column headers). */
export async function countByState(db: Conn, v: Visibility, f: MatterFilter) {
  const rows = await filtered(db, v, { ...f, states: undefined })
    .select(['m.state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('m.state')
    .execute();
  return rows.map((r) => ({ state: r.state, count: Number(r.n) }));
}

export function findOrgsByIds(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'is_active'])
    .where('id', 'in', ids)
    .execute();
}

export function listPriorities(db: Conn) {
  return db.selectFrom('matter_priorities').selectAll().orderBy('sort_order').execute();
}

/** The settings as key → value (the thresholds the loop reads). */
export async function findSettingValues(db: Conn): Promise<Map<string, string>> {
  const rows = await db.selectFrom('matter_settings').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export function listSettings(db: Conn) {
  return db.selectFrom('matter_settings').select(['key', 'value', 'note']).orderBy('key').execute();
}

/** Units a matter can be assigned to: departments and organs of the root, and towns. */
export function findHandlingUnits(db: Conn, rootPath: string) {
  const [lo, hi] = subtreeBounds(rootPath);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path'])
    .where('path', '>=', lo)
    .where('path', '<', hi)
    .where('kind', 'in', ['department', 'organ', 'town'])
    .where('is_active', '=', 1)
    .orderBy('kind')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/** Open matters of a village move to another (a merge or split): the matter and every copy of its path. */
export async function moveOpenOfVillage(
  db: Tx,
  fromVillageId: string,
  to: { id: string; path: string },
): Promise<string[]> {
  const ids = (
    await db
      .selectFrom('matters')
      .select('id')
      .where('village_id', '=', fromVillageId)
      .where('state', '!=', 'closed')
      .execute()
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db
      .updateTable('matters')
      .set((eb) => ({ village_id: to.id, org_path: to.path, version: eb('version', '+', 1) }))
      .where('id', 'in', chunk)
      .execute();
    await db
      .updateTable('matter_assignments')
      .set({ org_path: to.path })
      .where('matter_id', 'in', chunk)
      .execute();
    await db
      .updateTable('matter_supervisions')
      .set({ org_path: to.path })
      .where('matter_id', 'in', chunk)
      .execute();
  }
  if (ids.length > 0) await bumpMatters(db);
  return ids;
}

/** Filters of the list of issued documents (公文). */
export interface IssuedDocumentFilter {
  kind: 'assign' | 'supervise';
  from?: string;
  to?: string;
  q?: string;
}

/**
 * The documents issued on the matters the caller sees, newest first: 交办单 are the dispatched
 * matters (with their lead unit), 督办单 the supervision steps that got a number (with their unit).
 */
export async function listIssuedDocuments(
  db: Conn,
  v: Visibility,
  f: IssuedDocumentFilter,
  page: { offset: number; limit: number },
) {
  const text = f.q;
  if (f.kind === 'assign') {
    let q = filtered(db, v, {}).where('m.dispatch_no', 'is not', null);
    if (f.from) q = q.where('m.dispatched_on', '>=', f.from);
    if (f.to) q = q.where('m.dispatched_on', '<=', f.to);
    if (text)
      q = q.where((eb) =>
        eb.or([
          likeContains('m.dispatch_no', text),
          likeContains('m.title', text),
          likeContains('m.code', text),
        ]),
      );
    const total = Number(
      (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    );
    const rows = await q
      .innerJoin('orgs as vo', 'vo.id', 'm.village_id')
      .select([
        'm.id as id',
        'm.dispatch_no as doc_no',
        'm.dispatched_on as issued_on',
        'm.id as matter_id',
        'm.code as matter_code',
        'm.title as matter_title',
        'm.state as matter_state',
        'vo.name as village_name',
        // The lead unit the matter was last assigned to (one row per matter, however often reassigned).
        (eb) =>
          eb
            .selectFrom('matter_assignments as la')
            .innerJoin('orgs as lu', 'lu.id', 'la.unit_id')
            .select('lu.name')
            .whereRef('la.matter_id', '=', 'm.id')
            .where('la.role', '=', 'lead')
            .orderBy('la.assigned_at', 'desc')
            .orderBy('la.id', 'desc')
            .limit(1)
            .as('unit_name'),
      ])
      .orderBy('m.dispatched_at', 'desc')
      .orderBy('m.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return { rows, total };
  }
  let q = filtered(db, v, {})
    .innerJoin('matter_supervisions as s', 's.matter_id', 'm.id')
    .where('s.doc_no', 'is not', null);
  if (f.from) q = q.where('s.triggered_on', '>=', f.from);
  if (f.to) q = q.where('s.triggered_on', '<=', f.to);
  if (text)
    q = q.where((eb) =>
      eb.or([likeContains('s.doc_no', text), likeContains('m.title', text), likeContains('m.code', text)]),
    );
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .innerJoin('orgs as vo', 'vo.id', 'm.village_id')
    .innerJoin('orgs as uo', 'uo.id', 's.unit_id')
    .select([
      's.id as id',
      's.doc_no as doc_no',
      's.triggered_on as issued_on',
      'm.id as matter_id',
      'm.code as matter_code',
      'm.title as matter_title',
      'm.state as matter_state',
      'vo.name as village_name',
      'uo.name as unit_name',
    ])
    .orderBy('s.triggered_on', 'desc')
    .orderBy('s.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { rows, total };
}

/**
 * Matters a number names exactly: the matter's code, its 交办单 number or one of its 督办单 numbers,
 * visible to `v`; a code is matched as typed in any case (sx2026-00414). The hits are a union of three
 * index lookups (matters.code unique, matters_dispatch_no_idx, matter_supervisions_doc_no_idx) that the
 * matters are then joined to by primary key: an OR over the three would scan every matter.
 */
export function findByNumber(db: Conn, no: string, v: Visibility, limit: number) {
  const hits = db
    .selectFrom('matters')
    .select('id')
    .where('code', '=', no.toUpperCase())
    .union(db.selectFrom('matters').select('id').where('dispatch_no', '=', no))
    .union(db.selectFrom('matter_supervisions').select('matter_id as id').where('doc_no', '=', no));
  return db
    .selectFrom(hits.as('h'))
    .innerJoin('matters as m', 'm.id', 'h.id')
    .select(['m.id', 'm.code', 'm.title', 'm.state', 'm.dispatch_no'])
    .where((eb) => visibleWhere(eb, v))
    .orderBy('m.id')
    .limit(limit)
    .execute();
}
