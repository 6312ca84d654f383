/**
 * Pinyin search keys for person names.
 *
 * Stored as a space-separated string `keys`; the server matches with
 *   (' ' || keys) LIKE '% ' || normalizeSearchQuery(q) || '%'
 * i.e. the query must be a prefix of one of the keys. (Callers must escape LIKE wildcards.)
 */
import { pinyin } from 'pinyin-pro';

/** Above this many syllables only full pinyin and initials are produced. */
const MAX_COMBINATION_SYLLABLES = 4;
/** Upper bound on the length of the keys string. */
export const NAME_SEARCH_KEYS_MAX_LENGTH = 400;

interface Syllable {
  full: string;
  initial: string;
}

function syllable(full: string): Syllable {
  return { full, initial: full.slice(0, 1) };
}

/**
 * Split a name into syllables: one per Han character (pinyin, toneless, ü → v) and one per run of
 * ASCII letters (lower-cased). Everything else (·, digits, spaces, unknown characters) is dropped.
 * @param surnameMode use surname readings for the leading characters (单 → shan, 曾 → zeng)
 */
function nameSyllables(name: string, surnameMode: boolean): Syllable[] {
  const cleaned = [...String(name ?? '').normalize('NFC')]
    .filter((c) => /[A-Za-z]/.test(c) || /\p{Script=Han}/u.test(c))
    .join('');
  if (!cleaned) return [];
  const items = pinyin(cleaned, {
    type: 'all',
    toneType: 'none',
    v: true,
    surname: surnameMode ? 'head' : 'off',
  });
  const out: Syllable[] = [];
  let ascii = '';
  const flush = (): void => {
    if (ascii) out.push(syllable(ascii.toLowerCase()));
    ascii = '';
  };
  for (const it of items) {
    if (it.isZh && /^[a-z]+$/i.test(it.pinyin)) {
      flush();
      out.push(syllable(it.pinyin.toLowerCase()));
    } else if (/^[A-Za-z]+$/.test(it.origin)) {
      ascii += it.origin;
    } else {
      flush(); // Han character without a known reading: skip it
    }
  }
  flush();
  return out;
}

/** All 2^n full/initial combinations (n ≤ MAX_COMBINATION_SYLLABLES), else full + initials. */
function combinations(syls: Syllable[]): string[] {
  if (syls.length === 0) return [];
  const full = syls.map((s) => s.full).join('');
  const initials = syls.map((s) => s.initial).join('');
  const keys = [full, initials];
  if (syls.length <= MAX_COMBINATION_SYLLABLES) {
    const n = syls.length;
    for (let mask = 0; mask < 1 << n; mask++) {
      // bit i set = syllable i given as its initial
      keys.push(syls.map((s, i) => ((mask >> i) & 1 ? s.initial : s.full)).join(''));
    }
  }
  return keys;
}

/** Full toneless pinyin of a name without separators (surname readings), e.g. 陆婷婷 → lutingting. */
export function fullPinyin(name: string): string {
  return nameSyllables(name, true)
    .map((s) => s.full)
    .join('');
}

/**
 * The key the roster sorts names by, as users expect Chinese names ordered: the pinyin syllables
 * (surname readings, toneless, ü → v) separated by spaces, then a tab and the name itself, so
 * homophones follow by code point. Compared byte by byte (SQLite's binary order, PostgreSQL's
 * "C" collation): 李 (li) < 李安 (li an) < 连 (lian) < 林 (lin).
 */
export function nameSortKey(name: string): string {
  const cleaned = String(name ?? '').normalize('NFC');
  return `${nameSyllables(cleaned, true)
    .map((s) => s.full)
    .join(' ')}\t${cleaned}`;
}

/**
 * Space-separated lowercase search keys for a name. A query matches when it is a prefix of a key,
 * where keys include the full pinyin, the initials, and (for names of up to 4 syllables) every
 * mix of full syllables and initials. For polyphonic surnames both the surname reading and the
 * ordinary reading are indexed (单 → shan / dan). Output is at most 400 characters.
 */
export function nameSearchKeys(name: string): string {
  const primary = nameSyllables(name, true);
  const keys: string[] = [...combinations(primary)];

  // ü written as v (lv) — also accept u (lu) for the full pinyin.
  const fullWithU = primary.map((s) => s.full.replace(/v/g, 'u')).join('');
  if (primary.some((s) => s.full.includes('v'))) keys.push(fullWithU);

  // Polyphonic surname: add the ordinary reading as well.
  const ordinary = nameSyllables(name, false);
  if (ordinary.length === primary.length && ordinary.some((s, i) => s.full !== primary[i]!.full)) {
    keys.push(...combinations(ordinary));
  }

  const seen = new Set<string>();
  const out: string[] = [];
  let length = 0;
  for (const k of keys) {
    if (!k || seen.has(k)) continue;
    const add = (out.length ? 1 : 0) + k.length;
    if (length + add > NAME_SEARCH_KEYS_MAX_LENGTH) continue;
    seen.add(k);
    out.push(k);
    length += add;
  }
  return out.join(' ');
}

/** Normalise a pinyin search query: trim, lower-case, remove all whitespace (ü → v). */
export function normalizeSearchQuery(q: string): string {
  return String(q ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/ü/g, 'v');
}

/** The initials of a name's syllables (surname readings), e.g. 陆婷婷 → ltt: the header search's key. */
export function nameInitials(name: string): string {
  return nameSyllables(String(name ?? '').normalize('NFC'), true)
    .map((s) => s.initial)
    .join('');
}
