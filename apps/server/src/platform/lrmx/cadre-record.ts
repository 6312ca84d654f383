// The content of a 干部任免审批表 (cadre appointment and removal approval form) as the 中组部 form
// editor exchanges it in LRMX v3. LRMX stores display text, not codes ("男", "汉族", "大学本科"), so every
// field is the text as printed; dates stay in the file's own forms (yyyyMM, sometimes yyyyMMdd).

/** 全日制教育 or 在职教育: the highest 学历 and 学位 with the school, department and major of each. */
export interface EducationRecord {
  /** 学历, e.g. 大学本科. */
  level: string;
  /** 学位, e.g. 管理学学士. */
  degree: string;
  /** 毕业院校系及专业 of the 学历 (may contain line breaks). */
  levelSchoolMajor: string;
  /** 毕业院校系及专业 of the 学位. */
  degreeSchoolMajor: string;
}

/** One row of 家庭主要成员及重要社会关系. */
export interface FamilyMember {
  /** 称谓, e.g. 妻子, 父亲. */
  relation: string;
  name: string;
  /** 出生日期 as yyyyMM. */
  birthMonth: string;
  /** 政治面貌 as text, e.g. 中共党员. */
  politicalStatus: string;
  /** 工作单位及职务; "已去世"/"已故" here means the member is deceased. */
  workUnitAndPost: string;
}

export interface CadreRecord {
  name: string;
  /** 男 / 女 (text, not the GB/T 2261.1 code). */
  gender: string;
  /** 出生年月, yyyyMM. */
  birthMonth: string;
  ethnicity: string;
  /** 籍贯. */
  nativePlace: string;
  /** 出生地. */
  birthplace: string;
  /** 入党时间: yyyyMM, or a democratic party's name, or both ("201001；民盟"). */
  partyJoin: string;
  /** 参加工作时间, yyyyMM. */
  workStart: string;
  health: string;
  /** 专业技术职务. */
  professionalTitle: string;
  /** 熟悉专业有何专长. */
  specialty: string;
  fullTimeEducation: EducationRecord;
  inServiceEducation: EducationRecord;
  currentPost: string;
  proposedPost: string;
  proposedRemoval: string;
  /** 简历: one period a line, "yyyy.MM--yyyy.MM  经历", the current one open-ended. */
  resume: string;
  /** 奖惩情况. */
  rewardsAndPunishments: string;
  /** 年度考核结果, e.g. "2023—2025年度考核均为称职". */
  annualAssessment: string;
  /** 任免理由. */
  appointmentReason: string;
  /** Members with at least one non-empty field (editors pad with empty rows; those are dropped). */
  family: FamilyMember[];
  /** 呈报单位. */
  reportingUnit: string;
  /** 计算年龄时间: the date ages are computed at, yyyyMM or yyyyMMdd. */
  ageReferenceDate: string;
  /** 填表时间. */
  filledOn: string;
  /** 填表人. */
  filledBy: string;
  /** 身份证号. */
  idNumber: string;
  /** The photo's bytes (JPEG or PNG, checked by content), or null without a photo. */
  photo: Buffer | null;
  /** The form editor's version that wrote the file, e.g. 3.2.1.16. */
  version: string;
  /** 到龄年月 (retirement-age month), written by few tools; yyyyMM or empty. */
  retirementMonth: string;
}

/** The name of a text field of the record: top-level text, or education text as `fullTimeEducation.level`. */
export type CadreTextField =
  | {
      [K in keyof CadreRecord]: CadreRecord[K] extends string ? K : never;
    }[keyof CadreRecord]
  | `${'fullTimeEducation' | 'inServiceEducation'}.${keyof EducationRecord}`;

export interface Label {
  zh: string;
  en: string;
}

/** A text field, the LRMX element that carries it and the form's label for it. */
export interface TextElement {
  field: CadreTextField;
  element: string;
  label: Label;
}

const edu = (
  prefix: 'QuanRiZhiJiaoYu' | 'ZaiZhiJiaoYu',
  field: 'fullTimeEducation' | 'inServiceEducation',
  zh: string,
  en: string,
): TextElement[] => [
  { field: `${field}.level`, element: `${prefix}_XueLi`, label: { zh: `${zh}学历`, en: `${en} education` } },
  { field: `${field}.degree`, element: `${prefix}_XueWei`, label: { zh: `${zh}学位`, en: `${en} degree` } },
  {
    field: `${field}.levelSchoolMajor`,
    element: `${prefix}_XueLi_BiYeYuanXiaoXi`,
    label: { zh: `${zh}学历毕业院校系及专业`, en: `${en} education: school and major` },
  },
  {
    field: `${field}.degreeSchoolMajor`,
    element: `${prefix}_XueWei_BiYeYuanXiaoXi`,
    label: { zh: `${zh}学位毕业院校系及专业`, en: `${en} degree: school and major` },
  },
];

/**
 * The text elements in the order they are written (readers are order-insensitive: writers disagree,
 * e.g. on where JianLi goes). The family list, the photo and DaoLingNianYue are handled apart.
 */
export const TEXT_ELEMENTS: readonly TextElement[] = [
  { field: 'name', element: 'XingMing', label: { zh: '姓名', en: 'Name' } },
  { field: 'gender', element: 'XingBie', label: { zh: '性别', en: 'Gender' } },
  { field: 'birthMonth', element: 'ChuShengNianYue', label: { zh: '出生年月', en: 'Born' } },
  { field: 'ethnicity', element: 'MinZu', label: { zh: '民族', en: 'Ethnicity' } },
  { field: 'nativePlace', element: 'JiGuan', label: { zh: '籍贯', en: 'Native place' } },
  { field: 'birthplace', element: 'ChuShengDi', label: { zh: '出生地', en: 'Birthplace' } },
  { field: 'partyJoin', element: 'RuDangShiJian', label: { zh: '入党时间', en: 'Joined the party' } },
  { field: 'workStart', element: 'CanJiaGongZuoShiJian', label: { zh: '参加工作时间', en: 'Started work' } },
  { field: 'health', element: 'JianKangZhuangKuang', label: { zh: '健康状况', en: 'Health' } },
  {
    field: 'professionalTitle',
    element: 'ZhuanYeJiShuZhiWu',
    label: { zh: '专业技术职务', en: 'Professional title' },
  },
  {
    field: 'specialty',
    element: 'ShuXiZhuanYeYouHeZhuanChang',
    label: { zh: '熟悉专业有何专长', en: 'Expertise and strengths' },
  },
  ...edu('QuanRiZhiJiaoYu', 'fullTimeEducation', '全日制', 'Full-time'),
  ...edu('ZaiZhiJiaoYu', 'inServiceEducation', '在职', 'In-service'),
  { field: 'currentPost', element: 'XianRenZhiWu', label: { zh: '现任职务', en: 'Current post' } },
  { field: 'proposedPost', element: 'NiRenZhiWu', label: { zh: '拟任职务', en: 'Proposed post' } },
  {
    field: 'proposedRemoval',
    element: 'NiMianZhiWu',
    label: { zh: '拟免职务', en: 'Post to be removed from' },
  },
  { field: 'resume', element: 'JianLi', label: { zh: '简历', en: 'Résumé' } },
  {
    field: 'rewardsAndPunishments',
    element: 'JiangChengQingKuang',
    label: { zh: '奖惩情况', en: 'Rewards and punishments' },
  },
  {
    field: 'annualAssessment',
    element: 'NianDuKaoHeJieGuo',
    label: { zh: '年度考核结果', en: 'Annual assessments' },
  },
  { field: 'appointmentReason', element: 'RenMianLiYou', label: { zh: '任免理由', en: 'Reason' } },
  { field: 'reportingUnit', element: 'ChengBaoDanWei', label: { zh: '呈报单位', en: 'Reporting unit' } },
  {
    field: 'ageReferenceDate',
    element: 'JiSuanNianLingShiJian',
    label: { zh: '计算年龄时间', en: 'Ages computed at' },
  },
  { field: 'filledOn', element: 'TianBiaoShiJian', label: { zh: '填表时间', en: 'Filled in on' } },
  { field: 'filledBy', element: 'TianBiaoRen', label: { zh: '填表人', en: 'Filled in by' } },
  { field: 'idNumber', element: 'ShenFenZheng', label: { zh: '身份证号', en: 'ID number' } },
  { field: 'version', element: 'Version', label: { zh: '编辑器版本', en: 'Editor version' } },
];

/** Written only when set: one newer tool's element, unknown to the official editor. */
export const RETIREMENT_ELEMENT: TextElement = {
  field: 'retirementMonth',
  element: 'DaoLingNianYue',
  label: { zh: '到龄年月', en: 'Retirement-age month' },
};

export const FAMILY_ELEMENT = 'JiaTingChengYuan';
export const FAMILY_ITEM_ELEMENT = 'Item';
export const PHOTO_ELEMENT = 'ZhaoPian';

/** The fields of a family member and their elements inside JiaTingChengYuan/Item. */
export const FAMILY_ELEMENTS: readonly { field: keyof FamilyMember; element: string; label: Label }[] = [
  { field: 'relation', element: 'ChengWei', label: { zh: '称谓', en: 'Relation' } },
  { field: 'name', element: 'XingMing', label: { zh: '姓名', en: 'Name' } },
  { field: 'birthMonth', element: 'ChuShengRiQi', label: { zh: '出生日期', en: 'Born' } },
  { field: 'politicalStatus', element: 'ZhengZhiMianMao', label: { zh: '政治面貌', en: 'Political status' } },
  {
    field: 'workUnitAndPost',
    element: 'GongZuoDanWeiJiZhiWu',
    label: { zh: '工作单位及职务', en: 'Work unit and post' },
  },
];

export const FAMILY_LABEL: Label = { zh: '家庭主要成员及重要社会关系', en: 'Family and important relations' };
export const PHOTO_LABEL: Label = { zh: '照片', en: 'Photo' };

const emptyEducation = (): EducationRecord => ({
  level: '',
  degree: '',
  levelSchoolMajor: '',
  degreeSchoolMajor: '',
});

/** A record with every field empty: what a file without any element reads as. */
export function emptyCadreRecord(): CadreRecord {
  return {
    name: '',
    gender: '',
    birthMonth: '',
    ethnicity: '',
    nativePlace: '',
    birthplace: '',
    partyJoin: '',
    workStart: '',
    health: '',
    professionalTitle: '',
    specialty: '',
    fullTimeEducation: emptyEducation(),
    inServiceEducation: emptyEducation(),
    currentPost: '',
    proposedPost: '',
    proposedRemoval: '',
    resume: '',
    rewardsAndPunishments: '',
    annualAssessment: '',
    appointmentReason: '',
    family: [],
    reportingUnit: '',
    ageReferenceDate: '',
    filledOn: '',
    filledBy: '',
    idNumber: '',
    photo: null,
    version: '',
    retirementMonth: '',
  };
}

/** The text of a field. */
export function getText(r: CadreRecord, field: CadreTextField): string {
  const [head, sub] = field.split('.') as [keyof CadreRecord, keyof EducationRecord | undefined];
  if (sub) return (r[head] as EducationRecord)[sub];
  return r[head] as string;
}

/** Set the text of a field (mutates the record). */
export function setText(r: CadreRecord, field: CadreTextField, value: string): void {
  const [head, sub] = field.split('.') as [keyof CadreRecord, keyof EducationRecord | undefined];
  if (sub) (r[head] as EducationRecord)[sub] = value;
  else (r as unknown as Record<string, string>)[head] = value;
}

/** True when a family member has any non-empty field (editors pre-allocate empty rows). */
export function isFamilyMemberSet(m: FamilyMember): boolean {
  return FAMILY_ELEMENTS.some((f) => m[f.field] !== '');
}
