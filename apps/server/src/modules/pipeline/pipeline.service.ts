import {
  ageOn,
  CANDIDATE_STATES,
  candidateNextActions,
  candidateStepTarget,
  evaluateEligibility,
  PIPELINE_NOTICE_WORKDAYS,
  SUCCESSION_AGE_DEFAULT,
  type CandidateDetail,
  type CandidateItem,
  type CandidateState,
  type Cohort,
  type EligibilityFacts,
  type EligibilityResult,
  type NoticeSheet,
  type Program,
  type RuleSetVersion,
} from '@xinhuo/shared';
import type { z } from 'zod';
import type {
  addRuleSetBody,
  candidateStepBody,
  createCohortBody,
  createProgramBody,
  createTierBody,
  nominateBody,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { CalendarService } from '../../platform/calendar/calendar';
import { can, type Caller } from '../../platform/caller';
import { shanghaiDate, type Clock } from '../../platform/clock';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { candidateInScope } from './candidate-in-scope';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import type { OrgService } from '../org';
import type { TermsService } from '../people';
import { noticeEndDate, noticeOver } from './pipeline-notice';
import * as repo from './pipeline.repository';
import { POLICY_START, ruleVersionsOf, termsOn, tierVersionsOn } from './tier-versions';
import { cityOf } from './reminders/reminder-rules';
import type { PipelineReminders } from './reminders/reminders.service';
import type { PipelineCandidatesTable, PipelineEventsTable } from './pipeline.tables';

export type PipelineService = ReturnType<typeof createPipelineService>;

/**
 * Training hours per person and year, as the training capability records them. `null` when the source
 * has no data at all (the rule then shows "no data" and is skipped); a person missing from the map
 * has 0 hours.
 */
export interface TrainingHoursSource {
  /** Read on the caller's connection (`conn` is the open transaction when there is one). */
  hoursFor(
    conn: Db | Tx,
    personIds: readonly string[],
    year: number,
  ): Promise<ReadonlyMap<string, number> | null>;
  /** Hours attended per person and year from `fromYear` to `toYear` (the successor score's span). */
  hoursByYear(
    conn: Db | Tx,
    personIds: readonly string[],
    fromYear: number,
    toYear: number,
  ): Promise<ReadonlyMap<string, ReadonlyMap<number, number>> | null>;
}
/** The source wired until the training module exists: no data. */
export const NO_TRAINING_HOURS: TrainingHoursSource = {
  hoursFor: async () => null,
  hoursByYear: async () => null,
};

type StepBody = z.output<typeof candidateStepBody>;
type Action = StepBody['action'];
/** Steps the city runs (vetting, notice, selection, training, placement); the rest also town/organ staff. */
const CITY_STEPS: readonly Action[] = ['vet', 'start_notice', 'select', 'start_training', 'assess', 'place'];

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

/**
 * The 薪火计划 pipeline: programs and tiers as data, eligibility rule sets by effective date, cohorts,
 * and the candidate workflow (the pure machine in @xinhuo/shared decides which step is legal; this
 * service runs each step's own checks). Every step writes an immutable event and its audit row in the
 * same transaction; candidates are scoped in SQL by the org path of the person at nomination.
 */
export function createPipelineService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  calendar: CalendarService;
  orgs: OrgService;
  terms: TermsService;
  training: TrainingHoursSource;
  /** Reminders sent once (the objection notice to the city desk); none wired, none sent. */
  reminders?: Pick<PipelineReminders, 'sendOnce'>;
}) {
  const { db, clock, audit, calendar, orgs, terms, training, reminders } = deps;
  const now = () => clock.now().toISOString();
  const id = () => newId(clock.now().getTime());

  const loadCandidate = candidateInScope(db, audit);

  async function ruleVersions(conn: Db | Tx, tierId: string): Promise<RuleSetVersion[]> {
    return ruleVersionsOf(await repo.findRuleSetsOfTiers(conn, [tierId]));
  }

  /** Evaluate the tier's rules over the person's records on the selection date. */
  async function evaluate(trx: Tx, caller: Caller, c: PipelineCandidatesTable): Promise<EligibilityResult> {
    const p = await repo.findPersonFacts(trx, c.person_id, caller.scopePaths);
    if (!p) throw notFound();
    const year = Number(c.selection_date.slice(0, 4));
    const hours = await training.hoursFor(trx, [p.id], year);
    const facts: EligibilityFacts = {
      birthDate: p.birth_date,
      orgKind: p.org_kind,
      rank: p.cadre_rank ?? null,
      fullTimeEducation: p.full_time_education,
      inServiceEducation: p.in_service_education,
      politicalStatus: p.political_status,
      currentPostSince: await repo.findCurrentPostStart(trx, p.id, c.selection_date),
      trainingHours: hours === null ? null : (hours.get(p.id) ?? 0),
      // The yearly assessments arrive with the grades capability: no data until then.
      assessments: null,
    };
    return evaluateEligibility(await ruleVersions(trx, c.tier_id), facts, c.selection_date);
  }

  async function event(
    trx: Tx,
    caller: Caller,
    c: { id: string },
    e: {
      action: PipelineEventsTable['action'];
      from: CandidateState | null;
      to: CandidateState;
      date: string;
      reason?: string | null;
      details?: Record<string, unknown>;
    },
  ) {
    await repo.insertEvent(trx, {
      id: id(),
      candidate_id: c.id,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      event_date: e.date,
      actor_id: caller.userId,
      actor_name: caller.actor.username ?? 'system',
      reason: e.reason ?? null,
      details_json: e.details ? JSON.stringify(e.details) : null,
      created_at: now(),
    });
    await audit.record(trx, caller.actor, {
      action: `pipeline_${e.action}`,
      objectType: 'pipeline_candidate',
      objectId: c.id,
      details: { from: e.from, to: e.to, date: e.date, reason: e.reason ?? null, ...(e.details ?? {}) },
    });
  }

  async function detail(conn: Db | Tx, c: PipelineCandidatesTable): Promise<CandidateDetail> {
    const [labels, events, objections] = await Promise.all([
      repo.findLabels(conn, c.id),
      repo.findEvents(conn, c.id),
      repo.findObjections(conn, c.id),
    ]);
    const vetting = parse<{ team: string[]; findings: string; conclusion: string }>(c.vetting_json);
    const plan = parse<{ milestones: { title: string; due: string }[] }>(c.plan_json);
    return {
      ...item(c, labels),
      version: c.version,
      eligibility: parse<EligibilityResult>(c.eligibility_json),
      overrideReason: c.override_reason,
      vetting,
      notice:
        c.notice_start && c.notice_end
          ? { start: c.notice_start, end: c.notice_end, workdays: c.notice_workdays }
          : null,
      objections: objections.map((o) => ({
        id: o.id,
        raisedOn: o.raised_on,
        text: o.text,
        resolvedOn: o.resolved_on,
        resolution: o.resolution,
      })),
      mentor: c.mentor_person_id ? { id: c.mentor_person_id, name: labels.mentor_name ?? '' } : null,
      milestones: plan?.milestones ?? [],
      placedOrgName: labels.placed_org_name,
      exitReason: c.exit_reason,
      events: events.map((e) => ({
        seq: e.seq,
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        date: e.event_date,
        actorName: e.actor_name,
        reason: e.reason,
        details: parse<Record<string, unknown>>(e.details_json),
        at: e.created_at,
      })),
      nextActions: candidateNextActions(c.state),
    };
  }

  function item(
    c: PipelineCandidatesTable,
    l: {
      person_name: string;
      gender: string;
      birth_date: string;
      org_name: string;
      tier_name_zh: string;
      tier_name_en: string;
      cohort_name: string | null;
    },
  ): CandidateItem {
    return {
      id: c.id,
      personId: c.person_id,
      personName: l.person_name,
      gender: l.gender,
      birthDate: l.birth_date,
      orgName: l.org_name,
      tierId: c.tier_id,
      tierNameZh: l.tier_name_zh,
      tierNameEn: l.tier_name_en,
      state: c.state,
      eligible: c.eligible === null ? null : c.eligible === 1,
      overridden: c.override_reason !== null,
      cohortName: l.cohort_name,
      selectionDate: c.selection_date,
      updatedAt: c.updated_at,
    };
  }

  /** Run one step inside the caller's transaction; the candidate row is locked first. */
  async function stepIn(trx: Tx, caller: Caller, candidateId: string, b: StepBody): Promise<void> {
    if (CITY_STEPS.includes(b.action) && !can(caller, 'pipeline:manage')) throw new AppError('FORBIDDEN');
    await loadCandidate(caller, candidateId, trx);
    await repo.lock(trx, candidateId);
    const c = (await repo.findById(trx, candidateId, caller.scopePaths))!;
    if (c.version !== b.version) throw new AppError('VERSION_CONFLICT');
    const to = candidateStepTarget(c.state, b.action);
    if (!to) throw new AppError('PIPELINE_ILLEGAL_STEP');
    const patch: Partial<PipelineCandidatesTable> = { state: to, updated_at: now() };
    const details: Record<string, unknown> = {};
    switch (b.action) {
      case 'check_eligibility': {
        const r = await evaluate(trx, caller, c);
        patch.eligibility_json = JSON.stringify(r);
        patch.eligible = r.eligible ? 1 : 0;
        // A new check replaces an earlier override: it was given for the earlier result.
        patch.override_reason = null;
        patch.override_by = null;
        details.eligible = r.eligible;
        details.failed = r.results.filter((x) => x.outcome === 'fail').map((x) => x.rule.kind);
        break;
      }
      case 'vet':
        if (c.eligible !== 1 && c.override_reason === null) throw new AppError('PIPELINE_NOT_ELIGIBLE');
        patch.vetting_json = JSON.stringify({ team: b.team, findings: b.findings, conclusion: b.conclusion });
        details.conclusion = b.conclusion;
        break;
      case 'start_notice': {
        const n = b.workdays ?? PIPELINE_NOTICE_WORKDAYS;
        patch.notice_start = b.date;
        patch.notice_end = noticeEndDate(calendar.current(), b.date, n);
        patch.notice_workdays = n;
        details.end = patch.notice_end;
        details.workdays = n;
        break;
      }
      case 'select': {
        if (!c.notice_end || !noticeOver(c.notice_end, b.date))
          throw new AppError('PIPELINE_NOTICE_NOT_ENDED');
        const open = (await repo.findObjections(trx, c.id)).filter((o) => o.resolved_on === null);
        if (open.length > 0) throw new AppError('PIPELINE_OBJECTIONS_OPEN');
        const cohort = await repo.findCohortById(trx, b.cohortId);
        if (!cohort || cohort.tier_id !== c.tier_id) throw fieldError('cohortId', 'invalid_value');
        patch.cohort_id = cohort.id;
        details.cohort = cohort.name;
        break;
      }
      case 'start_training': {
        const mentor = await repo.findPersonFacts(trx, b.mentorPersonId, caller.scopePaths);
        if (!mentor || mentor.id === c.person_id) throw fieldError('mentorPersonId', 'invalid_value');
        patch.mentor_person_id = mentor.id;
        patch.plan_json = JSON.stringify({ milestones: b.milestones });
        break;
      }
      case 'assess':
        details.year = b.year;
        details.level = b.level;
        break;
      case 'place': {
        const org = await orgs.loadInScope(caller, b.orgId, trx).catch(() => {
          throw fieldError('orgId', 'invalid_value');
        });
        if (org.kind !== 'village') throw fieldError('orgId', 'invalid_value');
        const placed = await terms.placeInSeat(trx, caller, {
          orgId: org.id,
          role: 'party_secretary',
          personId: c.person_id,
          date: b.date,
          endReason: 'transferred',
        });
        if (!placed) throw new AppError('PIPELINE_NO_PARTY_TERM');
        patch.placed_org_id = org.id;
        patch.placed_position_id = placed.positionId;
        details.orgId = org.id;
        details.positionId = placed.positionId;
        details.endedPositionId = placed.endedPositionId;
        break;
      }
      case 'exit':
        patch.exit_reason = b.reason;
        break;
    }
    if (!(await repo.update(trx, c.id, c.version, patch))) throw new AppError('VERSION_CONFLICT');
    await event(trx, caller, c, {
      action: b.action,
      from: c.state,
      to,
      date: b.date,
      reason: b.reason ?? null,
      details,
    });
  }

  return {
    // Programs, tiers, rules --------------------------------------------------------------------

    async listPrograms(caller: Caller): Promise<Program[]> {
      const programs = await repo.listPrograms(db);
      const tiers = await repo.findTiersOfPrograms(
        db,
        programs.map((p) => p.id),
      );
      const ids = tiers.map((t) => t.id);
      const [rules, counts, births] = await Promise.all([
        repo.findRuleSetsOfTiers(db, ids),
        repo.countByTier(db, ids, caller.scopePaths),
        repo.findFilledBirthDates(db, ids, caller.scopePaths),
      ]);
      const today = shanghaiDate(clock.now());
      const averageAge = (tierId: string) => {
        const ages = births.filter((b) => b.tier_id === tierId).map((b) => ageOn(b.birth_date, today));
        return ages.length ? Math.round((ages.reduce((a, x) => a + x, 0) / ages.length) * 10) / 10 : null;
      };
      const sum = (tierId: string, states: readonly CandidateState[]) =>
        counts.filter((x) => x.tierId === tierId && states.includes(x.state)).reduce((a, x) => a + x.n, 0);
      return programs.map((p) => ({
        id: p.id,
        name: p.name,
        periodFrom: p.period_from,
        periodTo: p.period_to,
        ownerOrgId: p.owner_org_id,
        tiers: tiers
          .filter((t) => t.program_id === p.id)
          .map((t) => ({ t, versions: rules.filter((r) => r.tier_id === t.id) }))
          .map(({ t, versions }) => ({
            id: t.id,
            code: t.code,
            nameZh: t.name_zh,
            nameEn: t.name_en,
            // The terms of the version in force today: a scheduled version changes nothing before its date.
            ...termsOn(t, versions, today),
            filled: sum(t.id, repo.FILLED_STATES),
            inProgress: sum(t.id, repo.BEFORE_SELECTION),
            placed: sum(t.id, ['placed']),
            // Everyone ever nominated; those who got past vetting; selected or further; placed.
            funnel: {
              nominated: sum(t.id, CANDIDATE_STATES),
              vetted: sum(t.id, ['vetted', 'notice', ...repo.FILLED_STATES]),
              selected: sum(t.id, repo.FILLED_STATES),
              placed: sum(t.id, ['placed']),
            },
            averageAge: averageAge(t.id),
            ruleSets: tierVersionsOn(versions, today),
          })),
      }));
    },

    async createProgram(caller: Caller, b: z.output<typeof createProgramBody>, trx?: Tx): Promise<string> {
      const work = async (t: Tx) => {
        if (b.periodTo < b.periodFrom) throw fieldError('periodTo', 'invalid_value');
        const org = await orgs.loadInScope(caller, b.ownerOrgId, t);
        const programId = id();
        await repo.insertProgram(t, {
          id: programId,
          name: b.name,
          period_from: b.periodFrom,
          period_to: b.periodTo,
          owner_org_id: org.id,
          owner_org_path: org.path,
          created_at: now(),
          succession_age: SUCCESSION_AGE_DEFAULT,
        });
        await audit.record(t, caller.actor, {
          action: 'pipeline_program_create',
          objectType: 'pipeline_program',
          objectId: programId,
          details: { name: b.name },
        });
        return programId;
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    async addTier(
      caller: Caller,
      programId: string,
      b: z.output<typeof createTierBody>,
      trx?: Tx,
    ): Promise<string> {
      const work = async (t: Tx) => {
        const program = await repo.findProgramById(t, programId);
        if (!program) throw notFound();
        if (b.monthsMax < b.monthsMin) throw fieldError('monthsMax', 'invalid_value');
        const existing = await repo.findTiersOfPrograms(t, [programId]);
        if (existing.some((x) => x.code === b.code)) throw fieldError('code', 'DUPLICATE');
        const tierId = id();
        await repo.insertTier(t, {
          id: tierId,
          program_id: programId,
          code: b.code,
          name_zh: b.nameZh,
          name_en: b.nameEn,
          target: b.target,
          hours_per_year: b.hoursPerYear,
          months_min: b.monthsMin,
          months_max: b.monthsMax,
          sort_order: existing.length,
        });
        // Version 1 (its rules and terms), in force from the start as every seeded policy version.
        if (b.rules)
          await repo.insertRuleSet(t, {
            id: id(),
            tier_id: tierId,
            version: 1,
            effective_from: POLICY_START,
            rules_json: JSON.stringify(b.rules),
            target: b.target,
            hours_per_year: b.hoursPerYear,
            months_min: b.monthsMin,
            months_max: b.monthsMax,
            created_by: caller.userId,
            created_at: now(),
          });
        await audit.record(t, caller.actor, {
          action: 'pipeline_tier_create',
          objectType: 'pipeline_tier',
          objectId: tierId,
          details: { programId, code: b.code, target: b.target },
        });
        return tierId;
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    /**
     * A new version of a tier (its rules and terms), in force from its date: today or later
     * (EFFECTIVE_DATE_PAST otherwise); terms not given are kept from the version in force on that date.
     * Earlier versions stay as they were (immutable).
     */
    async addRuleSet(caller: Caller, tierId: string, b: z.output<typeof addRuleSetBody>, trx?: Tx) {
      const work = async (t: Tx) => {
        const tier = await repo.findTierById(t, tierId);
        if (!tier) throw notFound();
        if (b.effectiveFrom < shanghaiDate(clock.now())) throw new AppError('EFFECTIVE_DATE_PAST');
        const versions = await repo.findRuleSetsOfTiers(t, [tierId]);
        // A withdrawn version never holds its date: only one not withdrawn makes the date taken.
        if (versions.some((v) => v.effective_from === b.effectiveFrom && v.cancellation === null))
          throw fieldError('effectiveFrom', 'DUPLICATE');
        const base = termsOn(tier, versions, b.effectiveFrom);
        const terms = {
          target: b.target ?? base.target,
          hoursPerYear: b.hoursPerYear ?? base.hoursPerYear,
          monthsMin: b.monthsMin ?? base.monthsMin,
          monthsMax: b.monthsMax ?? base.monthsMax,
        };
        if (terms.monthsMax < terms.monthsMin) throw fieldError('monthsMax', 'invalid_value');
        const version = versions.reduce((m, v) => Math.max(m, v.version), 0) + 1;
        await repo.insertRuleSet(t, {
          id: id(),
          tier_id: tierId,
          version,
          effective_from: b.effectiveFrom,
          rules_json: JSON.stringify(b.rules),
          target: terms.target,
          hours_per_year: terms.hoursPerYear,
          months_min: terms.monthsMin,
          months_max: terms.monthsMax,
          created_by: caller.userId,
          created_at: now(),
        });
        await audit.record(t, caller.actor, {
          action: 'pipeline_rules_add',
          objectType: 'pipeline_tier',
          objectId: tierId,
          details: { version, effectiveFrom: b.effectiveFrom, rules: b.rules, ...terms },
        });
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    /**
     * Withdraw a scheduled version of a tier (effective after today) with a reason; the version row stays
     * as it was and is never in force. In force, superseded or withdrawn: POLICY_VERSION_NOT_SCHEDULED.
     */
    async cancelTierVersion(caller: Caller, tierId: string, version: number, reason: string, trx?: Tx) {
      const work = async (t: Tx) => {
        const v = (await repo.findRuleSetsOfTiers(t, [tierId])).find((r) => r.version === version);
        if (!v) throw notFound();
        if (v.effective_from <= shanghaiDate(clock.now())) throw new AppError('POLICY_VERSION_NOT_SCHEDULED');
        const written = await repo.insertRuleSetCancellation(t, {
          tier_id: tierId,
          version,
          reason,
          cancelled_by: caller.userId,
          cancelled_at: now(),
        });
        if (!written) throw new AppError('POLICY_VERSION_NOT_SCHEDULED');
        await audit.record(t, caller.actor, {
          action: 'pipeline_tier_version_cancel',
          objectType: 'pipeline_tier',
          objectId: tierId,
          details: { version, effectiveFrom: v.effective_from, reason },
        });
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    // Cohorts ------------------------------------------------------------------------------------

    async listCohorts(caller: Caller, tierId?: string): Promise<Cohort[]> {
      const [rows, counts] = await Promise.all([
        repo.listCohorts(db, tierId),
        repo.countByCohort(db, caller.scopePaths),
      ]);
      return rows.map((k) => {
        const n = counts.find((x) => x.cohortId === k.id);
        return {
          id: k.id,
          tierId: k.tier_id,
          tierNameZh: k.tier_name_zh,
          tierNameEn: k.tier_name_en,
          name: k.name,
          selectionDate: k.selection_date,
          sendOffDate: k.send_off_date,
          intakeTarget: k.intake_target,
          members: n?.n ?? 0,
          placed: n?.placed ?? 0,
        };
      });
    },

    async createCohort(caller: Caller, b: z.output<typeof createCohortBody>, trx?: Tx): Promise<string> {
      const work = async (t: Tx) => {
        if (!(await repo.findTierById(t, b.tierId))) throw fieldError('tierId', 'invalid_value');
        if (b.sendOffDate && b.sendOffDate < b.selectionDate)
          throw fieldError('sendOffDate', 'invalid_value');
        if ((await repo.listCohorts(t, b.tierId)).some((k) => k.name === b.name))
          throw fieldError('name', 'DUPLICATE');
        const cohortId = id();
        await repo.insertCohort(t, {
          id: cohortId,
          tier_id: b.tierId,
          name: b.name,
          selection_date: b.selectionDate,
          send_off_date: b.sendOffDate ?? null,
          intake_target: b.intakeTarget,
          created_at: now(),
        });
        await audit.record(t, caller.actor, {
          action: 'pipeline_cohort_create',
          objectType: 'pipeline_cohort',
          objectId: cohortId,
          details: { tierId: b.tierId, name: b.name, selectionDate: b.selectionDate },
        });
        return cohortId;
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    // Candidates ---------------------------------------------------------------------------------

    async listCandidates(caller: Caller, f: repo.CandidateFilter, page: { offset: number; limit: number }) {
      const { rows, total } = await repo.list(db, f, caller.scopePaths, page);
      return { items: rows.map((r) => item(r, r)), total };
    },

    /** The filtered list for the Excel export (up to `cap` rows), the export audited. */
    async exportCandidates(caller: Caller, f: repo.CandidateFilter, cap: number) {
      const { rows } = await repo.list(db, f, caller.scopePaths, { offset: 0, limit: cap });
      await audit.recordAlone(caller.actor, {
        action: 'pipeline_export',
        objectType: 'pipeline_candidate',
        details: { filters: f, rows: rows.length },
      });
      return rows.map((r) => item(r, r));
    },

    async getCandidate(caller: Caller, candidateId: string, trx?: Tx): Promise<CandidateDetail> {
      const conn = trx ?? db;
      return detail(conn, await loadCandidate(caller, candidateId, conn));
    },

    /** The trainee's own record (the latest one linked to the account), or 404. */
    async getMine(caller: Caller): Promise<CandidateDetail> {
      if (!caller.userId) throw notFound();
      const mine = await repo.findByTrainee(db, caller.userId);
      if (mine.length === 0) throw notFound();
      return detail(db, mine[0]!);
    },

    /** Nominate a person of the caller's scope to a tier (town staff: their town; organs: their cadres). */
    async nominate(caller: Caller, b: z.output<typeof nominateBody>, trx?: Tx): Promise<string> {
      const work = async (t: Tx) => {
        const person = await loadInScopeOr404({
          audit,
          caller,
          objectType: 'person',
          id: b.personId,
          find: () => repo.findPersonFacts(t, b.personId, caller.scopePaths),
          exists: () => repo.personExists(t, b.personId),
          trx: t,
        });
        if (!(await repo.findTierById(t, b.tierId))) throw fieldError('tierId', 'invalid_value');
        if (await repo.findOpenOfPerson(t, b.tierId, person.id))
          throw new AppError('PIPELINE_ALREADY_CANDIDATE');
        const candidateId = id();
        const at = now();
        await repo.insert(t, {
          id: candidateId,
          tier_id: b.tierId,
          person_id: person.id,
          org_id: person.org_id,
          org_path: person.org_path,
          state: 'nominated',
          selection_date: b.selectionDate,
          eligibility_json: null,
          eligible: null,
          override_reason: null,
          override_by: null,
          vetting_json: null,
          notice_start: null,
          notice_end: null,
          notice_workdays: PIPELINE_NOTICE_WORKDAYS,
          cohort_id: null,
          mentor_person_id: null,
          plan_json: null,
          placed_org_id: null,
          placed_position_id: null,
          exit_reason: null,
          trainee_user_id: null,
          nominated_by: caller.userId,
          created_at: at,
          updated_at: at,
          version: 1,
        });
        await event(
          t,
          caller,
          { id: candidateId },
          {
            action: 'nominate',
            from: null,
            to: 'nominated',
            date: b.date ?? shanghaiDate(clock.now()),
            reason: b.reason,
            details: { tierId: b.tierId, personId: person.id, selectionDate: b.selectionDate },
          },
        );
        return candidateId;
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    /** One step of the workflow; illegal steps are refused with PIPELINE_ILLEGAL_STEP. */
    async step(caller: Caller, candidateId: string, b: StepBody, trx?: Tx): Promise<void> {
      return trx
        ? stepIn(trx, caller, candidateId, b)
        : db.transaction().execute((t) => stepIn(t, caller, candidateId, b));
    },

    /** 破格: go on despite a failed eligibility check; needs pipeline:override and a written reason. */
    async overrideEligibility(
      caller: Caller,
      candidateId: string,
      b: { version: number; reason: string },
      trx?: Tx,
    ): Promise<void> {
      const work = async (t: Tx) => {
        if (!can(caller, 'pipeline:override')) throw new AppError('FORBIDDEN');
        await loadCandidate(caller, candidateId, t);
        await repo.lock(t, candidateId);
        const c = (await repo.findById(t, candidateId, caller.scopePaths))!;
        if (c.version !== b.version) throw new AppError('VERSION_CONFLICT');
        if (c.state !== 'eligibility_checked' || c.eligible !== 0 || c.override_reason !== null)
          throw new AppError('PIPELINE_ILLEGAL_STEP');
        const ok = await repo.update(t, c.id, c.version, {
          override_reason: b.reason,
          override_by: caller.userId,
          updated_at: now(),
        });
        if (!ok) throw new AppError('VERSION_CONFLICT');
        await event(t, caller, c, {
          action: 'override',
          from: c.state,
          to: c.state,
          date: shanghaiDate(clock.now()),
          reason: b.reason,
        });
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    async raiseObjection(caller: Caller, candidateId: string, b: { date: string; text: string }) {
      return db.transaction().execute(async (t) => {
        const c = await loadCandidate(caller, candidateId, t);
        if (c.state !== 'notice') throw new AppError('PIPELINE_ILLEGAL_STEP');
        const objectionId = id();
        await repo.insertObjection(t, {
          id: objectionId,
          candidate_id: c.id,
          raised_on: b.date,
          text: b.text,
          raised_by: caller.userId,
          resolved_on: null,
          resolution: null,
          resolved_by: null,
        });
        await event(t, caller, c, {
          action: 'objection',
          from: c.state,
          to: c.state,
          date: b.date,
          reason: b.text,
          details: { objectionId },
        });
        // At once, to the city desk that runs the notice (and through its webhook).
        const l = await repo.findLabels(t, c.id);
        await reminders?.sendOnce(t, [
          {
            kind: 'pipeline_objection',
            itemId: objectionId,
            keyDate: b.date,
            targets: [{ orgId: cityOf(c.org_path), audience: 'talent' }],
            n: {
              kind: 'pipeline_objection',
              text: {
                zh: `${l.person_name}（${l.tier_name_zh}）任前公示收到异议（${b.date}），请核实处理`,
                en: `An objection to ${l.person_name} (${l.tier_name_en}) was raised during the public notice (${b.date}): please look into it`,
              },
              objectType: 'pipeline_candidate',
              objectId: c.id,
            },
          },
        ]);
        return objectionId;
      });
    },

    async resolveObjection(
      caller: Caller,
      candidateId: string,
      objectionId: string,
      b: { date: string; resolution: string },
    ) {
      return db.transaction().execute(async (t) => {
        const c = await loadCandidate(caller, candidateId, t);
        const o = await repo.findObjectionById(t, objectionId, c.id);
        if (!o) throw notFound();
        if (b.date < o.raised_on) throw fieldError('date', 'invalid_value');
        const ok = await repo.resolveObjection(t, o.id, c.id, {
          resolvedOn: b.date,
          resolution: b.resolution,
          resolvedBy: caller.userId,
        });
        if (!ok) throw new AppError('PIPELINE_OBJECTION_RESOLVED');
        await event(t, caller, c, {
          action: 'objection_resolved',
          from: c.state,
          to: c.state,
          date: b.date,
          reason: b.resolution,
          details: { objectionId },
        });
      });
    },

    /** The printable 任前公示 of a candidate in (or past) the notice. */
    async noticeSheet(caller: Caller, candidateId: string): Promise<NoticeSheet> {
      const c = await loadCandidate(caller, candidateId, db);
      if (!c.notice_start || !c.notice_end) throw notFound();
      const l = await repo.findLabels(db, c.id);
      return {
        candidateId: c.id,
        personName: l.person_name,
        gender: l.gender,
        birthDate: l.birth_date,
        orgName: l.org_name,
        tierNameZh: l.tier_name_zh,
        tierNameEn: l.tier_name_en,
        start: c.notice_start,
        end: c.notice_end,
        workdays: c.notice_workdays,
      };
    },
  };
}
