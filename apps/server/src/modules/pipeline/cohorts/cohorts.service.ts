import type { CohortDetail } from '@xinhuo/shared';
import type { Db } from '../../../database';
import type { AuditTrail } from '../../../platform/audit/audit';
import type { Caller } from '../../../platform/caller';
import { notFound } from '../../../platform/errors';
import * as repo from './cohorts.repository';

export type CohortPages = ReturnType<typeof createCohortPages>;

/**
 * The cohort pages (批次): a cohort of a tier with its dates and intake target, and its members —
 * counted and listed within the caller's scope — and the export of every cohort with its members.
 */
export function createCohortPages(deps: { db: Db; audit: AuditTrail }) {
  const { db, audit } = deps;
  return {
    async getCohort(caller: Caller, cohortId: string): Promise<CohortDetail> {
      const k = await repo.findCohort(db, cohortId);
      if (!k) throw notFound();
      const byState = await repo.countMembersByState(db, k.id, caller.scopePaths);
      const count = (states: readonly string[]) =>
        byState.filter((s) => states.includes(s.state)).reduce((a, s) => a + s.n, 0);
      return {
        id: k.id,
        tierId: k.tier_id,
        tierCode: k.tier_code,
        tierNameZh: k.tier_name_zh,
        tierNameEn: k.tier_name_en,
        name: k.name,
        selectionDate: k.selection_date,
        sendOffDate: k.send_off_date,
        intakeTarget: k.intake_target,
        members: count(byState.map((s) => s.state)),
        placed: count(['placed']),
        byState,
      };
    },

    /** Every cohort with its members in the scope (up to `cap` rows), for the .xlsx; the export audited. */
    async exportCohorts(caller: Caller, cap: number) {
      const rows = await repo.findCohortMembers(db, caller.scopePaths, cap);
      await audit.recordAlone(caller.actor, {
        action: 'pipeline_cohort_export',
        objectType: 'pipeline_cohort',
        details: { rows: rows.length, cohorts: new Set(rows.map((r) => r.id)).size },
      });
      return rows;
    },
  };
}
