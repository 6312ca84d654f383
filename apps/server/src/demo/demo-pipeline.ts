import { highestEducation, isCollegeOrAbove, type CadreRank, type EligibilityRule } from '@xinhuo/shared';
import type { Services } from '../composition';
import type { Tx } from '../database';
import { SYSTEM_CALLER } from '../platform/caller';
import { dateOf, dayNumber } from '../platform/calendar/work-calendar';
import type { Random } from './random';

/** A new person of an org, aged `age` on `refDate` (the demo city's own helper: valid ID, phone). */
export type AddDemoPerson = (
  trx: Tx,
  orgId: string,
  refDate: string,
  m: { gender: '1' | '2'; age: number; fullTime: string; inService: string | null },
) => Promise<string>;

const shift = (date: string, days: number) => dateOf(dayNumber(date) + days);

/**
 * 美美乡村·薪火计划 built through the pipeline service: the program with its three tiers (20 / 40 / 70),
 * the rules, and cohorts whose candidates go every step — nomination, the eligibility check, vetting
 * (考察), the 任前公示 on working days, selection, training with a mentor — and some placed as village
 * secretaries through the terms service after the 2026 election (the roster shows them).
 */
export async function buildDemoPipeline(
  services: Services,
  log: (msg: string) => void,
  d: {
    rng: Random;
    cityId: string;
    /** The organs and departments whose young middle-level cadres become 兴村特岗书记. */
    organIds: string[];
    /** Each village with its 2021 party committee (secretary first) and the members' ages on 2021-01-10. */
    villages: { orgId: string; members: string[]; ages: number[] }[];
    /** A day after the 2026 election when every new term runs. */
    placementDate: string;
    addPerson: AddDemoPerson;
    traineeUserId: string;
  },
): Promise<void> {
  const started = Date.now();
  const { pipeline, people, terms, auth } = services;
  const caller = SYSTEM_CALLER;
  const { rng } = d;
  const tx = <T>(work: (trx: Tx) => Promise<T>) => people.transaction(work);

  const programId = await pipeline.createProgram(caller, {
    name: '美美乡村·薪火计划',
    periodFrom: '2021-01-01',
    periodTo: '2023-12-31',
    ownerOrgId: d.cityId,
  });
  const tier = async (
    code: string,
    nameZh: string,
    nameEn: string,
    target: number,
    hoursPerYear: number,
    rules: EligibilityRule[],
  ) => {
    const id = await pipeline.addTier(caller, programId, {
      code,
      nameZh,
      nameEn,
      target,
      hoursPerYear,
      monthsMin: 24,
      monthsMax: 36,
      rules,
    });
    return id;
  };
  const benchmark = await tier('benchmark', '乡村标杆书记', 'Benchmark village secretary', 20, 40, [
    { kind: 'source_org_kind', kinds: ['village'] },
    { kind: 'political_status', codes: ['01'] },
    { kind: 'min_years_in_post', years: 1 },
    { kind: 'min_education', code: '30' },
    { kind: 'no_incompetent', years: 3 },
  ]);
  const special = await tier('special_post', '兴村特岗书记', 'Special-post village secretary', 40, 60, [
    { kind: 'max_age', years: 35 },
    { kind: 'source_org_kind', kinds: ['organ', 'department'] },
    { kind: 'rank', ranks: ['middle_chief', 'middle_deputy'] },
    { kind: 'political_status', codes: ['01', '02'] },
    { kind: 'min_education', code: '30' },
    { kind: 'min_training_hours', hours: 0 },
    { kind: 'no_incompetent', years: 3 },
  ]);
  const vanguard = await tier('vanguard', '青年尖兵村干', 'Young vanguard village cadre', 70, 48, [
    { kind: 'max_age', years: 35 },
    { kind: 'source_org_kind', kinds: ['village'] },
    { kind: 'min_education', code: '30' },
  ]);

  const cohort = (
    tierId: string,
    name: string,
    selectionDate: string,
    sendOffDate: string | null,
    n: number,
  ) => pipeline.createCohort(caller, { tierId, name, selectionDate, sendOffDate, intakeTarget: n });

  const mentors = d.villages.slice(0, 30).map((v) => v.members[0]!);
  /**
   * One candidate through the steps up to `until` (all inside one transaction); returns its id and
   * whether it passed the eligibility check (an ineligible one stays there, with its failing rule).
   */
  const run = async (
    trx: Tx,
    p: {
      personId: string;
      tierId: string;
      cohortId: string;
      selection: string;
      until: 'selected' | 'in_training';
    },
  ) => {
    const id = await pipeline.nominate(
      caller,
      {
        personId: p.personId,
        tierId: p.tierId,
        selectionDate: p.selection,
        reason: '所在单位党组织推荐',
        date: shift(p.selection, -60),
      },
      trx,
    );
    let version = 1;
    const step = async (b: Parameters<typeof pipeline.step>[2]) => {
      await pipeline.step(caller, id, { ...b, version } as never, trx);
      version++;
    };
    await step({ action: 'check_eligibility', date: shift(p.selection, -45), version });
    const detail = await pipeline.getCandidate(caller, id, trx);
    if (!detail.eligible) return { id, eligible: false, version };
    await step({
      action: 'vet',
      date: shift(p.selection, -35),
      version,
      team: ['市委组织部考察组', '所在单位党组织'],
      findings: '政治素质好，群众基础好，工作实绩突出',
      conclusion: '考察合格，拟列为人选',
    });
    await step({ action: 'start_notice', date: shift(p.selection, -25), version });
    await step({ action: 'select', date: p.selection, cohortId: p.cohortId, version });
    if (p.until === 'in_training')
      await step({
        action: 'start_training',
        date: shift(p.selection, 30),
        version,
        mentorPersonId: rng.pick(mentors),
        milestones: [
          { title: '驻村实践', due: shift(p.selection, 365) },
          { title: '年度考核', due: shift(p.selection, 730) },
        ],
      });
    return { id, eligible: true, version };
  };

  // 兴村特岗书记: young middle-level cadres of the organs, a cohort every two years.
  const batches = [
    { name: '第一批', selection: '2020-09-15', sendOff: '2020-10-20', size: 26 },
    { name: '第二批', selection: '2022-09-15', sendOff: '2022-10-18', size: 25 },
    { name: '第三批', selection: '2024-09-13', sendOff: '2024-10-22', size: 25 },
  ];
  const special2020: { id: string; version: number; personId: string }[] = [];
  let trainee: string | null = null;
  for (const b of batches) {
    const cohortId = await cohort(special, b.name, b.selection, b.sendOff, b.size);
    for (let i = 0; i < b.size; i++) {
      await tx(async (trx) => {
        const organId = d.organIds[i % d.organIds.length]!;
        const personId = await d.addPerson(trx, organId, b.selection, {
          gender: rng.chance(0.3) ? '2' : '1',
          age: rng.int(28, 34),
          fullTime: rng.chance(0.2) ? '14' : '21',
          inService: null,
        });
        const rank: CadreRank = rng.chance(0.3) ? 'middle_chief' : 'middle_deputy';
        await people.setCadreRank(caller, personId, rank, trx);
        const r = await run(trx, {
          personId,
          tierId: special,
          cohortId,
          selection: b.selection,
          until: 'in_training',
        });
        if (b.name === '第一批') special2020.push({ id: r.id, version: r.version, personId });
        if (b.name === '第三批' && !trainee) {
          // The trainee account is linked to its person; the own record is found through the link.
          await auth.personLinks.linkIn(trx, caller.actor, d.traineeUserId, personId);
          trainee = r.id;
        }
      });
    }
  }

  // 乡村标杆书记 (2022) and 青年尖兵村干 (2021, 2023) from the villages' own people.
  const bench = await cohort(benchmark, '2022年度', '2022-07-15', null, 20);
  for (const v of d.villages.filter((_, k) => k % 12 === 5).slice(0, 18))
    await tx((trx) =>
      run(trx, {
        personId: v.members[0]!,
        tierId: benchmark,
        cohortId: bench,
        selection: '2022-07-15',
        until: 'selected',
      }),
    );
  const young = d.villages.flatMap((v) =>
    v.members.slice(1).flatMap((personId, k) => (v.ages[k + 1]! <= 32 ? [personId] : [])),
  );
  const v2021 = await cohort(vanguard, '2021年度', '2021-07-15', null, 35);
  const v2023 = await cohort(vanguard, '2023年度', '2023-07-14', null, 35);
  const villageOf = new Map(d.villages.flatMap((v) => v.members.map((m) => [m, v.orgId] as const)));
  const vanguards: { id: string; villageId: string }[] = [];
  for (const [k, personId] of young.slice(0, 64).entries()) {
    const selection = k < 32 ? '2021-07-15' : '2023-07-14';
    const r = await tx(async (trx) => {
      const x = await run(trx, {
        personId,
        tierId: vanguard,
        cohortId: k < 32 ? v2021 : v2023,
        selection,
        until: 'in_training',
      });
      // The yearly assessment of each full year in training (most excellent, some competent), which
      // the successor score reads.
      let version = x.version;
      for (let y = Number(selection.slice(0, 4)) + 1; x.eligible && y <= 2025; y++) {
        const level = (k + y) % 4 === 0 ? 'competent' : 'excellent';
        await pipeline.step(
          caller,
          x.id,
          { action: 'assess', date: `${y + 1}-01-20`, year: y, level, version },
          trx,
        );
        version++;
      }
      return x;
    });
    if (r.eligible) vanguards.push({ id: r.id, villageId: villageOf.get(personId)! });
  }

  // The first batch: 12 recommended and appointed village secretaries after the 2026 election, in
  // villages whose sitting secretary is college-educated (the city's education figure stays as it was).
  let placed = 0;
  for (const v of d.villages.slice(40)) {
    if (placed >= 12) break;
    const seat = (await terms.listTerms(caller, v.orgId))
      .flatMap((t) => (t.committee === 'party' && !t.endedOn ? t.seats : []))
      .find((s) => s.role === 'party_secretary' && s.endDate === null && s.startDate <= d.placementDate);
    if (!seat) continue;
    const sitting = await people.getPerson(caller, seat.personId);
    if (!isCollegeOrAbove(highestEducation(sitting.fullTimeEducation, sitting.inServiceEducation))) continue;
    const c = special2020[placed]!;
    await tx((trx) =>
      pipeline.step(
        caller,
        c.id,
        {
          action: 'place',
          date: d.placementDate,
          orgId: v.orgId,
          version: c.version,
          reason: '培养期满，考核优秀',
        },
        trx,
      ),
    );
    placed++;
  }
  const succession = await buildDemoBench(services, {
    date: d.placementDate,
    vanguards,
    others: special2020.slice(placed).map((c) => c.id),
  });
  log(
    `demo pipeline: ${batches.length} 特岗 cohorts, ${placed} placed, ${succession.ready} seats at risk with a ready successor, ${succession.notReady} without, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * The succession bench, computed through the services: the seats at risk today (secretary at the
 * program's age threshold, term ending within 12 months, vacant) as the succession service sees them;
 * every other one gets a ready-now successor (a 青年尖兵 of the seat's town first), the rest a
 * successor ready in 1–2 years — so the heat map shows both. A town-wide entry and a recommendation
 * on the first ready seat show the other kinds of record.
 */
async function buildDemoBench(
  services: Services,
  d: { date: string; vanguards: { id: string; villageId: string }[]; others: string[] },
): Promise<{ ready: number; notReady: number }> {
  const { succession } = services;
  const caller = SYSTEM_CALLER;
  const overview = await succession.overview(caller, {});
  const townOf = new Map(overview.seats.map((s) => [s.orgId, s.townId]));
  const pool = d.vanguards.map((v) => ({ id: v.id, townId: townOf.get(v.villageId) ?? null }));
  const others = [...d.others];
  const take = (townId: string | null) => {
    const k = pool.findIndex((p) => p.townId === townId);
    if (k >= 0) return pool.splice(k, 1)[0]!.id;
    return others.shift() ?? pool.shift()?.id ?? null;
  };
  let ready = 0;
  let notReady = 0;
  const atRisk = overview.seats.filter((s) => s.flags.length > 0).slice(0, 40);
  for (const [k, seat] of atRisk.entries()) {
    const candidateId = take(seat.townId);
    if (!candidateId) break;
    const readiness = k % 2 === 0 ? 'ready_now' : 'one_two_years';
    await succession.addBench(caller, seat.orgId, {
      candidateId,
      forSeat: true,
      readiness,
      rank: 1,
      date: d.date,
    });
    if (readiness === 'ready_now') ready++;
    else notReady++;
    if (k === 0) {
      const second = take(seat.townId);
      if (second)
        await succession.addBench(caller, seat.orgId, {
          candidateId: second,
          forSeat: false,
          readiness: 'later',
          rank: 2,
          date: d.date,
        });
      await succession.record(caller, seat.orgId, {
        kind: 'recommendation',
        candidateId,
        date: d.date,
        note: '镇党委推荐：培养期满，考核优秀，群众基础好',
      });
    }
  }
  return { ready, notReady };
}
