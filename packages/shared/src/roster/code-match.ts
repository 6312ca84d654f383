/**
 * Matching the text people type in a workbook cell ("本科", "大学本科", "汉", "党员") to a code of the
 * national code tables, and, when nothing matches, the nearest entries as ranked suggestions.
 * Pure: used by the import dry run (server) and the person form (web).
 */
import {
  DEGREES,
  EDUCATION_LEVELS,
  ETHNICITIES,
  GENDER_CODES,
  POLITICAL_STATUSES,
  ethnicityCodeFromName,
  type CodeEntry,
} from '../codes';

export type CodeTableName = 'gender' | 'ethnicity' | 'education' | 'degree' | 'politicalStatus';

export const CODE_TABLES: Readonly<Record<CodeTableName, readonly CodeEntry[]>> = {
  gender: GENDER_CODES,
  ethnicity: ETHNICITIES,
  education: EDUCATION_LEVELS,
  degree: DEGREES,
  politicalStatus: POLITICAL_STATUSES,
};

/**
 * Everyday names of each table's entries. A short level name means the usual outcome of that level
 * (本科 → 21 大学本科毕业, 研究生 → 14 硕士研究生毕业: most 研究生 hold a master's), not the bare group code.
 */
const ALIASES: Readonly<Record<CodeTableName, Readonly<Record<string, string>>>> = {
  gender: { 男性: '1', m: '1', male: '1', 女性: '2', f: '2', female: '2', 未知: '0', 未说明: '9' },
  ethnicity: {},
  education: {
    博士: '11',
    博士研究生: '11',
    研究生: '14',
    硕士: '14',
    硕士研究生: '14',
    研究生班: '17',
    本科: '21',
    大学本科: '21',
    大学: '21',
    大专: '31',
    专科: '31',
    大学专科: '31',
    中专: '41',
    中等专科: '41',
    职高: '44',
    职业高中: '44',
    技校: '47',
    技工学校: '47',
    高中: '61',
    普通高中: '61',
    初中: '71',
    小学: '81',
    其它: '90',
  },
  degree: { 博士学位: '2', 硕士学位: '3', 学士学位: '4', 没有: '0', 无学位: '0' },
  politicalStatus: {
    党员: '01',
    共产党员: '01',
    中国共产党党员: '01',
    预备党员: '02',
    团员: '03',
    共青团员: '03',
    民革: '04',
    民盟: '05',
    民建: '06',
    民进: '07',
    农工党: '08',
    致公党: '09',
    九三学社: '10',
    台盟: '11',
    无党派: '12',
    普通居民: '13',
  },
};

/** Trailing words that do not change the meaning ("本科学历", "硕士学位", "大专毕业"). */
const NOISE_SUFFIXES: Readonly<Record<CodeTableName, readonly string[]>> = {
  gender: [],
  ethnicity: [],
  education: ['学历', '毕业'],
  degree: ['学位'],
  politicalStatus: [],
};

// Characters NFKC changes in typed text (full-width forms, ideographic space, compatibility ideographs).
const NEEDS_NFKC = /[\u3000\uf900-\ufaff\uff00-\uffef]/;

/** NFKC (full-width → ASCII), no spaces, lower case. NFKC only when needed: it runs for every cell. */
export function normalizeCodeText(text: string): string {
  let s = String(text ?? '');
  if (NEEDS_NFKC.test(s)) s = s.normalize('NFKC');
  return s.replace(/\s+/g, '').toLowerCase();
}

export interface CodeSuggestion {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export type CodeMatch =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly suggestions: readonly CodeSuggestion[] };

const EXACT: ReadonlyMap<CodeTableName, ReadonlyMap<string, string>> = new Map(
  (Object.keys(CODE_TABLES) as CodeTableName[]).map((name) => {
    const m = new Map<string, string>();
    for (const e of CODE_TABLES[name]) {
      m.set(normalizeCodeText(e.code), e.code);
      m.set(normalizeCodeText(e.zh), e.code);
      m.set(normalizeCodeText(e.en), e.code);
    }
    for (const [alias, code] of Object.entries(ALIASES[name])) m.set(normalizeCodeText(alias), code);
    return [name, m];
  }),
);

function exactCode(table: CodeTableName, n: string): string | null {
  const exact = EXACT.get(table)!;
  const hit = exact.get(n);
  if (hit) return hit;
  if (table === 'ethnicity') return ethnicityCodeFromName(n);
  for (const suffix of NOISE_SUFFIXES[table]) {
    if (n.length > suffix.length && n.endsWith(suffix)) {
      const stripped = exact.get(n.slice(0, -suffix.length));
      if (stripped) return stripped;
    }
  }
  return null;
}

/** Length of the longest common subsequence (code points). */
function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const ca of a) {
    const cur = [0];
    for (let j = 0; j < b.length; j++) {
      cur.push(ca === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, cur[j]!));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Similarity in [0, 1]: twice the common subsequence over the total length. */
function similarity(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  if (ca.length + cb.length === 0) return 0;
  return (2 * lcs(ca, cb)) / (ca.length + cb.length);
}

/**
 * The entries nearest to `text`, best first (at most `limit`), each scored by its best-matching name
 * (zh, en, or an alias). Entries sharing nothing with the text are left out.
 */
export function suggestCodes(table: CodeTableName, text: string, limit = 3): CodeSuggestion[] {
  const n = normalizeCodeText(text);
  if (!n) return [];
  const names = new Map<string, string[]>();
  for (const e of CODE_TABLES[table]) names.set(e.code, [e.zh, e.en]);
  for (const [alias, code] of Object.entries(ALIASES[table])) names.get(code)?.push(alias);
  const scored = CODE_TABLES[table]
    .map((e, order) => {
      const score = Math.max(...names.get(e.code)!.map((name) => similarity(n, normalizeCodeText(name))));
      return { e, order, score };
    })
    .filter((s) => s.score > 0)
    .sort((x, y) => y.score - x.score || x.order - y.order);
  return scored.slice(0, limit).map(({ e }) => ({ code: e.code, zh: e.zh, en: e.en }));
}

/** The code `text` names in `table`, or the nearest suggestions when it names none. */
export function matchCode(table: CodeTableName, text: string): CodeMatch {
  const code = exactCode(table, normalizeCodeText(text));
  return code ? { ok: true, code } : { ok: false, suggestions: suggestCodes(table, text) };
}
