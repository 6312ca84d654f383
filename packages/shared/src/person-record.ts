/**
 * Rules of the cadre record that both sides use without its zod schema (the web's form checks with
 * them as you type; `api/people.ts` builds the schema on them): limits and the division-code test.
 */
import { idRegionStatus, listedIdRegionCodes } from './id-number';

/** Largest photo kept with a record, in bytes (a 2-inch ID photo is 20–80 KB as JPEG). */
export const PERSON_PHOTO_MAX_BYTES = 200 * 1024;

/** Most rows a record keeps in each list. */
export const PERSON_RECORD_LIMITS = { education: 10, workHistory: 40, family: 20 } as const;

let provinces: Set<string> | undefined;
/**
 * A GB/T 2260 division code a place may carry: a listed county, a known prefecture (320900), or a
 * province (320000) with listed counties — 籍贯 is often written only to the prefecture or province.
 */
export function isDivisionCode(code: string): boolean {
  if (!/^[1-9]\d{5}$/.test(code)) return false;
  if (idRegionStatus(code) !== 'unknown') return true;
  provinces ??= new Set(listedIdRegionCodes().map((c) => c.slice(0, 2)));
  return code.endsWith('0000') && provinces.has(code.slice(0, 2));
}
