import { z } from 'zod';
import { ENROLLMENT_SOURCES, SIGN_IN_METHODS, STUDENT_STATUSES, TRAINING_KINDS } from '../training';
import { idParams, isoDate, pageQuery, safeText, uuid } from './common';

/*
 * The contract of the training routes (/api/training/…): programs, sessions, enrollment, sign-in,
 * feedback, hours, lecturers, and the customized village-cadre class (定制村干班).
 */

export const trainingIdParamsSchema = idParams;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'TIME_FORMAT' });
const year = z.coerce.number().int().min(2000).max(2100);

// ——— Programs ———

export const trainingProgramSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(TRAINING_KINDS),
  year: z.number(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  description: z.string().nullable(),
  version: z.number(),
});
export type TrainingProgram = z.infer<typeof trainingProgramSchema>;
export const trainingProgramListSchema = z.object({ items: z.array(trainingProgramSchema) });
export const trainingProgramListQuerySchema = z.strictObject({ year: year.optional() });

export const trainingProgramBodySchema = z.strictObject({
  name: safeText(80, 2),
  kind: z.enum(TRAINING_KINDS),
  year: year,
  ownerOrgId: uuid,
  description: safeText(1000).nullish(),
});
export type TrainingProgramBody = z.input<typeof trainingProgramBodySchema>;

// ——— Sessions ———

export const trainingLecturerSchema = z.object({
  personId: z.string(),
  name: z.string(),
  orgName: z.string(),
  topic: z.string().nullable(),
});

export const trainingSessionSchema = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  kind: z.enum(TRAINING_KINDS),
  title: z.string(),
  sessionDate: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  venue: z.string(),
  hours: z.number(),
  capacity: z.number(),
  enrolled: z.number(),
  attended: z.number(),
  averageRating: z.number().nullable(),
  lecturers: z.array(trainingLecturerSchema),
  version: z.number(),
});
export type TrainingSession = z.infer<typeof trainingSessionSchema>;
export const trainingSessionListSchema = z.object({ items: z.array(trainingSessionSchema) });
export const trainingSessionListQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(TRAINING_KINDS).optional(),
  programId: uuid.optional(),
});

export const trainingSessionBodySchema = z
  .strictObject({
    programId: uuid,
    title: safeText(100, 2),
    sessionDate: isoDate,
    startTime: hhmm,
    endTime: hhmm,
    venue: safeText(100),
    hours: z.number().min(0.5).max(24).multipleOf(0.5),
    capacity: z.number().int().min(1).max(5000),
    lecturers: z
      .array(z.strictObject({ personId: uuid, topic: safeText(100).nullish() }))
      .max(10)
      .default([]),
  })
  .refine((b) => b.endTime > b.startTime, { message: 'TIME_ORDER', path: ['endTime'] });
export type TrainingSessionBody = z.input<typeof trainingSessionBodySchema>;

export const trainingEnrollmentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  orgName: z.string(),
  idNumberMasked: z.string(),
  source: z.enum(ENROLLMENT_SOURCES),
  attended: z.boolean(),
  signedInAt: z.string().nullable(),
  signInMethod: z.enum(SIGN_IN_METHODS).nullable(),
  rating: z.number().nullable(),
  feedback: z.string().nullable(),
});
export type TrainingEnrollment = z.infer<typeof trainingEnrollmentSchema>;

export const trainingSessionDetailSchema = trainingSessionSchema.extend({
  enrollments: z.array(trainingEnrollmentSchema),
  canWrite: z.boolean(),
});
export type TrainingSessionDetail = z.infer<typeof trainingSessionDetailSchema>;

/**
 * Who to enroll: people by id, or every current two-committee member of an org's subtree. Tier and
 * cohort (`by: 'tier' | 'cohort'`) arrive with the pipeline.
 */
export const trainingEnrollBodySchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('person'), personIds: z.array(uuid).min(1).max(500) }),
  z.strictObject({ by: z.literal('org'), orgId: uuid }),
]);
export type TrainingEnrollBody = z.input<typeof trainingEnrollBodySchema>;
export const trainingEnrollResultSchema = z.object({ enrolled: z.number(), alreadyEnrolled: z.number() });

export const trainingSignInBodySchema = z.strictObject({ personIds: z.array(uuid).min(1).max(500) });
export const trainingSignInResultSchema = z.object({ signedIn: z.number(), rows: z.number() });

export const trainingFeedbackBodySchema = z.strictObject({
  personId: uuid,
  rating: z.number().int().min(1).max(5),
  feedback: safeText(500).nullish(),
});
export type TrainingFeedbackBody = z.input<typeof trainingFeedbackBodySchema>;

// ——— Hours and lecturers ———

export const trainingHoursQuerySchema = z.strictObject({
  year,
  shortfallOnly: z.enum(['true', 'false']).optional(),
  orgId: uuid.optional(),
  ...pageQuery,
});
export const trainingHoursExportQuerySchema = trainingHoursQuerySchema.omit({ page: true, pageSize: true });

export const trainingHoursRowSchema = z.object({
  personId: z.string(),
  name: z.string(),
  orgName: z.string(),
  idNumberMasked: z.string(),
  hours: z.number(),
  shortfall: z.number(),
});
export type TrainingHoursRow = z.infer<typeof trainingHoursRowSchema>;
export const trainingHoursReportSchema = z.object({
  year: z.number(),
  requiredHours: z.number(),
  items: z.array(trainingHoursRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type TrainingHoursReport = z.infer<typeof trainingHoursReportSchema>;

export const trainingRequirementBodySchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  hours: z.number().min(0).max(1000).multipleOf(0.5),
});

export const trainingYearQuerySchema = z.strictObject({ year });

export const trainingLecturerStatsSchema = z.object({
  year: z.number(),
  items: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      orgName: z.string(),
      sessions: z.number(),
      hours: z.number(),
      ratings: z.number(),
      averageRating: z.number().nullable(),
    }),
  ),
});
export type TrainingLecturerStats = z.infer<typeof trainingLecturerStatsSchema>;

export const personTrainingSchema = z.object({
  years: z.array(z.object({ year: z.number(), hours: z.number(), sessions: z.number() })),
  classRecords: z.array(
    z.object({
      cohortName: z.string(),
      partner: z.string(),
      intakeYear: z.number(),
      status: z.enum(STUDENT_STATUSES),
      graduationDate: z.string().nullable(),
      placementOrgName: z.string().nullable(),
      placementRole: z.string().nullable(),
      laterPath: z.string().nullable(),
    }),
  ),
});
export type PersonTraining = z.infer<typeof personTrainingSchema>;

// ——— The customized village-cadre class (定制村干班) ———

export const univCohortSchema = z.object({
  id: z.string(),
  name: z.string(),
  partner: z.string(),
  intakeYear: z.number(),
  students: z.number(),
  graduated: z.number(),
  placedInVillages: z.number(),
});
export type UnivCohort = z.infer<typeof univCohortSchema>;

export const univClassSchema = z.object({
  cohorts: z.array(univCohortSchema),
  /** The ten intake years counted, ending with the latest cohort's. */
  fromYear: z.number().nullable(),
  toYear: z.number().nullable(),
  /** Graduates of the cohorts of those ten years: the "trained over ten years" figure. */
  trainedTotal: z.number(),
  placedInVillagesTotal: z.number(),
});
export type UnivClass = z.infer<typeof univClassSchema>;

export const univCohortBodySchema = z.strictObject({
  name: safeText(60, 2),
  partner: safeText(60, 2),
  intakeYear: z.number().int().min(2000).max(2100),
  ownerOrgId: uuid,
});

export const univStudentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.string(),
  idNumberMasked: z.string(),
  orgName: z.string(),
  status: z.enum(STUDENT_STATUSES),
  graduationDate: z.string().nullable(),
  placementOrgName: z.string().nullable(),
  placementRole: z.string().nullable(),
  placementDate: z.string().nullable(),
  laterPath: z.string().nullable(),
});
export type UnivStudent = z.infer<typeof univStudentSchema>;

export const univCohortDetailSchema = univCohortSchema.extend({ members: z.array(univStudentSchema) });
export type UnivCohortDetail = z.infer<typeof univCohortDetailSchema>;

/** A student who is already on the roster (new people are added through the roster first). */
export const univStudentBodySchema = z.strictObject({
  personId: uuid,
  status: z.enum(STUDENT_STATUSES),
  graduationDate: isoDate.nullish(),
  placementOrgId: uuid.nullish(),
  placementRole: safeText(40).nullish(),
  placementDate: isoDate.nullish(),
  laterPath: safeText(500).nullish(),
});
export type UnivStudentBody = z.input<typeof univStudentBodySchema>;
