import { sql, type SqlBool } from 'kysely';
import type { CampaignOrgState } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { likeContains } from '../../platform/db/like';
import { inSubtrees } from '../../platform/http/scope';
import type {
  CampaignCandidatesTable,
  CampaignObjectionsTable,
  CampaignOrgsTable,
  CampaignVettingChecksTable,
  CampaignVettingItemsTable,
  ElectionCampaignsTable,
} from './campaigns.tables';

// The SQL of term election campaigns (换届). Scope is the taking-part org's current path (orgs joined).

type Conn = Db | Tx;

const CHUNK = 500;

/** 一肩挑 of the campaign org `co`: one person elected both party secretary and villagers' director. */
const ONE_SHOULDER = sql<SqlBool>`exists (
  select 1 from campaign_candidates s
  join campaign_candidates d on d.campaign_org_id = s.campaign_org_id and d.person_id = s.person_id
  where s.campaign_org_id = co.id and s.role = 'party_secretary' and s.elected = 1
    and d.role = 'director' and d.elected = 1)`;

export async function insertCampaign(db: Conn, row: ElectionCampaignsTable): Promise<void> {
  await db.insertInto('election_campaigns').values(row).execute();
}

export async function insertVettingItems(
  db: Conn,
  rows: readonly CampaignVettingItemsTable[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('campaign_vetting_items').values(rows).execute();
}

export async function insertCampaignOrgs(db: Conn, rows: readonly CampaignOrgsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('campaign_orgs')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** The villages of a subtree (in the caller's scope) that exist on `date`: a campaign's default orgs. */
export function findVillagesInSubtree(db: Conn, path: string, scopePaths: readonly string[], date: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('kind', '=', 'village')
    .where('is_active', '=', 1)
    .where((eb) => inSubtrees(eb, 'path', [path]))
    .where((eb) => inSubtrees(eb, 'path', scopePaths))
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', date)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('path')
    .execute();
}

/** Some orgs by id, within the caller's scope (the named taking-part orgs of a new campaign). */
export function findOrgsInScope(db: Conn, ids: readonly string[], scopePaths: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'kind', 'is_active'])
    .where('id', 'in', ids as string[])
    .where((eb) => inSubtrees(eb, 'path', scopePaths))
    .execute();
}

const campaignColumns = [
  'e.id',
  'e.name',
  'e.scope_org_id',
  'so.name as scope_org_name',
  'e.election_date',
  'e.term_years',
  'c.notice_workdays',
  'e.created_at',
] as const;

/** Campaigns with a taking-part org in the caller's scope, with the counts of their orgs in it. */
export async function list(db: Conn, scopePaths: readonly string[], page: { offset: number; limit: number }) {
  const base = db
    .selectFrom('election_campaigns as c')
    .innerJoin('elections as e', 'e.id', 'c.election_id')
    .innerJoin('orgs as so', 'so.id', 'e.scope_org_id')
    .innerJoin('campaign_orgs as co', 'co.election_id', 'c.election_id')
    .innerJoin('orgs as o', 'o.id', 'co.org_id')
    .where((eb) => inSubtrees(eb, 'o.path', scopePaths));
  const [rows, total] = await Promise.all([
    base
      .select([...campaignColumns])
      .select((eb) => [
        eb.fn.countAll<number>().as('org_count'),
        eb.fn
          .sum<number>(eb.case().when('co.state', '=', 'finalized').then(1).else(0).end())
          .as('finalized_count'),
      ])
      .groupBy([
        'e.id',
        'e.name',
        'e.scope_org_id',
        'so.name',
        'e.election_date',
        'e.term_years',
        'c.notice_workdays',
        'e.created_at',
      ])
      .orderBy('e.election_date', 'desc')
      .orderBy('e.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.count<number>('c.election_id').distinct().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** One campaign seen from the caller's scope (undefined when none of its orgs is in it). */
export async function findById(db: Conn, id: string, scopePaths: readonly string[]) {
  const row = await db
    .selectFrom('election_campaigns as c')
    .innerJoin('elections as e', 'e.id', 'c.election_id')
    .innerJoin('orgs as so', 'so.id', 'e.scope_org_id')
    .select([...campaignColumns])
    .where('c.election_id', '=', id)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('campaign_orgs as co')
          .innerJoin('orgs as o', 'o.id', 'co.org_id')
          .select(sql`1`.as('one'))
          .whereRef('co.election_id', '=', 'c.election_id')
          .where((eb2) => inSubtrees(eb2, 'o.path', scopePaths)),
      ),
    )
    .executeTakeFirst();
  return row;
}

export function findByIdUnscoped(db: Conn, id: string) {
  return db
    .selectFrom('election_campaigns')
    .select('election_id')
    .where('election_id', '=', id)
    .executeTakeFirst();
}

/** Org counts per state, and the 一肩挑 count of the finalized ones, in the caller's scope. */
export async function progress(db: Conn, id: string, scopePaths: readonly string[]) {
  const [states, oneShoulder] = await Promise.all([
    db
      .selectFrom('campaign_orgs as co')
      .innerJoin('orgs as o', 'o.id', 'co.org_id')
      .select(['co.state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('co.election_id', '=', id)
      .where((eb) => inSubtrees(eb, 'o.path', scopePaths))
      .groupBy('co.state')
      .execute(),
    db
      .selectFrom('campaign_orgs as co')
      .innerJoin('orgs as o', 'o.id', 'co.org_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('co.election_id', '=', id)
      .where('co.state', '=', 'finalized')
      .where((eb) => inSubtrees(eb, 'o.path', scopePaths))
      .where(ONE_SHOULDER)
      .executeTakeFirstOrThrow(),
  ]);
  return { states, oneShoulder: Number(oneShoulder.n) };
}

export function findVettingItems(db: Conn, electionId: string) {
  return db
    .selectFrom('campaign_vetting_items')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('sort_order')
    .execute();
}

function campaignOrgQuery(db: Conn) {
  return db
    .selectFrom('campaign_orgs as co')
    .innerJoin('orgs as o', 'o.id', 'co.org_id')
    .leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
    .selectAll('co')
    .select(['o.name as org_name', 'parent.name as parent_name'])
    .select((eb) => [
      eb
        .selectFrom('campaign_candidates as k')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('k.campaign_org_id', '=', 'co.id')
        .as('candidate_count'),
      eb
        .selectFrom('campaign_candidates as k')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('k.campaign_org_id', '=', 'co.id')
        .where('k.elected', '=', 1)
        .as('elected_count'),
      eb.case().when(ONE_SHOULDER).then(1).else(0).end().as('one_shoulder'),
    ]);
}
export type CampaignOrgRow = NonNullable<Awaited<ReturnType<typeof findCampaignOrg>>>;

/** The taking-part orgs of a campaign in the caller's scope, paged, by path (town by town). */
export async function listCampaignOrgs(
  db: Conn,
  id: string,
  scopePaths: readonly string[],
  f: { state?: CampaignOrgState; q?: string },
  page: { offset: number; limit: number },
) {
  let base = db
    .selectFrom('campaign_orgs as co')
    .innerJoin('orgs as o', 'o.id', 'co.org_id')
    .where('co.election_id', '=', id)
    .where((eb) => inSubtrees(eb, 'o.path', scopePaths));
  let rowsQ = campaignOrgQuery(db)
    .where('co.election_id', '=', id)
    .where((eb) => inSubtrees(eb, 'o.path', scopePaths));
  if (f.state) {
    base = base.where('co.state', '=', f.state);
    rowsQ = rowsQ.where('co.state', '=', f.state);
  }
  if (f.q) {
    base = base.where(likeContains('o.name', f.q));
    rowsQ = rowsQ.where(likeContains('o.name', f.q));
  }
  const [rows, total] = await Promise.all([
    rowsQ.orderBy('o.path').offset(page.offset).limit(page.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** One org's part in a campaign, if that org is in the caller's scope. */
export function findCampaignOrg(db: Conn, electionId: string, orgId: string, scopePaths: readonly string[]) {
  return campaignOrgQuery(db)
    .where('co.election_id', '=', electionId)
    .where('co.org_id', '=', orgId)
    .where((eb) => inSubtrees(eb, 'o.path', scopePaths))
    .executeTakeFirst();
}

export function findCampaignOrgUnscoped(db: Conn, electionId: string, orgId: string) {
  return db
    .selectFrom('campaign_orgs')
    .select('id')
    .where('election_id', '=', electionId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

/**
 * Take the org's part for this transaction: its version moves (when `version` is given it must be the
 * one read, else nothing changes and false comes back). Concurrent changes of one part queue here.
 */
export async function lockCampaignOrg(db: Conn, id: string, version: number | undefined, now: string) {
  let q = db
    .updateTable('campaign_orgs')
    .set({ version: sql`version + 1`, updated_at: now })
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateCampaignOrg(
  db: Conn,
  id: string,
  patch: Partial<
    Pick<
      CampaignOrgsTable,
      | 'state'
      | 'nomination_date'
      | 'vetting_date'
      | 'notice_planned_date'
      | 'election_date'
      | 'notice_start_date'
      | 'notice_end_date'
      | 'party_term_id'
      | 'villagers_term_id'
      | 'finalized_at'
    >
  >,
): Promise<void> {
  await db.updateTable('campaign_orgs').set(patch).where('id', '=', id).execute();
}

/**
 * Move the part from one state to the next; false when another request moved it first (the state is
 * re-checked in the update, so a double finalize changes nothing the second time).
 */
export async function moveState(
  db: Conn,
  id: string,
  from: CampaignOrgState,
  to: CampaignOrgState,
): Promise<boolean> {
  const r = await db
    .updateTable('campaign_orgs')
    .set({ state: to })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertCandidate(db: Conn, row: CampaignCandidatesTable): Promise<void> {
  await db.insertInto('campaign_candidates').values(row).execute();
}

/** The candidates of one org's part with the person's fields the lists show. */
export function findCandidates(db: Conn, campaignOrgId: string) {
  return db
    .selectFrom('campaign_candidates as k')
    .innerJoin('persons as p', 'p.id', 'k.person_id')
    .selectAll('k')
    .select(['p.name as person_name', 'p.gender', 'p.birth_date', 'p.is_college'])
    .where('k.campaign_org_id', '=', campaignOrgId)
    .orderBy('k.committee')
    .orderBy('k.role')
    .orderBy('k.created_at')
    .orderBy('k.id')
    .execute();
}

export function findCandidate(db: Conn, campaignOrgId: string, candidateId: string) {
  return db
    .selectFrom('campaign_candidates')
    .selectAll()
    .where('id', '=', candidateId)
    .where('campaign_org_id', '=', campaignOrgId)
    .executeTakeFirst();
}

export function findCandidateUnscoped(db: Conn, candidateId: string) {
  return db.selectFrom('campaign_candidates').select('id').where('id', '=', candidateId).executeTakeFirst();
}

export function findCandidateForSeat(
  db: Conn,
  k: Pick<CampaignCandidatesTable, 'campaign_org_id' | 'committee' | 'role' | 'person_id'>,
) {
  return db
    .selectFrom('campaign_candidates')
    .select('id')
    .where('campaign_org_id', '=', k.campaign_org_id)
    .where('committee', '=', k.committee)
    .where('role', '=', k.role)
    .where('person_id', '=', k.person_id)
    .executeTakeFirst();
}

export async function deleteCandidate(db: Conn, candidateId: string): Promise<void> {
  await db.deleteFrom('campaign_vetting_checks').where('candidate_id', '=', candidateId).execute();
  await db.deleteFrom('campaign_candidates').where('id', '=', candidateId).execute();
}

export async function setResult(
  db: Conn,
  candidateId: string,
  r: { votes: number; elected: boolean },
): Promise<void> {
  await db
    .updateTable('campaign_candidates')
    .set({ votes: r.votes, elected: r.elected ? 1 : 0 })
    .where('id', '=', candidateId)
    .execute();
}

/** Whether the person holds an open seat in the org's committees now (a re-election candidate). */
export async function holdsOpenSeat(db: Conn, orgId: string, personId: string): Promise<boolean> {
  const r = await db
    .selectFrom('positions')
    .select('id')
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('end_date', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}

/** The vetting checks of some candidates, with the checker's display name. */
export function findChecks(db: Conn, candidateIds: readonly string[]) {
  if (candidateIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('campaign_vetting_checks as v')
    .leftJoin('users as u', 'u.id', 'v.checked_by')
    .selectAll('v')
    .select('u.display_name as checked_by_name')
    .where('v.candidate_id', 'in', candidateIds as string[])
    .execute();
}

/** Record (or re-record) one item's check of one candidate. */
export async function upsertCheck(db: Conn, row: CampaignVettingChecksTable): Promise<void> {
  await db
    .insertInto('campaign_vetting_checks')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['candidate_id', 'item_id']).doUpdateSet({
        outcome: row.outcome,
        note: row.note,
        checked_by: row.checked_by,
        checked_at: row.checked_at,
      }),
    )
    .execute();
}

export async function insertObjection(db: Conn, row: CampaignObjectionsTable): Promise<void> {
  await db.insertInto('campaign_objections').values(row).execute();
}

export function findObjections(db: Conn, campaignOrgId: string) {
  return db
    .selectFrom('campaign_objections')
    .selectAll()
    .where('campaign_org_id', '=', campaignOrgId)
    .orderBy('received_on')
    .orderBy('created_at')
    .execute();
}

export function findObjection(db: Conn, campaignOrgId: string, objectionId: string) {
  return db
    .selectFrom('campaign_objections')
    .selectAll()
    .where('id', '=', objectionId)
    .where('campaign_org_id', '=', campaignOrgId)
    .executeTakeFirst();
}

export function findObjectionUnscoped(db: Conn, objectionId: string) {
  return db.selectFrom('campaign_objections').select('id').where('id', '=', objectionId).executeTakeFirst();
}

/** Resolve an open objection; false when it was already resolved. */
export async function resolveObjection(
  db: Conn,
  id: string,
  r: { resolution: string; resolvedBy: string | null; resolvedAt: string },
): Promise<boolean> {
  const u = await db
    .updateTable('campaign_objections')
    .set({ resolution: r.resolution, resolved_by: r.resolvedBy, resolved_at: r.resolvedAt })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

/** The campaign's own settings (its part's scope was checked by the caller). */
export function findSettings(db: Conn, id: string) {
  return db
    .selectFrom('election_campaigns as c')
    .innerJoin('elections as e', 'e.id', 'c.election_id')
    .select(['e.id', 'e.name', 'e.election_date', 'e.term_years', 'c.notice_workdays'])
    .where('c.election_id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A person the caller may see (a candidate from the roster), or undefined. */
export function findPersonInScope(db: Conn, id: string, scopePaths: readonly string[]) {
  return db
    .selectFrom('persons')
    .select(['id', 'org_id'])
    .where('id', '=', id)
    .where((eb) => inSubtrees(eb, 'org_path', scopePaths))
    .executeTakeFirst();
}
