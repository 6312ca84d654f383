import { AGE_BANDS, EDUCATION_LEVELS, type AgeBand } from '@xinhuo/shared';
import type { Db } from '../../database';
import { scanRosterStats } from './roster-stats.repository';

export interface RosterStats {
  organizations: number;
  members: number;
  averageAge: number | null;
  ageBands: { band: AgeBand; count: number }[];
  education: { level: string; count: number }[];
  collegeOrAbove: { count: number; share: number | null };
  gender: { male: number; female: number };
  bornAfter1985: { count: number; share: number | null };
  bornAfter1990: { count: number; share: number | null };
  secretaryDirector: { count: number; orgsWithSecretary: number; rate: number | null };
  partyMembers: number;
}

const share = (n: number, d: number) => (d > 0 ? n / d : null);
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Roster statistics of one subtree on a reference date, aggregated in SQL (roster-stats.repository.ts)
 * and grouped by the child of the subtree root the row falls under, so the totals and the by-child
 * breakdown come from the same scans.
 */
export async function computeRosterStats(db: Db, rootPath: string, refDate: string) {
  const { members, secretaries, orgCounts } = await scanRosterStats(db, rootPath, refDate);

  const empty = (): RosterStats => ({
    organizations: 0,
    members: 0,
    averageAge: null,
    ageBands: AGE_BANDS.map((band) => ({ band, count: 0 })),
    education: [],
    collegeOrAbove: { count: 0, share: null },
    gender: { male: 0, female: 0 },
    bornAfter1985: { count: 0, share: null },
    bornAfter1990: { count: 0, share: null },
    secretaryDirector: { count: 0, orgsWithSecretary: 0, rate: null },
    partyMembers: 0,
  });
  const acc = new Map<string, { s: RosterStats; ageSum: number; edu: Map<string, number> }>();
  const get = (k: string) => {
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { s: empty(), ageSum: 0, edu: new Map() }));
    return a;
  };
  const groupOf = (code: string | null) => EDUCATION_LEVELS.find((e) => e.code === code)?.group ?? 'other';
  for (const key of ['*', 'child'] as const) {
    for (const r of members) {
      const a = get(key === '*' ? '*' : r.child);
      const n = Number(r.n);
      a.s.members += n;
      a.ageSum += Number(r.age_sum);
      a.s.ageBands[Number(r.band)]!.count += n;
      a.s.collegeOrAbove.count += Number(r.college);
      a.s.gender.female += Number(r.female);
      a.s.bornAfter1985.count += Number(r.after85);
      a.s.bornAfter1990.count += Number(r.after90);
      a.s.partyMembers += Number(r.party);
      const g = groupOf(r.edu);
      a.edu.set(g, (a.edu.get(g) ?? 0) + n);
    }
    for (const r of secretaries) {
      const a = get(key === '*' ? '*' : r.child);
      a.s.secretaryDirector.orgsWithSecretary += Number(r.secretaries);
      a.s.secretaryDirector.count += Number(r.both);
    }
    for (const r of orgCounts) get(key === '*' ? '*' : r.child).s.organizations += Number(r.n);
  }
  for (const a of acc.values()) {
    const s = a.s;
    s.averageAge = s.members > 0 ? round1(a.ageSum / s.members) : null;
    s.gender.male = s.members - s.gender.female;
    s.collegeOrAbove.share = share(s.collegeOrAbove.count, s.members);
    s.bornAfter1985.share = share(s.bornAfter1985.count, s.members);
    s.bornAfter1990.share = share(s.bornAfter1990.count, s.members);
    s.secretaryDirector.rate = share(s.secretaryDirector.count, s.secretaryDirector.orgsWithSecretary);
    s.education = [...a.edu.entries()]
      .map(([level, count]) => ({ level, count }))
      .sort((x, y) => y.count - x.count);
  }
  const total = acc.get('*')?.s ?? empty();
  acc.delete('*');
  acc.delete('');
  return { total, byChild: new Map([...acc.entries()].map(([k, v]) => [k, v.s])) };
}
