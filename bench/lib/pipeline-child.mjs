// The generator of the pipeline benchmark (spawned by bench/pipeline.bench.mjs, with tsx): the demo city,
// then a province-sized county set added to it, written in big transactions with multi-row INSERTs.
//
//   XINHUO_DATA_DIR=<dir> node --import tsx bench/lib/pipeline-child.mjs <seats> <candidates> <attendance> <password>
//   (PostgreSQL: DATABASE_URL and XINHUO_MASTER_KEY set as well; a throwaway cluster only)
//
// What it writes, in the tables and shapes the services write:
//   - the demo city (cli `demo`: ensureDemo, through the services);
//   - towns of 100 villages under the city until there are <seats> village party-secretary seats: the
//     orgs with their history rows, one party committee term per village (most elected 2024, some 2022
//     so that their term ends within 12 months of the reference date), and a secretary in most of them
//     (some seats vacant, some secretaries 55 or older);
//   - the people (secretaries and candidates) through the roster's own bulk path (people.importPeople:
//     valid ID numbers encrypted, blind index, masks, row MAC, name keys, org_path, batched audit rows,
//     the roster's data version), their seats opened by it in the village's term;
//   - <candidates> candidates of the demo program's tiers in every state, each with the dated history
//     the services write (nominate, check_eligibility, vet, start_notice, select, start_training, yearly
//     assess, place or exit; seq 1, 2, … per candidate), cohorts per tier and year, and bench entries
//     for a village or a town for about a quarter of them;
//   - training programs of every kind per year, sessions of the city with a lecturer each, and
//     <attendance> enrollments (85 % attended, signed in, some rated).
// The steps of candidates, the sessions and enrollments are written directly (no audit row per step:
// the generator is not a user); a placed candidate names its village but holds no new seat.
// Prints one JSON line: counts, seconds per phase, the account names the benchmark logs in with.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeIdNumber, TRAINING_KINDS } from '@xinhuo/shared';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/platform/config.ts';
import { compose } from '../../apps/server/src/composition.ts';
import { ensureDemo } from '../../apps/server/src/demo/demo-city.ts';
import { createRandom } from '../../apps/server/src/demo/random.ts';
import { hashPassword } from '../../apps/server/src/modules/auth/passwords.ts';
import { SYSTEM_CALLER } from '../../apps/server/src/platform/caller.ts';
import { bumpDataVersion } from '../../apps/server/src/platform/db/data-version.ts';
import { newId } from '../../apps/server/src/platform/ids.ts';

const [seatsArg, candidatesArg, attendanceArg, password] = process.argv.slice(2);
const SEATS = Number(seatsArg);
const CANDIDATES = Number(candidatesArg);
const ATTENDANCE = Number(attendanceArg);
if (!(SEATS > 0 && CANDIDATES >= 0 && ATTENDANCE >= 0 && password))
  throw new Error('usage: pipeline-child.mjs <seats> <candidates> <attendance> <password>');
const VILLAGES_PER_TOWN = 100;
/** The last day a generated step may fall on. */
const LAST_DAY = '2026-11-30';
const REGIONS = ['320581', '320583', '320585', '321081', '321084', '321088'];

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const services = await compose(config);
const db = services.db;
const phases = {};
const timed = async (name, fn) => {
  const t = performance.now();
  const r = await fn();
  phases[name] = +((performance.now() - t) / 1000).toFixed(1);
  return r;
};

const rand = createRandom(20261201).next;
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const ms = (d) => Date.parse(`${d}T00:00:00Z`);
const addDays = (d, n) => iso(ms(d) + n * DAY);
const addYears = (d, n) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;
const randomDay = (from, to) => iso(ms(from) + Math.floor(rand() * ((ms(to) - ms(from)) / DAY + 1)) * DAY);
const birthFor = (age, ref) => addDays(addYears(ref, -age), -int(0, 364));
const stamp = Date.now();
const id = () => newId(stamp);
const now = new Date().toISOString();

/** Insert rows in chunks of at most ~20,000 bound parameters (both databases accept that). */
async function insertAll(conn, table, rows) {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(20_000 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += per)
    await conn
      .insertInto(table)
      .values(rows.slice(i, i + per))
      .execute();
}

// ---------------------------------------------------------------------------------------------
// 1. The demo city, and the bench's password on the accounts it logs in with (outside demo mode the
//    server refuses the public demo password, and the benchmark runs PostgreSQL outside demo mode).

await timed('demoS', () => ensureDemo(services, () => {}, { demoMode: true, testOnlyAllowPostgres: true }));
const ACCOUNTS = ['demo-city', 'demo-town'];
await db
  .updateTable('users')
  .set({ password_hash: await hashPassword(password), must_change_password: 0 })
  .where('username', 'in', ACCOUNTS)
  .execute();

const city = await db
  .selectFrom('orgs')
  .select(['id', 'path'])
  .where('kind', '=', 'city')
  .orderBy('depth')
  .executeTakeFirstOrThrow();
const cityUser = await db
  .selectFrom('users')
  .select(['id', 'username'])
  .where('username', '=', 'demo-city')
  .executeTakeFirstOrThrow();
const program = await db
  .selectFrom('pipeline_programs')
  .select(['id', 'period_from'])
  .orderBy('period_from', 'desc')
  .executeTakeFirstOrThrow();
const tiers = await db
  .selectFrom('pipeline_tiers')
  .select(['id', 'code', 'name_zh', 'months_min'])
  .where('program_id', '=', program.id)
  .orderBy('sort_order')
  .execute();
/** How many villages (village party-secretary seats) there are. */
const countVillages = async () =>
  Number(
    (
      await db
        .selectFrom('orgs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('kind', '=', 'village')
        .executeTakeFirstOrThrow()
    ).n,
  );
const demoVillages = await countVillages();

// ---------------------------------------------------------------------------------------------
// 2. Towns and villages, their party terms, the secretaries (through the roster's bulk path).

const towns = [];
/** @type {{ id: string, path: string, townId: string, termId: string, termStart: string }[]} */
const villages = [];
const secretaries = [];
const usedIdNumbers = new Set();
let idSeq = 0;
/** A valid ID number of a generated person (unique; regions other than the demo city's). */
function idNumberFor(birthDate, gender) {
  for (;;) {
    idSeq++;
    const region = REGIONS[idSeq % REGIONS.length];
    let seq = (Math.floor(idSeq / REGIONS.length) % 500) * 2 + (gender === '1' ? 1 : 0);
    if (seq === 0) seq = 2;
    const n = makeIdNumber(region, birthDate, seq);
    if (!usedIdNumbers.has(n)) {
      usedIdNumbers.add(n);
      return n;
    }
  }
}
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'建国华明军伟芳娜秀英敏静丽强磊洋艳勇杰娟涛超霞平刚桂英玉兰志文斌辉鹏飞宇浩然晨阳雪梅海燕春林永红',
];
const personName = () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');
/** One person of the roster's bulk path (ImportedPerson). */
function personOf(org, age, ref, young, position) {
  const gender = rand() < (young ? 0.35 : 0.2) ? '2' : '1';
  const birthDate = birthFor(age, ref);
  const edu = rand() < (young ? 0.85 : 0.5) ? pick(['21', '31', '14']) : pick(['61', '71']);
  return {
    name: personName(),
    idNumber: idNumberFor(birthDate, gender),
    gender,
    birthDate,
    ethnicity: '01',
    politicalStatus: rand() < 0.9 ? '01' : '13',
    partyJoinDate: null,
    workStartDate: null,
    phone: null,
    fullTimeEducation: edu,
    inServiceEducation: null,
    highestEducation: edu,
    isCollege: /^[123]/.test(edu),
    degree: null,
    major: null,
    org,
    position,
  };
}
async function* inBatches(people) {
  for (let i = 0; i < people.length; i += 500) yield people.slice(i, i + 500);
}

const REF = '2026-06-30';
await timed('orgsS', () =>
  db.transaction().execute(async (trx) => {
    const need = Math.max(0, SEATS - demoVillages);
    const orgRows = [];
    const history = [];
    const termRows = [];
    const org = (o) => {
      orgRows.push({
        id: o.id,
        parent_id: o.parent_id,
        name: o.name,
        kind: o.kind,
        sub_kind: o.kind,
        party_org_type: o.kind === 'village' ? 'branch' : 'committee',
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
      history.push({
        id: id(),
        org_id: o.id,
        at: now,
        action: 'created',
        actor_id: cityUser.id,
        details: JSON.stringify({ name: o.name, effectiveDate: null }),
      });
    };
    for (let ti = 0; ti * VILLAGES_PER_TOWN < need; ti++) {
      const townId = id();
      const townPath = `${city.path}${townId}/`;
      org({
        id: townId,
        parent_id: city.id,
        name: `基准${ti + 1}镇`,
        kind: 'town',
        path: townPath,
        depth: 1,
        sort_order: 100 + ti,
      });
      towns.push({ id: townId, path: townPath });
      for (let vi = 0; vi < VILLAGES_PER_TOWN && ti * VILLAGES_PER_TOWN + vi < need; vi++) {
        const vid = id();
        const vpath = `${townPath}${vid}/`;
        org({
          id: vid,
          parent_id: townId,
          name: `基准${ti + 1}镇${vi + 1}村`,
          kind: 'village',
          path: vpath,
          depth: 2,
          sort_order: vi,
        });
        const start = rand() < 0.85 ? '2024-01-10' : '2022-03-01';
        const termId = id();
        termRows.push({
          id: termId,
          org_id: vid,
          org_path: vpath,
          election_id: null,
          committee: 'party',
          name: `${start.slice(0, 4)}届`,
          election_date: start,
          start_date: start,
          end_date: addYears(start, 5),
          created_at: now,
          ended_on: null,
          version: 1,
        });
        villages.push({ id: vid, path: vpath, townId, termId, termStart: start });
      }
    }
    await insertAll(trx, 'orgs', orgRows);
    await insertAll(trx, 'org_history', history);
    await insertAll(trx, 'terms', termRows);
    await bumpDataVersion(trx, 'roster');
  }),
);

await timed('secretariesS', () =>
  db.transaction().execute(async (trx) => {
    const people = [];
    for (const v of villages) {
      if (rand() < 0.04) continue; // vacant
      const age = rand() < 0.2 ? int(55, 60) : int(32, 54);
      people.push(
        personOf({ id: v.id, path: v.path }, age, REF, false, {
          role: 'party_secretary',
          startDate: v.termStart,
          termId: v.termId,
        }),
      );
    }
    await services.people.importPeople(trx, SYSTEM_CALLER, 'bench-pipeline', inBatches(people), 'skip');
    const rows = await trx
      .selectFrom('positions')
      .select(['person_id', 'org_id'])
      .where('role', '=', 'party_secretary')
      .where('end_date', 'is', null)
      .execute();
    for (const r of rows) secretaries.push(r);
  }),
);

// ---------------------------------------------------------------------------------------------
// 3. Candidates with their dated history, cohorts, bench entries.

/** Final states by share; the history walks the steps up to the state. */
const FINAL = [
  ['nominated', 0.15],
  ['eligibility_checked', 0.1],
  ['vetted', 0.08],
  ['notice', 0.05],
  ['selected', 0.07],
  ['in_training', 0.3],
  ['placed', 0.15],
  ['exited', 0.1],
];
const ORDER = ['nominated', 'eligibility_checked', 'vetted', 'notice', 'selected', 'in_training', 'placed'];
const finalState = () => {
  let x = rand();
  for (const [s, p] of FINAL) if ((x -= p) < 0) return s;
  return 'nominated';
};

const counts = { candidates: 0, events: 0, bench: 0, cohorts: 0 };
await timed('candidatesS', () =>
  db.transaction().execute(async (trx) => {
    // Cohorts: one per tier and year, selected in March.
    const cohorts = new Map();
    const cohortRows = [];
    for (const t of tiers)
      for (let y = 2019; y <= 2026; y++) {
        const c = {
          id: id(),
          tier_id: t.id,
          name: `基准${y}年${t.name_zh}批`,
          selection_date: `${y}-03-20`,
          send_off_date: `${y}-04-10`,
          intake_target: Math.ceil(CANDIDATES / tiers.length / 8),
          created_at: now,
        };
        cohortRows.push(c);
        cohorts.set(`${t.id}:${y}`, c);
      }
    await insertAll(trx, 'pipeline_cohorts', cohortRows);
    counts.cohorts = cohortRows.length;

    // The people first (the roster's bulk path), in the villages and towns of the generated county set.
    const people = [];
    for (let i = 0; i < CANDIDATES; i++) {
      const v = pick(villages);
      const org = rand() < 0.9 ? { id: v.id, path: v.path } : towns.find((t) => t.id === v.townId);
      people.push(personOf(org, int(23, 44), REF, true, null));
    }
    await services.people.importPeople(trx, SYSTEM_CALLER, 'bench-pipeline', inBatches(people), 'skip');
    const byOrg = await trx
      .selectFrom('persons')
      .select(['id', 'org_id', 'org_path'])
      .where('org_path', 'like', `${city.path}%`)
      .where('org_id', 'in', trx.selectFrom('orgs').select('id').where('name', 'like', '基准%'))
      .where(
        'id',
        'not in',
        trx.selectFrom('positions').select('person_id').where('role', '=', 'party_secretary'),
      )
      .execute();
    const villageById = new Map(villages.map((v) => [v.id, v]));
    const mentorsOfTown = new Map();
    for (const s of secretaries) {
      const v = villageById.get(s.org_id);
      if (!v) continue;
      const list = mentorsOfTown.get(v.townId) ?? [];
      list.push(s.person_id);
      mentorsOfTown.set(v.townId, list);
    }
    const townOf = (p) => villageById.get(p.org_id)?.townId ?? p.org_id;

    let cands = [];
    let events = [];
    let bench = [];
    const flush = async () => {
      await insertAll(trx, 'pipeline_candidates', cands);
      await insertAll(trx, 'pipeline_events', events);
      await insertAll(trx, 'pipeline_bench', bench);
      cands = [];
      events = [];
      bench = [];
    };
    for (const p of byOrg) {
      const tier = rand() < 0.1 ? tiers[0] : rand() < 0.33 ? tiers[1] : (tiers[2] ?? tiers[0]);
      const target = finalState();
      const cid = id();
      let date = randomDay('2019-01-05', '2026-06-30');
      const year = Math.min(2026, Number(date.slice(0, 4)) + (date.slice(5) > '03-01' ? 1 : 0));
      const cohort = cohorts.get(`${tier.id}:${year}`) ?? cohorts.get(`${tier.id}:2026`);
      const c = {
        id: cid,
        tier_id: tier.id,
        person_id: p.id,
        org_id: p.org_id,
        org_path: p.org_path,
        state: 'nominated',
        selection_date: cohort.selection_date,
        eligibility_json: null,
        eligible: null,
        override_reason: null,
        override_by: null,
        vetting_json: null,
        notice_start: null,
        notice_end: null,
        notice_workdays: 5,
        cohort_id: null,
        mentor_person_id: null,
        plan_json: null,
        placed_org_id: null,
        placed_position_id: null,
        exit_reason: null,
        trainee_user_id: null,
        nominated_by: cityUser.id,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      let seq = 0;
      let state = null;
      const step = (action, to, when, details = null, reason = null) => {
        events.push({
          id: id(),
          candidate_id: cid,
          seq: ++seq,
          action,
          from_state: state,
          to_state: to,
          event_date: when,
          actor_id: cityUser.id,
          actor_name: cityUser.username,
          reason,
          details_json: details ? JSON.stringify(details) : null,
          created_at: now,
        });
        if (action !== 'assess') state = to;
        c.state = to;
        c.version = seq;
      };
      const later = (lo, hi) => {
        const next = addDays(date, int(lo, hi));
        if (next > LAST_DAY) return null;
        date = next;
        return date;
      };
      step(
        'nominate',
        'nominated',
        date,
        { tierId: tier.id, personId: p.id, selectionDate: c.selection_date },
        '镇党委推荐',
      );
      const nominatedOn = date;
      const goal = target === 'exited' ? ORDER[int(0, 5)] : target;
      for (const s of ORDER.slice(1, ORDER.indexOf(goal) + 1)) {
        if (s === 'eligibility_checked') {
          if (!later(7, 30)) break;
          c.eligible = 1;
          c.eligibility_json = JSON.stringify({ effectiveFrom: '2019-01-01', eligible: true, results: [] });
          step('check_eligibility', s, date, { eligible: true, failed: [] });
        } else if (s === 'vetted') {
          if (!later(7, 40)) break;
          c.vetting_json = JSON.stringify({ team: ['考察组'], findings: '表现良好', conclusion: '合格' });
          step('vet', s, date, { conclusion: '合格' });
        } else if (s === 'notice') {
          if (!later(3, 20)) break;
          c.notice_start = date;
          c.notice_end = addDays(date, 7);
          step('start_notice', s, date, { end: c.notice_end, workdays: 5 });
        } else if (s === 'selected') {
          if (!later(8, 20)) break;
          c.cohort_id = cohort.id;
          step('select', s, date, { cohort: cohort.name });
        } else if (s === 'in_training') {
          if (!later(5, 30)) break;
          const mentors = mentorsOfTown.get(townOf(p)) ?? [secretaries[0].person_id];
          c.mentor_person_id = pick(mentors);
          c.plan_json = JSON.stringify({ milestones: [] });
          step('start_training', s, date);
          for (let y = Number(date.slice(0, 4)); y < 2026; y++) {
            const when = `${y}-12-20`;
            if (when <= date) continue;
            step('assess', s, when, {
              year: y,
              level: pick(['excellent', 'competent', 'competent', 'basically_competent']),
            });
          }
        } else if (s === 'placed') {
          if (!later(400, 900)) break;
          const v = villageById.get(p.org_id) ?? pick(villages);
          c.placed_org_id = v.id;
          step('place', s, date, { orgId: v.id });
        }
      }
      if (target === 'exited' && later(30, 400)) {
        c.exit_reason = '本人申请退出';
        step('exit', 'exited', date, null, c.exit_reason);
      }
      if (rand() < 0.25) {
        const v = villageById.get(p.org_id) ?? pick(villages);
        const forSeat = rand() < 0.7;
        bench.push({
          id: id(),
          candidate_id: cid,
          village_org_id: forSeat ? v.id : null,
          town_org_id: v.townId,
          org_path: forSeat ? v.path : `${city.path}${v.townId}/`,
          readiness: pick(['ready_now', 'one_two_years', 'one_two_years', 'later']),
          rank: int(1, 5),
          nominated_on: addDays(nominatedOn, int(10, 60)),
          created_by: cityUser.id,
          created_at: now,
        });
      }
      cands.push(c);
      counts.candidates++;
      counts.events += seq;
      if (cands.length >= 5000) {
        counts.bench += bench.length;
        await flush();
      }
    }
    counts.bench += bench.length;
    await flush();
  }),
);

// ---------------------------------------------------------------------------------------------
// 4. Training: programs of every kind per year, sessions with a lecturer, enrollments.

const training = { programs: 0, sessions: 0, enrollments: 0, attended: 0 };
await timed('trainingS', () =>
  db.transaction().execute(async (trx) => {
    const kinds = TRAINING_KINDS;
    const years = [2021, 2022, 2023, 2024, 2025, 2026];
    const programs = [];
    for (const y of years)
      for (const k of kinds)
        programs.push({
          id: id(),
          name: `基准${y}年${k}`,
          kind: k,
          year: y,
          owner_org_id: city.id,
          org_path: city.path,
          description: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
    await insertAll(trx, 'training_programs', programs);
    training.programs = programs.length;
    const pool = (
      await trx
        .selectFrom('persons')
        .select('id')
        .where('org_id', 'in', trx.selectFrom('orgs').select('id').where('name', 'like', '基准%'))
        .execute()
    ).map((r) => r.id);
    const perSession = Math.min(pool.length, 500);
    const sessionCount = Math.max(1, Math.ceil(ATTENDANCE / perSession));
    const sessions = [];
    const lecturers = [];
    for (let i = 0; i < sessionCount; i++) {
      const prog = programs[i % programs.length];
      const date = randomDay(`${prog.year}-01-05`, prog.year === 2026 ? '2026-11-25' : `${prog.year}-12-25`);
      const hours = pick([20, 30, 35, 40, 60, 80]);
      sessions.push({
        id: id(),
        program_id: prog.id,
        title: `基准课程${i + 1}`,
        session_date: date,
        start_time: '09:00',
        end_time: '12:00',
        venue: '市委党校',
        hours_tenths: hours,
        capacity: perSession + 100,
        org_path: city.path,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      lecturers.push({
        session_id: sessions[i].id,
        person_id: pick(secretaries).person_id,
        topic: '乡村振兴',
        sort_order: 0,
      });
    }
    await insertAll(trx, 'training_sessions', sessions);
    await insertAll(trx, 'training_lecturers', lecturers);
    training.sessions = sessions.length;
    let left = ATTENDANCE;
    let rows = [];
    for (const s of sessions) {
      const n = Math.min(left, perSession);
      left -= n;
      // n distinct people: a random window of the pool.
      const start = int(0, pool.length - 1);
      for (let k = 0; k < n; k++) {
        const attended = rand() < 0.85;
        const rated = attended && rand() < 0.3;
        rows.push({
          id: id(),
          session_id: s.id,
          person_id: pool[(start + k) % pool.length],
          source: pick(['person', 'org', 'tier', 'cohort']),
          enrolled_at: `${addDays(s.session_date, -7)}T02:00:00.000Z`,
          enrolled_by: cityUser.id,
          attended: attended ? 1 : 0,
          signed_in_at: attended ? `${s.session_date}T01:05:00.000Z` : null,
          sign_in_method: attended ? pick(['staff', 'self', 'import']) : null,
          signed_in_by: attended ? cityUser.id : null,
          rating: rated ? int(3, 5) : null,
          feedback: rated ? '很有收获' : null,
          feedback_at: rated ? `${s.session_date}T06:00:00.000Z` : null,
        });
        if (attended) training.attended++;
      }
      training.enrollments += n;
      if (rows.length >= 20_000) {
        await insertAll(trx, 'training_enrollments', rows);
        rows = [];
      }
    }
    await insertAll(trx, 'training_enrollments', rows);
  }),
);

// Fresh planner statistics after the bulk load, as an operator's ANALYZE (autovacuum would get there later).
await timed('analyzeS', () => sql`analyze`.execute(db));

const totals = {};
for (const t of [
  'orgs',
  'persons',
  'positions',
  'pipeline_candidates',
  'pipeline_events',
  'pipeline_bench',
  'training_sessions',
  'training_enrollments',
])
  totals[t] = Number(
    (
      await db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const seatsTotal = await countVillages();
// The database's size: PostgreSQL's own figure, or the SQLite file with its write-ahead log.
let dbMB;
if (services.dialect === 'postgres') {
  const r = await sql`select pg_database_size(current_database()) as n`.execute(db);
  dbMB = Number(r.rows[0].n) / 1048576;
} else {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  const file = path.join(config.dataDir, 'xinhuo.db');
  dbMB = [file, `${file}-wal`].reduce((a, f) => a + (existsSync(f) ? statSync(f).size : 0), 0) / 1048576;
}
await services.close();
console.log(
  JSON.stringify({
    seats: seatsTotal,
    towns: towns.length,
    demoVillages,
    ...counts,
    training,
    totals,
    dbMB: Math.round(dbMB),
    phases,
    accounts: ACCOUNTS,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
process.exit(0);
