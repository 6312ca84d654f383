import {
  ageOn,
  DEFAULT_NOTICE_WORKDAYS,
  highestEducation,
  isCollegeOrAbove,
  makeIdNumber,
  type PositionRole,
  type Role,
} from '@xinhuo/shared';
import type { Services } from '../composition';
import type { Tx } from '../database';
import { SYSTEM_CALLER } from '../platform/caller';
import { SYSTEM_ACTOR } from '../platform/audit/audit';
import { AppError } from '../platform/errors';
import { createRandom, type Random } from './random';
import { personName, placeName } from './names';
import { buildDemoMeetings } from './demo-meetings';
import { buildDemoTraining } from './demo-training';
import { buildDemoPipeline } from './demo-pipeline';
import { planRenewal2026 } from './renewal-2026';
import { dateOf, dayNumber } from '../platform/calendar/work-calendar';

export const DEMO_PASSWORD = 'Chuan#Huo2021';
export const DEMO_REF_DATE = '2021-01-10';
/** The demo village's deputy secretary, the README's example of a search by pinyin initials (`ltt`). */
export const DEMO_PINYIN_EXAMPLE = '陆婷婷';

export const DEMO_ACCOUNTS: readonly {
  username: string;
  role: Role;
  label: string;
  scope: 'city' | 'town' | 'village' | 'dept' | null;
}[] = [
  { username: 'demo-city', role: 'city_admin', label: '市委组织部管理员 · 全市', scope: 'city' },
  { username: 'demo-town', role: 'town_staff', label: '金港镇组织干事', scope: 'town' },
  { username: 'demo-village', role: 'village_secretary', label: '金港镇新塍村党委书记', scope: 'village' },
  { username: 'demo-dept', role: 'dept_handler', label: '农业农村局经办人', scope: 'dept' },
  { username: 'demo-leader', role: 'leader', label: '市委领导（只读）', scope: 'city' },
  { username: 'demo-sysadmin', role: 'sys_admin', label: '系统管理员', scope: null },
  { username: 'demo-secadmin', role: 'sec_admin', label: '安全管理员', scope: null },
  { username: 'demo-auditor', role: 'audit_admin', label: '审计管理员', scope: null },
  { username: 'demo-trainee', role: 'trainee', label: '兴村特岗书记学员（第三批）', scope: null },
];

// Towns and zones of the demo city with their number of villages and communities (264 in all).
const TOWNS: readonly {
  name: string;
  subKind: 'town' | 'zone';
  villages: number;
  communityShare: number;
  named?: string[];
}[] = [
  { name: '杨舍镇', subKind: 'town', villages: 56, communityShare: 0.55, named: ['福前村'] },
  { name: '塘桥镇', subKind: 'town', villages: 33, communityShare: 0.25 },
  { name: '金港镇', subKind: 'town', villages: 40, communityShare: 0.3, named: ['新塍村'] },
  { name: '锦丰镇', subKind: 'town', villages: 35, communityShare: 0.25 },
  { name: '乐余镇', subKind: 'town', villages: 27, communityShare: 0.2 },
  { name: '凤凰镇', subKind: 'town', villages: 26, communityShare: 0.2 },
  { name: '南丰镇', subKind: 'town', villages: 20, communityShare: 0.2 },
  { name: '大新镇', subKind: 'town', villages: 17, communityShare: 0.2, named: ['新凯村'] },
  { name: '常阴沙现代农业示范园区', subKind: 'zone', villages: 10, communityShare: 0.1 },
];

const DEPARTMENTS = [
  '农业农村局',
  '财政局',
  '自然资源和规划局',
  '住房和城乡建设局',
  '民政局',
  '人力资源和社会保障局',
  '生态环境局',
  '交通运输局',
];

const TARGET_MEMBERS = 1323;
const TARGET_MEAN_AGE = 39.0;
const COLLEGE_SHARE = 0.94;
const REGION = '320582';

interface Member {
  role: PositionRole;
  age: number;
  gender: '1' | '2';
  fullTime: string;
  inService: string | null;
  name?: string;
  pinned?: boolean;
}

function committeeSizes(rng: Random, types: string[], target: number): number[] {
  const base = types.map((t) =>
    t === 'committee' ? rng.int(6, 7) : t === 'general_branch' ? rng.int(5, 6) : rng.int(3, 5),
  );
  let sum = base.reduce((a, b) => a + b, 0);
  while (sum !== target) {
    const i = rng.int(0, base.length - 1);
    if (sum < target && base[i]! < 9) {
      base[i]!++;
      sum++;
    } else if (sum > target && base[i]! > 3) {
      base[i]!--;
      sum--;
    }
  }
  return base;
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));

function committeeMembers(rng: Random, size: number): Member[] {
  const out: Member[] = [];
  const deputies = size >= 6 ? 2 : size >= 4 ? 1 : 0;
  for (let i = 0; i < size; i++) {
    const role: PositionRole =
      i === 0 ? 'party_secretary' : i <= deputies ? 'party_deputy_secretary' : 'party_member';
    const age =
      role === 'party_secretary'
        ? clamp(rng.normal(43, 6), 30, 58)
        : role === 'party_deputy_secretary'
          ? clamp(rng.normal(40, 7), 27, 58)
          : clamp(rng.normal(36.5, 8), 24, 60);
    const gender: '1' | '2' = rng.chance(role === 'party_secretary' ? 0.12 : 0.36) ? '2' : '1';
    out.push({ role, age, gender, fullTime: '61', inService: null });
  }
  return out;
}

/** Nudge ages by a year at a time until the mean is the target (to one decimal), keeping the spread. */
function tuneMeanAge(rng: Random, all: Member[], target: number) {
  const mean = () => all.reduce((a, m) => a + m.age, 0) / all.length;
  for (let guard = 0; guard < 100_000 && Math.abs(mean() - target) >= 0.05; guard++) {
    const m = all[rng.int(0, all.length - 1)]!;
    if (m.pinned) continue;
    const up = mean() < target;
    if (up && m.age < 58) m.age++;
    else if (!up && m.age > 25) m.age--;
  }
}

/** Exactly the target share hold 大专 or higher (full-time or in-service), the rest 高中/中专. */
function assignEducation(rng: Random, all: Member[], share: number) {
  const shuffled = rng.shuffle([...all.keys()]);
  const order = [...shuffled.filter((i) => all[i]!.pinned), ...shuffled.filter((i) => !all[i]!.pinned)];
  const college = Math.round(all.length * share);
  order.forEach((idx, k) => {
    const m = all[idx]!;
    if (m.pinned) {
      m.fullTime = '21';
      m.inService = '14';
    } else if (k < college) {
      const r = rng.next();
      const highest = r < 0.04 ? '14' : r < 0.52 ? '21' : '31';
      if (rng.chance(0.3)) {
        m.fullTime = highest === '31' ? rng.pick(['61', '41']) : highest === '21' ? '31' : '21';
        m.inService = highest;
      } else {
        m.fullTime = highest;
      }
    } else {
      m.fullTime = rng.pick(['61', '41', '61', '71']);
    }
  });
}

function birthDateFor(rng: Random, age: number, ref: string): string {
  // Any day from (ref − age − 1 years + 1 day) to (ref − age years) gives that age on ref.
  const refT = Date.parse(ref + 'T00:00:00Z');
  const latest = new Date(refT);
  latest.setUTCFullYear(latest.getUTCFullYear() - age);
  const d = new Date(latest.getTime() - rng.int(0, 364) * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  return ageOn(iso, ref) === age ? iso : latest.toISOString().slice(0, 10);
}

function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  // 29 February of a year that has none is the 28th (the person checks refuse dates that do not exist).
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}${!leap && date.slice(4) === '-02-29' ? '-02-28' : date.slice(4)}`;
}

export interface DemoBuildOptions {
  scale?: number;
  seed?: number;
  /** The configuration's demo mode (`config.isDemo`): the demo accounts' password is public. */
  demoMode: boolean;
  /**
   * Tests only: build the demo into a throwaway PostgreSQL database. No command or server passes
   * it; a shared database never gets accounts whose password is printed in the README.
   */
  testOnlyAllowPostgres?: boolean;
}

/**
 * Build the demo city through the services (only into an empty database). Returns true when it
 * built. The guard is here, where the accounts with the public password are made, and not only in
 * the server's configuration: outside demo mode, or on PostgreSQL, it refuses (DEMO_REFUSED).
 */
export async function ensureDemo(
  services: Services,
  log: (msg: string) => void,
  opts: DemoBuildOptions,
): Promise<boolean> {
  if (!opts.demoMode) throw new AppError('DEMO_REFUSED');
  if (services.dialect !== 'sqlite' && !opts.testOnlyAllowPostgres) throw new AppError('DEMO_REFUSED');
  return buildDemoCity(services, log, opts);
}

async function buildDemoCity(
  services: Services,
  log: (msg: string) => void,
  opts: { scale?: number; seed?: number },
): Promise<boolean> {
  if (await services.orgs.hasAnyOrg()) return false;
  const started = Date.now();
  // The demo's accounts are tried by visitors with the public password: the second factor starts
  // optional here (an account that enrols one uses it); the security administrator's 安全策略 page
  // makes it required again. Outside the demo the three administrators must enrol one.
  const initial = await services.auth.policy.state();
  await services.auth.policy.update(SYSTEM_ACTOR, {
    policy: { ...initial.policy, totpRequiredRoles: [] },
    version: initial.version,
  });
  const scale = opts.scale ?? 1;
  const rng = createRandom(opts.seed ?? 20210110);
  const { orgs, people, terms, auth, campaigns } = services;
  const caller = SYSTEM_CALLER;

  const city = await orgs.createOrg(caller, {
    parentId: null,
    name: scale === 1 ? '张家港市' : `示范县（×${scale}）`,
    kind: 'city',
    subKind: 'city',
    code: REGION,
  });
  const organ = await orgs.createOrg(caller, {
    parentId: city.id,
    name: '市委组织部',
    kind: 'organ',
    subKind: 'organ',
    sortOrder: 100,
  });
  const depts: string[] = [];
  for (const [i, name] of DEPARTMENTS.entries()) {
    depts.push(
      (
        await orgs.createOrg(caller, {
          parentId: city.id,
          name,
          kind: 'department',
          subKind: 'department',
          sortOrder: 101 + i,
        })
      ).id,
    );
  }

  // Villages first, so committee sizes can be drawn to the city-wide total.
  const used = new Set<string>();
  const villages: {
    townIdx: number;
    name: string;
    subKind: 'village' | 'community';
    type: 'committee' | 'general_branch' | 'branch';
  }[] = [];
  TOWNS.forEach((t, townIdx) => {
    const n = t.villages * scale;
    for (let i = 0; i < n; i++) {
      const fixed = i < (t.named?.length ?? 0) ? t.named![i]! : null;
      if (fixed) used.add(fixed);
      const subKind = fixed ? 'village' : rng.chance(t.communityShare) ? 'community' : 'village';
      const name = fixed ?? placeName(rng, used, subKind === 'community' ? '社区' : '村');
      const r = rng.next();
      villages.push({
        townIdx,
        name,
        subKind,
        type: r < 0.32 ? 'committee' : r < 0.82 ? 'general_branch' : 'branch',
      });
    }
  });
  const sizes = committeeSizes(
    rng,
    villages.map((v) => v.type),
    TARGET_MEMBERS * scale,
  );
  const committees = sizes.map((s) => committeeMembers(rng, s));
  const all = committees.flat();
  // A few young postgraduate secretaries born after 1985, 新塍村's among them (the article's example).
  const xincheng = villages.findIndex((v) => v.name === '新塍村');
  for (const idx of [xincheng, ...[3, 41, 97, 150, 201].map((k) => (k * scale) % villages.length)]) {
    const s = committees[idx]![0]!;
    Object.assign(s, { age: rng.int(31, 35), pinned: true });
  }
  tuneMeanAge(rng, all, TARGET_MEAN_AGE);
  assignEducation(rng, all, COLLEGE_SHARE);
  committees[xincheng]![1] = { ...committees[xincheng]![1]!, name: DEMO_PINYIN_EXAMPLE, gender: '2' };
  // The 2026 election, planned now: each 2021 term runs until its village's 2026 election day.
  // 新塍村's secretary and deputy stand again and are re-elected (the demo village account's committee).
  const renewal = planRenewal2026(
    (opts.seed ?? 20210110) + 5,
    committees.map((c, vi) => ({
      committee: c.map((m) => ({
        role: m.role,
        age: m.age,
        gender: m.gender,
        college: isCollegeOrAbove(highestEducation(m.fullTime, m.inService)),
      })),
      keep: vi === xincheng ? [0, 1] : [],
    })),
  );

  const idSeen = new Set<string>();
  const phoneSeen = new Set<string>();
  const newIdNumber = (birth: string, gender: '1' | '2') => {
    for (;;) {
      const seq = rng.int(0, 499) * 2 + (gender === '1' ? 1 : 0);
      const id = makeIdNumber(REGION, birth, seq);
      if (!idSeen.has(id)) {
        idSeen.add(id);
        return id;
      }
    }
  };
  const newPhone = () => {
    for (;;) {
      const p = `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
      if (!phoneSeen.has(p)) {
        phoneSeen.add(p);
        return p;
      }
    }
  };

  /** A person of a village, aged `m.age` on `refDate`, inserted through the people service. */
  const addPerson = async (
    trx: Tx,
    orgId: string,
    refDate: string,
    m: { name?: string; gender: '1' | '2'; age: number; fullTime: string; inService: string | null },
    party: boolean,
  ) => {
    const birth = birthDateFor(rng, m.age, refDate);
    return people.insertPerson(trx, caller, {
      name: m.name ?? personName(rng, m.gender),
      idNumber: newIdNumber(birth, m.gender),
      ethnicity: rng.chance(0.985) ? '01' : rng.pick(['03', '08', '11', '06']),
      phone: newPhone(),
      fullTimeEducation: m.fullTime,
      inServiceEducation: m.inService,
      degree: m.fullTime === '14' || m.inService === '14' ? '3' : m.fullTime === '21' ? '4' : null,
      politicalStatus: party ? '01' : rng.chance(0.5) ? '01' : '13',
      partyJoinDate: party ? addYears(birth, rng.int(20, Math.max(20, Math.min(m.age - 1, 32)))) : null,
      workStartDate: addYears(birth, rng.int(18, 23)),
      orgId,
    });
  };

  /**
   * Who sits on a villagers' committee: the secretary is usually also director (一肩挑); the other
   * seats partly cross-appointed from the party committee, with at least one woman. New people are
   * added to the roster here; the caller seats them (2021) or nominates them (2026).
   */
  const villagersCommittee = async (
    trx: Tx,
    v: { orgId: string; date: string; secretaryDirector: boolean },
    party: readonly { id: string; gender: '1' | '2' }[],
  ): Promise<{ personId: string; role: PositionRole }[]> => {
    const add = (m: Parameters<typeof addPerson>[3], isParty: boolean) =>
      addPerson(trx, v.orgId, v.date, m, isParty);
    const director = v.secretaryDirector
      ? party[0]!.id
      : await add(
          {
            gender: rng.chance(0.2) ? '2' : '1',
            age: rng.int(35, 55),
            fullTime: rng.pick(['31', '21', '61']),
            inService: null,
          },
          false,
        );
    const seats: { personId: string; role: PositionRole }[] = [{ personId: director, role: 'director' }];
    const vcCount = rng.int(2, 4);
    let hasWoman = false;
    for (let k = 0; k < vcCount; k++) {
      const cross = party[k + 1] && rng.chance(0.5) ? party[k + 1]! : null;
      const mustBeWoman = k === vcCount - 1 && !hasWoman;
      let pid: string;
      if (cross && !mustBeWoman) {
        pid = cross.id;
        if (cross.gender === '2') hasWoman = true;
      } else {
        const gender: '1' | '2' = mustBeWoman || rng.chance(0.4) ? '2' : '1';
        if (gender === '2') hasWoman = true;
        pid = await add(
          { gender, age: rng.int(26, 55), fullTime: rng.pick(['31', '21', '61', '31']), inService: null },
          false,
        );
      }
      seats.push({ personId: pid, role: k === 0 ? 'deputy_director' : 'committee_member' });
    }
    return seats;
  };

  let townId = '';
  let lastTown = -1;
  let electionId = '';
  const townIds: string[] = [];
  const villageIds = new Map<string, string>();
  /** What the 2026 election needs of each village's 2021 term: the org, its terms, its party committee. */
  const terms2021: { orgId: string; members: string[] }[] = [];
  for (const [vi, v] of villages.entries()) {
    if (v.townIdx !== lastTown) {
      const t = TOWNS[v.townIdx]!;
      townId = (
        await orgs.createOrg(caller, {
          parentId: city.id,
          name: t.name,
          kind: 'town',
          subKind: t.subKind,
          sortOrder: v.townIdx,
        })
      ).id;
      townIds.push(townId);
      lastTown = v.townIdx;
      if (!electionId) {
        electionId = await people.transaction((trx) =>
          terms.createElection(trx, caller, {
            scopeOrgId: city.id,
            name: '2021年村（社区）“两委”换届选举',
            electionDate: '2021-01-08',
            termYears: 5,
          }),
        );
      }
    }
    const village = await orgs.createOrg(caller, {
      parentId: townId,
      name: v.name,
      kind: 'village',
      subKind: v.subKind,
      partyOrgType: v.type,
      sortOrder: vi,
    });
    villageIds.set(`${v.townIdx}:${v.name}`, village.id);
    const electionDate = `2021-01-0${rng.int(2, 8)}`;
    const prevStart = `2016-0${rng.int(1, 3)}-${String(rng.int(10, 28)).padStart(2, '0')}`;
    await people.transaction(async (trx) => {
      // The term lasts until the village's next election (planned above), not a fixed five years.
      const end = renewal[vi]!.electionDate;
      const partyTerm = await terms.createTerm(trx, caller, {
        orgId: village.id,
        committee: 'party',
        name: '2021—2026届',
        electionDate,
        startDate: electionDate,
        endDate: end,
        electionId,
      });
      const villagersTerm = await terms.createTerm(trx, caller, {
        orgId: village.id,
        committee: 'villagers',
        name: '2021—2026届',
        electionDate,
        startDate: electionDate,
        endDate: end,
        electionId,
      });
      const prevPartyTerm = await terms.createTerm(trx, caller, {
        orgId: village.id,
        committee: 'party',
        name: '2016—2021届',
        electionDate: prevStart,
        startDate: prevStart,
        endDate: electionDate,
      });
      const members = committees[vi]!;
      const ids: string[] = [];
      for (const m of members) {
        const pid = await addPerson(trx, village.id, DEMO_REF_DATE, m, true);
        ids.push(pid);
        await terms.appointPosition(trx, caller, {
          personId: pid,
          termId: partyTerm,
          role: m.role,
          startDate: electionDate,
        });
      }
      // The seat's history: the previous term's secretary, often someone older who has now stepped down.
      const prevSecretary = rng.chance(0.35)
        ? await addPerson(
            trx,
            village.id,
            DEMO_REF_DATE,
            {
              gender: rng.chance(0.1) ? '2' : '1',
              age: rng.int(55, 63),
              fullTime: rng.pick(['61', '31']),
              inService: null,
            },
            true,
          )
        : ids[0]!;
      await terms.appointPosition(trx, caller, {
        personId: prevSecretary,
        termId: prevPartyTerm,
        role: 'party_secretary',
        startDate: prevStart,
      });
      await terms.endTermSeats(trx, caller, prevPartyTerm, electionDate);
      const villagers = await villagersCommittee(
        trx,
        { orgId: village.id, date: electionDate, secretaryDirector: vi === xincheng || rng.chance(0.86) },
        ids.map((id, k) => ({ id, gender: members[k]!.gender })),
      );
      for (const seat of villagers)
        await terms.appointPosition(trx, caller, { ...seat, termId: villagersTerm, startDate: electionDate });
      terms2021.push({ orgId: village.id, members: ids });
    });
  }
  log(
    `demo city: ${villages.length} villages, ${all.length} party-committee members in ${((Date.now() - started) / 1000).toFixed(1)} s (organ ${organ.name})`,
  );

  // The 2026 election (January–March 2026), a city-wide campaign driven through the campaign service,
  // one transaction per village: timetable, nomination, joint vetting (资格联审), the notice (公示),
  // results, and the finalize that ends the 2021 seats on the election day and seats the 2026—2031 terms.
  const started2026 = Date.now();
  const lastDay = renewal.reduce((a, r) => (r.electionDate > a ? r.electionDate : a), '');
  const campaignId = await campaigns.createCampaign(caller, {
    scopeOrgId: city.id,
    name: '2026年村（社区）“两委”换届选举',
    electionDate: lastDay,
    termYears: 5,
    noticeWorkdays: DEFAULT_NOTICE_WORKDAYS,
  });
  const vettingItems = (await campaigns.getCampaign(caller, campaignId)).vettingItems;
  const cal = services.calendar.current();
  const shiftDays = (date: string, days: number) => dateOf(dayNumber(date) + days);
  let newcomers = 0;
  for (const [vi, r] of renewal.entries()) {
    const orgId = terms2021[vi]!.orgId;
    const date = r.electionDate;
    // The notice starts on the latest working day from which its working days still end before the vote.
    let noticeStart = shiftDays(date, -7);
    while (
      !cal.isWorkday(noticeStart) ||
      cal.addWorkdays(shiftDays(noticeStart, -1), DEFAULT_NOTICE_WORKDAYS) >= date
    )
      noticeStart = shiftDays(noticeStart, -1);
    await people.transaction(async (trx) => {
      const step = (action: 'open_nomination' | 'start_vetting' | 'start_notice' | 'open_voting') =>
        campaigns.transition(caller, campaignId, orgId, { action }, trx);
      await campaigns.updateTimetable(
        caller,
        campaignId,
        orgId,
        {
          nominationDate: shiftDays(noticeStart, -21),
          vettingDate: shiftDays(noticeStart, -10),
          noticeStartDate: noticeStart,
          electionDate: date,
        },
        trx,
      );
      await step('open_nomination');
      const candidates: string[] = [];
      const nominate = async (committee: 'party' | 'villagers', role: PositionRole, personId: string) => {
        const added = await campaigns.addCandidate(
          caller,
          campaignId,
          orgId,
          { committee, role, personId },
          trx,
        );
        if (added.status !== 'added') throw new Error(`demo candidate not added: ${added.status}`);
        candidates.push(added.candidateId);
      };
      // The re-elected stand again; the new people are added to the roster and nominated.
      const party: { id: string; gender: '1' | '2' }[] = [];
      for (const seat of r.seats) {
        if (seat.incumbent === null) {
          party.push({
            id: await addPerson(trx, orgId, date, seat.person, true),
            gender: seat.person.gender,
          });
          newcomers++;
        } else {
          const m = committees[vi]![seat.incumbent]!;
          party.push({ id: terms2021[vi]!.members[seat.incumbent]!, gender: m.gender });
        }
        await nominate('party', seat.role, party[party.length - 1]!.id);
      }
      const villagers = await villagersCommittee(
        trx,
        { orgId, date, secretaryDirector: vi === xincheng || r.secretaryDirector },
        party,
      );
      for (const seat of villagers) await nominate('villagers', seat.role, seat.personId);
      await step('start_vetting');
      for (const candidateId of candidates)
        await campaigns.recordVetting(
          caller,
          campaignId,
          orgId,
          candidateId,
          vettingItems.map((i) => ({ itemId: i.id, outcome: 'pass' as const })),
          trx,
        );
      await step('start_notice');
      await step('open_voting');
      // 等额选举: every candidate elected, with the party members' and the villagers' votes.
      const partyVoters = rng.int(60, 260);
      const villageVoters = rng.int(900, 4200);
      await campaigns.recordResults(
        caller,
        campaignId,
        orgId,
        {
          results: candidates.map((candidateId, k) => {
            const voters = k < r.seats.length ? partyVoters : villageVoters;
            return { candidateId, votes: voters - rng.int(0, Math.floor(voters * 0.12)), elected: true };
          }),
        },
        trx,
      );
      await campaigns.finalizeOrg(caller, campaignId, orgId, undefined, trx);
    });
  }
  log(
    `demo 2026 election: ${renewal.length} villages, ${newcomers} new party-committee members in ${((Date.now() - started2026) / 1000).toFixed(1)} s`,
  );

  const scopeOf = (s: (typeof DEMO_ACCOUNTS)[number]['scope']): string[] => {
    if (s === 'city') return [city.id];
    if (s === 'town') return [townIds[2]!];
    if (s === 'village') return [villageIds.get('2:新塍村')!];
    if (s === 'dept') return [depts[0]!];
    return [];
  };
  const accountIds = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const accountId = await auth.bootstrapAccount(SYSTEM_ACTOR, {
      username: a.username,
      displayName: a.label,
      password: DEMO_PASSWORD,
      roles: [a.role],
      orgIds: scopeOf(a.scope),
    });
    accountIds.set(a.username, accountId);
  }
  // Before the meetings: the secretaries placed from the pipeline attend the meetings after their day.
  await buildDemoPipeline(services, log, {
    rng,
    cityId: city.id,
    organIds: [organ.id, ...depts],
    villages: terms2021.map((t, vi) => ({ ...t, ages: committees[vi]!.map((m) => m.age) })),
    placementDate: shiftDays(lastDay, 45),
    addPerson: (trx, orgId, refDate, m) => addPerson(trx, orgId, refDate, m, true),
    traineeUserId: accountIds.get('demo-trainee')!,
  });
  await buildDemoMeetings(services, log);
  await buildDemoTraining(services, log);
  return true;
}
