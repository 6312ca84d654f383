import { hoursFromTenths, type PersonCareer } from '@xinhuo/shared';
import type { Db } from '../../../database';
import type { AuditTrail } from '../../../platform/audit/audit';
import type { Caller } from '../../../platform/caller';
import { loadInScopeOr404 } from '../../../platform/scoped-load';
import * as pipelineRepo from '../pipeline.repository';
import { careerLine } from './career-line';
import * as repo from './career.repository';

export type CareerService = ReturnType<typeof createCareerService>;

/** One person's career line across the programs (person page); the person scoped, 404 out of scope. */
export function createCareerService(deps: { db: Db; audit: AuditTrail }) {
  const { db, audit } = deps;
  return {
    async personCareer(caller: Caller, personId: string): Promise<PersonCareer> {
      const person = await loadInScopeOr404({
        audit,
        caller,
        objectType: 'person',
        id: personId,
        find: () => pipelineRepo.findPersonFacts(db, personId, caller.scopePaths),
        exists: () => pipelineRepo.personExists(db, personId),
      });
      const [classes, events, seats, hours] = await Promise.all([
        repo.findClassRecords(db, person.id),
        repo.findCandidateEvents(db, person.id, caller.scopePaths),
        repo.findSecretarySeats(db, person.id),
        repo.findHoursByYear(db, person.id),
      ]);
      const steps = careerLine(
        classes.map((c) => ({
          status: c.status,
          intakeYear: c.intake_year,
          graduationDate: c.graduation_date,
          placementDate: c.placement_date,
          placementOrgName: c.placement_org_name,
          cohortName: c.cohort_name,
        })),
        events.map((e) => ({
          candidateId: e.candidate_id,
          state: e.state,
          action: e.action,
          date: e.event_date,
          tierCode: e.tier_code,
          tierNameZh: e.tier_name_zh,
          tierNameEn: e.tier_name_en,
          tierOrder: e.tier_order,
          cohortName: e.cohort_name,
          placedOrgName: e.placed_org_name,
        })),
        seats.map((s) => ({ startDate: s.start_date, endDate: s.end_date, orgName: s.org_name })),
      );
      return {
        personId: person.id,
        steps,
        hoursByYear: hours.map((h) => ({
          year: Number(h.year),
          hours: hoursFromTenths(Number(h.tenths)),
          sessions: Number(h.sessions),
        })),
      };
    },
  };
}
