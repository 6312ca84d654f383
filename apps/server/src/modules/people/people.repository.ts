import { sql } from 'kysely';
import type { Gender, PositionRole } from '@xinhuo/shared';
import { likeContains, likeStartsWith } from '../../platform/db/like';
import type { Db, Tx } from '../../database';
import { inSubtrees, subtreeBounds } from '../../platform/http/scope';
import type { PersonDedupeRequestsTable, PersonsTable } from './people.tables';
import { activeOn } from './terms.repository';

// The SQL of persons, the dedupe requests referred to the city and the reveal allowance.

type Conn = Db | Tx;

export interface PersonFilter {
  underPath?: string;
  roles?: readonly PositionRole[];
  college?: boolean;
  bornFrom?: string;
  bornTo?: string;
  gender?: Gender;
  politicalStatus?: string;
  nameLike?: string;
  searchKey?: string;
  refDate: string;
}

/**
 * The list's orders, each ending with the id so that a row's sort values name its place exactly (the
 * keyset of `after`). Names sort by their pinyin key (nameSortKey). Each order is an index
 * (persons_org_sort_idx, persons_name_sort_idx, persons_path_birth_idx … id), so a page is read
 * in index order rather than sorting the subtree.
 */
export const SORTS = {
  name: ['p.name_sort', 'p.id'],
  birthDate: ['p.birth_date', 'p.id'],
  org: ['p.org_path', 'p.name_sort', 'p.id'],
} as const;
export type SortKey = keyof typeof SORTS;

/** The sort values of a row, for the keyset of the page after it. */
export function sortValues(row: PersonListRow, key: SortKey): string[] {
  return SORTS[key].map((c) => String(row[c.slice(2) as keyof PersonListRow]));
}

function filtered(db: Conn, f: PersonFilter, scopePaths: readonly string[]) {
  let q = db.selectFrom('persons as p').where((eb) => inSubtrees(eb, 'p.org_path', scopePaths));
  if (f.underPath) {
    const [lo, hi] = subtreeBounds(f.underPath);
    q = q.where('p.org_path', '>=', lo).where('p.org_path', '<', hi);
  }
  if (f.roles && f.roles.length > 0) {
    const roles = [...f.roles];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('positions as x')
          .select(sql`1`.as('one'))
          .whereRef('x.person_id', '=', 'p.id')
          .where('x.role', 'in', roles)
          .where((e2) => activeOn(e2, 'x', f.refDate)),
      ),
    );
  }
  if (f.college !== undefined) q = q.where('p.is_college', '=', f.college ? 1 : 0);
  if (f.bornFrom) q = q.where('p.birth_date', '>=', f.bornFrom);
  if (f.bornTo) q = q.where('p.birth_date', '<=', f.bornTo);
  if (f.gender) q = q.where('p.gender', '=', f.gender);
  if (f.politicalStatus) q = q.where('p.political_status', '=', f.politicalStatus);
  if (f.nameLike) q = q.where(likeContains('p.name', f.nameLike));
  if (f.searchKey) q = q.where(likeContains('p.name_search', f.searchKey, ' '));
  return q;
}

export type PersonListRow = Pick<
  PersonsTable,
  | 'id'
  | 'name'
  | 'gender'
  | 'birth_date'
  | 'ethnicity'
  | 'highest_education'
  | 'is_college'
  | 'political_status'
  | 'id_number_masked'
  | 'phone_masked'
  | 'org_id'
  | 'org_path'
  | 'name_sort'
> & { org_name: string };

const LIST_COLUMNS = [
  'p.id',
  'p.name',
  'p.gender',
  'p.birth_date',
  'p.ethnicity',
  'p.highest_education',
  'p.is_college',
  'p.political_status',
  'p.id_number_masked',
  'p.phone_masked',
  'p.org_id',
  'p.org_path',
  'p.name_sort',
] as const;

export async function list(
  db: Conn,
  f: PersonFilter,
  scopePaths: readonly string[],
  sort: { key: SortKey; order: 'asc' | 'desc' },
  page: { offset: number; limit: number; after?: readonly string[] },
  withTotal = true,
): Promise<{ rows: PersonListRow[]; total: number }> {
  const base = filtered(db, f, scopePaths);
  const total = withTotal ? await count(db, f, scopePaths) : -1;
  const columns = SORTS[sort.key];
  let q = base.innerJoin('orgs as o', 'o.id', 'p.org_id').select([...LIST_COLUMNS, 'o.name as org_name']);
  if (page.after) {
    // Keyset: the rows after the given sort values, in the list's order (a row-value comparison,
    // which both databases answer as a range of the order's index).
    const refs = sql.join(columns.map((c) => sql.ref(c)));
    const values = sql.join(page.after);
    q = q.where(
      sort.order === 'asc' ? sql<boolean>`(${refs}) > (${values})` : sql<boolean>`(${refs}) < (${values})`,
    );
  }
  for (const c of columns) q = q.orderBy(sql.ref(c), sort.order);
  const rows = await (page.after ? q : q.offset(page.offset)).limit(page.limit).execute();
  return { rows: rows as PersonListRow[], total };
}

/** How many persons the filters match in the scope. */
export async function count(db: Conn, f: PersonFilter, scopePaths: readonly string[]): Promise<number> {
  const r = await filtered(db, f, scopePaths)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findById(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('persons as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select('o.name as org_name')
    .where('p.id', '=', id)
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .executeTakeFirst();
}

export function existsUnscoped(db: Conn, id: string) {
  return db.selectFrom('persons').select('id').where('id', '=', id).executeTakeFirst();
}

export function findByIdNumberIndex(db: Conn, bidx: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'org_path'])
    .where('id_number_bidx', '=', bidx)
    .executeTakeFirst();
}

/** The persons holding any of these ID blind indexes (the import matches a whole file at once). */
export async function findByIdNumberIndexes(db: Conn, bidxs: readonly string[]): Promise<PersonsTable[]> {
  const out: PersonsTable[] = [];
  // Chunks keep each statement under the drivers' bound-parameter limits.
  for (let i = 0; i < bidxs.length; i += 500) {
    const chunk = bidxs.slice(i, i + 500);
    out.push(...(await db.selectFrom('persons').selectAll().where('id_number_bidx', 'in', chunk).execute()));
  }
  return out;
}

/**
 * People in scope a sign-in sheet may name: by ID blind index, or by exact name (through the pinyin key's
 * index), with their org and town names (the sheet's unit column is matched against them).
 */
export async function findSignInCandidates(
  db: Conn,
  q: { bidxs: readonly string[]; names: readonly { name: string; pinyin: string }[] },
  scopePaths: readonly string[],
) {
  const base = () =>
    db
      .selectFrom('persons as p')
      .innerJoin('orgs as o', 'o.id', 'p.org_id')
      .leftJoin('orgs as t', 't.id', 'o.parent_id')
      .select(['p.id', 'p.name', 'p.org_id', 'p.id_number_bidx', 'o.name as org_name', 't.name as town_name'])
      .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths));
  const out = [];
  for (let i = 0; i < q.bidxs.length; i += 500)
    out.push(
      ...(await base()
        .where('p.id_number_bidx', 'in', q.bidxs.slice(i, i + 500))
        .execute()),
    );
  for (let i = 0; i < q.names.length; i += 200) {
    const chunk = q.names.slice(i, i + 200);
    out.push(
      ...(await base()
        .where('p.name_pinyin', 'in', [...new Set(chunk.map((n) => n.pinyin))])
        .where(
          'p.name',
          'in',
          chunk.map((n) => n.name),
        )
        .execute()),
    );
  }
  return out;
}

/** Many new persons in a few statements (the import's commit). */
export async function insertMany(db: Conn, rows: readonly PersonsTable[]): Promise<void> {
  // 29 columns × 400 rows stays under SQLite's 32,766 bound parameters.
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto('persons')
      .values(rows.slice(i, i + 400))
      .execute();
  }
}

export async function insert(db: Conn, row: PersonsTable): Promise<void> {
  await db.insertInto('persons').values(row).execute();
}

export async function update(
  db: Conn,
  id: string,
  version: number,
  patch: Partial<PersonsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('persons')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findOrgNames(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', 'in', ids as string[])
    .execute();
}

export async function insertDedupeRequest(db: Conn, row: PersonDedupeRequestsTable): Promise<void> {
  await db.insertInto('person_dedupe_requests').values(row).execute();
}

/**
 * Open dedupe requests that the caller can judge: both the organization that asked and the person who
 * holds the number lie in the caller's scope (in practice the city, the common ancestor of two towns).
 */
export function listOpenDedupeRequests(db: Conn, scopePaths: readonly string[]) {
  return db
    .selectFrom('person_dedupe_requests as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('persons as h', 'h.id', 'r.holder_person_id')
    .innerJoin('orgs as ho', 'ho.id', 'h.org_id')
    .leftJoin('users as u', 'u.id', 'r.requested_by')
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'r.requested_at',
      'r.subject_person_id',
      'r.org_id',
      'o.name as org_name',
      'u.username as requested_by',
      'h.id as holder_id',
      'h.name as holder_name',
      'h.id_number_masked as holder_id_number_masked',
      'ho.name as holder_org_name',
    ])
    .where('r.status', '=', 'open')
    .where((eb) => inSubtrees(eb, 'r.org_path', scopePaths))
    .where((eb) => inSubtrees(eb, 'h.org_path', scopePaths))
    .orderBy('r.requested_at', 'desc')
    .orderBy('r.id')
    .limit(500)
    .execute();
}

/**
 * Take one reveal from the user's allowance for the day, atomically (the upsert locks the row, so
 * concurrent reveals are counted one by one): the count after taking it, or undefined when used up.
 */
export async function takeRevealQuota(db: Conn, userId: string, day: string, limit: number) {
  const r = await db
    .insertInto('pii_reveal_quota')
    .values({ user_id: userId, day, used: 1 })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'day'])
        .doUpdateSet({ used: sql`pii_reveal_quota.used + 1` })
        .where('pii_reveal_quota.used', '<', limit),
    )
    .returning('used')
    .executeTakeFirst();
  return r?.used;
}

/**
 * The header search: people in scope whose name starts with the query — pinyin initials (ltt) or full
 * pinyin (lutingting) by a range on `name_initials` / `name_pinyin` (indexes persons_name_*_idx), Han
 * characters by the range of their pinyin, then the characters themselves.
 * Never a scan of the table.
 */
export function findByNameKey(
  db: Conn,
  q: { ascii: string } | { han: string; pinyin: string },
  scopePaths: readonly string[],
  limit: number,
) {
  let sel = db
    .selectFrom('persons as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'o.name as org_name'])
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths));
  if ('ascii' in q) {
    const hi = q.ascii + '~';
    sel = sel.where((eb) =>
      eb.or([
        eb.and([eb('p.name_initials', '>=', q.ascii), eb('p.name_initials', '<', hi)]),
        eb.and([eb('p.name_pinyin', '>=', q.ascii), eb('p.name_pinyin', '<', hi)]),
      ]),
    );
  } else
    sel = sel
      .where('p.name_pinyin', '>=', q.pinyin)
      .where('p.name_pinyin', '<', q.pinyin + '~')
      .where(likeStartsWith('p.name', q.han));
  return sel.orderBy('p.name_sort').limit(limit).execute();
}

/** 职级 of an organ cadre (not part of the row MAC: an attribute, not identity). */
export async function setCadreRank(db: Conn, id: string, rank: PersonsTable['cadre_rank']): Promise<void> {
  await db.updateTable('persons').set({ cadre_rank: rank }).where('id', '=', id).execute();
}
