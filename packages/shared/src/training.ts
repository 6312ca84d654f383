/** Training (C6) and the customized village-cadre class (定制村干班): code lists shared by server and web. */

export const TRAINING_KINDS = [
  'academy_course',
  'vanguard_arena',
  'field_forum',
  'spring_training',
  'winter_training',
  'on_demand_lecture',
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** How an enrollment came about: by person, by org (its two committees), later by tier or cohort. */
export const ENROLLMENT_SOURCES = ['person', 'org', 'tier', 'cohort'] as const;
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];

export const SIGN_IN_METHODS = ['staff', 'self', 'import'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const STUDENT_STATUSES = ['studying', 'graduated', 'left'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const TRAINING_LABELS: {
  kind: Labels<TrainingKind>;
  studentStatus: Labels<StudentStatus>;
  signIn: Labels<SignInMethod>;
} = {
  kind: {
    academy_course: { zh: '支部书记学院农村分院课程', en: 'Branch-secretary academy (rural) course' },
    vanguard_arena: { zh: '先锋擂台', en: 'Vanguard arena' },
    field_forum: { zh: '一亩三分地论坛', en: 'Own-patch forum' },
    spring_training: { zh: '春培', en: 'Spring training' },
    winter_training: { zh: '冬训', en: 'Winter training' },
    on_demand_lecture: { zh: '点单式讲坛', en: 'On-demand lecture' },
  },
  studentStatus: {
    studying: { zh: '在读', en: 'Studying' },
    graduated: { zh: '已毕业', en: 'Graduated' },
    left: { zh: '已离开', en: 'Left' },
  },
  signIn: {
    staff: { zh: '工作人员签到', en: 'Marked by staff' },
    self: { zh: '本人签到', en: 'Self sign-in' },
    import: { zh: '签到表导入', en: 'Sign-in sheet import' },
  },
};

/** Hours are kept in tenths (a session of 3.5 hours is 35): sums stay exact on both databases. */
export const hoursFromTenths = (tenths: number): number => Math.round(tenths) / 10;
export const tenthsFromHours = (hours: number): number => Math.round(hours * 10);
