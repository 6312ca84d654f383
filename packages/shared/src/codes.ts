/**
 * National-standard code tables used on cadre records.
 * Records store the code; LRMX and printed forms use the Chinese text (see codeLabel).
 */

export interface CodeEntry {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export type CodeLang = 'zh-CN' | 'en';

/** 民族 — GB/T 3304-1991. */
export const ETHNICITIES: readonly CodeEntry[] = [
  { code: '01', zh: '汉族', en: 'Han' },
  { code: '02', zh: '蒙古族', en: 'Mongol' },
  { code: '03', zh: '回族', en: 'Hui' },
  { code: '04', zh: '藏族', en: 'Tibetan' },
  { code: '05', zh: '维吾尔族', en: 'Uyghur' },
  { code: '06', zh: '苗族', en: 'Miao' },
  { code: '07', zh: '彝族', en: 'Yi' },
  { code: '08', zh: '壮族', en: 'Zhuang' },
  { code: '09', zh: '布依族', en: 'Bouyei' },
  { code: '10', zh: '朝鲜族', en: 'Korean' },
  { code: '11', zh: '满族', en: 'Manchu' },
  { code: '12', zh: '侗族', en: 'Dong' },
  { code: '13', zh: '瑶族', en: 'Yao' },
  { code: '14', zh: '白族', en: 'Bai' },
  { code: '15', zh: '土家族', en: 'Tujia' },
  { code: '16', zh: '哈尼族', en: 'Hani' },
  { code: '17', zh: '哈萨克族', en: 'Kazakh' },
  { code: '18', zh: '傣族', en: 'Dai' },
  { code: '19', zh: '黎族', en: 'Li' },
  { code: '20', zh: '傈僳族', en: 'Lisu' },
  { code: '21', zh: '佤族', en: 'Va' },
  { code: '22', zh: '畲族', en: 'She' },
  { code: '23', zh: '高山族', en: 'Gaoshan' },
  { code: '24', zh: '拉祜族', en: 'Lahu' },
  { code: '25', zh: '水族', en: 'Shui' },
  { code: '26', zh: '东乡族', en: 'Dongxiang' },
  { code: '27', zh: '纳西族', en: 'Naxi' },
  { code: '28', zh: '景颇族', en: 'Jingpo' },
  { code: '29', zh: '柯尔克孜族', en: 'Kyrgyz' },
  { code: '30', zh: '土族', en: 'Tu' },
  { code: '31', zh: '达斡尔族', en: 'Daur' },
  { code: '32', zh: '仫佬族', en: 'Mulao' },
  { code: '33', zh: '羌族', en: 'Qiang' },
  { code: '34', zh: '布朗族', en: 'Blang' },
  { code: '35', zh: '撒拉族', en: 'Salar' },
  { code: '36', zh: '毛南族', en: 'Maonan' },
  { code: '37', zh: '仡佬族', en: 'Gelao' },
  { code: '38', zh: '锡伯族', en: 'Xibe' },
  { code: '39', zh: '阿昌族', en: 'Achang' },
  { code: '40', zh: '普米族', en: 'Pumi' },
  { code: '41', zh: '塔吉克族', en: 'Tajik' },
  { code: '42', zh: '怒族', en: 'Nu' },
  { code: '43', zh: '乌孜别克族', en: 'Uzbek' },
  { code: '44', zh: '俄罗斯族', en: 'Russian' },
  { code: '45', zh: '鄂温克族', en: 'Evenki' },
  { code: '46', zh: '德昂族', en: "De'ang" },
  { code: '47', zh: '保安族', en: 'Bonan' },
  { code: '48', zh: '裕固族', en: 'Yugur' },
  { code: '49', zh: '京族', en: 'Gin' },
  { code: '50', zh: '塔塔尔族', en: 'Tatar' },
  { code: '51', zh: '独龙族', en: 'Derung' },
  { code: '52', zh: '鄂伦春族', en: 'Oroqen' },
  { code: '53', zh: '赫哲族', en: 'Hezhen' },
  { code: '54', zh: '门巴族', en: 'Monpa' },
  { code: '55', zh: '珞巴族', en: 'Lhoba' },
  { code: '56', zh: '基诺族', en: 'Jino' },
  { code: '97', zh: '其他', en: 'Other' },
  { code: '98', zh: '外国血统中国籍人士', en: 'Chinese citizen of foreign origin' },
];

export type EducationGroup =
  'postgraduate' | 'undergraduate' | 'college' | 'secondary' | 'high_school' | 'junior' | 'primary' | 'other';

export interface EducationLevelEntry extends CodeEntry {
  readonly group: EducationGroup;
  /** Higher = more education. */
  readonly rank: number;
}

/**
 * 学历 — GB/T 4658-2006, every code of the standard: the major-group codes (10, 20, … "研究生教育") and
 * their detail codes. Rank orders them within and across groups: 毕业 > 结业 > 肄业 > the bare group code
 * (a record that names only the level says least); 中专/职高/技校 rank above 普通高中 as before.
 */
export const EDUCATION_LEVELS: readonly EducationLevelEntry[] = [
  { code: '10', zh: '研究生教育', en: 'Postgraduate education', group: 'postgraduate', rank: 145 },
  { code: '11', zh: '博士研究生毕业', en: 'Doctoral graduate', group: 'postgraduate', rank: 170 },
  {
    code: '12',
    zh: '博士研究生结业',
    en: 'Doctoral completion (no diploma)',
    group: 'postgraduate',
    rank: 168,
  },
  { code: '13', zh: '博士研究生肄业', en: 'Doctoral, did not complete', group: 'postgraduate', rank: 166 },
  { code: '14', zh: '硕士研究生毕业', en: "Master's graduate", group: 'postgraduate', rank: 160 },
  {
    code: '15',
    zh: '硕士研究生结业',
    en: "Master's completion (no diploma)",
    group: 'postgraduate',
    rank: 158,
  },
  { code: '16', zh: '硕士研究生肄业', en: "Master's, did not complete", group: 'postgraduate', rank: 156 },
  { code: '17', zh: '研究生班毕业', en: 'Postgraduate class graduate', group: 'postgraduate', rank: 150 },
  {
    code: '18',
    zh: '研究生班结业',
    en: 'Postgraduate class completion (no diploma)',
    group: 'postgraduate',
    rank: 148,
  },
  {
    code: '19',
    zh: '研究生班肄业',
    en: 'Postgraduate class, did not complete',
    group: 'postgraduate',
    rank: 146,
  },
  { code: '20', zh: '大学本科教育', en: 'Bachelor-level education', group: 'undergraduate', rank: 124 },
  { code: '21', zh: '大学本科毕业', en: 'Bachelor-level graduate', group: 'undergraduate', rank: 140 },
  {
    code: '22',
    zh: '大学本科结业',
    en: 'Bachelor-level completion (no diploma)',
    group: 'undergraduate',
    rank: 130,
  },
  {
    code: '23',
    zh: '大学本科肄业',
    en: 'Bachelor-level, did not complete',
    group: 'undergraduate',
    rank: 125,
  },
  {
    code: '28',
    zh: '大学普通班毕业',
    en: 'University general class graduate',
    group: 'undergraduate',
    rank: 135,
  },
  { code: '30', zh: '大学专科教育', en: 'Junior college education', group: 'college', rank: 99 },
  { code: '31', zh: '大学专科毕业', en: 'Junior college graduate', group: 'college', rank: 110 },
  {
    code: '32',
    zh: '大学专科结业',
    en: 'Junior college completion (no diploma)',
    group: 'college',
    rank: 105,
  },
  { code: '33', zh: '大学专科肄业', en: 'Junior college, did not complete', group: 'college', rank: 100 },
  { code: '40', zh: '中等职业教育', en: 'Secondary vocational education', group: 'secondary', rank: 81 },
  {
    code: '41',
    zh: '中等专科毕业',
    en: 'Secondary specialised school graduate',
    group: 'secondary',
    rank: 90,
  },
  {
    code: '42',
    zh: '中等专科结业',
    en: 'Secondary specialised school completion (no diploma)',
    group: 'secondary',
    rank: 87,
  },
  {
    code: '43',
    zh: '中等专科肄业',
    en: 'Secondary specialised school, did not complete',
    group: 'secondary',
    rank: 84,
  },
  { code: '44', zh: '职业高中毕业', en: 'Vocational high school graduate', group: 'secondary', rank: 89 },
  {
    code: '45',
    zh: '职业高中结业',
    en: 'Vocational high school completion (no diploma)',
    group: 'secondary',
    rank: 86,
  },
  {
    code: '46',
    zh: '职业高中肄业',
    en: 'Vocational high school, did not complete',
    group: 'secondary',
    rank: 83,
  },
  { code: '47', zh: '技工学校毕业', en: 'Technical school graduate', group: 'secondary', rank: 88 },
  {
    code: '48',
    zh: '技工学校结业',
    en: 'Technical school completion (no diploma)',
    group: 'secondary',
    rank: 85,
  },
  { code: '49', zh: '技工学校肄业', en: 'Technical school, did not complete', group: 'secondary', rank: 82 },
  { code: '60', zh: '普通高级中学教育', en: 'Senior high school education', group: 'high_school', rank: 75 },
  { code: '61', zh: '普通高中毕业', en: 'Senior high school graduate', group: 'high_school', rank: 80 },
  {
    code: '62',
    zh: '普通高中结业',
    en: 'Senior high school completion (no diploma)',
    group: 'high_school',
    rank: 78,
  },
  {
    code: '63',
    zh: '普通高中肄业',
    en: 'Senior high school, did not complete',
    group: 'high_school',
    rank: 76,
  },
  { code: '70', zh: '初级中学教育', en: 'Junior middle school education', group: 'junior', rank: 57 },
  { code: '71', zh: '初中毕业', en: 'Junior middle school graduate', group: 'junior', rank: 60 },
  { code: '73', zh: '初中肄业', en: 'Junior middle school, did not complete', group: 'junior', rank: 58 },
  { code: '80', zh: '小学教育', en: 'Primary education', group: 'primary', rank: 37 },
  { code: '81', zh: '小学毕业', en: 'Primary school graduate', group: 'primary', rank: 40 },
  { code: '83', zh: '小学肄业', en: 'Primary school, did not complete', group: 'primary', rank: 38 },
  { code: '90', zh: '其他', en: 'Other', group: 'other', rank: 0 },
];

/** Education groups with labels, highest first. */
export const EDUCATION_GROUPS: readonly (CodeEntry & { readonly code: EducationGroup })[] = [
  { code: 'postgraduate', zh: '研究生', en: 'Postgraduate' },
  { code: 'undergraduate', zh: '本科', en: 'Undergraduate' },
  { code: 'college', zh: '大专', en: 'Junior college' },
  { code: 'secondary', zh: '中专中职', en: 'Secondary vocational' },
  { code: 'high_school', zh: '高中', en: 'Senior high school' },
  { code: 'junior', zh: '初中', en: 'Junior middle school' },
  { code: 'primary', zh: '小学', en: 'Primary school' },
  { code: 'other', zh: '其他', en: 'Other' },
];

/** 学位 — GB/T 6864 (simplified to the top level). */
export const DEGREES: readonly CodeEntry[] = [
  { code: '2', zh: '博士', en: 'Doctorate' },
  { code: '3', zh: '硕士', en: "Master's" },
  { code: '4', zh: '学士', en: "Bachelor's" },
  { code: '0', zh: '无', en: 'None' },
];

/** 政治面貌 — GB/T 4762-1984. */
export const POLITICAL_STATUSES: readonly CodeEntry[] = [
  { code: '01', zh: '中共党员', en: 'CPC member' },
  { code: '02', zh: '中共预备党员', en: 'CPC probationary member' },
  { code: '03', zh: '共青团员', en: 'CYL member' },
  { code: '04', zh: '民革会员', en: 'RCCK member' },
  { code: '05', zh: '民盟盟员', en: 'CDL member' },
  { code: '06', zh: '民建会员', en: 'CNDCA member' },
  { code: '07', zh: '民进会员', en: 'CAPD member' },
  { code: '08', zh: '农工党党员', en: 'CPWDP member' },
  { code: '09', zh: '致公党党员', en: 'CZGP member' },
  { code: '10', zh: '九三学社社员', en: 'Jiusan Society member' },
  { code: '11', zh: '台盟盟员', en: 'TDSGL member' },
  { code: '12', zh: '无党派人士', en: 'Non-partisan' },
  { code: '13', zh: '群众', en: 'Ordinary citizen' },
];

/**
 * 性别 — GB/T 2261.1-2003, the whole table. The roster has always stored '1'/'2', which are these codes,
 * so stored data needs no mapping; 0 and 9 can be read (e.g. from an import) but a person's gender on
 * the roster always comes from the ID number, so it is 1 or 2.
 */
export const GENDER_CODES: readonly CodeEntry[] = [
  { code: '0', zh: '未知的性别', en: 'Unknown' },
  { code: '1', zh: '男', en: 'Male' },
  { code: '2', zh: '女', en: 'Female' },
  { code: '9', zh: '未说明的性别', en: 'Not stated' },
];

/** The genders a roster record holds (1 男, 2 女): the choices in forms and filters. */
export const GENDERS: readonly CodeEntry[] = GENDER_CODES.filter((g) => g.code === '1' || g.code === '2');

/** Label of `code` in `table`; returns the code itself when unknown (empty string for null). */
export function codeLabel(
  table: readonly CodeEntry[],
  code: string | null | undefined,
  lang: CodeLang,
): string {
  if (code === null || code === undefined) return '';
  const entry = table.find((e) => e.code === code);
  if (!entry) return code;
  return lang === 'en' ? entry.en : entry.zh;
}

/** True when the code exists in the table. */
export function isKnownCode(table: readonly CodeEntry[], code: string | null | undefined): boolean {
  return code !== null && code !== undefined && table.some((e) => e.code === code);
}

/** 中共党员 or 中共预备党员. */
export function isPartyMember(politicalStatus: string | null | undefined): boolean {
  return politicalStatus === '01' || politicalStatus === '02';
}

const EDUCATION_BY_CODE: ReadonlyMap<string, EducationLevelEntry> = new Map(
  EDUCATION_LEVELS.map((e) => [e.code, e]),
);

const GROUP_BY_MAJOR: Readonly<Record<string, EducationGroup>> = {
  '1': 'postgraduate',
  '2': 'undergraduate',
  '3': 'college',
  '4': 'secondary',
  '6': 'high_school',
  '7': 'junior',
  '8': 'primary',
  '9': 'other',
};

/** Education group of a GB/T 4658 code (also for detail codes not in EDUCATION_LEVELS). */
export function educationGroup(code: string | null | undefined): EducationGroup | null {
  if (!code) return null;
  const known = EDUCATION_BY_CODE.get(code);
  if (known) return known.group;
  if (!/^\d{2}$/.test(code)) return null;
  return GROUP_BY_MAJOR[code[0]!] ?? null;
}

/**
 * Rank of an education code (higher = more education); -1 for empty/invalid.
 * Detail codes missing from EDUCATION_LEVELS rank just below their group's lowest listed entry.
 */
export function educationRank(code: string | null | undefined): number {
  if (!code) return -1;
  const known = EDUCATION_BY_CODE.get(code);
  if (known) return known.rank;
  const group = educationGroup(code);
  if (!group) return -1;
  const ranks = EDUCATION_LEVELS.filter((e) => e.group === group).map((e) => e.rank);
  return Math.min(...ranks) - 1;
}

/** "大专以上": major group 1x (研究生), 2x (本科) or 3x (专科). */
export function isCollegeOrAbove(code?: string | null): boolean {
  return typeof code === 'string' && /^[123]\d$/.test(code);
}

/** The higher of 全日制 and 在职 education codes (by rank); null if neither is a valid code. */
export function highestEducation(fullTime?: string | null, inService?: string | null): string | null {
  const a = educationRank(fullTime);
  const b = educationRank(inService);
  if (a < 0 && b < 0) return null;
  return a >= b ? fullTime! : inService!;
}

/**
 * Legacy and variant names accepted on import (without the 族 suffix; it is stripped before lookup).
 * Official renames: 崩龙→德昂 (1985), 毛难→毛南 (1986), 僮→壮 (1965), 佧佤/卡佤→佤 (1962), 仲家→布依 (1953),
 * 撒里维吾尔→裕固 (1953), 达呼尔→达斡尔, 索伦/通古斯→鄂温克 (1958), 越→京 (1958); plus common short forms.
 */
const ETHNICITY_ALIASES: Readonly<Record<string, string>> = {
  崩龙: '46',
  毛难: '36',
  僮: '08',
  佧佤: '21',
  卡佤: '21',
  仲家: '09',
  撒里维吾尔: '48',
  达呼尔: '31',
  索伦: '45',
  通古斯: '45',
  越: '49',
  蒙: '02',
  蒙古: '02',
  维: '05',
  维吾尔: '05',
  外国血统: '98',
  外国血统中国籍: '98',
  外国血统中国籍人士: '98',
  其他: '97',
  其它: '97',
  其他民族: '97',
};

function stripEthnicitySuffix(name: string): string {
  return name.endsWith('族') && name.length > 1 ? name.slice(0, -1) : name;
}

const ETHNICITY_BY_NAME: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const e of ETHNICITIES) {
    m.set(e.zh, e.code);
    m.set(stripEthnicitySuffix(e.zh), e.code);
    m.set(e.en.toLowerCase(), e.code);
  }
  for (const [k, v] of Object.entries(ETHNICITY_ALIASES)) m.set(k, v);
  return m;
})();

/**
 * GB/T 3304 code for an ethnicity name such as "汉族", "汉", "崩龙族" (→ 46), "毛难" (→ 36),
 * or an English name ("Han"). Returns null when unknown.
 */
export function ethnicityCodeFromName(name: string): string | null {
  const n = String(name ?? '')
    .trim()
    .replace(/\s+/g, '');
  if (!n) return null;
  return (
    ETHNICITY_BY_NAME.get(n) ??
    ETHNICITY_BY_NAME.get(stripEthnicitySuffix(n)) ??
    ETHNICITY_BY_NAME.get(n.toLowerCase()) ??
    null
  );
}
