import {
  DEFAULT_TERM_YEARS,
  PARTY_COMMITTEE_ROLES,
  VILLAGERS_COMMITTEE_ROLES,
  addYearsIso,
  type AdjustSeatBody,
  type Committee,
  type EndSeatBody,
  type PositionRole,
  type SeatEndReason,
  type Term,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { Caller } from '../../platform/caller';
import { AppError, fieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { bumpDataVersion } from '../../platform/db/data-version';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import type { OrgService } from '../org';
import * as peopleRepo from './people.repository';
import type { PositionsTable, TermsTable } from './people.tables';
import * as repo from './terms.repository';

export type TermsService = ReturnType<typeof createTermsService>;

/** Roles of which a committee has at most one holder at a time (书记, 主任). */
const SINGLE_HOLDER_ROLES: readonly PositionRole[] = ['party_secretary', 'director'];

/**
 * Elections (换届), the terms (届次) of each committee and the seats held in them: who sits in which
 * seat, since when, until when and why it ended, and the mid-term adjustments (届中调整) with their
 * filing records (备案). Every change moves the roster's data version (statistics are cached on it).
 * The trx-first methods run inside the caller's transaction (people.transaction: demo, imports); the
 * caller-first ones (web) open their own.
 */
export function createTermsService(deps: { db: Db; clock: Clock; audit: AuditTrail; orgs: OrgService }) {
  const { db, clock, audit, orgs } = deps;

  const loadTerm = (caller: Caller, id: string, conn: Db | Tx) =>
    loadInScopeOr404({
      audit,
      caller,
      objectType: 'term',
      id,
      find: () => repo.findById(conn, id, caller.scopePaths),
      exists: () => repo.findByIdUnscoped(conn, id),
      trx: conn === db ? undefined : conn,
    });

  const loadSeat = (caller: Caller, id: string, conn: Db | Tx) =>
    loadInScopeOr404({
      audit,
      caller,
      objectType: 'position',
      id,
      find: () => repo.findPositionById(conn, id, caller.scopePaths),
      exists: () => repo.findPositionByIdUnscoped(conn, id),
      trx: conn === db ? undefined : conn,
    });

  /** The rules of a new seat; the term's row is taken first so concurrent appointments see each other. */
  async function seat(
    trx: Tx,
    caller: Caller,
    term: TermsTable,
    p: { personId: string; role: PositionRole; startDate: string },
  ): Promise<string> {
    if (term.ended_on) throw new AppError('TERM_ENDED');
    const person = await peopleRepo.findById(trx, p.personId, caller.scopePaths);
    if (!person) throw fieldError('personId', 'invalid_value');
    const expected = term.committee === 'party' ? PARTY_COMMITTEE_ROLES : VILLAGERS_COMMITTEE_ROLES;
    if (!expected.includes(p.role)) throw fieldError('role', 'invalid_value');
    if (p.startDate < term.start_date || p.startDate >= term.end_date)
      throw fieldError('startDate', 'SEAT_DATE_OUTSIDE_TERM');
    if (await repo.findPositionInTerm(trx, term.id, person.id, p.role))
      throw new AppError('POSITION_OVERLAP');
    if (SINGLE_HOLDER_ROLES.includes(p.role)) {
      const held = await repo.findSeatsOverlapping(trx, {
        orgId: term.org_id,
        role: p.role,
        startDate: p.startDate,
        endDate: term.end_date,
      });
      if (held.length > 0) throw new AppError('SEAT_ROLE_TAKEN');
    }
    const id = newId(clock.now().getTime());
    await repo.insertPosition(trx, {
      id,
      person_id: person.id,
      org_id: term.org_id,
      org_path: term.org_path,
      term_id: term.id,
      role: p.role,
      start_date: p.startDate,
      end_date: null,
      end_reason: null,
      created_at: clock.now().toISOString(),
    });
    await bumpDataVersion(trx, 'roster');
    await audit.record(trx, caller.actor, {
      action: 'position_appoint',
      objectType: 'position',
      objectId: id,
      details: { personId: person.id, termId: term.id, role: p.role, startDate: p.startDate },
    });
    return id;
  }

  /** End an open seat on a date inside its term (and not before it started). */
  async function unseat(
    trx: Tx,
    caller: Caller,
    position: PositionsTable,
    term: TermsTable,
    e: { endDate: string; reason: SeatEndReason },
    field = 'endDate',
  ): Promise<void> {
    if (position.end_date !== null) throw new AppError('SEAT_ALREADY_ENDED');
    if (e.endDate < position.start_date) throw fieldError(field, 'SEAT_END_BEFORE_START');
    if (e.endDate > term.end_date) throw fieldError(field, 'SEAT_DATE_OUTSIDE_TERM');
    // Re-checked in the update: a concurrent end of the same seat leaves nothing to end here.
    if (!(await repo.endPosition(trx, position.id, e.endDate, e.reason)))
      throw new AppError('SEAT_ALREADY_ENDED');
    await bumpDataVersion(trx, 'roster');
    await audit.record(trx, caller.actor, {
      action: 'position_end',
      objectType: 'position',
      objectId: position.id,
      details: { endDate: e.endDate, reason: e.reason },
    });
  }

  /**
   * Take the term's row, then read the term (and seat) again: concurrent changes of one term queue on
   * that row, so each sees what the one before it wrote (PostgreSQL row lock; SQLite writes are serial).
   */
  async function lockTerm(trx: Tx, caller: Caller, termId: string): Promise<TermsTable> {
    await repo.lockTerm(trx, termId);
    return (await repo.findById(trx, termId, caller.scopePaths))!;
  }

  async function lockSeat(trx: Tx, caller: Caller, seatId: string) {
    const found = await loadSeat(caller, seatId, trx);
    // Seats outside a term are the import's legacy rows; the web edits seats of terms only.
    if (!found.term_id) throw fieldError('id', 'invalid_value');
    const term = await lockTerm(trx, caller, found.term_id);
    const position = (await repo.findPositionById(trx, seatId, caller.scopePaths))!;
    return { term, position };
  }

  /** A term with its seats and adjustments, as the API answers it. */
  async function toTerms(conn: Db | Tx, rows: TermsTable[]): Promise<Term[]> {
    const ids = rows.map((t) => t.id);
    const [seats, adjustments] = await Promise.all([
      repo.findSeatsOfTerms(conn, ids),
      repo.findAdjustmentsOfTerms(conn, ids),
    ]);
    return rows.map((t) => ({
      id: t.id,
      orgId: t.org_id,
      committee: t.committee,
      name: t.name,
      electionDate: t.election_date,
      startDate: t.start_date,
      endDate: t.end_date,
      endedOn: t.ended_on,
      seats: seats
        .filter((s) => s.term_id === t.id)
        .map((s) => ({
          id: s.id,
          personId: s.person_id,
          personName: s.person_name,
          role: s.role,
          startDate: s.start_date,
          endDate: s.end_date,
          endReason: s.end_reason,
        })),
      adjustments: adjustments
        .filter((a) => a.term_id === t.id)
        .map((a) => ({
          id: a.id,
          endedSeatId: a.ended_position_id,
          endedPersonName: a.ended_person_name,
          successorSeatId: a.successor_position_id,
          successorPersonName: a.successor_person_name,
          role: a.role,
          date: a.adjustment_date,
          reason: a.reason,
          filingNumber: a.filing_number,
          filingDate: a.filing_date,
          approvingBody: a.approving_body,
          note: a.note,
          createdAt: a.created_at,
        })),
    }));
  }

  async function termDto(conn: Db | Tx, caller: Caller, id: string): Promise<Term> {
    const row = await loadTerm(caller, id, conn);
    return (await toTerms(conn, [row]))[0]!;
  }

  async function createTerm(
    trx: Tx,
    caller: Caller,
    t: {
      orgId: string;
      committee: Committee;
      name: string;
      electionDate: string;
      startDate: string;
      endDate: string;
      electionId?: string | null;
    },
  ): Promise<string> {
    const org = await orgs.loadInScope(caller, t.orgId, trx);
    if (org.kind !== 'village') throw fieldError('orgId', 'invalid_value');
    if (t.endDate <= t.startDate) throw fieldError('endDate', 'TERM_END_BEFORE_START');
    const overlapping = await repo.findOverlappingTerms(trx, {
      orgId: org.id,
      committee: t.committee,
      startDate: t.startDate,
      endDate: t.endDate,
    });
    if (overlapping.length > 0) throw new AppError('TERM_OVERLAP');
    const id = newId(clock.now().getTime());
    await repo.insert(trx, {
      id,
      org_id: org.id,
      org_path: org.path,
      election_id: t.electionId ?? null,
      committee: t.committee,
      name: t.name,
      election_date: t.electionDate,
      start_date: t.startDate,
      end_date: t.endDate,
      created_at: clock.now().toISOString(),
      ended_on: null,
      version: 1,
    });
    await bumpDataVersion(trx, 'roster');
    await audit.record(trx, caller.actor, {
      action: 'term_create',
      objectType: 'term',
      objectId: id,
      details: { orgId: org.id, name: t.name, committee: t.committee, endDate: t.endDate },
    });
    return id;
  }

  return {
    /** A term election (换届) batch over a subtree: the terms of the orgs it covers point to it. */
    async createElection(
      trx: Tx,
      caller: Caller,
      e: { scopeOrgId: string; name: string; electionDate: string; termYears: number },
    ) {
      const org = await orgs.loadInScope(caller, e.scopeOrgId, trx);
      const id = newId(clock.now().getTime());
      await repo.insertElection(trx, {
        id,
        name: e.name,
        scope_org_id: org.id,
        election_date: e.electionDate,
        term_years: e.termYears,
        created_at: clock.now().toISOString(),
      });
      await bumpDataVersion(trx, 'roster');
      await audit.record(trx, caller.actor, {
        action: 'election_create',
        objectType: 'election',
        objectId: id,
        details: { name: e.name },
      });
      return id;
    },

    /** A term (届次) of one committee of a village; terms of one committee never overlap. */
    createTerm,

    /** Seat a person in a position of a term; the seat's history is kept. */
    async appointPosition(
      trx: Tx,
      caller: Caller,
      p: { personId: string; termId: string; role: PositionRole; startDate: string },
    ) {
      const found = await repo.findById(trx, p.termId, caller.scopePaths);
      if (!found) throw fieldError('termId', 'invalid_value');
      return seat(trx, caller, await lockTerm(trx, caller, found.id), p);
    },

    /**
     * Appoint a person to a single-holder seat (书记, 主任) of an org's current term on `date`, inside the
     * caller's transaction: the open holder's seat ends that day with `endReason` and the new seat
     * starts the same day, so the roster, the statistics and 一肩挑 follow. Null when the org has no
     * term of that committee running on `date`.
     */
    async placeInSeat(
      trx: Tx,
      caller: Caller,
      p: { orgId: string; role: PositionRole; personId: string; date: string; endReason: SeatEndReason },
    ): Promise<{ positionId: string; endedPositionId: string | null } | null> {
      const committee: Committee = PARTY_COMMITTEE_ROLES.includes(p.role) ? 'party' : 'villagers';
      const running = (await repo.listByOrg(trx, p.orgId)).find(
        (t) => t.committee === committee && !t.ended_on && t.start_date <= p.date && p.date < t.end_date,
      );
      if (!running) return null;
      const term = await lockTerm(trx, caller, running.id);
      if (!term) throw fieldError('orgId', 'invalid_value');
      const open = (await repo.findSeatsOfTerms(trx, [term.id])).find(
        (s) => s.role === p.role && s.end_date === null,
      );
      let endedPositionId: string | null = null;
      if (open) {
        const position = (await repo.findPositionById(trx, open.id, caller.scopePaths))!;
        await unseat(trx, caller, position, term, { endDate: p.date, reason: p.endReason }, 'date');
        endedPositionId = open.id;
      }
      const positionId = await seat(trx, caller, term, {
        personId: p.personId,
        role: p.role,
        startDate: p.date,
      });
      return { positionId, endedPositionId };
    },

    /** End the seats of a term still open, on endDate (the next term's election day, or the term's end). */
    async endTermSeats(trx: Tx, caller: Caller, termId: string, endDate: string): Promise<number> {
      const term = await repo.findById(trx, termId, caller.scopePaths);
      if (!term) throw fieldError('termId', 'invalid_value');
      const ended = await repo.endOpenPositions(trx, term.id, endDate);
      await bumpDataVersion(trx, 'roster');
      await audit.record(trx, caller.actor, {
        action: 'term_seats_end',
        objectType: 'term',
        objectId: term.id,
        details: { endDate, ended },
      });
      return ended;
    },

    /**
     * 换届 inside the caller's transaction: the committee's previous terms close on the new election
     * day — their open seats end that day (届满; the old committee serves until the new one is elected),
     * a term still running past it is cut short to it — and so do the org's open seats of that
     * committee outside any term (the import's rows). Returns how many seats ended.
     */
    async closeForElection(
      trx: Tx,
      caller: Caller,
      c: { orgId: string; committee: Committee; electionDate: string },
    ): Promise<number> {
      const org = await orgs.loadInScope(caller, c.orgId, trx);
      let ended = 0;
      for (const term of await repo.findTermEndedByElection(trx, {
        ...c,
        orgId: org.id,
        date: c.electionDate,
      })) {
        await repo.lockTerm(trx, term.id);
        const seats = await repo.endOpenPositions(trx, term.id, c.electionDate);
        await repo.closeTerm(trx, term.id, c.electionDate);
        await audit.record(trx, caller.actor, {
          action: 'term_end',
          objectType: 'term',
          objectId: term.id,
          details: { endDate: c.electionDate, ended: seats, reason: 'election' },
        });
        ended += seats;
      }
      const roles = c.committee === 'party' ? PARTY_COMMITTEE_ROLES : VILLAGERS_COMMITTEE_ROLES;
      const loose = await repo.endOpenSeatsOutsideTerms(trx, {
        orgId: org.id,
        roles,
        endDate: c.electionDate,
      });
      if (loose > 0)
        await audit.record(trx, caller.actor, {
          action: 'org_seats_end',
          objectType: 'org',
          objectId: org.id,
          details: { endDate: c.electionDate, ended: loose, committee: c.committee, reason: 'election' },
        });
      await bumpDataVersion(trx, 'roster');
      return ended + loose;
    },

    /** The terms of an org's committees with their seats and adjustments, latest first. */
    async listTerms(caller: Caller, orgId: string): Promise<Term[]> {
      const org = await orgs.loadInScope(caller, orgId);
      return toTerms(db, await repo.listByOrg(db, org.id));
    },

    /** Open a term (开启新一届); it ends five years after the election unless an end date is given. */
    async openTerm(
      caller: Caller,
      orgId: string,
      t: { committee: Committee; name?: string; electionDate: string; endDate?: string },
    ): Promise<Term> {
      const endDate = t.endDate ?? addYearsIso(t.electionDate, DEFAULT_TERM_YEARS);
      const name = t.name ?? `${t.electionDate.slice(0, 4)}—${endDate.slice(0, 4)}届`;
      return db.transaction().execute(async (trx) => {
        const id = await createTerm(trx, caller, {
          orgId,
          committee: t.committee,
          name,
          electionDate: t.electionDate,
          startDate: t.electionDate,
          endDate,
        });
        return termDto(trx, caller, id);
      });
    },

    /** Appoint a person of the roster (任职) to a seat of a term. */
    async appoint(
      caller: Caller,
      termId: string,
      p: { personId: string; role: PositionRole; startDate: string },
    ): Promise<Term> {
      return db.transaction().execute(async (trx) => {
        const found = await loadTerm(caller, termId, trx);
        await seat(trx, caller, await lockTerm(trx, caller, found.id), p);
        return termDto(trx, caller, found.id);
      });
    },

    /** End a seat (免职/结束任职) on a date with a reason. */
    async endSeat(caller: Caller, seatId: string, e: EndSeatBody): Promise<Term> {
      return db.transaction().execute(async (trx) => {
        const { term, position } = await lockSeat(trx, caller, seatId);
        await unseat(trx, caller, position, term, e);
        return termDto(trx, caller, term.id);
      });
    },

    /**
     * 届中调整: the seat ends on `date` and the successor holds the same role from that day, in one
     * transaction, with the filing record (备案) kept.
     */
    async adjustSeat(caller: Caller, seatId: string, a: AdjustSeatBody): Promise<Term> {
      return db.transaction().execute(async (trx) => {
        const { term, position } = await lockSeat(trx, caller, seatId);
        if (term.ended_on) throw new AppError('TERM_ENDED');
        if (position.end_date !== null) throw new AppError('SEAT_ALREADY_ENDED');
        // The successor starts that day, so the day must be inside the term (not its last).
        if (a.date >= term.end_date) throw fieldError('date', 'SEAT_DATE_OUTSIDE_TERM');
        await unseat(trx, caller, position, term, { endDate: a.date, reason: a.reason }, 'date');
        const successor = await seat(trx, caller, term, {
          personId: a.successorPersonId,
          role: position.role,
          startDate: a.date,
        }).catch((e: unknown) => {
          // The successor is named in the body as successorPersonId.
          if (e instanceof AppError && e.fields?.[0]?.path === 'personId')
            throw fieldError('successorPersonId', e.fields[0].reason);
          throw e;
        });
        const id = newId(clock.now().getTime());
        await repo.insertAdjustment(trx, {
          id,
          term_id: term.id,
          org_id: term.org_id,
          org_path: term.org_path,
          ended_position_id: position.id,
          successor_position_id: successor,
          adjustment_date: a.date,
          reason: a.reason,
          filing_number: a.filingNumber,
          filing_date: a.filingDate,
          approving_body: a.approvingBody,
          note: a.note ?? null,
          created_by: caller.userId,
          created_at: clock.now().toISOString(),
        });
        await audit.record(trx, caller.actor, {
          action: 'seat_adjust',
          objectType: 'term',
          objectId: term.id,
          details: {
            adjustmentId: id,
            endedSeatId: position.id,
            successorSeatId: successor,
            date: a.date,
            filingNumber: a.filingNumber,
          },
        });
        return termDto(trx, caller, term.id);
      });
    },

    /** End a term (its end date becomes `endDate`); its open seats end that day with reason 届满. */
    async endTerm(caller: Caller, termId: string, endDate: string): Promise<Term> {
      return db.transaction().execute(async (trx) => {
        const found = await loadTerm(caller, termId, trx);
        const term = await lockTerm(trx, caller, found.id);
        if (term.ended_on) throw new AppError('TERM_ENDED');
        if (endDate <= term.start_date || endDate > term.end_date)
          throw fieldError('endDate', 'SEAT_DATE_OUTSIDE_TERM');
        const latest = await repo.findLatestSeatStart(trx, term.id);
        if (latest !== null && endDate < latest) throw fieldError('endDate', 'TERM_END_BEFORE_SEATS');
        const ended = await repo.endOpenPositions(trx, term.id, endDate);
        await repo.endTerm(trx, term.id, endDate);
        await bumpDataVersion(trx, 'roster');
        await audit.record(trx, caller.actor, {
          action: 'term_end',
          objectType: 'term',
          objectId: term.id,
          details: { endDate, ended },
        });
        return termDto(trx, caller, term.id);
      });
    },
  };
}
