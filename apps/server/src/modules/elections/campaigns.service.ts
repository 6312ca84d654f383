import type {
  AddCandidateBody,
  CampaignDetail,
  CampaignListItem,
  CampaignOrgDetail,
  CampaignOrgItem,
  CampaignOrgState,
  RecordObjectionBody,
  VettingOutcome,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { CalendarService } from '../../platform/calendar/calendar';
import type { Caller } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { OrgService } from '../org';
import type { PeopleService, TermsService } from '../people';

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

const notYet = (): never => {
  throw new AppError('INTERNAL');
};

/**
 * The term election as a campaign (换届). Every write takes the caller first and an optional `trx`
 * last: given one it works inside it (the demo runs a village per transaction), otherwise it opens its
 * own. Scope: a campaign is seen by whoever has a taking-part org in scope, and each org's part only by
 * those who have that org in scope (another town's org or candidate id answers 404 like a missing one).
 */
export function createCampaignsService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  orgs: OrgService;
  people: PeopleService;
  terms: TermsService;
  calendar: CalendarService;
}) {
  void deps;
  return {
    async listCampaigns(
      _caller: Caller,
      _page: { offset: number; limit: number },
    ): Promise<{ items: CampaignListItem[]; total: number }> {
      return notYet();
    },
    async getCampaign(_caller: Caller, _id: string): Promise<CampaignDetail> {
      return notYet();
    },
    async listCampaignOrgs(
      _caller: Caller,
      _id: string,
      _q: { state?: CampaignOrgState; q?: string },
      _page: { offset: number; limit: number },
    ): Promise<{ items: CampaignOrgItem[]; total: number }> {
      return notYet();
    },
    async getCampaignOrg(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _trx?: Tx,
    ): Promise<CampaignOrgDetail> {
      return notYet();
    },
    async createCampaign(_caller: Caller, _input: CreateCampaignInput, _trx?: Tx): Promise<string> {
      return notYet();
    },
    async updateTimetable(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _input: TimetableInput,
      _trx?: Tx,
    ): Promise<void> {
      return notYet();
    },
    async addCandidate(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _input: AddCandidateBody,
      _trx?: Tx,
    ): Promise<AddCandidateOutcome> {
      return notYet();
    },
    async removeCandidate(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _candidateId: string,
      _trx?: Tx,
    ): Promise<void> {
      return notYet();
    },
    async recordVetting(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _candidateId: string,
      _checks: { itemId: string; outcome: VettingOutcome; note?: string | null }[],
      _trx?: Tx,
    ): Promise<void> {
      return notYet();
    },
    async transition(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _step: {
        action: 'open_nomination' | 'start_vetting' | 'start_notice' | 'open_voting';
        version?: number;
        noticeStartDate?: string;
      },
      _trx?: Tx,
    ): Promise<void> {
      return notYet();
    },
    async recordObjection(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _input: RecordObjectionBody,
      _trx?: Tx,
    ): Promise<string> {
      return notYet();
    },
    async resolveObjection(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _objectionId: string,
      _resolution: string,
      _trx?: Tx,
    ): Promise<void> {
      return notYet();
    },
    async recordResults(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _input: { version?: number; results: { candidateId: string; votes: number; elected: boolean }[] },
      _trx?: Tx,
    ): Promise<void> {
      return notYet();
    },
    async finalizeOrg(
      _caller: Caller,
      _id: string,
      _orgId: string,
      _version?: number,
      _trx?: Tx,
    ): Promise<{ partyTermId: string; villagersTermId: string }> {
      return notYet();
    },
  };
}
