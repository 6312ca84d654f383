import {
  DEFAULT_VETTING_ITEMS,
  PARTY_COMMITTEE_ROLES,
  VILLAGERS_COMMITTEE_ROLES,
  addYearsIso,
  type AddCandidateBody,
  type CampaignAction,
  type CampaignCandidate,
  type CampaignDetail,
  type CampaignListItem,
  type CampaignOrgDetail,
  type CampaignOrgItem,
  type CampaignOrgState,
  type CampaignSeat,
  type CandidateVetting,
  type Committee,
  type RecordObjectionBody,
  type VettingItem,
  type VettingOutcome,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { CalendarService } from '../../platform/calendar/calendar';
import { dateOf, dayNumber } from '../../platform/calendar/work-calendar';
import { SYSTEM_CALLER, type Caller } from '../../platform/caller';
import { shanghaiDate, type Clock } from '../../platform/clock';
import { AppError, fieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import type { OrgService } from '../org';
import type { PeopleService, TermsService } from '../people';
import { canEdit, nextActions, stepTarget, type CampaignEdit } from './campaign-machine';
import * as repo from './campaigns.repository';
import type { CampaignOrgsTable } from './campaigns.tables';
import type { StructureReportService } from './structure-report.service';

export type CampaignsService = ReturnType<typeof createCampaignsService>;

/** What creating a campaign takes (the contract's body after its defaults). */
export interface CreateCampaignInput {
  scopeOrgId: string;
  name: string;
  electionDate: string;
  termYears: number;
  noticeWorkdays: number;
  vettingItems?: { code: string; zh: string; en: string }[];
  orgIds?: string[];
  timetable?: {
    nominationDate?: string | null;
    vettingDate?: string | null;
    noticeStartDate?: string | null;
  };
}

export interface TimetableInput {
  /** Optimistic lock; the demo, working inside its own transaction, may leave it out. */
  version?: number;
  nominationDate?: string | null;
  vettingDate?: string | null;
  noticeStartDate?: string | null;
  electionDate?: string;
}

/** A candidate was added, or — a new person whose ID number is held outside the scope — sent to the city. */
export type AddCandidateOutcome =
  { status: 'added'; candidateId: string } | { status: 'pending_city_review'; requestId: string };

type Step = 'open_nomination' | 'start_vetting' | 'start_notice' | 'open_voting';

const COMMITTEE_ROLES = { party: PARTY_COMMITTEE_ROLES, villagers: VILLAGERS_COMMITTEE_ROLES } as const;
const COMMITTEES: readonly Committee[] = ['party', 'villagers'];
/** Roles of which a committee elects at most one holder (书记, 主任). */
const SINGLE_HOLDER_ROLES = ['party_secretary', 'director'];

const dayBefore = (date: string) => dateOf(dayNumber(date) - 1);

/** A candidate's vetting as a whole: any failed item fails it; passed once every item passed. */
function vettingOf(outcomes: readonly VettingOutcome[], itemCount: number): CandidateVetting {
  if (outcomes.includes('fail')) return 'failed';
  return outcomes.length >= itemCount ? 'passed' : 'pending';
}

/** The timetable's dates in their order (nomination ≤ vetting ≤ notice < election day), those given. */
function checkTimetable(
  t: Pick<CampaignOrgsTable, 'nomination_date' | 'vetting_date' | 'notice_planned_date' | 'election_date'>,
): void {
  const seq: [string, string | null][] = [
    ['nominationDate', t.nomination_date],
    ['vettingDate', t.vetting_date],
    ['noticeStartDate', t.notice_planned_date],
  ];
  let prev: string | null = null;
  for (const [field, d] of seq) {
    if (!d) continue;
    if (prev && d < prev) throw fieldError(field, 'CAMPAIGN_DATE_ORDER');
    prev = d;
  }
  if (prev && t.election_date <= prev) throw fieldError('electionDate', 'CAMPAIGN_DATE_ORDER');
}

/**
 * The term election as a campaign (换届). Every write takes the caller first and an optional `trx`
 * last: given one it works inside it (the demo runs a village per transaction), otherwise it opens its
 * own. Scope: a campaign is seen by whoever has a taking-part org in scope, and each org's part only by
 * those who have that org in scope (another town's org or candidate id answers 404 like a missing one).
 * Each write takes the org's part first (its version moves), so concurrent changes of one part queue.
 */
export function createCampaignsService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  orgs: OrgService;
  people: PeopleService;
  terms: TermsService;
  calendar: CalendarService;
  /** Freezes the election's structure report when its last village is finalized. */
  structureReports: Pick<StructureReportService, 'freeze'>;
}) {
  const { db, clock, audit, orgs, people, terms, calendar, structureReports } = deps;
  const today = () => shanghaiDate(clock.now());
  const run = <T>(trx: Tx | undefined, work: (t: Tx) => Promise<T>): Promise<T> =>
    trx ? work(trx) : db.transaction().execute(work);

  const loadCampaign = (caller: Caller, id: string, conn: Db | Tx) =>
    loadInScopeOr404({
      audit,
      caller,
      objectType: 'election',
      id,
      find: () => repo.findById(conn, id, caller.scopePaths),
      exists: () => repo.findByIdUnscoped(conn, id),
      trx: conn === db ? undefined : conn,
    });

  const loadPart = (caller: Caller, id: string, orgId: string, conn: Db | Tx) =>
    loadInScopeOr404({
      audit,
      caller,
      objectType: 'campaign_org',
      id: orgId,
      find: () => repo.findCampaignOrg(conn, id, orgId, caller.scopePaths),
      exists: () => repo.findCampaignOrgUnscoped(conn, id, orgId),
      trx: conn === db ? undefined : conn,
    });

  /** Load the org's part in scope, take it (its version must be `version` when given), read it again. */
  async function takePart(trx: Tx, caller: Caller, id: string, orgId: string, version?: number) {
    const found = await loadPart(caller, id, orgId, trx);
    if (!(await repo.lockCampaignOrg(trx, found.id, version, clock.now().toISOString())))
      throw new AppError('VERSION_CONFLICT');
    return (await repo.findCampaignOrg(trx, id, orgId, caller.scopePaths))!;
  }

  function requireEdit(state: CampaignOrgState, edit: CampaignEdit): void {
    if (!canEdit(state, edit)) throw new AppError('CAMPAIGN_ILLEGAL_STEP');
  }

  const loadCandidate = (caller: Caller, part: repo.CampaignOrgRow, candidateId: string, trx: Tx) =>
    loadInScopeOr404({
      audit,
      caller,
      objectType: 'campaign_candidate',
      id: candidateId,
      find: () => repo.findCandidate(trx, part.id, candidateId),
      exists: () => repo.findCandidateUnscoped(trx, candidateId),
      trx,
    });

  /** Each candidate's checks and overall vetting. */
  async function candidatesWithVetting(conn: Db | Tx, partId: string, itemCount: number) {
    const rows = await repo.findCandidates(conn, partId);
    const checks = await repo.findChecks(
      conn,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const own = checks.filter((c) => c.candidate_id === r.id);
      return {
        row: r,
        checks: own,
        vetting: vettingOf(
          own.map((c) => c.outcome),
          itemCount,
        ),
      };
    });
  }

  const toItem = (r: repo.CampaignOrgRow): CampaignOrgItem => ({
    orgId: r.org_id,
    orgName: r.org_name,
    parentName: r.parent_name ?? null,
    state: r.state,
    timetable: {
      nominationDate: r.nomination_date,
      vettingDate: r.vetting_date,
      noticeStartDate: r.notice_planned_date,
      electionDate: r.election_date,
    },
    noticeStartDate: r.notice_start_date,
    noticeEndDate: r.notice_end_date,
    candidateCount: Number(r.candidate_count ?? 0),
    electedCount: Number(r.elected_count ?? 0),
    oneShoulder: Number(r.one_shoulder) === 1,
    finalizedAt: r.finalized_at,
    version: r.version,
  });

  const toVettingItems = (rows: Awaited<ReturnType<typeof repo.findVettingItems>>): VettingItem[] =>
    rows.map((i) => ({ id: i.id, code: i.code, zh: i.text_zh, en: i.text_en, sortOrder: i.sort_order }));

  async function partDetail(conn: Db | Tx, part: repo.CampaignOrgRow): Promise<CampaignOrgDetail> {
    const [settings, items, objections] = await Promise.all([
      repo.findSettings(conn, part.election_id),
      repo.findVettingItems(conn, part.election_id),
      repo.findObjections(conn, part.id),
    ]);
    const candidates = await candidatesWithVetting(conn, part.id, items.length);
    const dto = candidates.map(({ row: r, checks, vetting }): CampaignCandidate => ({
      id: r.id,
      personId: r.person_id,
      personName: r.person_name,
      gender: r.gender,
      birthDate: r.birth_date,
      isCollege: r.is_college === 1,
      committee: r.committee,
      role: r.role,
      incumbent: r.incumbent === 1,
      vetting,
      checks: checks.map((c) => ({
        itemId: c.item_id,
        outcome: c.outcome,
        note: c.note,
        checkedBy: c.checked_by,
        checkedByName: c.checked_by_name ?? null,
        checkedAt: c.checked_at,
      })),
      votes: r.votes,
      elected: r.elected === null ? null : r.elected === 1,
    }));
    const seats: CampaignSeat[] = COMMITTEES.flatMap((committee) =>
      COMMITTEE_ROLES[committee].map((role) => ({
        committee,
        role,
        candidates: dto.filter((c) => c.committee === committee && c.role === role),
      })),
    );
    const secretary = dto.find((c) => c.role === 'party_secretary' && c.elected);
    const director = dto.find((c) => c.role === 'director' && c.elected);
    const notice =
      part.notice_start_date && part.notice_end_date
        ? {
            startDate: part.notice_start_date,
            workdays: settings.notice_workdays,
            endDate: part.notice_end_date,
            ended: today() > part.notice_end_date,
          }
        : null;
    return {
      ...toItem(part),
      electionId: part.election_id,
      campaignName: settings.name,
      noticeWorkdays: settings.notice_workdays,
      vettingItems: toVettingItems(items),
      notice,
      seats,
      objections: objections.map((o) => ({
        id: o.id,
        candidateId: o.candidate_id,
        receivedOn: o.received_on,
        content: o.content,
        resolution: o.resolution,
        resolvedAt: o.resolved_at,
        createdAt: o.created_at,
      })),
      oneShoulderPerson:
        secretary && director && secretary.personId === director.personId
          ? { personId: secretary.personId, personName: secretary.personName }
          : null,
      nextActions: nextActions(part.state),
      partyTermId: part.party_term_id,
      villagersTermId: part.villagers_term_id,
    };
  }

  /** Move the part along `action`; the state is re-checked in the update (a concurrent step loses). */
  async function move(trx: Tx, caller: Caller, part: repo.CampaignOrgRow, action: CampaignAction) {
    const to = stepTarget(part.state, action);
    if (!to || !(await repo.moveState(trx, part.id, part.state, to)))
      throw new AppError('CAMPAIGN_ILLEGAL_STEP');
    await audit.record(trx, caller.actor, {
      action: 'campaign_step',
      objectType: 'campaign_org',
      objectId: part.id,
      details: { electionId: part.election_id, orgId: part.org_id, step: action, from: part.state, to },
    });
  }

  async function startNotice(trx: Tx, part: repo.CampaignOrgRow, startDate: string | undefined) {
    const items = await repo.findVettingItems(trx, part.election_id);
    const candidates = await candidatesWithVetting(trx, part.id, items.length);
    if (candidates.some((c) => c.vetting === 'pending')) throw new AppError('CAMPAIGN_VETTING_INCOMPLETE');
    if (!candidates.some((c) => c.vetting === 'passed')) throw new AppError('CAMPAIGN_NO_CANDIDATES');
    const settings = await repo.findSettings(trx, part.election_id);
    const start = startDate ?? part.notice_planned_date ?? today();
    // N working days counting the first day when it is one: the N-th working day after the day before.
    const end = calendar.current().addWorkdays(dayBefore(start), settings.notice_workdays);
    if (end >= part.election_date) throw new AppError('CAMPAIGN_NOTICE_TOO_LATE');
    await repo.updateCampaignOrg(trx, part.id, { notice_start_date: start, notice_end_date: end });
  }

  async function openVoting(trx: Tx, part: repo.CampaignOrgRow) {
    if (!part.notice_end_date || today() <= part.notice_end_date)
      throw new AppError('CAMPAIGN_NOTICE_NOT_ENDED');
    const objections = await repo.findObjections(trx, part.id);
    if (objections.some((o) => o.resolved_at === null)) throw new AppError('CAMPAIGN_OBJECTIONS_OPEN');
  }

  return {
    /** Campaigns with a taking-part org in the caller's scope, latest election first. */
    async listCampaigns(
      caller: Caller,
      page: { offset: number; limit: number },
    ): Promise<{ items: CampaignListItem[]; total: number }> {
      const { rows, total } = await repo.list(db, caller.scopePaths, page);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          scopeOrgId: r.scope_org_id,
          scopeOrgName: r.scope_org_name,
          electionDate: r.election_date,
          termYears: r.term_years,
          noticeWorkdays: r.notice_workdays,
          orgCount: Number(r.org_count),
          finalizedCount: Number(r.finalized_count ?? 0),
          createdAt: r.created_at,
        })),
      };
    },

    /** One campaign: its negative list and the progress of its orgs in the caller's scope. */
    async getCampaign(caller: Caller, id: string): Promise<CampaignDetail> {
      const c = await loadCampaign(caller, id, db);
      const [items, p] = await Promise.all([
        repo.findVettingItems(db, id),
        repo.progress(db, id, caller.scopePaths),
      ]);
      const count = (s: CampaignOrgState) => Number(p.states.find((x) => x.state === s)?.n ?? 0);
      const progress = {
        planning: count('planning'),
        candidates: count('candidates'),
        vetting: count('vetting'),
        notice: count('notice'),
        voting: count('voting'),
        finalized: count('finalized'),
      };
      return {
        id: c.id,
        name: c.name,
        scopeOrgId: c.scope_org_id,
        scopeOrgName: c.scope_org_name,
        electionDate: c.election_date,
        termYears: c.term_years,
        noticeWorkdays: c.notice_workdays,
        orgCount: Object.values(progress).reduce((a, b) => a + b, 0),
        finalizedCount: progress.finalized,
        createdAt: c.created_at,
        vettingItems: toVettingItems(items),
        progress,
        oneShoulderCount: p.oneShoulder,
      };
    },

    /** The campaign's orgs in the caller's scope, paged, by state and name. */
    async listCampaignOrgs(
      caller: Caller,
      id: string,
      q: { state?: CampaignOrgState; q?: string },
      page: { offset: number; limit: number },
    ): Promise<{ items: CampaignOrgItem[]; total: number }> {
      await loadCampaign(caller, id, db);
      const { rows, total } = await repo.listCampaignOrgs(db, id, caller.scopePaths, q, page);
      return { items: rows.map(toItem), total };
    },

    /** One org's part: timetable, seats with candidates, vetting, notice, objections, results. */
    async getCampaignOrg(caller: Caller, id: string, orgId: string, trx?: Tx): Promise<CampaignOrgDetail> {
      const conn = trx ?? db;
      return partDetail(conn, await loadPart(caller, id, orgId, conn));
    },

    /**
     * A campaign over a subtree: the `elections` row (terms service), its negative list, and a part in
     * `planning` for each taking-part village (every existing village of the subtree unless named).
     */
    async createCampaign(caller: Caller, input: CreateCampaignInput, trx?: Tx): Promise<string> {
      return run(trx, async (t) => {
        const scope = await orgs.loadInScope(caller, input.scopeOrgId, t).catch(() => {
          throw fieldError('scopeOrgId', 'invalid_value');
        });
        let villages: { id: string }[];
        if (input.orgIds) {
          const ids = [...new Set(input.orgIds)];
          const found = await repo.findOrgsInScope(t, ids, caller.scopePaths);
          const ok = found.filter(
            (o) => o.kind === 'village' && o.is_active === 1 && o.path.startsWith(scope.path),
          );
          if (ok.length !== ids.length) throw fieldError('orgIds', 'invalid_value');
          villages = ok;
        } else {
          villages = await repo.findVillagesInSubtree(t, scope.path, caller.scopePaths, input.electionDate);
          if (villages.length === 0) throw fieldError('scopeOrgId', 'invalid_value');
        }
        const tt = input.timetable ?? {};
        const planned = {
          nomination_date: tt.nominationDate ?? null,
          vetting_date: tt.vettingDate ?? null,
          notice_planned_date: tt.noticeStartDate ?? null,
          election_date: input.electionDate,
        };
        checkTimetable(planned);
        const id = await terms.createElection(t, caller, {
          scopeOrgId: scope.id,
          name: input.name,
          electionDate: input.electionDate,
          termYears: input.termYears,
        });
        await repo.insertCampaign(t, {
          election_id: id,
          notice_workdays: input.noticeWorkdays,
          created_by: caller.userId,
        });
        const items = input.vettingItems ?? DEFAULT_VETTING_ITEMS;
        if (new Set(items.map((i) => i.code)).size !== items.length)
          throw fieldError('vettingItems', 'invalid_value');
        const ms = clock.now().getTime();
        await repo.insertVettingItems(
          t,
          items.map((i, n) => ({
            id: newId(ms),
            election_id: id,
            code: i.code,
            text_zh: i.zh,
            text_en: i.en,
            sort_order: n + 1,
          })),
        );
        const now = clock.now().toISOString();
        await repo.insertCampaignOrgs(
          t,
          villages.map((v) => ({
            id: newId(ms),
            election_id: id,
            org_id: v.id,
            state: 'planning',
            ...planned,
            notice_start_date: null,
            notice_end_date: null,
            party_term_id: null,
            villagers_term_id: null,
            finalized_at: null,
            updated_at: now,
            version: 1,
          })),
        );
        await audit.record(t, caller.actor, {
          action: 'campaign_create',
          objectType: 'election',
          objectId: id,
          details: {
            scopeOrgId: scope.id,
            orgs: villages.length,
            noticeWorkdays: input.noticeWorkdays,
            vettingItems: items.map((i) => i.code),
          },
        });
        return id;
      });
    },

    /** Move an org's planned dates (until it is finalized); the election day stays after a running notice. */
    async updateTimetable(
      caller: Caller,
      id: string,
      orgId: string,
      input: TimetableInput,
      trx?: Tx,
    ): Promise<void> {
      await run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId, input.version);
        requireEdit(part.state, 'timetable');
        const next = {
          nomination_date: input.nominationDate !== undefined ? input.nominationDate : part.nomination_date,
          vetting_date: input.vettingDate !== undefined ? input.vettingDate : part.vetting_date,
          notice_planned_date:
            input.noticeStartDate !== undefined ? input.noticeStartDate : part.notice_planned_date,
          election_date: input.electionDate ?? part.election_date,
        };
        checkTimetable(next);
        if (part.notice_end_date && next.election_date <= part.notice_end_date)
          throw fieldError('electionDate', 'CAMPAIGN_DATE_ORDER');
        await repo.updateCampaignOrg(t, part.id, next);
        await audit.record(t, caller.actor, {
          action: 'campaign_timetable',
          objectType: 'campaign_org',
          objectId: part.id,
          details: { electionId: id, orgId, ...next },
        });
      });
    },

    /** Nominate a person of the roster (in scope), or a new person created through the people service. */
    async addCandidate(
      caller: Caller,
      id: string,
      orgId: string,
      input: AddCandidateBody,
      trx?: Tx,
    ): Promise<AddCandidateOutcome> {
      return run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId);
        requireEdit(part.state, 'candidates');
        if (!COMMITTEE_ROLES[input.committee].includes(input.role))
          throw fieldError('role', 'ROLE_COMMITTEE_MISMATCH');
        let personId: string;
        if (input.personId) {
          const person = await repo.findPersonInScope(t, input.personId, caller.scopePaths);
          if (!person) throw fieldError('personId', 'invalid_value');
          personId = person.id;
        } else {
          const placed = await people
            .placePerson(t, caller, { ...input.newPerson!, orgId: part.org_id })
            .catch((e: unknown) => {
              // The form's fields are under newPerson.
              if (e instanceof AppError && e.fields)
                throw new AppError(e.code, {
                  fields: e.fields.map((f) => ({ ...f, path: `newPerson.${f.path}` })),
                });
              throw e;
            });
          if (placed.status !== 'created') return placed;
          personId = placed.id;
        }
        const seat = {
          campaign_org_id: part.id,
          committee: input.committee,
          role: input.role,
          person_id: personId,
        };
        if (await repo.findCandidateForSeat(t, seat)) throw new AppError('CAMPAIGN_CANDIDATE_DUPLICATE');
        const candidateId = newId(clock.now().getTime());
        await repo.insertCandidate(t, {
          id: candidateId,
          ...seat,
          incumbent: (await repo.holdsOpenSeat(t, part.org_id, personId)) ? 1 : 0,
          votes: null,
          elected: null,
          created_at: clock.now().toISOString(),
        });
        await audit.record(t, caller.actor, {
          action: 'campaign_candidate_add',
          objectType: 'campaign_org',
          objectId: part.id,
          details: { candidateId, personId, committee: input.committee, role: input.role },
        });
        return { status: 'added', candidateId };
      });
    },

    /** Withdraw a nomination (while nominations are open). */
    async removeCandidate(
      caller: Caller,
      id: string,
      orgId: string,
      candidateId: string,
      trx?: Tx,
    ): Promise<void> {
      await run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId);
        const candidate = await loadCandidate(caller, part, candidateId, t);
        requireEdit(part.state, 'candidates');
        await repo.deleteCandidate(t, candidate.id);
        await audit.record(t, caller.actor, {
          action: 'campaign_candidate_remove',
          objectType: 'campaign_org',
          objectId: part.id,
          details: { candidateId, personId: candidate.person_id, role: candidate.role },
        });
      });
    },

    /** 资格联审: record the outcome of negative-list items for one candidate, checked by the caller. */
    async recordVetting(
      caller: Caller,
      id: string,
      orgId: string,
      candidateId: string,
      checks: { itemId: string; outcome: VettingOutcome; note?: string | null }[],
      trx?: Tx,
    ): Promise<void> {
      await run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId);
        const candidate = await loadCandidate(caller, part, candidateId, t);
        requireEdit(part.state, 'vetting');
        const items = new Set((await repo.findVettingItems(t, id)).map((i) => i.id));
        const now = clock.now().toISOString();
        for (const [n, c] of checks.entries()) {
          if (!items.has(c.itemId)) throw fieldError(`checks.${n}.itemId`, 'invalid_value');
          await repo.upsertCheck(t, {
            candidate_id: candidate.id,
            item_id: c.itemId,
            outcome: c.outcome,
            note: c.note ?? null,
            checked_by: caller.userId,
            checked_at: now,
          });
        }
        await audit.record(t, caller.actor, {
          action: 'campaign_vetting_check',
          objectType: 'campaign_org',
          objectId: part.id,
          details: {
            candidateId,
            checks: checks.map((c) => ({ itemId: c.itemId, outcome: c.outcome })),
          },
        });
      });
    },

    /**
     * A step of the org's part. start_vetting needs a candidate; start_notice needs every item checked
     * for every candidate (a failed one stays out) and computes the notice's last working day, which
     * must fall before the election day; open_voting needs the notice ended and its objections resolved.
     */
    async transition(
      caller: Caller,
      id: string,
      orgId: string,
      step: { action: Step; version?: number; noticeStartDate?: string },
      trx?: Tx,
    ): Promise<void> {
      await run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId, step.version);
        if (!stepTarget(part.state, step.action)) throw new AppError('CAMPAIGN_ILLEGAL_STEP');
        if (step.action === 'start_vetting' && Number(part.candidate_count ?? 0) === 0)
          throw new AppError('CAMPAIGN_NO_CANDIDATES');
        if (step.action === 'start_notice') await startNotice(t, part, step.noticeStartDate);
        if (step.action === 'open_voting') await openVoting(t, part);
        await move(t, caller, part, step.action);
      });
    },

    /** An objection received during the notice, about a candidate or the list as a whole. */
    async recordObjection(
      caller: Caller,
      id: string,
      orgId: string,
      input: RecordObjectionBody,
      trx?: Tx,
    ): Promise<string> {
      return run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId);
        requireEdit(part.state, 'objections');
        const candidateId = input.candidateId ?? null;
        if (candidateId) await loadCandidate(caller, part, candidateId, t);
        // Received while the notice ran (and not in the future).
        if (
          input.receivedOn < part.notice_start_date! ||
          input.receivedOn > part.notice_end_date! ||
          input.receivedOn > today()
        )
          throw fieldError('receivedOn', 'invalid_value');
        const objectionId = newId(clock.now().getTime());
        const now = clock.now().toISOString();
        await repo.insertObjection(t, {
          id: objectionId,
          campaign_org_id: part.id,
          candidate_id: candidateId,
          received_on: input.receivedOn,
          content: input.content,
          resolution: null,
          resolved_at: null,
          resolved_by: null,
          created_by: caller.userId,
          created_at: now,
        });
        await audit.record(t, caller.actor, {
          action: 'campaign_objection',
          objectType: 'campaign_org',
          objectId: part.id,
          details: { objectionId, candidateId, receivedOn: input.receivedOn },
        });
        return objectionId;
      });
    },

    /** Resolve an objection (how it was checked and what came of it). */
    async resolveObjection(
      caller: Caller,
      id: string,
      orgId: string,
      objectionId: string,
      resolution: string,
      trx?: Tx,
    ): Promise<void> {
      await run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId);
        const objection = await loadInScopeOr404({
          audit,
          caller,
          objectType: 'campaign_objection',
          id: objectionId,
          find: () => repo.findObjection(t, part.id, objectionId),
          exists: () => repo.findObjectionUnscoped(t, objectionId),
          trx: t,
        });
        requireEdit(part.state, 'objections');
        const done = await repo.resolveObjection(t, objection.id, {
          resolution,
          resolvedBy: caller.userId,
          resolvedAt: clock.now().toISOString(),
        });
        if (!done) throw new AppError('CAMPAIGN_OBJECTION_RESOLVED');
        await audit.record(t, caller.actor, {
          action: 'campaign_objection_resolve',
          objectType: 'campaign_org',
          objectId: part.id,
          details: { objectionId },
        });
      });
    },

    /**
     * Votes and elected per candidate (after the notice ended). A failed candidate cannot be given a
     * result; a seat of secretary or director elects at most one; one person one post per committee.
     */
    async recordResults(
      caller: Caller,
      id: string,
      orgId: string,
      input: { version?: number; results: { candidateId: string; votes: number; elected: boolean }[] },
      trx?: Tx,
    ): Promise<void> {
      await run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId, input.version);
        if (part.notice_end_date === null || today() <= part.notice_end_date)
          throw new AppError('CAMPAIGN_NOTICE_NOT_ENDED');
        requireEdit(part.state, 'results');
        const items = await repo.findVettingItems(t, id);
        const candidates = await candidatesWithVetting(t, part.id, items.length);
        const given = new Map<string, { votes: number; elected: boolean }>();
        for (const [n, r] of input.results.entries()) {
          const c = candidates.find((x) => x.row.id === r.candidateId);
          if (!c) throw fieldError(`results.${n}.candidateId`, 'invalid_value');
          if (c.vetting !== 'passed') throw new AppError('CAMPAIGN_CANDIDATE_FAILED_VETTING');
          given.set(r.candidateId, { votes: r.votes, elected: r.elected });
        }
        // The seats as they will stand, results already entered included.
        const elected = candidates.filter(
          (c) => given.get(c.row.id)?.elected ?? (!given.has(c.row.id) && c.row.elected === 1),
        );
        for (const c of elected) {
          const sameSeat = elected.filter(
            (o) => o.row.committee === c.row.committee && o.row.role === c.row.role,
          );
          const samePerson = elected.filter(
            (o) => o.row.committee === c.row.committee && o.row.person_id === c.row.person_id,
          );
          if ((SINGLE_HOLDER_ROLES.includes(c.row.role) && sameSeat.length > 1) || samePerson.length > 1)
            throw new AppError('CAMPAIGN_SEAT_OVERFILLED');
        }
        for (const [candidateId, r] of given) await repo.setResult(t, candidateId, r);
        await audit.record(t, caller.actor, {
          action: 'campaign_results',
          objectType: 'campaign_org',
          objectId: part.id,
          details: { results: input.results },
        });
      });
    },

    /**
     * 完成换届, all or nothing: for each committee the previous term's seats end on the org's election
     * day, the new term opens (ending `termYears` later) and the elected take their seats — through the
     * terms service, in this one transaction. A second finalize finds the part finalized and is refused.
     */
    async finalizeOrg(
      caller: Caller,
      id: string,
      orgId: string,
      version?: number,
      trx?: Tx,
    ): Promise<{ partyTermId: string; villagersTermId: string }> {
      return run(trx, async (t) => {
        const part = await takePart(t, caller, id, orgId, version);
        if (!stepTarget(part.state, 'finalize')) throw new AppError('CAMPAIGN_ILLEGAL_STEP');
        const settings = await repo.findSettings(t, id);
        const items = await repo.findVettingItems(t, id);
        const candidates = (await candidatesWithVetting(t, part.id, items.length)).filter(
          (c) => c.vetting === 'passed',
        );
        if (candidates.some((c) => c.row.votes === null)) throw new AppError('CAMPAIGN_RESULTS_INCOMPLETE');
        const date = part.election_date;
        const endDate = addYearsIso(date, settings.term_years);
        const termIds: Record<Committee, string> = { party: '', villagers: '' };
        for (const committee of COMMITTEES) {
          const elected = candidates.filter((c) => c.row.committee === committee && c.row.elected === 1);
          if (elected.length === 0) throw new AppError('CAMPAIGN_RESULTS_INCOMPLETE');
          await terms.closeForElection(t, caller, { orgId: part.org_id, committee, electionDate: date });
          const termId = await terms.createTerm(t, caller, {
            orgId: part.org_id,
            committee,
            name: `${date.slice(0, 4)}—${endDate.slice(0, 4)}届`,
            electionDate: date,
            startDate: date,
            endDate,
            electionId: id,
          });
          for (const c of elected)
            await terms.appointPosition(t, caller, {
              personId: c.row.person_id,
              termId,
              role: c.row.role,
              startDate: date,
            });
          termIds[committee] = termId;
        }
        await repo.updateCampaignOrg(t, part.id, {
          party_term_id: termIds.party,
          villagers_term_id: termIds.villagers,
          finalized_at: clock.now().toISOString(),
        });
        await move(t, caller, part, 'finalize');
        await audit.record(t, caller.actor, {
          action: 'campaign_finalize',
          objectType: 'campaign_org',
          objectId: part.id,
          details: {
            electionId: id,
            orgId: part.org_id,
            electionDate: date,
            partyTermId: termIds.party,
            villagersTermId: termIds.villagers,
          },
        });
        // The last village finalized: the election's report is frozen as it stands (the whole scope,
        // whoever finalized last), so that it stays reproducible after later roster changes.
        const { states } = await repo.progress(t, id, ['/']);
        if (states.every((s) => s.state === 'finalized')) await structureReports.freeze(t, SYSTEM_CALLER, id);
        return { partyTermId: termIds.party, villagersTermId: termIds.villagers };
      });
    },
  };
}
