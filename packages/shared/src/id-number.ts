/**
 * Chinese 18-digit resident identity number (GB 11643-1999).
 *
 * Layout: 6-digit address code (GB/T 2260) + 8-digit birth date YYYYMMDD + 3-digit sequence
 * (odd = male, even = female) + 1 check character (ISO 7064 MOD 11-2).
 *
 * Legacy 15-digit numbers (GB 11643-1989: 6-digit address, YYMMDD, 3-digit sequence, no check) are
 * accepted and upgraded: "19" is inserted before the year and the check character computed.
 *
 * The address code is checked against the county-level GB/T 2260 codes, current and historical (an ID
 * keeps the code of the year it was issued). Our list of historical codes is not complete, so a code
 * whose prefecture (first 4 digits) is known but whose county is not listed is accepted with
 * `regionListed: false` (callers show it as a warning); an unknown province or prefecture is ID_REGION.
 */
import { GB2260_PACKED } from './roster/gb2260-codes';

export type IdNumberError = 'ID_FORMAT' | 'ID_CHECK_DIGIT' | 'ID_BIRTH_DATE' | 'ID_REGION';

export type IdNumberParseResult =
  | {
      ok: true;
      /** Always the 18-digit form. */
      idNumber: string;
      regionCode: string;
      birthDate: string;
      gender: '1' | '2';
      /** False when only the prefecture of the address code is known (see the module comment). */
      regionListed: boolean;
      /** True when the input was a legacy 15-digit number. */
      upgradedFrom15: boolean;
    }
  | { ok: false; error: IdNumberError };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';
const ID_MIN_BIRTH_DATE = '1900-01-01';

/** The county-level codes and their prefectures, unpacked from the generated list on first use. */
let regions: { counties: ReadonlySet<string>; prefectures: ReadonlySet<string> } | null = null;

function loadRegions(): NonNullable<typeof regions> {
  if (regions) return regions;
  const counties = new Set<string>();
  const prefectures = new Set<string>();
  for (const chunk of GB2260_PACKED.split(',')) {
    const prefecture = chunk.slice(0, 4);
    prefectures.add(prefecture);
    for (const m of chunk.slice(4).matchAll(/(\d\d)(?:-(\d\d))?/g)) {
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      for (let n = from; n <= to; n++) counties.add(prefecture + String(n).padStart(2, '0'));
    }
  }
  regions = { counties, prefectures };
  return regions;
}

/** Every county-level address code in the list (current and historical), for tests and generators. */
export function listedIdRegionCodes(): readonly string[] {
  return [...loadRegions().counties];
}

/**
 * How an address code stands: `listed` (a known county code), `prefecture` (its prefecture is known,
 * the county is not in our list) or `unknown` (unknown province or prefecture, or not 6 digits).
 */
export function idRegionStatus(code: string): 'listed' | 'prefecture' | 'unknown' {
  if (!/^[1-9]\d{5}$/.test(code)) return 'unknown';
  const { counties, prefectures } = loadRegions();
  if (counties.has(code)) return 'listed';
  return prefectures.has(code.slice(0, 4)) ? 'prefecture' : 'unknown';
}

/** True if `code` may stand in an ID number (listed, or of a known prefecture). */
export function isValidIdRegionCode(code: string): boolean {
  return idRegionStatus(code) !== 'unknown';
}

/** Trim, convert full-width digits / X to ASCII, upper-case a trailing x. */
export function normalizeIdNumber(raw: string): string {
  let s = String(raw ?? '').trim();
  s = s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
  s = s.replace(/[\uFF38\uFF58]/g, 'X'); // full-width X / x
  s = s.replace(/x/g, 'X');
  return s;
}

/** Check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function computeCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error('computeCheckChar: expected exactly 17 ASCII digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function localToday(): string {
  const d = new Date();
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** `YYYYMMDD` → `YYYY-MM-DD` if it is a real calendar date, else null. */
function toIsoDate(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * The 18-digit form of a legacy 15-digit number ("19" inserted before the year, check computed),
 * or null when `raw` is not 15 digits. No other check is made here.
 */
export function upgradeIdNumber15(raw: string): string | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{15}$/.test(id)) return null;
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  return first17 + computeCheckChar(first17);
}

/**
 * Parse and validate a resident ID (18 digits, or a legacy 15-digit number, upgraded).
 * @param today reference date `YYYY-MM-DD` for the "not in the future" check (default: local date).
 */
export function parseIdNumber(raw: string, today?: string): IdNumberParseResult {
  if (typeof raw !== 'string') return { ok: false, error: 'ID_FORMAT' };
  const upgraded = upgradeIdNumber15(raw);
  const id = upgraded ?? normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: 'ID_FORMAT' };

  const regionCode = id.slice(0, 6);
  const region = idRegionStatus(regionCode);
  if (region === 'unknown') return { ok: false, error: 'ID_REGION' };

  const birthDate = toIsoDate(id.slice(6, 14));
  const ref = today ?? localToday();
  if (birthDate === null || birthDate < ID_MIN_BIRTH_DATE || birthDate > ref) {
    return { ok: false, error: 'ID_BIRTH_DATE' };
  }

  if (computeCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, error: 'ID_CHECK_DIGIT' };

  const seq = Number(id.slice(14, 17));
  return {
    ok: true,
    idNumber: id,
    regionCode,
    birthDate,
    gender: seq % 2 === 1 ? '1' : '2',
    regionListed: region === 'listed',
    upgradedFrom15: upgraded !== null,
  };
}

/** Convenience boolean wrapper around {@link parseIdNumber}. */
export function isValidIdNumber(raw: string, today?: string): boolean {
  return parseIdNumber(raw, today).ok;
}

/**
 * Build a valid ID number (demo data / tests).
 * @param regionCode 6-digit address code
 * @param birthDate `YYYY-MM-DD` or `YYYYMMDD`
 * @param seq 0–999; odd = male, even = female
 */
export function makeIdNumber(regionCode: string, birthDate: string, seq: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new Error('makeIdNumber: regionCode must be 6 digits');
  const compact = birthDate.replace(/-/g, '');
  if (toIsoDate(compact) === null) throw new Error('makeIdNumber: invalid birth date');
  if (!Number.isInteger(seq) || seq < 0 || seq > 999) {
    throw new Error('makeIdNumber: seq must be an integer 0-999');
  }
  const first17 = `${regionCode}${compact}${pad(seq, 3)}`;
  return first17 + computeCheckChar(first17);
}
