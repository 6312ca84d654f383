import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../database';
import { subtreeBounds } from '../../platform/http/scope';

/**
 * The three scans behind the roster statistics of one subtree on a reference date, grouped by the
 * child of the subtree root each row falls under ('' for the root itself): members by age band and
 * education, secretaries (and how many also direct), and the villages that existed on the date.
 */
export async function scanRosterStats(db: Db, rootPath: string, refDate: string) {
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
    where o.path >= ${lo} and o.path < ${hi} and o.kind = 'village'
      and (o.valid_from is null or o.valid_from <= ${refDate}) and (o.valid_to is null or o.valid_to > ${refDate})
    group by 1`.execute(db);

  return { members: members.rows, secretaries: secretaries.rows, orgCounts: orgCounts.rows };
}
