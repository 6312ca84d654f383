// The national dataset of bench/national.bench.mjs, generated into a migrated PostgreSQL database with COPY.
//
// Run with tsx (it seals people with the app's own field crypto and name keys):
//   node --import tsx bench/lib/national-gen.mjs <spec.json> orgs|people|matters|finish
// spec.json: { url, psql, masterKeyHex, scale, password, spoolDir } — `url` is the app's database, its
// role a superuser while this runs (so that COPY skips the foreign-key triggers: every row is made
// consistent here, parents before children); `psql` the psql binary; `scale` 1 = the nation (fractions
// for a quick run); `spoolDir` a directory for rows spooled to disk. The phases run in this order, people
// and matters at the same time (two processes: the load is CPU-bound): orgs (drops the secondary indexes,
// loads the tree and the election), people, matters, finish (indexes, ANALYZE, accounts). Every phase
// rebuilds the same org tree in memory (the ids are a counter). Each prints one JSON line on stdout:
// its timings per table and rows; finish adds the orgs and accounts the bench uses.
//
// What it writes (scale 1):
//   orgs       1 nation → 31 provinces → 11 cities each → 9 counties each (all kind 'city') → 13 towns
//              each (kind 'town') → 14 villages/communities each (kind 'village'): ≈ 602,000 orgs, with the
//              app's materialized path, depth and sort order;
//   persons    ≈ 4,000,000 (7–8 per village): valid ID numbers (region, birth date, sequence with the
//              gender's parity, check digit) sealed with the field crypto (AES-GCM, blind index, mask), the
//              row MAC, names with their search keys, pinyin, initials and the collation key of the roster;
//   terms      the party and villagers' committees of every village elected 2026-01-10 (one election);
//   positions  the seats of those terms (secretary, deputy, members; the director is the secretary in
//              four villages of five);
//   matters    ≈ 10,000,000 raised 2019–2026 (18 per village), in every state (older ones mostly closed),
//              with codes, 交办单 numbers, deadlines, outcomes and ratings;
//   matter_assignments  the lead unit (the village's town) of every dispatched matter;
//   matter_supervisions a 督办单 for one open dispatched matter in 40;
//   and three accounts: a national one (city_admin at the root), a county and a town account.
// Secondary indexes of the big tables are dropped before their COPY and created again after it, then ANALYZE.

import { spawn } from 'node:child_process';
import {
  closeSync,
  createWriteStream,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  formatDocNo,
  fullPinyin,
  makeIdNumber,
  maskIdNumber,
  nameInitials,
  nameSearchKeys,
  nameSortKey,
} from '@xinhuo/shared';
import { createFieldCrypto } from '../../apps/server/src/platform/crypto/field-crypto.ts';
import { personMacParts } from '../../apps/server/src/modules/people/people.service.ts';
import { createRandom } from '../../apps/server/src/demo/random.ts';
import { personName } from '../../apps/server/src/demo/names.ts';
import { compose } from '../../apps/server/src/composition.ts';
import { SYSTEM_ACTOR } from '../../apps/server/src/platform/audit/audit.ts';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const phase = process.argv[3];
if (!['orgs', 'people', 'matters', 'finish'].includes(phase)) throw new Error(`unknown phase ${phase}`);
const scale = Number(spec.scale ?? 1);
const crypto = createFieldCrypto(Buffer.from(spec.masterKeyHex, 'hex'));
const rng = createRandom(phase === 'matters' ? 20270107 : 20270106);
const log = (m) => process.stderr.write(`[national-gen] ${m}\n`);
mkdirSync(spec.spoolDir, { recursive: true });
const client = new pg.Client({ connectionString: spec.url });
await client.connect();

// ---------------------------------------------------------------------------------------------
// Shape of the nation. At a fraction, fewer provinces and cities (the lower levels keep their size).

const PROVINCES = [
  ['11', '北京市'],
  ['12', '天津市'],
  ['13', '河北省'],
  ['14', '山西省'],
  ['15', '内蒙古自治区'],
  ['21', '辽宁省'],
  ['22', '吉林省'],
  ['23', '黑龙江省'],
  ['31', '上海市'],
  ['32', '江苏省'],
  ['33', '浙江省'],
  ['34', '安徽省'],
  ['35', '福建省'],
  ['36', '江西省'],
  ['37', '山东省'],
  ['41', '河南省'],
  ['42', '湖北省'],
  ['43', '湖南省'],
  ['44', '广东省'],
  ['45', '广西壮族自治区'],
  ['46', '海南省'],
  ['50', '重庆市'],
  ['51', '四川省'],
  ['52', '贵州省'],
  ['53', '云南省'],
  ['54', '西藏自治区'],
  ['61', '陕西省'],
  ['62', '甘肃省'],
  ['63', '青海省'],
  ['64', '宁夏回族自治区'],
  ['65', '新疆维吾尔自治区'],
];
const provinceCount = Math.max(1, Math.min(31, Math.round(31 * Math.min(1, scale * 3))));
const citiesPer = Math.max(1, Math.round(11 * Math.min(1, scale / (provinceCount / 31))));
const COUNTIES_PER = 9;
const TOWNS_PER = 13;
const VILLAGES_PER = 14;

const ELECTION = '2026-01-10';
const TERM_END = '2031-01-10';
const NOW = '2026-12-01T08:00:00.000Z';

// Ids: UUID-shaped (version 7 layout, the app reads ids as 36-character path segments), increasing, unique.
let seq = 0;
/** After the tree: each phase's own range of ids (people and matters run at the same time). */
const startIds = (n) => {
  seq = Math.max(seq, n);
};
const BASE_MS = Date.parse('2026-01-01T00:00:00Z');
function id() {
  const n = ++seq;
  const ms = (BASE_MS + Math.floor(n / 4096)).toString(16).padStart(12, '0');
  const c = (n % 4096).toString(16).padStart(3, '0');
  const tail = n.toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${c}-8000-${tail}`;
}

// ---------------------------------------------------------------------------------------------
// COPY through psql: rows as tab-separated text (\N for null; a tab, newline or backslash escaped, as in
// the roster's collation key, which holds a tab).

const ESCAPES = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const field = (v) =>
  v === null || v === undefined
    ? '\\N'
    : typeof v === 'string'
      ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c])
      : String(v);

/**
 * A COPY into `table`. `fresh`: the table is empty and nothing loaded yet refers to it, so it is
 * truncated in the COPY's transaction, which lets PostgreSQL skip its WAL (wal_level minimal) and write
 * the rows frozen (no later rewrite of every page to set hint bits). The truncation locks the tables
 * that refer to this one until the COPY commits: rows of such a table made in the same pass are
 * `spool`ed to a file under spec.spoolDir and copied from it at end().
 */
function copyStream(table, columns, { fresh = true, spool = false } = {}) {
  const psql = (stdin) => {
    const child = spawn(
      spec.psql,
      [
        '-X',
        '-q',
        '-1',
        '-v',
        'ON_ERROR_STOP=1',
        '-d',
        spec.url,
        '-c',
        'SET session_replication_role = replica',
        ...(fresh ? ['-c', `TRUNCATE ${table} CASCADE`] : []),
        '-c',
        `COPY ${table} (${columns.join(', ')}) FROM STDIN${fresh ? ' WITH (FREEZE)' : ''}`,
      ],
      { stdio: [stdin, 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    const done = new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`COPY ${table} failed (${code}): ${err}`)),
      );
    });
    return { child, done };
  };
  const spoolFile = spool ? path.join(spec.spoolDir, `${table}.tsv`) : null;
  const direct = spool ? null : psql('pipe');
  const sink = spool ? createWriteStream(spoolFile) : direct.child.stdin;
  let buf = [];
  let size = 0;
  let rows = 0;
  const flush = async () => {
    if (buf.length === 0) return;
    const chunk = buf.join('');
    buf = [];
    size = 0;
    if (!sink.write(chunk)) await new Promise((r) => sink.once('drain', r));
  };
  return {
    /** Add a row; resolves at once unless the buffer was flushed into a full pipe. */
    async row(values) {
      rows++;
      const line = values.map(field).join('\t') + '\n';
      buf.push(line);
      size += line.length;
      if (size > 1 << 20) await flush();
    },
    async end() {
      await flush();
      await new Promise((r) => sink.end(r));
      if (direct) await direct.done;
      else {
        const fd = openSync(spoolFile, 'r');
        try {
          await psql(fd).done;
        } finally {
          closeSync(fd);
          rmSync(spoolFile, { force: true });
        }
      }
      return rows;
    },
  };
}

/** The secondary (non-constraint) indexes of a table: dropped before its COPY, made again after it. */
async function dropIndexes(table) {
  const { rows } = await client.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1
       AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    [table],
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.indexname}`);
  return rows.map((r) => r.indexdef);
}

const timings = {};
const counts = {};
async function timed(name, fn) {
  const t = performance.now();
  const r = await fn();
  timings[name] = Math.round(performance.now() - t) / 1000;
  log(`${name}: ${timings[name]} s${r !== undefined ? ` (${r} rows)` : ''}`);
  return r;
}

const TABLES = [
  'orgs',
  'persons',
  'terms',
  'positions',
  'matters',
  'matter_assignments',
  'matter_supervisions',
];
const INDEX_FILE = path.join(spec.spoolDir, 'indexes.json');
if (phase === 'orgs')
  await timed('drop indexes', async () => {
    const defs = {};
    for (const t of TABLES) defs[t] = await dropIndexes(t);
    writeFileSync(INDEX_FILE, JSON.stringify(defs));
  });

// ---------------------------------------------------------------------------------------------
// Orgs.

const nation = { id: id(), depth: 0 };
nation.path = `/${nation.id}/`;
const provinces = [];
const counties = [];
const towns = [];
/** Villages in tree order: { id, path, town, county, province, sub } */
const villages = [];

/** The tree, in memory; written (COPY) in the orgs phase only. */
async function buildTree() {
  // Not truncated: the seeded matter categories refer to orgs.
  const out =
    phase !== 'orgs'
      ? { row: async () => {}, end: async () => 0 }
      : copyStream(
          'orgs',
          [
            'id',
            'parent_id',
            'name',
            'kind',
            'sub_kind',
            'party_org_type',
            'code',
            'path',
            'depth',
            'sort_order',
            'is_active',
            'created_at',
            'updated_at',
            'version',
          ],
          { fresh: false },
        );
  const org = (o, parent, name, kind, sub, sort) =>
    out.row([
      o.id,
      parent?.id ?? null,
      name,
      kind,
      sub,
      kind === 'village' ? 'branch' : null,
      null,
      o.path,
      o.depth,
      sort,
      1,
      NOW,
      NOW,
      1,
    ]);
  await org(nation, null, '全国', 'city', 'city', 0);
  for (let p = 0; p < provinceCount; p++) {
    const [pcode, pname] = PROVINCES[p];
    const prov = { id: id(), depth: 1, code: pcode, name: pname, townSeq: 0 };
    prov.path = `${nation.path}${prov.id}/`;
    provinces.push(prov);
    await org(prov, nation, pname, 'city', 'city', p);
    for (let c = 0; c < citiesPer; c++) {
      const city = { id: id(), depth: 2 };
      city.path = `${prov.path}${city.id}/`;
      const cname = `${pname.slice(0, 2)}第${c + 1}市`;
      await org(city, prov, cname, 'city', 'city', c);
      for (let k = 0; k < COUNTIES_PER; k++) {
        const county = { id: id(), depth: 3, province: prov };
        county.path = `${city.path}${county.id}/`;
        county.name = `${cname}${k + 1}县`;
        counties.push(county);
        await org(county, city, county.name, 'city', 'city', k);
        for (let t = 0; t < TOWNS_PER; t++) {
          const sub = t % 5 === 4 ? 'subdistrict' : 'town';
          // A 6-digit region code per town: the province's two digits and the town's number in it.
          const town = {
            id: id(),
            depth: 4,
            county,
            region: `${pcode}${String(prov.townSeq++).padStart(4, '0')}`,
          };
          town.path = `${county.path}${town.id}/`;
          town.name = `${county.name}${t + 1}${sub === 'town' ? '镇' : '街道'}`;
          towns.push(town);
          await org(town, county, town.name, 'town', sub, t);
          for (let v = 0; v < VILLAGES_PER; v++) {
            const vsub = sub === 'subdistrict' || v % 7 === 6 ? 'community' : 'village';
            const village = { id: id(), depth: 5, town, sub: vsub };
            village.path = `${town.path}${village.id}/`;
            villages.push(village);
            await org(
              village,
              town,
              `${town.name}${v + 1}${vsub === 'village' ? '村' : '社区'}`,
              'village',
              vsub,
              v,
            );
          }
        }
      }
    }
  }
  return out.end();
}
if (phase === 'orgs') await timed('orgs', async () => (counts.orgs = await buildTree()));
else await buildTree();

// ---------------------------------------------------------------------------------------------
// People, terms and seats.

const electionId = id();
if (phase === 'orgs')
  await client.query(
    `INSERT INTO elections (id, name, scope_org_id, election_date, term_years, created_at)
     VALUES ($1, $2, $3, $4, 5, $5)`,
    [electionId, '2026年全国村（社区）“两委”换届', nation.id, ELECTION, NOW],
  );

/** Search keys of a name, computed once per distinct name. */
const nameKeys = new Map();
function keysOf(name) {
  let k = nameKeys.get(name);
  if (!k) {
    k = [' ' + nameSearchKeys(name), nameSortKey(name), nameInitials(name), fullPinyin(name)];
    nameKeys.set(name, k);
  }
  return k;
}
const EDU = ['21', '31', '14', '61', '71'];

async function people() {
  startIds(1e9);
  // Persons and terms not truncated: that would lock matters and positions, loading at the same time.
  const persons = copyStream(
    'persons',
    [
      'id',
      'name',
      'name_search',
      'name_sort',
      'name_initials',
      'name_pinyin',
      'gender',
      'ethnicity',
      'birth_date',
      'id_number_enc',
      'id_number_bidx',
      'id_number_masked',
      'full_time_education',
      'highest_education',
      'is_college',
      'political_status',
      'party_join_date',
      'org_id',
      'org_path',
      'row_mac',
      'created_at',
      'updated_at',
      'version',
    ],
    { fresh: false },
  );
  const terms = copyStream(
    'terms',
    [
      'id',
      'org_id',
      'org_path',
      'election_id',
      'committee',
      'name',
      'election_date',
      'start_date',
      'end_date',
      'created_at',
      'version',
    ],
    { fresh: false },
  );
  const seats = copyStream('positions', [
    'id',
    'person_id',
    'org_id',
    'org_path',
    'term_id',
    'role',
    'start_date',
    'created_at',
  ]);
  const townSeq = new Map();
  let n = 0;
  const t0 = performance.now();
  for (const v of villages) {
    const size = rng.chance(0.16) ? 8 : 7;
    const ids = [];
    for (let i = 0; i < size; i++) {
      const gender = rng.chance(i < 2 ? 0.15 : 0.35) ? '2' : '1';
      const name = personName(rng, gender);
      const year = 1960 + rng.int(0, 40);
      const birth = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      const k = townSeq.get(v.town) ?? 0;
      townSeq.set(v.town, k + 1);
      const idNumber = makeIdNumber(v.town.region, birth, (k % 500) * 2 + (gender === '1' ? 1 : 0));
      const party = i < 5 || rng.chance(0.4);
      const edu = rng.pick(EDU);
      const row = {
        id: id(),
        name,
        id_number_enc: crypto.encrypt(idNumber),
        id_number_bidx: crypto.blindIndex(idNumber),
        phone_enc: null,
        birth_date: birth,
        gender,
        record_enc: null,
      };
      const [search, sort, initials, pinyin] = keysOf(name);
      await persons.row([
        row.id,
        name,
        search,
        sort,
        initials,
        pinyin,
        gender,
        '01',
        birth,
        row.id_number_enc,
        row.id_number_bidx,
        maskIdNumber(idNumber),
        edu,
        edu,
        /^[123]/.test(edu) ? 1 : 0,
        party ? '01' : '13',
        party ? `${year + 25}-07-01` : null,
        v.id,
        v.path,
        crypto.mac(personMacParts(row)),
        NOW,
        NOW,
        1,
      ]);
      ids.push(row.id);
    }
    const partyTerm = id();
    const villTerm = id();
    const termName = '2026届';
    await terms.row([
      partyTerm,
      v.id,
      v.path,
      electionId,
      'party',
      termName,
      ELECTION,
      ELECTION,
      TERM_END,
      NOW,
      1,
    ]);
    await terms.row([
      villTerm,
      v.id,
      v.path,
      electionId,
      'villagers',
      termName,
      ELECTION,
      ELECTION,
      TERM_END,
      NOW,
      1,
    ]);
    const seat = (term, person, role) => seats.row([id(), person, v.id, v.path, term, role, ELECTION, NOW]);
    await seat(partyTerm, ids[0], 'party_secretary');
    await seat(partyTerm, ids[1], 'party_deputy_secretary');
    for (const p of ids.slice(2, 5)) await seat(partyTerm, p, 'party_member');
    const director = rng.chance(0.8) ? ids[0] : ids[5];
    await seat(villTerm, director, 'director');
    await seat(villTerm, ids[director === ids[0] ? 5 : 6], 'deputy_director');
    for (const p of ids.slice(director === ids[0] ? 6 : 7)) await seat(villTerm, p, 'committee_member');
    if (++n % 50000 === 0)
      log(
        `  ${n} villages, ${Math.round((n / villages.length) * 100)}% (${Math.round((performance.now() - t0) / 1000)} s)`,
      );
  }
  counts.persons = await persons.end();
  counts.terms = await terms.end();
  counts.positions = await seats.end();
  return counts.persons;
}
if (phase === 'people') await timed('persons+terms+positions', people);

// ---------------------------------------------------------------------------------------------
// Matters, their lead units and some 督办单.

const TITLES = [
  '村道硬化提升',
  '农田水利修缮',
  '集体经济项目申报',
  '人居环境整治',
  '路灯安装维护',
  '文化礼堂改造',
  '村级事务减负',
  '垃圾分类设施',
  '饮水安全改造',
  '镇村干部交流',
  '危房改造协调',
  '电商服务站建设',
];
const CATEGORIES = ['village_economy', 'beautiful_village', 'burden_reduction', 'cadre_exchange', 'other'];
const PRIORITIES = [
  ['urgent', 3],
  ['normal', 10],
  ['normal', 10],
  ['complex', 20],
];
const FIRST_DAY = Date.parse('2019-01-01T00:00:00Z');
const LAST_DAY = Date.parse('2026-11-30T00:00:00Z');
const DAY = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

async function matterRows() {
  startIds(1e10);
  const matters = copyStream('matters', [
    'id',
    'code',
    'title',
    'description',
    'category_code',
    'priority_code',
    'village_id',
    'org_path',
    'source',
    'raiser_name',
    'raised_at',
    'raised_on',
    'state',
    'outcome',
    'dispatcher_org_id',
    'dispatch_no',
    'dispatched_at',
    'dispatched_on',
    'deadline',
    'original_deadline',
    'resolution',
    'accepted_at',
    'resolved_on',
    'handling_workdays',
    'is_on_time',
    'satisfaction',
    'rated_at',
    'closed_at',
    'closed_on',
    'escalation_level',
    'created_at',
    'updated_at',
    'version',
    'policy_version',
  ]);
  const assigns = copyStream(
    'matter_assignments',
    [
      'id',
      'matter_id',
      'unit_id',
      'unit_path',
      'org_path',
      'raised_on',
      'role',
      'status',
      'is_open',
      'assigned_at',
      'sign_due',
      'due_date',
      'signed_at',
      'submitted_at',
      'completed_on',
      'is_on_time',
      'supervise_count',
      'created_at',
      'updated_at',
      'ladder_mask',
    ],
    { spool: true },
  );
  const sups = copyStream(
    'matter_supervisions',
    [
      'id',
      'matter_id',
      'assignment_id',
      'unit_id',
      'unit_path',
      'org_path',
      'kind',
      'level',
      'due_date',
      'triggered_on',
      'created_at',
      'doc_no',
      'doc_year',
      'doc_seq',
    ],
    { spool: true },
  );
  const codeSeq = new Map();
  const docSeq = new Map();
  const supSeq = new Map();
  const next = (m, y) => {
    const k = (m.get(y) ?? 0) + 1;
    m.set(y, k);
    return k;
  };
  let n = 0;
  const perVillage = Math.round(10_000_000 / 558_558);
  const t0 = performance.now();
  for (const v of villages) {
    const count = perVillage + (rng.chance(0.9) ? 0 : 1);
    for (let i = 0; i < count; i++) {
      const raisedMs = FIRST_DAY + Math.floor(rng.next() * ((LAST_DAY - FIRST_DAY) / DAY)) * DAY;
      const raisedOn = isoDay(raisedMs);
      const year = Number(raisedOn.slice(0, 4));
      const raisedAt = new Date(raisedMs + 9 * 3_600_000).toISOString();
      const age = (LAST_DAY - raisedMs) / DAY;
      const r = rng.next();
      const state =
        age > 150
          ? r < 0.96
            ? 'closed'
            : r < 0.98
              ? 'awaiting_feedback'
              : 'in_progress'
          : r < 0.08
            ? 'registered'
            : r < 0.18
              ? 'dispatched'
              : r < 0.45
                ? 'in_progress'
                : r < 0.55
                  ? 'submitted'
                  : r < 0.62
                    ? 'awaiting_feedback'
                    : r < 0.64
                      ? 'returned'
                      : r < 0.66
                        ? 'dissatisfied'
                        : 'closed';
      const [priority, workdays] = rng.pick(PRIORITIES);
      const dispatched = state !== 'registered';
      const dispatchedOn = dispatched ? isoDay(raisedMs + DAY) : null;
      const deadline = dispatched ? isoDay(raisedMs + ((workdays * 7) / 5 + 1) * DAY) : null;
      const closed = state === 'closed';
      const handled = Math.max(1, Math.round(workdays * (0.4 + rng.next())));
      const closedOn = closed ? isoDay(raisedMs + ((handled * 7) / 5 + 12) * DAY) : null;
      const supervise = dispatched && !closed && rng.chance(1 / 40);
      const mid = id();
      await matters.row([
        mid,
        `SX${year}-${String(next(codeSeq, year)).padStart(5, '0')}`,
        rng.pick(TITLES),
        '群众反映，需协调解决。',
        rng.pick(CATEGORIES),
        priority,
        v.id,
        v.path,
        rng.chance(0.6) ? 'meeting' : 'direct',
        personName(rng, rng.chance(0.3) ? '2' : '1'),
        raisedAt,
        raisedOn,
        state,
        closed ? (rng.chance(0.9) ? 'solved' : 'explained') : null,
        dispatched ? v.town.county.id : null,
        dispatched ? formatDocNo('交', year, next(docSeq, year)) : null,
        dispatched ? `${dispatchedOn}T02:00:00.000Z` : null,
        dispatchedOn,
        deadline,
        deadline,
        closed ? '已按期办结。' : null,
        closed ? `${closedOn}T02:00:00.000Z` : null,
        closed ? closedOn : null,
        closed ? handled : null,
        closed ? (handled <= workdays ? 1 : 0) : null,
        closed ? rng.pick(['satisfied', 'satisfied', 'satisfied', 'basic', 'no_response']) : null,
        closed ? `${closedOn}T03:00:00.000Z` : null,
        closed ? `${closedOn}T04:00:00.000Z` : null,
        closedOn,
        supervise ? 2 : 0,
        raisedAt,
        raisedAt,
        1,
        1,
      ]);
      if (!dispatched) continue;
      const status = closed
        ? 'done'
        : state === 'dispatched'
          ? 'pending'
          : state === 'returned'
            ? 'returned'
            : state === 'submitted' || state === 'awaiting_feedback'
              ? 'submitted'
              : 'signed';
      const open = status === 'done' ? 0 : 1;
      const aid = id();
      const town = v.town;
      await assigns.row([
        aid,
        mid,
        town.id,
        town.path,
        v.path,
        raisedOn,
        'lead',
        status,
        open,
        `${dispatchedOn}T02:00:00.000Z`,
        isoDay(raisedMs + 3 * DAY),
        deadline,
        status === 'pending' ? null : `${dispatchedOn}T06:00:00.000Z`,
        status === 'submitted' || status === 'done'
          ? `${isoDay(raisedMs + handled * DAY)}T06:00:00.000Z`
          : null,
        closed ? closedOn : null,
        closed ? (handled <= workdays ? 1 : 0) : null,
        supervise ? 1 : 0,
        raisedAt,
        raisedAt,
        supervise ? 2 : 0,
      ]);
      if (supervise) {
        const on = isoDay(raisedMs + (workdays + 3) * DAY);
        const dy = Number(on.slice(0, 4));
        const ds = next(supSeq, dy);
        await sups.row([
          id(),
          mid,
          aid,
          town.id,
          town.path,
          v.path,
          'supervise',
          2,
          deadline,
          on,
          `${on}T01:00:00.000Z`,
          formatDocNo('督', dy, ds),
          dy,
          ds,
        ]);
      }
    }
    if (++n % 50000 === 0)
      log(
        `  ${n} villages, ${Math.round((n / villages.length) * 100)}% (${Math.round((performance.now() - t0) / 1000)} s)`,
      );
  }
  counts.matters = await matters.end();
  counts.matter_assignments = await assigns.end();
  counts.matter_supervisions = await sups.end();
  // The document counters continue after the generated numbers (a new 交办单 never repeats one).
  for (const [kind, m] of [
    ['matter', codeSeq],
    ['assign', docSeq],
    ['supervise', supSeq],
  ])
    for (const [year, last] of m)
      await client.query(
        `INSERT INTO doc_counters (kind, year, last_seq) VALUES ($1, $2, $3)
         ON CONFLICT (kind, year) DO UPDATE SET last_seq = excluded.last_seq`,
        [kind, year, last],
      );
  return counts.matters;
}
if (phase === 'matters') await timed('matters+assignments+supervisions', matterRows);

// ---------------------------------------------------------------------------------------------
// Indexes again (two builds at a time, each on its own connection), then ANALYZE.

if (phase !== 'finish') {
  await client.end();
  console.log(JSON.stringify({ phase, counts, timings }));
  process.exit(0);
}

await timed('indexes', async () => {
  const indexDefs = JSON.parse(readFileSync(INDEX_FILE, 'utf8'));
  const defs = TABLES.flatMap((t) => indexDefs[t]);
  let next = 0;
  const worker = async () => {
    const c = new pg.Client({ connectionString: spec.url });
    await c.connect();
    await c.query(`SET maintenance_work_mem = '1GB'`);
    for (let i = next++; i < defs.length; i = next++) {
      const t = performance.now();
      await c.query(defs[i]);
      log(
        `  ${defs[i].replace(/^CREATE (UNIQUE )?INDEX (\S+) ON public\.(\S+).*/, '$2 on $3')}: ${Math.round(performance.now() - t) / 1000} s`,
      );
    }
    await c.end();
  };
  await Promise.all([worker(), worker()]);
  return defs.length;
});
// VACUUM too: the tables loaded without FREEZE get their visibility map now, not from autovacuum later
// in the middle of a measurement.
await timed('vacuum analyze', async () => {
  await client.query(`VACUUM (ANALYZE) ${TABLES.join(', ')}`);
});

// ---------------------------------------------------------------------------------------------
// The data versions move (a server started earlier on this database drops its cached pages), and the
// accounts of the three scopes.

await client.query(`UPDATE data_versions SET version = version + 1 WHERE name IN ('roster', 'matters')`);
const sampleTown = towns[Math.floor(towns.length / 2)];
// The name the bench searches for by pinyin: someone of the sample town with a three-character name.
const { rows: sampleRows } = await client.query(
  `SELECT name FROM persons WHERE org_path LIKE $1 AND length(name) = 3 ORDER BY id LIMIT 1`,
  [`${sampleTown.path}%`],
);
const sampleName = sampleRows[0]?.name ?? null;
await client.end();

const sampleCounty = sampleTown.county;
const sampleProvince = sampleCounty.province;
const services = await compose({
  databaseUrl: spec.url,
  dataDir: '',
  masterKey: Buffer.from(spec.masterKeyHex, 'hex'),
});
const accounts = [
  { username: 'bench-nation', role: 'city_admin', orgId: nation.id },
  { username: 'bench-county', role: 'city_admin', orgId: sampleCounty.id },
  { username: 'bench-town', role: 'town_staff', orgId: sampleTown.id },
];
await timed('accounts', async () => {
  for (const a of accounts)
    await services.auth.bootstrapAccount(SYSTEM_ACTOR, {
      username: a.username,
      displayName: a.username,
      password: spec.password,
      roles: [a.role],
      orgIds: [a.orgId],
    });
});
await services.close();

console.log(
  JSON.stringify({
    phase,
    scale,
    counts,
    timings,
    shape: {
      provinces: provinceCount,
      citiesPerProvince: citiesPer,
      countiesPerCity: COUNTIES_PER,
      townsPerCounty: TOWNS_PER,
      villagesPerTown: VILLAGES_PER,
    },
    sample: {
      nationId: nation.id,
      provinceId: sampleProvince.id,
      countyId: sampleCounty.id,
      townId: sampleTown.id,
      name: sampleName,
      pinyin: sampleName ? fullPinyin(sampleName) : null,
      initials: sampleName ? nameInitials(sampleName) : null,
    },
    accounts,
  }),
);
process.exit(0);
