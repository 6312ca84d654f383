import type { MeetingHostLevel } from '@xinhuo/shared';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../database';
import { ancestorPaths, inSubtrees, subtreeBounds } from '../../platform/http/scope';
import { likeContains } from '../../platform/db/like';
import type { MeetingParticipantsTable, MeetingSeriesTable, MeetingsTable } from './meetings.tables';

type Conn = Db | Tx;

/** Meetings hosted in the scope, hosted above it (city meetings for a town), or held at a venue in it. */
function meetingVisible<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scopePaths: readonly string[],
  alias = 'mt',
): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [
    inSubtrees(eb, `${alias}.org_path`, scopePaths),
    inSubtrees(eb, `${alias}.venue_path`, scopePaths),
  ];
  const anc = ancestorPaths(scopePaths);
  if (anc.length > 0) ors.push(sql<SqlBool>`${sql.ref(`${alias}.org_path`)} in (${sql.join(anc)})`);
  return eb.or(ors);
}

export function findById(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('meetings as mt')
    .innerJoin('orgs as h', 'h.id', 'mt.host_org_id')
    .leftJoin('orgs as v', 'v.id', 'mt.venue_org_id')
    .leftJoin('meeting_series as s', 's.id', 'mt.series_id')
    .selectAll('mt')
    .select(['h.name as host_org_name', 'v.name as venue_name', 's.name as series_name'])
    .where('mt.id', '=', id)
    .where((eb) => meetingVisible(eb, scopePaths))
    .executeTakeFirst();
}

/** The meeting's id whatever the scope: tells an id held elsewhere (audited) from one that does not exist. */
export function findByIdUnscoped(db: Conn, id: string) {
  return db.selectFrom('meetings').select('id').where('id', '=', id).executeTakeFirst();
}

export interface MeetingFilter {
  from?: string;
  to?: string;
  seriesId?: string;
  hostLevel?: MeetingHostLevel;
  underPath?: string;
}

export async function list(
  db: Conn,
  scopePaths: readonly string[],
  f: MeetingFilter,
  page: { offset: number; limit: number },
) {
  let q = db.selectFrom('meetings as mt').where((eb) => meetingVisible(eb, scopePaths));
  if (f.from) q = q.where('mt.meeting_date', '>=', f.from);
  if (f.to) q = q.where('mt.meeting_date', '<=', f.to);
  if (f.seriesId) q = q.where('mt.series_id', '=', f.seriesId);
  if (f.hostLevel) q = q.where('mt.host_level', '=', f.hostLevel);
  if (f.underPath) {
    const [lo, hi] = subtreeBounds(f.underPath);
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('mt.org_path', '>=', lo), eb('mt.org_path', '<', hi)]),
        eb.and([eb('mt.venue_path', '>=', lo), eb('mt.venue_path', '<', hi)]),
      ]),
    );
  }
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .innerJoin('orgs as h', 'h.id', 'mt.host_org_id')
    .leftJoin('orgs as v', 'v.id', 'mt.venue_org_id')
    .leftJoin('meeting_series as s', 's.id', 'mt.series_id')
    .selectAll('mt')
    .select(['h.name as host_org_name', 'v.name as venue_name', 's.name as series_name'])
    .orderBy('mt.meeting_date', 'desc')
    .orderBy('mt.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total, rows };
}

/** Participants and speakers per meeting, for a page of meetings: one grouped query. */
export function countParticipants(db: Conn, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_participants')
    .select([
      'meeting_id',
      (eb) => eb.fn.countAll<number>().as('participants'),
      sql<number>`sum(case when spoke = 1 then 1 else 0 end)`.as('speakers'),
    ])
    .where('meeting_id', 'in', meetingIds as string[])
    .groupBy('meeting_id')
    .execute();
}

export function findParticipants(db: Conn, meetingId: string) {
  return db
    .selectFrom('meeting_participants')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('sort_order')
    .execute();
}

export async function insert(db: Tx, row: MeetingsTable): Promise<void> {
  await db.insertInto('meetings').values(row).execute();
}

export async function update(
  db: Tx,
  id: string,
  version: number,
  patch: Partial<MeetingsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('meetings')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceParticipants(
  db: Tx,
  meetingId: string,
  rows: MeetingParticipantsTable[],
): Promise<void> {
  await db.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).execute();
  if (rows.length > 0) await db.insertInto('meeting_participants').values(rows).execute();
}

export async function insertSeries(db: Tx, row: MeetingSeriesTable): Promise<void> {
  await db.insertInto('meeting_series').values(row).execute();
}

export function findSeries(db: Conn, scopePaths: readonly string[], id?: string) {
  let q = db
    .selectFrom('meeting_series as s')
    .innerJoin('orgs as h', 'h.id', 's.host_org_id')
    .selectAll('s')
    .select('h.name as host_org_name')
    .where((eb) => {
      const anc = ancestorPaths(scopePaths);
      const ors: Expression<SqlBool>[] = [inSubtrees(eb, 's.org_path', scopePaths)];
      if (anc.length > 0) ors.push(eb('s.org_path', 'in', anc));
      return eb.or(ors);
    });
  if (id) q = q.where('s.id', '=', id);
  return q.orderBy('s.created_at').execute();
}

/** Earlier meetings of the same series (or, without a series, of the same host), newest first. */
export function findEarlierMeetings(
  db: Conn,
  m: Pick<MeetingsTable, 'id' | 'series_id' | 'host_org_id' | 'meeting_date'>,
) {
  let q = db
    .selectFrom('meetings')
    .select(['id', 'title', 'meeting_date'])
    .where('meeting_date', '<', m.meeting_date)
    .where('id', '<>', m.id);
  q = m.series_id
    ? q.where('series_id', '=', m.series_id)
    : q.where('host_org_id', '=', m.host_org_id).where('series_id', 'is', null);
  return q.orderBy('meeting_date', 'desc').limit(200).execute();
}

/** Person ids of the list that lie in the scope (participants must be people the editor can see). */
export async function findPersonsInScope(
  db: Conn,
  ids: readonly string[],
  scopePaths: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('persons as p')
    .select('p.id')
    .where('p.id', 'in', ids as string[])
    .where((eb) => inSubtrees(eb, 'p.org_path', scopePaths))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The header search: visible meetings whose title contains the words, newest first (a scope's meetings are few). */
export function findByTitle(db: Conn, scopePaths: readonly string[], words: string, limit: number) {
  return db
    .selectFrom('meetings as mt')
    .select(['mt.id', 'mt.title', 'mt.meeting_date'])
    .where((eb) => meetingVisible(eb, scopePaths))
    .where(likeContains('mt.title', words))
    .orderBy('mt.meeting_date', 'desc')
    .limit(limit)
    .execute();
}
