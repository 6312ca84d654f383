import {
  PARTY_COMMITTEE_ROLES,
  VILLAGERS_COMMITTEE_ROLES,
  type Committee,
  type PositionRole,
} from '@xinhuo/shared';
import type { Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { Caller } from '../../platform/caller';
import { AppError, fieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { bumpDataVersion } from '../../platform/db/data-version';
import type { OrgService } from '../org';
import * as peopleRepo from './people.repository';
import * as repo from './terms.repository';

export type TermsService = ReturnType<typeof createTermsService>;

/**
 * Elections (换届), the terms (届次) of each committee and the positions held in them: who sits in
 * which seat, and since when. Every change moves the roster's data version (statistics are cached on it).
 * The caller owns the transaction (people.transaction), so people, terms and seats are written together.
 */
export function createTermsService(deps: { clock: Clock; audit: AuditTrail; orgs: OrgService }) {
  const { clock, audit, orgs } = deps;

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

    /** A term (届次) of one committee of an org. */
    async createTerm(
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
      });
      await bumpDataVersion(trx, 'roster');
      await audit.record(trx, caller.actor, {
        action: 'term_create',
        objectType: 'term',
        objectId: id,
        details: { orgId: org.id, name: t.name },
      });
      return id;
    },

    /** Seat a person in a position of a term; the seat's history is kept. */
    async appointPosition(
      trx: Tx,
      caller: Caller,
      p: { personId: string; termId: string; role: PositionRole; startDate: string },
    ) {
      const term = await repo.findById(trx, p.termId, caller.scopePaths);
      if (!term) throw fieldError('termId', 'invalid_value');
      const person = await peopleRepo.findById(trx, p.personId, caller.scopePaths);
      if (!person) throw fieldError('personId', 'invalid_value');
      const expected = term.committee === 'party' ? PARTY_COMMITTEE_ROLES : VILLAGERS_COMMITTEE_ROLES;
      if (!expected.includes(p.role)) throw fieldError('role', 'invalid_value');
      const id = newId(clock.now().getTime());
      try {
        await repo.insertPosition(trx, {
          id,
          person_id: person.id,
          org_id: term.org_id,
          org_path: term.org_path,
          term_id: term.id,
          role: p.role,
          start_date: p.startDate,
          end_date: null,
          created_at: clock.now().toISOString(),
        });
      } catch (e) {
        if (/unique|UNIQUE/.test(String(e))) throw new AppError('POSITION_OVERLAP');
        throw e;
      }
      await bumpDataVersion(trx, 'roster');
      await audit.record(trx, caller.actor, {
        action: 'position_appoint',
        objectType: 'position',
        objectId: id,
        details: { personId: person.id, termId: term.id, role: p.role },
      });
      return id;
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
  };
}
