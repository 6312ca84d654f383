#!/usr/bin/env node
// Matters benchmark: the matter loop at province scale, measured through the services (in-process).
//
//   npm run bench -- matters [--sqlite=100000] [--pg=1000000] [--iterations=40] [--seconds=15] [--keep-data]
//   BENCH_PG_URL=postgres://... npm run bench -- matters      (adds the PostgreSQL run)
//
// 1. A synthetic province: one root, --towns towns of 40 villages each, 40 departments.
// 2. N matters raised over one year (2025-12-01 → 2026-11-27) with their assignments, written directly
//    in batches (the services would take hours for a million): ~85% closed, the rest somewhere in the
//    loop, open ones mostly recent, some of them past their deadline.
// 3. Timed through the real services, p50/p99 over --iterations runs (each measurement stops after
//    --seconds): one town's matter list with filters (state + category, and "overdue"), the city
//    statistics, the unit scorecards, the "overdue now" list; then one sweep, twice: the first catches
//    up on everything overdue (creates the 催办/督办/通报 records), the second finds nothing new.
// PostgreSQL runs in its own schema (xinhuo_bench, dropped and recreated, and dropped again at the end
// unless --keep-data); the rest of the database is not touched. Prefer a database of its own.
// Prints a table and writes bench/results/matters-<date>.json. It measures; it asserts nothing.

import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import pg from 'pg';
import { sql } from 'kysely';
import { ROOT, options, percentile, writeResult } from './lib/cli.mjs';

register();
const { compose } = await import('../apps/server/src/composition.ts');
const { createMovableClock } = await import('../apps/server/src/platform/clock.ts');
const { ROLE_PERMISSIONS } = await import('../packages/shared/src/index.ts');
// The demo's seeded PRNG (mulberry32), so every run builds the same province.
const { createRandom } = await import('../apps/server/src/demo/random.ts');

const NOW = '2026-11-27T02:00:00Z';
const START_DAY = Date.parse('2025-12-01T00:00:00Z') / 86_400_000;
const YEAR_DAYS = 361;

const { values: args } = parseArgs({
  strict: false,
  options: {
    sqlite: { type: 'string', default: '100000' },
    pg: { type: 'string', default: '1000000' },
    towns: { type: 'string' },
    iterations: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '15' },
    'keep-data': { type: 'boolean', default: false },
  },
});
const log = (msg) => process.stderr.write(`[matters] ${msg}\n`);
const day = (n) => new Date((START_DAY + n) * 86_400_000).toISOString().slice(0, 10);

let idSeq = 0;
/** Time-ordered ids like the app's, but cheap and unique within the run. */
const nextId = () => {
  const n = (idSeq++).toString(16).padStart(20, '0');
  return `0190${n.slice(0, 4)}-${n.slice(4, 8)}-7${n.slice(8, 11)}-8${n.slice(11, 14)}-${n.slice(14, 20)}000000`;
};

async function insertBatched(db, table, rows, batch) {
  for (let i = 0; i < rows.length; i += batch)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + batch))
      .execute();
}

async function buildProvince(services, towns) {
  const at = new Date().toISOString();
  const org = (parent, name, kind, subKind, depth, i) => {
    const id = nextId();
    return {
      id,
      parent_id: parent?.id ?? null,
      name,
      kind,
      sub_kind: subKind,
      party_org_type: kind === 'village' ? 'branch' : null,
      code: null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth,
      sort_order: i,
      is_active: 1,
      created_at: at,
      updated_at: at,
      version: 1,
    };
  };
  const root = org(null, '示范省', 'city', 'city', 0, 0);
  const depts = Array.from({ length: 40 }, (_, i) =>
    org(root, `厅局${i + 1}`, 'department', 'department', 1, 100 + i),
  );
  const townRows = Array.from({ length: towns }, (_, i) => org(root, `镇${i + 1}`, 'town', 'town', 1, i));
  const villages = townRows.flatMap((t, ti) =>
    Array.from({ length: 40 }, (_, i) => ({
      ...org(t, `村${ti + 1}-${i + 1}`, 'village', 'village', 2, i),
      town: t,
    })),
  );
  await services.db.transaction().execute(async (trx) => {
    await insertBatched(trx, 'orgs', [root, ...depts, ...townRows], 200);
    await insertBatched(
      trx,
      'orgs',
      villages.map(({ town: _t, ...v }) => v),
      200,
    );
  });
  return { root, depts, towns: townRows, villages };
}

/** One matter and its assignments, consistent with the loop's rules (deadlines on the working-day calendar). */
function makeMatter(i, r, tree, cal) {
  const village = tree.villages[Math.floor(r() * tree.villages.length)];
  const x = r();
  // Open matters are mostly recent; closed ones from any time of the year.
  const state =
    x < 0.85
      ? 'closed'
      : x < 0.93
        ? 'in_progress'
        : x < 0.95
          ? 'dispatched'
          : x < 0.96
            ? 'submitted'
            : x < 0.97
              ? 'awaiting_feedback'
              : 'registered';
  // Open matters are mostly from the last month (older ones would have been closed); a few linger.
  const recent = state !== 'closed' && r() < 0.9;
  const raisedOn = day(
    recent
      ? YEAR_DAYS - 1 - Math.floor(r() * (state === 'awaiting_feedback' ? 12 : 30))
      : Math.floor(r() * (YEAR_DAYS - 30)),
  );
  const at = `${raisedOn}T02:00:00.000Z`;
  const dispatched = state !== 'registered';
  const dispatchedOn = dispatched ? cal.addWorkdays(raisedOn, 1) : null;
  const deadline = dispatched
    ? cal.addWorkdays(dispatchedOn, [3, 10, 10, 10, 20][Math.floor(r() * 5)])
    : null;
  const late = r() < 0.15;
  const resolvedOn =
    state === 'awaiting_feedback'
      ? cal.addWorkdays(dispatchedOn, 2)
      : state === 'closed'
        ? cal.addWorkdays(deadline, late ? 1 + Math.floor(r() * 6) : -Math.floor(r() * 3))
        : null;
  const category = ['village_economy', 'beautiful_village', 'burden_reduction', 'cadre_exchange'][
    Math.floor(r() * 4)
  ];
  const sat =
    state === 'closed'
      ? r() < 0.8
        ? 'satisfied'
        : r() < 0.8
          ? 'basic'
          : r() < 0.5
            ? 'dissatisfied'
            : 'no_response'
      : null;
  const id = nextId();
  const m = {
    id,
    code: `SXB-${String(i).padStart(8, '0')}`,
    title: `事项 ${i}`,
    description: '基准测试数据',
    category_code: category,
    priority_code: 'normal',
    village_id: village.id,
    org_path: village.path,
    source: r() < 0.9 ? 'meeting' : 'direct',
    meeting_id: null,
    raiser_person_id: null,
    raiser_name: '书记',
    raised_by_user_id: null,
    raised_at: at,
    raised_on: raisedOn,
    state,
    outcome: state === 'closed' ? (r() < 0.05 ? 'explained' : 'solved') : null,
    duplicate_of_id: null,
    dispatcher_org_id: dispatched ? tree.root.id : null,
    dispatch_no: dispatched ? `交〔2026〕${i}号` : null,
    dispatched_at: dispatched ? `${dispatchedOn}T02:00:00.000Z` : null,
    dispatched_on: dispatchedOn,
    deadline,
    original_deadline: deadline,
    ext_requested_due: null,
    ext_reason: null,
    extension_count: 0,
    submitted_at: resolvedOn ? `${resolvedOn}T08:00:00.000Z` : null,
    resolution: resolvedOn ? '已办结' : null,
    sign_off_name: resolvedOn ? '负责人' : null,
    accepted_at: resolvedOn ? `${resolvedOn}T09:00:00.000Z` : null,
    resolved_on: resolvedOn,
    handling_workdays: resolvedOn ? cal.workdaysBetween(dispatchedOn, resolvedOn) : null,
    is_on_time: resolvedOn ? (resolvedOn <= deadline ? 1 : 0) : null,
    feedback_due: state === 'awaiting_feedback' ? cal.addWorkdays(resolvedOn, 5) : null,
    satisfaction: sat,
    satisfaction_comment: null,
    rated_at: sat ? `${resolvedOn}T10:00:00.000Z` : null,
    closed_at: state === 'closed' ? `${resolvedOn}T10:00:00.000Z` : null,
    closed_on: state === 'closed' ? resolvedOn : null,
    return_count: 0,
    rehandle_count: r() < 0.08 ? 1 : 0,
    reopen_count: 0,
    escalation_level: 0,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  if (!dispatched) return { m, a: [] };
  const unit = (role) => {
    const own = role === 'lead' && r() < 0.15;
    const u = own ? village.town : tree.depts[Math.floor(r() * tree.depts.length)];
    const status =
      state === 'closed' || state === 'awaiting_feedback'
        ? 'done'
        : state === 'dispatched'
          ? 'pending'
          : state === 'submitted' && role === 'lead'
            ? 'submitted'
            : 'signed';
    const signDue = cal.addWorkdays(dispatchedOn, 1);
    return {
      id: nextId(),
      matter_id: id,
      unit_id: u.id,
      unit_path: u.path,
      org_path: village.path,
      raised_on: raisedOn,
      role,
      status,
      is_open: ['pending', 'signed', 'returned'].includes(status) ? 1 : 0,
      assigned_at: m.dispatched_at,
      sign_due: signDue,
      due_date: role === 'lead' ? deadline : cal.addWorkdays(deadline, -2),
      responded_on: status === 'pending' ? null : r() < 0.93 ? signDue : cal.addWorkdays(signDue, 1),
      signed_at: status === 'pending' ? null : m.dispatched_at,
      returned_at: null,
      return_reason: null,
      return_ruling: r() < 0.02 ? 'upheld' : null,
      reply: null,
      reply_sign_off: null,
      submitted_at: m.submitted_at,
      completed_on: status === 'done' ? resolvedOn : null,
      is_on_time: status === 'done' ? m.is_on_time : null,
      rehandle_count: role === 'lead' ? m.rehandle_count : 0,
      satisfaction: role === 'lead' ? sat : null,
      urge_count: 0,
      supervise_count: 0,
      circulate_count: 0,
      created_at: at,
      updated_at: at,
    };
  };
  return { m, a: [unit('lead'), ...(r() < 0.2 ? [unit('co')] : [])] };
}

async function generate(services, n, towns) {
  const t0 = Date.now();
  const tree = await buildProvince(services, towns);
  const cal = services.calendar.current();
  const r = createRandom(20261127).next;
  const batch = services.dialect === 'postgres' ? 1000 : 500;
  for (let i = 0; i < n; i += 20_000) {
    const ms = [];
    const as = [];
    for (let k = i; k < Math.min(n, i + 20_000); k++) {
      const { m, a } = makeMatter(k, r, tree, cal);
      ms.push(m);
      as.push(...a);
    }
    await services.db.transaction().execute(async (trx) => {
      await insertBatched(trx, 'matters', ms, batch);
      await insertBatched(trx, 'matter_assignments', as, batch * 2);
    });
    if ((i / 20_000) % 10 === 9) log(`  ${i + 20_000} matters`);
  }
  // Fresh statistics and visibility map, as autovacuum would have them on a live database.
  await (services.dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(services.db);
  return { tree, seconds: (Date.now() - t0) / 1000 };
}

/** Run fn repeatedly (bounded by iterations and seconds); p50 and p99 in ms. */
async function measure(fn) {
  const times = [];
  const { num } = options(args);
  const iterations = num('iterations', 1, 1_000_000);
  const deadline = Date.now() + num('seconds', 0, 86_400) * 1000;
  await fn(); // warm-up
  while (times.length < iterations && Date.now() < deadline) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const pct = (p) => {
    const v = percentile(times, p);
    return v === null ? null : Math.round(v * 10) / 10;
  };
  return { n: times.length, p50: pct(50), p99: pct(99) };
}

async function benchOne(kind, n) {
  const towns = Number(args.towns ?? (n >= 500_000 ? 300 : 60));
  let databaseUrl;
  let sqliteFile;
  let dir;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: process.env.BENCH_PG_URL });
    await admin.connect();
    await admin.query('drop schema if exists xinhuo_bench cascade; create schema xinhuo_bench');
    await admin.end();
    const u = new URL(process.env.BENCH_PG_URL);
    u.searchParams.set('options', '-c search_path=xinhuo_bench');
    databaseUrl = u.toString();
  } else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-bench-matters-'));
    sqliteFile = path.join(dir, 'bench.db');
  }
  const clock = createMovableClock(NOW);
  const services = await compose(
    { databaseUrl, sqliteFile, dataDir: dir ?? '', masterKey: randomBytes(32) },
    { clock },
  );
  try {
    log(`${kind}: generating ${n.toLocaleString()} matters over ${towns} towns × 40 villages`);
    const { tree, seconds } = await generate(services, n, towns);
    const caller = (role, org) => ({
      userId: null,
      scopePaths: [org.path],
      permissions: ROLE_PERMISSIONS[role],
      actor: { userId: null, username: 'bench', role, ip: null, requestId: null, sessionHash: null },
    });
    const town = caller('town_staff', tree.towns[0]);
    const city = caller('city_admin', tree.root);
    const { matters, matterStats, sweep } = services.loop;
    const page = { offset: 0, limit: 20 };
    const year = { from: '2025-12-01', to: '2026-11-27' };
    const rows = {};
    log(`${kind}: measuring`);
    rows.townList = await measure(() =>
      matters.listMatters(town, { states: ['in_progress', 'dispatched'], category: 'village_economy' }, page),
    );
    rows.townListOverdue = await measure(() => matters.listMatters(town, { overdue: true }, page));
    rows.scorecards = await measure(() => matterStats.scorecards(city, year));
    rows.citySummary = await measure(() => matterStats.summary(city, year));
    rows.townSummary = await measure(() => matterStats.summary(town, year));
    rows.overdueNow = await measure(() => matterStats.overdueNow(city, {}, { offset: 0, limit: 50 }));
    const first = await sweep.sweepDue(clock.now());
    const second = await sweep.sweepDue(clock.now());
    const overdue = await matterStats.overdueNow(city, {}, { offset: 0, limit: 1 });
    return {
      kind,
      matters: n,
      towns,
      villages: tree.villages.length,
      generateSeconds: Math.round(seconds * 10) / 10,
      openOverdue: overdue.total,
      ...rows,
      sweepCatchUp: { ms: first.ms, created: first.created, closedNoResponse: first.closedNoResponse },
      sweepSteady: { ms: second.ms, created: Object.values(second.created).reduce((a, b) => a + b, 0) },
    };
  } finally {
    await services.close();
    if (kind === 'postgres' && !args['keep-data']) {
      // The schema lives in someone's database: never leave it behind (tests introspect every schema).
      const admin = new pg.Client({ connectionString: process.env.BENCH_PG_URL });
      await admin.connect();
      await admin.query('drop schema if exists xinhuo_bench cascade');
      await admin.end();
    }
    if (dir && !args['keep-data']) rmSync(dir, { recursive: true, force: true });
    if (dir && args['keep-data']) log(`kept ${sqliteFile}`);
  }
}

const results = [];
results.push(await benchOne('sqlite', Number(args.sqlite)));
if (process.env.BENCH_PG_URL) results.push(await benchOne('postgres', Number(args.pg)));
else log('BENCH_PG_URL not set: PostgreSQL run skipped');

const fmt = (x) => `${String(x.p50).padStart(8)} ${String(x.p99).padStart(8)} ${String(x.n).padStart(4)}`;
console.log(`\n${'measure (ms)'.padEnd(44)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'n'.padStart(4)}`);
for (const r of results) {
  console.log(
    `-- ${r.kind}: ${r.matters.toLocaleString()} matters, ${r.villages.toLocaleString()} villages, ${r.openOverdue.toLocaleString()} open assignments overdue; generated in ${r.generateSeconds} s`,
  );
  console.log(`${'town list, state+category filter, page 1'.padEnd(44)} ${fmt(r.townList)}`);
  console.log(`${'town list, overdue filter, page 1'.padEnd(44)} ${fmt(r.townListOverdue)}`);
  console.log(`${'unit scorecards, whole tree, one year'.padEnd(44)} ${fmt(r.scorecards)}`);
  console.log(`${'statistics, whole tree, one year'.padEnd(44)} ${fmt(r.citySummary)}`);
  console.log(`${'statistics, one town, one year'.padEnd(44)} ${fmt(r.townSummary)}`);
  console.log(`${'overdue-now list, page 1 (50)'.padEnd(44)} ${fmt(r.overdueNow)}`);
  const made = Object.values(r.sweepCatchUp.created).reduce((a, b) => a + b, 0);
  console.log(
    `${'sweep, catching up (records created)'.padEnd(44)} ${String(r.sweepCatchUp.ms).padStart(8)} ${String(made).padStart(8)}`,
  );
  console.log(`${'sweep, steady state (nothing new)'.padEnd(44)} ${String(r.sweepSteady.ms).padStart(8)}`);
}
const file = writeResult(`matters-${new Date().toISOString().slice(0, 10)}.json`, {
  at: new Date().toISOString(),
  loadavg: os.loadavg(),
  cpus: os.cpus().length,
  results,
});
console.log(`\nwritten ${path.relative(ROOT, file)}`);
