import { STRUCTURE_AGE_BANDS, type StructureFigures } from '@xinhuo/shared';
import type { StructureScanRow } from './structure-report.repository';

const SUMMED = [
  'orgs',
  'headcount',
  'in_party',
  'in_villagers',
  'age_sum',
  'band0',
  'band1',
  'band2',
  'band3',
  'college',
  'women',
  'after85',
  'after90',
  'one_shoulder',
  'secretaries',
  'reelected',
] as const;
type Sums = Record<(typeof SUMMED)[number], number>;

/** The column sums of scan rows of one side (one group's row, or every group's for the total). */
export function sumRows(rows: readonly StructureScanRow[]): Sums {
  const s = Object.fromEntries(SUMMED.map((k) => [k, 0])) as Sums;
  for (const r of rows) for (const k of SUMMED) s[k] += Number(r[k] ?? 0);
  return s;
}

const share = (n: number, d: number) => (d > 0 ? n / d : null);
const countShare = (n: number, d: number) => ({ count: n, share: share(n, d) });

/** The figures of one side from its sums; `isNew` adds re-elected and newcomers. */
export function figuresOf(s: Sums, isNew: boolean): StructureFigures {
  const n = s.headcount;
  const bands = [s.band0, s.band1, s.band2, s.band3];
  return {
    organizations: s.orgs,
    headcount: n,
    partyCommittee: s.in_party,
    villagersCommittee: s.in_villagers,
    averageAge: n > 0 ? Math.round((s.age_sum / n) * 10) / 10 : null,
    ageBands: STRUCTURE_AGE_BANDS.map((band, i) => ({ band, count: bands[i]! })),
    collegeOrAbove: countShare(s.college, n),
    women: countShare(s.women, n),
    bornAfter1985: countShare(s.after85, n),
    bornAfter1990: countShare(s.after90, n),
    secretaryDirector: {
      count: s.one_shoulder,
      orgsWithSecretary: s.secretaries,
      rate: share(s.one_shoulder, s.secretaries),
    },
    reelected: isNew ? countShare(s.reelected, n) : null,
    newcomers: isNew ? countShare(n - s.reelected, n) : null,
  };
}
