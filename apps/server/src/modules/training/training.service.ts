import {
  hoursFromTenths,
  tenthsFromHours,
  type EnrollmentSource,
  type StudentStatus,
  type TrainingKind,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import { createVersionedFigures, PIPELINE_DATA_VERSION, scopeKey } from '../../platform/db/data-version';
import type { AuditTrail } from '../../platform/audit/audit';
import { can, type Caller } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { AppError, notFound } from '../../platform/errors';
import { readImportWorkbook } from '../../platform/excel/import-reader';
import { isWithin } from '../../platform/http/scope';
import { newId } from '../../platform/ids';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import type { OrgService } from '../org';
import type { PersonInput, PeopleService } from '../people';
import * as repo from './training.repository';
import {
  creditedTenths,
  SIGN_IN_COLUMNS,
  judgeSignInRows,
  shortfallTenths,
  signInIdNumber,
  type SignInRow,
} from './training-rules';

export interface ProgramInput {
  name: string;
  kind: TrainingKind;
  year: number;
  ownerOrgId: string;
  description?: string | null;
}

export interface SessionInput {
  programId: string;
  title: string;
  sessionDate: string;
  startTime: string;
  endTime: string;
  venue: string;
  hours: number;
  capacity: number;
  lecturers?: { personId: string; topic?: string | null }[];
}

/** Who to enroll. `tier` and `cohort` come with the pipeline: it passes the resolved person ids with its source. */
export type EnrollTarget =
  | { by: 'person'; personIds: string[] }
  | { by: 'org'; orgId: string }
  | { by: 'tier' | 'cohort'; personIds: string[] };

export interface StudentInput {
  /** A roster person in the caller's scope, or a new one created through the people service. */
  person: { id: string } | PersonInput;
  status: StudentStatus;
  graduationDate?: string | null;
  placementOrgId?: string | null;
  placementRole?: string | null;
  placementDate?: string | null;
  laterPath?: string | null;
}

/** Attended training hours per person in a year, for a set of people: one query (the pipeline's rule input). */
export async function trainingHours(
  db: Db | Tx,
  personIds: readonly string[],
  year: number,
): Promise<Map<string, number>> {
  const rows = await repo.sumAttendedTenths(db, [...new Set(personIds)], year);
  return new Map(rows.map((r) => [r.person_id, hoursFromTenths(Number(r.tenths))]));
}

/** Hours attended per person and year from `fromYear` to `toYear`, for a set of people. */
export async function trainingHoursByYear(
  db: Db | Tx,
  personIds: readonly string[],
  fromYear: number,
  toYear: number,
): Promise<Map<string, Map<number, number>>> {
  const out = new Map<string, Map<number, number>>();
  for (const r of await repo.sumAttendedTenthsByYear(db, [...new Set(personIds)], fromYear, toYear)) {
    const per = out.get(r.person_id) ?? new Map<number, number>();
    per.set(Number(r.year), hoursFromTenths(Number(r.tenths)));
    out.set(r.person_id, per);
  }
  return out;
}

/** How many intake years the class's headline figure spans ("277 trained over 10 years"). */
export const CLASS_YEARS = 10;

export type TrainingService = ReturnType<typeof createTrainingService>;

export function createTrainingService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  crypto: FieldCrypto;
  orgs: OrgService;
  people: PeopleService;
}) {
  const { db, clock, audit, crypto, orgs, people } = deps;
  // The hours report's pages, cached by the pipeline data version (training tables bump it).
  const figure = createVersionedFigures(db, PIPELINE_DATA_VERSION);
  const now = () => clock.now().toISOString();
  const id = () => newId(clock.now().getTime());
  const inTrx = <T>(trx: Tx | undefined, work: (t: Tx) => Promise<T>) =>
    trx ? work(trx) : db.transaction().execute(work);

  async function loadSession(caller: Caller, sessionId: string, conn: Db | Tx = db) {
    return loadInScopeOr404({
      audit,
      caller,
      objectType: 'training_session',
      id: sessionId,
      find: () => repo.findSessionById(conn, sessionId, caller.scopePaths),
      exists: () => repo.findSessionByIdUnscoped(conn, sessionId),
      trx: conn === db ? undefined : conn,
    });
  }

  /** People by id, every one in the caller's scope — or 404, as for a missing person. */
  async function peopleInScope(caller: Caller, ids: readonly string[], conn: Db | Tx) {
    const unique = [...new Set(ids)];
    const found = await repo.findPersonsInScope(conn, unique, caller.scopePaths);
    if (found.length !== unique.length) throw notFound();
    return unique;
  }

  /** One person of the caller's scope, or 404 (an id held elsewhere is audited as a denial). */
  async function personInScope(caller: Caller, personId: string, conn: Db | Tx = db) {
    return loadInScopeOr404({
      audit,
      caller,
      objectType: 'person',
      id: personId,
      find: async () => (await repo.findPersonsInScope(conn, [personId], caller.scopePaths))[0],
      exists: () => repo.findPersonByIdUnscoped(conn, personId),
      trx: conn === db ? undefined : conn,
    });
  }

  async function requiredTenths(year: number, conn: Db | Tx = db) {
    return (await repo.findRequirement(conn, year))?.required_tenths ?? 0;
  }

  async function sessionItems(rows: Awaited<ReturnType<typeof repo.listSessions>>) {
    const ids = rows.map((r) => r.id);
    const [counts, lecturers] = await Promise.all([
      repo.countEnrollments(db, ids),
      repo.findLecturers(db, ids),
    ]);
    const countOf = new Map(counts.map((c) => [c.session_id, c]));
    return rows.map((r) => {
      const c = countOf.get(r.id);
      const avg = c?.avg_rating == null ? null : Math.round(Number(c.avg_rating) * 10) / 10;
      return {
        id: r.id,
        programId: r.program_id,
        programName: r.program_name,
        kind: r.kind,
        title: r.title,
        sessionDate: r.session_date,
        startTime: r.start_time,
        endTime: r.end_time,
        venue: r.venue,
        hours: hoursFromTenths(r.hours_tenths),
        capacity: r.capacity,
        enrolled: Number(c?.enrolled ?? 0),
        attended: Number(c?.attended ?? 0),
        averageRating: avg,
        lecturers: lecturers
          .filter((l) => l.session_id === r.id)
          .map((l) => ({ personId: l.person_id, name: l.name, orgName: l.org_name, topic: l.topic })),
        version: r.version,
      };
    });
  }

  /** Marks enrolled people present in one transaction, audited. */
  async function markPresent(
    trx: Tx,
    caller: Caller,
    sessionId: string,
    personIds: string[],
    method: 'staff' | 'self' | 'import',
    details: Record<string, unknown> = {},
  ) {
    const changed = await repo.markAttended(trx, sessionId, personIds, {
      signed_in_at: now(),
      sign_in_method: method,
      signed_in_by: caller.actor.username ?? null,
    });
    await audit.record(trx, caller.actor, {
      action: 'training_sign_in',
      objectType: 'training_session',
      objectId: sessionId,
      details: { method, people: personIds.length, signedIn: changed, ...details },
    });
    return changed;
  }

  async function hoursPage(
    caller: Caller,
    q: { year: number; shortfallOnly?: boolean; orgId?: string },
    page: { offset: number; limit: number },
  ) {
    const underPath = q.orgId ? (await orgs.loadInScope(caller, q.orgId)).path : undefined;
    const required = await requiredTenths(q.year);
    const shortfallOnly = q.shortfallOnly === true;
    const key = `hours|${scopeKey(caller.scopePaths)}|${q.year}|${required}|${shortfallOnly}|${underPath ?? ''}|${page.offset}|${page.limit}`;
    const { total, rows } = await figure(
      key,
      () =>
        repo.hoursReport(
          db,
          caller.scopePaths,
          { year: q.year, requiredTenths: required, shortfallOnly, underPath },
          page,
        ),
      caller,
    );
    return {
      year: q.year,
      requiredHours: hoursFromTenths(required),
      total,
      items: rows.map((r) => ({
        personId: r.id,
        name: r.name,
        orgName: r.org_name,
        idNumberMasked: r.id_number_masked,
        hours: hoursFromTenths(Number(r.tenths)),
        shortfall: hoursFromTenths(shortfallTenths(Number(r.tenths), required)),
      })),
    };
  }

  async function cohortItems(caller: Caller, cohorts: Awaited<ReturnType<typeof repo.listCohorts>>) {
    const counts = await repo.countStudents(
      db,
      caller.scopePaths,
      cohorts.map((c) => c.id),
    );
    const countOf = new Map(counts.map((c) => [c.cohort_id, c]));
    return cohorts.map((c) => {
      const n = countOf.get(c.id);
      return {
        id: c.id,
        name: c.name,
        partner: c.partner,
        intakeYear: c.intake_year,
        students: Number(n?.students ?? 0),
        graduated: Number(n?.graduated ?? 0),
        placedInVillages: Number(n?.placed_in_villages ?? 0),
      };
    });
  }

  async function classOverview(caller: Caller) {
    const cohorts = await cohortItems(caller, await repo.listCohorts(db, caller.scopePaths));
    // The ten intake years end with the latest cohort that has graduated (a cohort still studying trains no one yet).
    const graduated = await repo.findGraduatedCohorts(
      db,
      cohorts.map((c) => c.id),
    );
    const done = cohorts.filter((c) => graduated.has(c.id)).map((c) => c.intakeYear);
    const toYear = done.length > 0 ? Math.max(...done) : null;
    const fromYear = toYear === null ? null : toYear - CLASS_YEARS + 1;
    const counted = cohorts.filter((c) => fromYear !== null && c.intakeYear >= fromYear);
    return {
      cohorts,
      fromYear,
      toYear,
      trainedTotal: counted.reduce((s, c) => s + c.graduated, 0),
      placedInVillagesTotal: counted.reduce((s, c) => s + c.placedInVillages, 0),
    };
  }

  async function loadCohort(caller: Caller, cohortId: string, conn: Db | Tx = db) {
    return loadInScopeOr404({
      audit,
      caller,
      objectType: 'univ_cohort',
      id: cohortId,
      find: () => repo.findCohortById(conn, cohortId, caller.scopePaths),
      exists: () => repo.findCohortByIdUnscoped(conn, cohortId),
      trx: conn === db ? undefined : conn,
    });
  }

  function studentItem(s: Awaited<ReturnType<typeof repo.findStudents>>[number]) {
    return {
      id: s.id,
      personId: s.person_id,
      name: s.name,
      gender: s.gender,
      idNumberMasked: s.id_number_masked,
      orgName: s.org_name,
      status: s.status,
      graduationDate: s.graduation_date,
      placementOrgName: s.placement_org_name ?? null,
      placementRole: s.placement_role,
      placementDate: s.placement_date,
      laterPath: s.later_path,
    };
  }

  return {
    // ——— Programs and sessions ———

    /** A training program owned by an org in the caller's scope. */
    async createProgram(caller: Caller, input: ProgramInput, trx?: Tx): Promise<string> {
      return inTrx(trx, async (t) => {
        const owner = await orgs.loadInScope(caller, input.ownerOrgId, t);
        const programId = id();
        await repo.insertProgram(t, {
          id: programId,
          name: input.name,
          kind: input.kind,
          year: input.year,
          owner_org_id: owner.id,
          org_path: owner.path,
          description: input.description ?? null,
          created_at: now(),
          updated_at: now(),
          version: 1,
        });
        await audit.record(t, caller.actor, {
          action: 'training_program_create',
          objectType: 'training_program',
          objectId: programId,
          details: { name: input.name, kind: input.kind, year: input.year },
        });
        return programId;
      });
    },

    async listPrograms(caller: Caller, year?: number) {
      const rows = await repo.listPrograms(db, caller.scopePaths, year);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        year: r.year,
        ownerOrgId: r.owner_org_id,
        ownerOrgName: r.owner_org_name,
        description: r.description,
        version: r.version,
      }));
    },

    /** A session of a program the caller may edit; lecturers are roster people under the program's owner. */
    async createSession(caller: Caller, input: SessionInput, trx?: Tx): Promise<string> {
      return inTrx(trx, async (t) => {
        const program = await repo.findProgramById(t, input.programId, caller.scopePaths);
        if (!program || !isWithin(program.org_path, caller.scopePaths))
          throw new AppError('TRAINING_PROGRAM_INVALID', {
            fields: [{ path: 'programId', reason: 'invalid_value' }],
          });
        const lecturers = input.lecturers ?? [];
        const lecturerIds = [...new Set(lecturers.map((l) => l.personId))];
        const known = await repo.findPersonsInScope(t, lecturerIds, [program.org_path]);
        if (known.length !== lecturerIds.length || lecturerIds.length !== lecturers.length)
          throw new AppError('TRAINING_LECTURER_INVALID', {
            fields: [{ path: 'lecturers', reason: 'invalid_value' }],
          });
        const sessionId = id();
        await repo.insertSession(t, {
          id: sessionId,
          program_id: program.id,
          title: input.title,
          session_date: input.sessionDate,
          start_time: input.startTime,
          end_time: input.endTime,
          venue: input.venue,
          hours_tenths: tenthsFromHours(input.hours),
          capacity: input.capacity,
          org_path: program.org_path,
          created_at: now(),
          updated_at: now(),
          version: 1,
        });
        await repo.insertLecturers(
          t,
          lecturers.map((l, i) => ({
            session_id: sessionId,
            person_id: l.personId,
            topic: l.topic ?? null,
            sort_order: i,
          })),
        );
        await audit.record(t, caller.actor, {
          action: 'training_session_create',
          objectType: 'training_session',
          objectId: sessionId,
          details: { programId: program.id, date: input.sessionDate, lecturers: lecturerIds.length },
        });
        return sessionId;
      });
    },

    async listSessions(caller: Caller, f: repo.SessionFilter) {
      return sessionItems(await repo.listSessions(db, caller.scopePaths, f));
    },

    /** A session with the enrollments of the caller's people (names, masked ID numbers, attendance, feedback). */
    async getSession(caller: Caller, sessionId: string) {
      const s = await loadSession(caller, sessionId);
      const [[item], enrollments] = await Promise.all([
        sessionItems([s]),
        repo.findEnrollments(db, sessionId, caller.scopePaths),
      ]);
      return {
        ...item!,
        canWrite: can(caller, 'training:write'),
        enrollments: enrollments.map((e) => ({
          id: e.id,
          personId: e.person_id,
          name: e.name,
          orgName: e.org_name,
          idNumberMasked: e.id_number_masked,
          source: e.source,
          attended: e.attended === 1,
          signedInAt: e.signed_in_at,
          signInMethod: e.sign_in_method,
          rating: e.rating,
          feedback: e.feedback,
        })),
      };
    },

    // ——— Enrollment, attendance, feedback ———

    /**
     * Enroll people in a session: by person, or every current two-committee member of an org's subtree
     * (tier and cohort: the pipeline passes their person ids). People out of the caller's scope answer
     * 404; a session without room for all of them refuses all of them.
     */
    async enroll(caller: Caller, sessionId: string, target: EnrollTarget, trx?: Tx) {
      return inTrx(trx, async (t) => {
        const s = await loadSession(caller, sessionId, t);
        // Bumping the version queues concurrent enrollments on the session's row (the capacity check).
        await repo.bumpSession(t, sessionId);
        let personIds: string[];
        let source: EnrollmentSource;
        if (target.by === 'org') {
          const org = await orgs.loadInScope(caller, target.orgId, t);
          const date = s.session_date;
          personIds = (await repo.findCommitteeMembers(t, org.path, caller.scopePaths, date)).map(
            (r) => r.id,
          );
          source = 'org';
        } else {
          personIds = await peopleInScope(caller, target.personIds, t);
          source = target.by;
        }
        const already = await repo.findEnrolledIds(t, sessionId, personIds);
        const fresh = personIds.filter((p) => !already.has(p));
        const seats = await repo.countSeats(t, sessionId);
        if (seats + fresh.length > s.capacity) throw new AppError('TRAINING_CAPACITY_FULL');
        const at = now();
        await repo.insertEnrollments(
          t,
          fresh.map((personId) => ({
            id: id(),
            session_id: sessionId,
            person_id: personId,
            source,
            enrolled_at: at,
            enrolled_by: caller.actor.username ?? null,
            attended: 0,
            signed_in_at: null,
            sign_in_method: null,
            signed_in_by: null,
            rating: null,
            feedback: null,
            feedback_at: null,
          })),
        );
        await audit.record(t, caller.actor, {
          action: 'training_enroll',
          objectType: 'training_session',
          objectId: sessionId,
          details: { by: target.by, enrolled: fresh.length, alreadyEnrolled: already.size },
        });
        return { enrolled: fresh.length, alreadyEnrolled: already.size };
      });
    },

    /** Staff mark enrolled people present; hours are credited for attended sessions only. */
    async signIn(caller: Caller, sessionId: string, personIds: string[], trx?: Tx) {
      return inTrx(trx, async (t) => {
        await loadSession(caller, sessionId, t);
        const ids = await peopleInScope(caller, personIds, t);
        const enrolled = await repo.findEnrolledIds(t, sessionId, ids);
        const missing = ids.findIndex((p) => !enrolled.has(p));
        if (missing >= 0)
          throw new AppError('TRAINING_NOT_ENROLLED', {
            fields: [{ path: `personIds.${missing}`, reason: 'TRAINING_NOT_ENROLLED' }],
          });
        const signedIn = await markPresent(t, caller, sessionId, ids, 'staff');
        return { signedIn, rows: ids.length };
      });
    },

    /**
     * The session's sign-in sheet (.xlsx: 姓名, 身份证号): every row must name an enrolled person of the
     * caller's scope; any bad row refuses the whole sheet with the row numbers.
     */
    async importSignIn(caller: Caller, sessionId: string, bytes: Buffer) {
      await loadSession(caller, sessionId);
      const rows: SignInRow[] = [];
      await readImportWorkbook(bytes, SIGN_IN_COLUMNS, {
        limits: { maxRows: 5000 },
        onRow: (r) => {
          rows.push({
            row: r.row,
            name: r.values.name ?? '',
            idNumber: r.values.idNumber ?? '',
            findings: r.findings.map((f) => ({ column: f.column, reason: f.reason })),
          });
        },
      });
      const ids = new Map<string, string>();
      for (const r of rows) {
        const v = signInIdNumber(r.idNumber);
        if (v.ok) ids.set(crypto.blindIndex(v.id), v.id);
      }
      return db.transaction().execute(async (t) => {
        const found = await repo.findPersonsByIdIndex(t, [...ids.keys()], caller.scopePaths);
        const people = new Map(found.map((p) => [ids.get(p.id_number_bidx)!, { id: p.id, name: p.name }]));
        const enrolled = await repo.findEnrolledIds(
          t,
          sessionId,
          found.map((p) => p.id),
        );
        const judged = judgeSignInRows(rows, people, enrolled);
        if (judged.errors.length > 0) throw new AppError('TRAINING_IMPORT_ROWS', { fields: judged.errors });
        const signedIn = await markPresent(t, caller, sessionId, judged.personIds, 'import', {
          rows: rows.length,
        });
        return { signedIn, rows: rows.length };
      });
    },

    /** Feedback and a rating (1–5) by an attendee; anyone who did not attend is refused. */
    async giveFeedback(
      caller: Caller,
      sessionId: string,
      input: { personId: string; rating: number; feedback?: string | null },
    ) {
      return db.transaction().execute(async (t) => {
        await loadSession(caller, sessionId, t);
        await personInScope(caller, input.personId, t);
        const e = await repo.findEnrollment(t, sessionId, input.personId);
        if (!e || e.attended !== 1) throw new AppError('TRAINING_NOT_ATTENDED');
        await repo.updateFeedback(t, e.id, {
          rating: input.rating,
          feedback: input.feedback ?? null,
          feedback_at: now(),
        });
        await audit.record(t, caller.actor, {
          action: 'training_feedback',
          objectType: 'training_session',
          objectId: sessionId,
          details: { rating: input.rating },
        });
      });
    },

    // ——— Hours and lecturers ———

    hoursReport: hoursPage,

    /** The hours report as rows for an export (masked ID numbers), audited. */
    async exportHours(caller: Caller, q: { year: number; shortfallOnly?: boolean; orgId?: string }) {
      const page = await hoursPage(caller, q, { offset: 0, limit: 20_000 });
      await audit.recordAlone(caller.actor, {
        action: 'training_hours_export',
        objectType: 'training_hours',
        details: { year: q.year, shortfallOnly: q.shortfallOnly === true, rows: page.items.length },
      });
      return page;
    },

    async getRequirement(year: number) {
      return hoursFromTenths(await requiredTenths(year));
    },

    /** The yearly hours requirement (until the pipeline's tiers set their own). */
    async setRequirement(caller: Caller, year: number, hours: number, trx?: Tx) {
      return inTrx(trx, async (t) => {
        await repo.upsertRequirement(t, {
          year,
          required_tenths: tenthsFromHours(hours),
          updated_at: now(),
          updated_by: caller.actor.username ?? null,
        });
        await audit.record(t, caller.actor, {
          action: 'training_requirement_set',
          objectType: 'training_requirement',
          objectId: String(year),
          details: { year, hours },
        });
      });
    },

    /** Per lecturer of the year's visible sessions: sessions taught, their hours and the average rating. */
    async lecturerStats(caller: Caller, year: number) {
      const [sessions, ratings] = await Promise.all([
        repo.lecturerSessions(db, caller.scopePaths, year),
        repo.lecturerRatings(db, caller.scopePaths, year),
      ]);
      const ratingOf = new Map(ratings.map((r) => [r.person_id, r]));
      const items = sessions.map((s) => {
        const r = ratingOf.get(s.person_id);
        const n = Number(r?.ratings ?? 0);
        return {
          personId: s.person_id,
          name: s.name,
          orgName: s.org_name,
          sessions: Number(s.sessions),
          hours: hoursFromTenths(Number(s.tenths)),
          ratings: n,
          averageRating: n > 0 ? Math.round((Number(r!.rating_sum) / n) * 10) / 10 : null,
        };
      });
      items.sort((a, b) => b.sessions - a.sessions || b.hours - a.hours || a.name.localeCompare(b.name));
      return { year, items };
    },

    /** A person's training: attended hours per year and the university class records (person page). */
    async personTraining(caller: Caller, personId: string) {
      await personInScope(caller, personId);
      const [rows, records] = await Promise.all([
        repo.findPersonAttendance(db, personId),
        repo.findStudentRecords(db, personId),
      ]);
      const attendance = rows.map((r) => ({
        attended: r.attended === 1,
        sessionDate: r.session_date,
        hoursTenths: r.hours_tenths,
      }));
      const years = [
        ...new Set(attendance.filter((a) => a.attended).map((a) => Number(a.sessionDate.slice(0, 4)))),
      ];
      return {
        years: years
          .sort((a, b) => a - b)
          .map((year) => ({
            year,
            hours: hoursFromTenths(creditedTenths(attendance, year)),
            sessions: attendance.filter((a) => a.attended && a.sessionDate.startsWith(`${year}-`)).length,
          })),
        classRecords: records.map((r) => ({
          cohortName: r.cohort_name,
          partner: r.partner,
          intakeYear: r.intake_year,
          status: r.status,
          graduationDate: r.graduation_date,
          placementOrgName: r.placement_org_name ?? null,
          placementRole: r.placement_role,
          laterPath: r.later_path,
        })),
      };
    },

    // ——— The customized village-cadre class (定制村干班) ———

    async createCohort(
      caller: Caller,
      input: { name: string; partner: string; intakeYear: number; ownerOrgId: string },
      trx?: Tx,
    ): Promise<string> {
      return inTrx(trx, async (t) => {
        const owner = await orgs.loadInScope(caller, input.ownerOrgId, t);
        const cohortId = id();
        await repo.insertCohort(t, {
          id: cohortId,
          name: input.name,
          partner: input.partner,
          intake_year: input.intakeYear,
          owner_org_id: owner.id,
          org_path: owner.path,
          created_at: now(),
          version: 1,
        });
        await audit.record(t, caller.actor, {
          action: 'univ_cohort_create',
          objectType: 'univ_cohort',
          objectId: cohortId,
          details: { name: input.name, partner: input.partner, intakeYear: input.intakeYear },
        });
        return cohortId;
      });
    },

    /** A student of a cohort: a roster person in scope, or a new one created through the people service. */
    async addStudent(caller: Caller, cohortId: string, input: StudentInput, trx?: Tx): Promise<string> {
      return inTrx(trx, async (t) => {
        const cohort = await loadCohort(caller, cohortId, t);
        if (!isWithin(cohort.org_path, caller.scopePaths)) throw notFound();
        const personId =
          'id' in input.person
            ? (await peopleInScope(caller, [input.person.id], t))[0]!
            : await people.insertPerson(t, caller, input.person);
        if (input.placementOrgId) await orgs.loadInScope(caller, input.placementOrgId, t);
        const studentId = id();
        await repo.insertStudent(t, {
          id: studentId,
          cohort_id: cohortId,
          person_id: personId,
          status: input.status,
          graduation_date: input.graduationDate ?? null,
          placement_org_id: input.placementOrgId ?? null,
          placement_role: input.placementRole ?? null,
          placement_date: input.placementDate ?? null,
          later_path: input.laterPath ?? null,
          created_at: now(),
          updated_at: now(),
          version: 1,
        });
        await audit.record(t, caller.actor, {
          action: 'univ_student_add',
          objectType: 'univ_cohort',
          objectId: cohortId,
          details: { status: input.status },
        });
        return studentId;
      });
    },

    /** The cohorts with their counts, and the graduates of the last ten intake years (a query, not a figure). */
    classOverview,

    async getCohort(caller: Caller, cohortId: string) {
      const c = await loadCohort(caller, cohortId);
      const [[item], students] = await Promise.all([
        cohortItems(caller, [c]),
        repo.findStudents(db, [cohortId], caller.scopePaths),
      ]);
      return { ...item!, members: students.map(studentItem) };
    },

    /** Every student of the visible cohorts, for an export (masked), audited. */
    async exportClass(caller: Caller) {
      const cohorts = await repo.listCohorts(db, caller.scopePaths);
      const students = await repo.findStudents(
        db,
        cohorts.map((c) => c.id),
        caller.scopePaths,
      );
      const out = students.map((s) => ({
        cohort: s.cohort_name,
        intakeYear: s.intake_year,
        student: studentItem(s),
      }));
      await audit.recordAlone(caller.actor, {
        action: 'univ_class_export',
        objectType: 'univ_cohort',
        details: { rows: out.length },
      });
      return out;
    },
  };
}
