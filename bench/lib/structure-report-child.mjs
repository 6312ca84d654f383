// One phase of the structure report benchmark (spawned by bench/structure-report.bench.mjs, with tsx):
//   build DB  — a province into an empty database: towns × villages, two terms of both committees per
//               village (the previous one and the election's), ~6–7 seats per committee, the people in them;
//   report DB — in a fresh process (so its peak RSS is the report's): the election's structure report
//               for the whole province (cold, then warm runs) and for one town.
// DB is a SQLite file path or a PostgreSQL URL. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { compose } from '../../apps/server/src/composition.ts';
import { createRandom } from '../../apps/server/src/demo/random.ts';
import { SYSTEM_CALLER } from '../../apps/server/src/platform/caller.ts';
import { bumpDataVersion } from '../../apps/server/src/platform/db/data-version.ts';

const [mode, target, townsArg, perTownArg] = process.argv.slice(2);
const towns = Number(townsArg ?? 200);
const perTown = Number(perTownArg ?? 100);
const isPg = /^postgres(ql)?:/.test(target);
const services = await compose({
  databaseUrl: isPg ? target : undefined,
  dataDir: '',
  // One key for the build and the report (the parent passes it): the report opens the built database.
  masterKey: Buffer.from(process.env.XINHUO_BENCH_MASTER_KEY ?? '', 'hex'),
  sqliteFile: isPg ? undefined : target,
});
const db = services.db;

async function build() {
  const rand = createRandom(20260110).next;
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const now = new Date().toISOString();
  let seq = 0;
  // Time-ordered, unique, UUID-shaped ids (the report reads ids as 36-character path segments).
  const id = () => {
    const n = (++seq).toString(16).padStart(20, '0');
    return `0190${n.slice(0, 4)}-${n.slice(4, 8)}-7${n.slice(8, 11)}-8${n.slice(11, 14)}-${n.slice(14)}000000`;
  };
  const org = (o) => ({
    id: o.id,
    parent_id: o.parent_id,
    name: o.name,
    kind: o.kind,
    sub_kind: o.sub_kind,
    party_org_type: o.kind === 'village' ? 'branch' : null,
    code: null,
    path: o.path,
    depth: o.depth,
    sort_order: o.sort_order,
    is_active: 1,
    valid_from: null,
    valid_to: null,
    created_at: now,
    updated_at: now,
    version: 1,
  });
  const batches = { orgs: [], persons: [], terms: [], positions: [] };
  const flush = async (trx, table) => {
    const rows = batches[table];
    // At most ~30 columns × 500 rows bound parameters per statement (both databases accept it).
    while (rows.length > 0) {
      await trx.insertInto(table).values(rows.splice(0, 500)).execute();
    }
  };
  const birth = (age, ref) => {
    const y = Number(ref.slice(0, 4)) - age;
    return `${y}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  };
  const ELECTION = '2026-01-10';
  const PREV = '2021-01-08';
  const END = '2031-01-10';
  let people = 0;
  let seats = 0;
  const rootId = id();
  const rootPath = `/${rootId}/`;
  const electionId = id();
  await db.transaction().execute(async (trx) => {
    batches.orgs.push(
      org({
        id: rootId,
        parent_id: null,
        name: '基准省',
        kind: 'city',
        sub_kind: 'city',
        path: rootPath,
        depth: 0,
        sort_order: 0,
      }),
    );
    await flush(trx, 'orgs');
    await trx
      .insertInto('elections')
      .values({
        id: electionId,
        name: '2026年全省村（社区）“两委”换届',
        scope_org_id: rootId,
        election_date: ELECTION,
        term_years: 5,
        created_at: now,
      })
      .execute();
    for (let ti = 0; ti < towns; ti++) {
      const townId = id();
      const townPath = `${rootPath}${townId}/`;
      batches.orgs.push(
        org({
          id: townId,
          parent_id: rootId,
          name: `第${ti + 1}镇`,
          kind: 'town',
          sub_kind: 'town',
          path: townPath,
          depth: 1,
          sort_order: ti,
        }),
      );
      for (let vi = 0; vi < perTown; vi++) {
        const vid = id();
        const vpath = `${townPath}${vid}/`;
        batches.orgs.push(
          org({
            id: vid,
            parent_id: townId,
            name: `第${ti + 1}镇${vi + 1}村`,
            kind: 'village',
            sub_kind: 'village',
            path: vpath,
            depth: 2,
            sort_order: vi,
          }),
        );
        const person = (ref, young) => {
          const pid = id();
          people++;
          const age = young ? 25 + Math.floor(rand() * 25) : 30 + Math.floor(rand() * 32);
          const edu = rand() < (young ? 0.85 : 0.55) ? pick(['21', '31', '14']) : pick(['61', '71']);
          batches.persons.push({
            id: pid,
            name: '基准人员',
            name_search: 'jizhun',
            gender: rand() < (young ? 0.3 : 0.2) ? '2' : '1',
            ethnicity: '01',
            birth_date: birth(age, ref),
            id_number_enc: 'x',
            id_number_bidx: pid,
            id_number_masked: 'x',
            phone_enc: null,
            phone_bidx: null,
            phone_masked: null,
            full_time_education: edu,
            in_service_education: null,
            highest_education: edu,
            is_college: /^[123]/.test(edu) ? 1 : 0,
            degree: null,
            major: null,
            political_status: '01',
            party_join_date: null,
            work_start_date: null,
            record_enc: null,
            org_id: vid,
            org_path: vpath,
            row_mac: 'x',
            created_at: now,
            updated_at: now,
            version: 1,
          });
          return pid;
        };
        const term = (committee, from, to, election) => {
          const tid = id();
          batches.terms.push({
            id: tid,
            org_id: vid,
            org_path: vpath,
            election_id: election,
            committee,
            name: `${from.slice(0, 4)}届`,
            election_date: from,
            start_date: from,
            end_date: to,
            created_at: now,
            ended_on: null,
            version: 1,
          });
          return tid;
        };
        const seat = (termId, personId, role, from, to) => {
          seats++;
          batches.positions.push({
            id: id(),
            person_id: personId,
            org_id: vid,
            org_path: vpath,
            term_id: termId,
            role,
            start_date: from,
            end_date: to,
            end_reason: to ? 'term_expired' : null,
            created_at: now,
          });
        };
        /** Two committees: 7 party seats, 6 villagers' seats, 2 members in both, 一肩挑 by `oneShoulder`. */
        const committees = (from, to, election, pool, oneShoulder, young) => {
          const take = () => pool.shift() ?? person(from, young);
          const party = term('party', from, to, election);
          const vill = term('villagers', from, to, election);
          const p = Array.from({ length: 7 }, take);
          const v = [rand() < oneShoulder ? p[0] : take(), p[5], p[6], take(), take(), take()];
          const endOn = to === ELECTION ? ELECTION : null;
          seat(party, p[0], 'party_secretary', from, endOn);
          seat(party, p[1], 'party_deputy_secretary', from, endOn);
          for (const x of p.slice(2)) seat(party, x, 'party_member', from, endOn);
          seat(vill, v[0], 'director', from, endOn);
          seat(vill, v[1], 'deputy_director', from, endOn);
          for (const x of v.slice(2)) seat(vill, x, 'committee_member', from, endOn);
          return [...new Set([...p, ...v])];
        };
        const before = committees(PREV, ELECTION, null, [], 0.5, false);
        // About half are re-elected; the rest of the seats go to younger people.
        const stay = before.filter(() => rand() < 0.5);
        committees(ELECTION, END, electionId, stay, 0.8, true);
      }
      // In the order of the foreign keys: a town's villages before their people, terms before seats.
      for (const t of ['orgs', 'persons', 'terms', 'positions']) await flush(trx, t);
    }
  });
  return { electionId, villages: towns * perTown, people, seats };
}

async function report() {
  const e = await db.selectFrom('elections').select('id').executeTakeFirstOrThrow();
  const town = await db
    .selectFrom('orgs')
    .select('path')
    .where('kind', '=', 'town')
    .orderBy('sort_order')
    .executeTakeFirstOrThrow();
  // Wall seconds, and this process's CPU seconds (on SQLite the whole query runs in this process, so
  // the CPU figure holds when other load on the machine stretches the wall time).
  const time = async (caller) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const r = await services.structureReports.report(caller, e.id);
    const used = process.cpuUsage(cpu);
    return { s: (performance.now() - t) / 1000, cpuS: (used.user + used.system) / 1e6, r };
  };
  const cold = await time(SYSTEM_CALLER);
  const cached = await time(SYSTEM_CALLER);
  // Computed again: a roster change moves the data version the service caches the report under.
  const warm = [];
  for (let i = 0; i < 3; i++) {
    await db.transaction().execute((trx) => bumpDataVersion(trx, 'roster'));
    warm.push(await time(SYSTEM_CALLER));
  }
  warm.sort((a, b) => a.s - b.s);
  const oneTown = await time({ ...SYSTEM_CALLER, scopePaths: [town.path] });
  const t = cold.r.total;
  return {
    coldS: +cold.s.toFixed(2),
    coldCpuS: +cold.cpuS.toFixed(2),
    warmMedianS: +warm[1].s.toFixed(2),
    warmMedianCpuS: +warm[1].cpuS.toFixed(2),
    cachedS: +cached.s.toFixed(4),
    oneTownS: +oneTown.s.toFixed(3),
    groups: cold.r.groups.length,
    orgs: t.current.organizations,
    headcountNew: t.current.headcount,
    headcountPrev: t.previous.headcount,
    averageAgeNew: t.current.averageAge,
    averageAgePrev: t.previous.averageAge,
    secretaryDirectorNew: t.current.secretaryDirector.rate,
    reelected: t.current.reelected?.count,
  };
}

const t0 = performance.now();
const out = mode === 'build' ? await build() : await report();
await services.close?.();
console.log(
  JSON.stringify({
    ...out,
    phaseS: +((performance.now() - t0) / 1000).toFixed(1),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
process.exit(0);
