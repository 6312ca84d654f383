import { sql, type RawBuilder } from 'kysely';
import { AGE_BANDS, EDUCATION_LEVELS, type AgeBand } from '@xinhuo/shared';
import type { Db } from '../../database';
import { subtreeBounds } from '../../platform/http/scope';

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
 * Roster statistics of one subtree on a reference date, aggregated in SQL and grouped by the child of the
 * subtree root the row falls under, so the totals and the by-child breakdown come from the same two scans.
 */
export async function computeRosterStats(db: Db, rootPath: string, refDate: string) {
  const [lo, hi] = subtreeBounds(rootPath);
  const childStart = rootPath.length + 1;
  // Child segment of a path under the root: its first id (uuid, 36 chars); '' for the root itself.
  const child = (col: string): RawBuilder<string> => sql<string>`substr(${sql.ref(col)}, ${childStart}, 36)`;
  const refY = Number(refDate.slice(0, 4));
  const refMd = refDate.slice(5);
  const age = sql<number>`(${refY} - cast(substr(p.birth_date, 1, 4) as integer) - case when substr(p.birth_date, 6, 5) > ${refMd} then 1 else 0 end)`;
  const activeOn = (a: string) =>
    sql`${sql.ref(a + '.start_date')} <= ${refDate} and (${sql.ref(a + '.end_date')} is null or ${sql.ref(a + '.end_date')} > ${refDate})`;
  const bandCase = sql`case when ${age} <= 30 then 0 when ${age} <= 35 then 1 when ${age} <= 40 then 2 when ${age} <= 45 then 3 when ${age} <= 50 then 4 when ${age} <= 55 then 5 else 6 end`;

  const members = await sql<{
    child: string;
    band: number;
    edu: string | null;
    n: number;
    age_sum: number;
    college: number;
    female: number;
    after85: number;
    after90: number;
    party: number;
  }>`
    select ${child('x.org_path')} as child, ${bandCase} as band, p.highest_education as edu,
      count(*) as n, sum(${age}) as age_sum, sum(p.is_college) as college,
      sum(case when p.gender = '2' then 1 else 0 end) as female,
      sum(case when p.birth_date >= '1985-01-01' then 1 else 0 end) as after85,
      sum(case when p.birth_date >= '1990-01-01' then 1 else 0 end) as after90,
      sum(case when p.political_status in ('01', '02') then 1 else 0 end) as party
    from positions x join persons p on p.id = x.person_id
    where x.org_path >= ${lo} and x.org_path < ${hi}
      and x.role in ('party_secretary', 'party_deputy_secretary', 'party_member') and ${activeOn('x')}
    group by 1, 2, 3`.execute(db);

  const secretaries = await sql<{ child: string; secretaries: number; both: number }>`
    select ${child('s.org_path')} as child, count(*) as secretaries,
      sum(case when exists (select 1 from positions d where d.person_id = s.person_id and d.org_id = s.org_id
        and d.role = 'director' and ${activeOn('d')}) then 1 else 0 end) as both
    from positions s
    where s.org_path >= ${lo} and s.org_path < ${hi} and s.role = 'party_secretary' and ${activeOn('s')}
    group by 1`.execute(db);

  const orgCounts = await sql<{ child: string; n: number }>`
    select ${child('o.path')} as child, count(*) as n from orgs o
    where o.path >= ${lo} and o.path < ${hi} and o.kind = 'village' and o.is_active = 1
    group by 1`.execute(db);

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
    for (const r of members.rows) {
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
    for (const r of secretaries.rows) {
      const a = get(key === '*' ? '*' : r.child);
      a.s.secretaryDirector.orgsWithSecretary += Number(r.secretaries);
      a.s.secretaryDirector.count += Number(r.both);
    }
    for (const r of orgCounts.rows) get(key === '*' ? '*' : r.child).s.organizations += Number(r.n);
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
