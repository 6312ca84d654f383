import type { OrgKind } from '@xinhuo/shared';
import { sql } from 'kysely';
import { likeContains } from '../../platform/db/like';
import type { Database, Db, Tx } from '../../database';
import { inSubtrees, subtreeBounds } from '../../platform/http/scope';
import { AUTH_DATA_VERSION, bumpDataVersion } from '../../platform/db/data-version';
import type {
  OrgHistoryTable,
  OrgLineageTable,
  OrgNamesTable,
  OrgsTable,
  OrgTransfersTable,
} from './org.tables';

type Conn = Db | Tx;

const childCount = (_db: Conn) =>
  sql<number>`(select count(*) from orgs c where c.parent_id = o.id)`.as('child_count');

export type OrgRow = OrgsTable & { child_count: number };

export function findById(db: Conn, id: string, scopePaths: readonly string[]): Promise<OrgRow | undefined> {
  return db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select(childCount(db))
    .where('o.id', '=', id)
    .where((eb) => inSubtrees(eb, 'o.path', scopePaths))
    .executeTakeFirst() as Promise<OrgRow | undefined>;
}

export function findByIdUnscoped(db: Conn, id: string): Promise<OrgsTable | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findChildren(db: Conn, parentId: string, scopePaths: readonly string[]): Promise<OrgRow[]> {
  return db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select(childCount(db))
    .where('o.parent_id', '=', parentId)
    .where((eb) => inSubtrees(eb, 'o.path', scopePaths))
    .orderBy('o.sort_order')
    .orderBy('o.name')
    .execute() as Promise<OrgRow[]>;
}

export function findByPaths(db: Conn, paths: readonly string[]): Promise<OrgRow[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select(childCount(db))
    .where('o.path', 'in', paths as string[])
    .orderBy('o.path')
    .execute() as Promise<OrgRow[]>;
}

/** Whether any org exists at all (the demo city is built only into an empty database). */
export async function hasAny(db: Conn): Promise<boolean> {
  return (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export function findRoots(db: Conn): Promise<OrgRow[]> {
  return db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select(childCount(db))
    .where('o.parent_id', 'is', null)
    .orderBy('o.path')
    .execute() as Promise<OrgRow[]>;
}

export function findAncestors(
  db: Conn,
  path: string,
): Promise<Pick<OrgsTable, 'id' | 'name' | 'kind' | 'path'>[]> {
  const ids = path.split('/').filter(Boolean).slice(0, -1);
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path'])
    .where('id', 'in', ids)
    .orderBy('depth')
    .execute();
}

export interface OrgListFilter {
  q?: string;
  kind?: OrgKind;
  underPath?: string;
  includeInactive?: boolean;
}

export async function list(
  db: Conn,
  f: OrgListFilter,
  scopePaths: readonly string[],
  page: { offset: number; limit: number },
): Promise<{ rows: OrgRow[]; total: number }> {
  let q = db.selectFrom('orgs as o').where((eb) => inSubtrees(eb, 'o.path', scopePaths));
  if (f.underPath) {
    const [lo, hi] = subtreeBounds(f.underPath);
    q = q.where('o.path', '>=', lo).where('o.path', '<', hi);
  }
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.q) q = q.where(likeContains('o.name', f.q));
  if (!f.includeInactive) q = q.where('o.is_active', '=', 1);
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const rows = (await q
    .selectAll('o')
    .select(childCount(db))
    .orderBy('o.path')
    .offset(page.offset)
    .limit(page.limit)
    .execute()) as OrgRow[];
  return { rows, total: Number(n) };
}

export async function insert(db: Conn, row: OrgsTable): Promise<void> {
  await db.insertInto('orgs').values(row).execute();
}

export async function update(
  db: Conn,
  id: string,
  version: number,
  patch: Partial<
    Pick<
      OrgsTable,
      'name' | 'party_org_type' | 'code' | 'is_active' | 'parent_id' | 'updated_at' | 'depth' | 'valid_to'
    >
  >,
): Promise<boolean> {
  const r = await db
    .updateTable('orgs')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Re-root a subtree: every materialized path under oldPrefix (orgs and the rows that copy it) moves to newPrefix. */
export async function rewritePaths(
  db: Tx,
  oldPrefix: string,
  newPrefix: string,
  depthDelta: number,
): Promise<void> {
  const [lo, hi] = subtreeBounds(oldPrefix);
  const len = oldPrefix.length;
  await db
    .updateTable('orgs')
    .set({ path: sql`${newPrefix} || substr(path, ${len + 1})`, depth: sql`depth + ${depthDelta}` })
    .where('path', '>=', lo)
    .where('path', '<', hi)
    .execute();
  for (const [table, column] of PATH_COPIES) {
    await db
      .updateTable(table)
      .set({ [column]: sql`${newPrefix} || substr(${sql.ref(column)}, ${len + 1})` })
      .where(sql.ref(column), '>=', lo)
      .where(sql.ref(column), '<', hi)
      .execute();
  }
  // Scopes are org paths: cached sessions resolve their scopes again.
  await bumpDataVersion(db, AUTH_DATA_VERSION);
}

/**
 * Every column that keeps a copy of an org's materialized path (so that scoped reads are index
 * ranges). A moved subtree rewrites them all in the move's transaction; a copy left out here would
 * leave its rows visible to the old parent's staff and hidden from the new one's. The unit test
 * `org-path-copies.test.ts` fails when a `*.tables.ts` gains a path column not listed here.
 */
export const PATH_COPIES = [
  ['persons', 'org_path'],
  ['terms', 'org_path'],
  ['positions', 'org_path'],
  ['seat_adjustments', 'org_path'],
  ['person_dedupe_requests', 'org_path'],
  ['import_jobs', 'org_path'],
  ['meeting_series', 'org_path'],
  ['meetings', 'org_path'],
  ['meetings', 'venue_path'],
  ['matters', 'org_path'],
  ['matter_assignments', 'org_path'],
  ['matter_assignments', 'unit_path'],
  ['matter_supervisions', 'org_path'],
  ['matter_supervisions', 'unit_path'],
  ['attachments', 'org_path'],
  ['structure_snapshots', 'org_path'],
  ['training_programs', 'org_path'],
  ['training_sessions', 'org_path'],
  ['univ_cohorts', 'org_path'],
  ['pipeline_programs', 'owner_org_path'],
  ['pipeline_candidates', 'org_path'],
  ['pipeline_bench', 'org_path'],
  ['pipeline_succession_records', 'org_path'],
] as const satisfies readonly (readonly [keyof Database, string])[];

export async function countActiveChildren(db: Conn, id: string): Promise<number> {
  const r = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertHistory(db: Conn, row: OrgHistoryTable): Promise<void> {
  await db.insertInto('org_history').values(row).execute();
}

export function findHistory(db: Conn, orgId: string) {
  return db
    .selectFrom('org_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .select(['h.at', 'h.action', 'h.details', 'u.display_name as actor_name'])
    .where('h.org_id', '=', orgId)
    .orderBy('h.at', 'desc')
    .limit(100)
    .execute();
}

/** Former names of orgs (for the history card and for names on a past date). */
export function findNames(db: Conn, orgIds: readonly string[]) {
  if (orgIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_names')
    .select(['org_id', 'name', 'valid_to'])
    .where('org_id', 'in', orgIds as string[])
    .orderBy('org_id')
    .orderBy('valid_to')
    .orderBy('id') // time-ordered: of two renames on one day, the earlier name first
    .execute();
}

export async function insertName(db: Conn, row: OrgNamesTable): Promise<void> {
  await db.insertInto('org_names').values(row).execute();
}

export async function insertLineage(db: Conn, rows: readonly OrgLineageTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('org_lineage')
      .values([...rows])
      .execute();
}

export async function insertTransfers(db: Conn, rows: readonly OrgTransfersTable[]): Promise<void> {
  // In chunks: a village's people and seats may exceed one statement's parameter limit.
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('org_transfers')
      .values(rows.slice(i, i + 100) as OrgTransfersTable[])
      .execute();
}

/** The lineage links of an org in both directions, with the other side's name and path. */
export function findLineage(db: Conn, orgId: string) {
  return db
    .selectFrom('org_lineage as l')
    .innerJoin('orgs as f', 'f.id', 'l.from_org_id')
    .innerJoin('orgs as t', 't.id', 'l.to_org_id')
    .select([
      'l.kind',
      'l.effective_date',
      'l.from_org_id',
      'l.to_org_id',
      'f.name as from_name',
      'f.path as from_path',
      't.name as to_name',
      't.path as to_path',
    ])
    .where((eb) => eb.or([eb('l.from_org_id', '=', orgId), eb('l.to_org_id', '=', orgId)]))
    .orderBy('l.effective_date')
    .execute();
}

/** Counts of what a merge or split moved out of an org, by kind of object. */
export function countTransfersFrom(db: Conn, orgId: string) {
  return db
    .selectFrom('org_transfers')
    .select(['object_type', 'to_org_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('from_org_id', '=', orgId)
    .groupBy(['object_type', 'to_org_id'])
    .execute();
}
