import { createRequire } from 'node:module';
import type { OfficialDays } from './work-calendar';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: OfficialDays | null = null;

/**
 * The official holidays and 调休 working days shipped by the `chinese-days` package (State Council
 * notices, 2004 onwards). Read from its JSON once: the package's per-date API is too slow for prefix sums.
 */
export function loadOfficialDays(): OfficialDays {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
  cached = {
    holidays: new Set(Object.keys(data.holidays)),
    workdays: new Set(Object.keys(data.workdays)),
    fromYear: Math.min(...years),
    toYear: Math.max(...years),
  };
  return cached;
}
