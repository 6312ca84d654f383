import { ROLE_PERMISSIONS, makeIdNumber, type TrainingKind } from '@xinhuo/shared';
import type { Services } from '../composition';
import { SYSTEM_CALLER, type Caller } from '../platform/caller';
import { createMovableClock } from '../platform/clock';
import { createTrainingService } from '../modules/training';
import { findCommitteeMembers } from '../modules/training/training.repository';
import { createRandom } from './random';
import { personName } from './names';
import type { Org } from './demo-matter-life';

/*
 * A year of training (2026) and ten years of the customized village-cadre class (2011–2020), made by
 * the training and people services on a moving clock: every figure on the pages is a query.
 */

/** Graduates of each intake year 2011–2020 of the class with 扬州大学 (277 in all). */
const CLASS_GRADUATES = [24, 26, 27, 28, 29, 30, 28, 27, 29, 29] as const;
const FIRST_INTAKE = 2011;
const PARTNER = '扬州大学';
/** Students' ID numbers: born in 常熟 (a county of their own, so they never meet the roster's). */
const STUDENT_REGION = '320581';
const YEAR = 2026;
const REQUIRED_HOURS = 6;

interface SessionPlan {
  kind: TrainingKind;
  date: string;
  title: string;
  times: [string, string];
  hours: number;
  venue: string;
  /** Who is enrolled: a sample of village secretaries, or a town's two committees. */
  audience: { secretaries: number } | { town: number };
  lecturers: number;
}

const PROGRAMS: Record<TrainingKind, string> = {
  academy_course: '2026年支部书记学院农村分院主体班',
  vanguard_arena: '2026年“先锋擂台”村书记比武',
  field_forum: '2026年“一亩三分地”论坛',
  spring_training: '2026年村干部春训',
  winter_training: '2025—2026年度党员冬训',
  on_demand_lecture: '2026年“点单式”讲坛',
};

const SESSIONS: readonly SessionPlan[] = [
  w('winter_training', '2026-01-08', '冬训：学习贯彻全会精神', ['09:00', '11:30'], 2.5, { town: 0 }, 1),
  w('winter_training', '2026-01-15', '冬训：党员先锋作用发挥', ['09:00', '11:30'], 2.5, { town: 1 }, 1),
  w('spring_training', '2026-03-17', '春训：新一届村干部履职第一课', ['09:00', '16:30'], 6, { town: 2 }, 2),
  w('spring_training', '2026-03-24', '春训：村级集体经济发展路径', ['09:00', '16:30'], 6, { town: 3 }, 2),
  w('spring_training', '2026-03-31', '春训：基层治理与网格化服务', ['09:00', '16:30'], 6, { town: 4 }, 2),
  w(
    'academy_course',
    '2026-04-09',
    '主体班第一讲：强村富民的张家港路径',
    ['09:00', '16:00'],
    6,
    { secretaries: 40 },
    2,
  ),
  w(
    'field_forum',
    '2026-04-23',
    '论坛：我的一亩三分地——土地流转',
    ['14:00', '16:30'],
    2.5,
    { secretaries: 30 },
    2,
  ),
  w(
    'academy_course',
    '2026-05-14',
    '主体班第二讲：村级资产资源管理',
    ['09:00', '16:00'],
    6,
    { secretaries: 40 },
    2,
  ),
  w(
    'on_demand_lecture',
    '2026-05-21',
    '点单式讲坛：村务公开与“小微权力”',
    ['14:00', '16:00'],
    2,
    { secretaries: 25 },
    1,
  ),
  w('vanguard_arena', '2026-06-11', '先锋擂台：集体经济增收项目比拼', ['09:00', '12:00'], 3, { town: 5 }, 3),
  w(
    'academy_course',
    '2026-06-18',
    '主体班第三讲：人居环境长效管护',
    ['09:00', '16:00'],
    6,
    { secretaries: 40 },
    2,
  ),
  w(
    'field_forum',
    '2026-07-09',
    '论坛：我的一亩三分地——美丽乡村',
    ['14:00', '16:30'],
    2.5,
    { secretaries: 30 },
    2,
  ),
  w(
    'on_demand_lecture',
    '2026-07-23',
    '点单式讲坛：矛盾纠纷调解实务',
    ['14:00', '16:00'],
    2,
    { secretaries: 25 },
    1,
  ),
  w(
    'academy_course',
    '2026-09-10',
    '主体班第四讲：乡村振兴政策解读',
    ['09:00', '16:00'],
    6,
    { secretaries: 40 },
    2,
  ),
  w('vanguard_arena', '2026-09-17', '先锋擂台：基层治理创新案例比拼', ['09:00', '12:00'], 3, { town: 6 }, 3),
  w(
    'field_forum',
    '2026-10-15',
    '论坛：我的一亩三分地——强村公司',
    ['14:00', '16:30'],
    2.5,
    { secretaries: 30 },
    2,
  ),
  w(
    'academy_course',
    '2026-10-22',
    '主体班第五讲：年轻干部成长与传帮带',
    ['09:00', '16:00'],
    6,
    { secretaries: 40 },
    2,
  ),
  w(
    'on_demand_lecture',
    '2026-11-05',
    '点单式讲坛：惠农政策与项目申报',
    ['14:00', '16:00'],
    2,
    { secretaries: 25 },
    1,
  ),
  w('vanguard_arena', '2026-11-12', '先锋擂台：年度“书记项目”晒比', ['09:00', '12:00'], 3, { town: 7 }, 3),
  w('winter_training', '2026-11-26', '冬训：新时代党员教育管理', ['09:00', '11:30'], 2.5, { town: 8 }, 1),
];

function w(
  kind: TrainingKind,
  date: string,
  title: string,
  times: [string, string],
  hours: number,
  audience: SessionPlan['audience'],
  lecturers: number,
): SessionPlan {
  const venue =
    kind === 'academy_course'
      ? '支部书记学院农村分院（永联村）'
      : kind === 'vanguard_arena'
        ? '市委党校报告厅'
        : '镇党群服务中心';
  return { kind, date, title, times, hours, venue, audience, lecturers };
}

/** Build the training year and the university class (called at the end of the demo build). */
export async function buildDemoTraining(
  services: Services,
  log: (msg: string) => void,
  opts: { seed?: number } = {},
) {
  const started = Date.now();
  const rng = createRandom(opts.seed ?? 20260101);
  const clock = createMovableClock(`${YEAR}-01-02T01:00:00Z`);
  const training = createTrainingService({ ...services, clock });

  const [city] = (await services.orgs.listChildren(SYSTEM_CALLER)) as Org[];
  if (!city) return;
  const towns = ((await services.orgs.listChildren(SYSTEM_CALLER, city.id)) as Org[]).filter(
    (o) => o.kind === 'town',
  );
  const villages: Org[] = [];
  for (const t of towns)
    villages.push(
      ...((await services.orgs.listChildren(SYSTEM_CALLER, t.id)) as Org[]).filter(
        (o) => o.kind === 'village',
      ),
    );
  // A town session seats the town's two committees: 400 seats, more for a larger demo town (--scale).
  const townCapacity = async (town: Org, date: string) =>
    Math.max(
      400,
      Math.ceil((await findCommitteeMembers(services.db, town.path, [city.path], date)).length / 100) * 100,
    );
  const cityDesk: Caller = {
    userId: null,
    scopePaths: [city.path],
    permissions: ROLE_PERMISSIONS.city_admin,
    actor: {
      userId: null,
      username: '市委组织部组织科',
      role: 'demo',
      ip: null,
      requestId: null,
      sessionHash: null,
    },
  };
  const secretariesOn = async (date: string) =>
    (
      await services.people.listPeople(
        SYSTEM_CALLER,
        { orgId: city.id, role: 'party_secretary', refDate: date },
        { offset: 0, limit: 1000 },
      )
    ).items.map((p) => p.id);

  // ——— A year of sessions ———
  await training.setRequirement(cityDesk, YEAR, REQUIRED_HOURS);
  const programOf = new Map<TrainingKind, string>();
  for (const kind of Object.keys(PROGRAMS) as TrainingKind[])
    programOf.set(
      kind,
      await training.createProgram(cityDesk, { name: PROGRAMS[kind], kind, year: YEAR, ownerOrgId: city.id }),
    );
  // The excellent secretaries who lecture: a dozen of those seated after the 2026 election.
  const lecturerPool = rng.shuffle(await secretariesOn(`${YEAR}-04-01`)).slice(0, 12);
  let enrolled = 0;
  let attended = 0;
  for (const s of SESSIONS) {
    clock.set(`${s.date}T00:30:00Z`);
    const secretaries = await secretariesOn(s.date);
    const lecturers = rng.shuffle([...lecturerPool]).slice(0, s.lecturers);
    const town = 'town' in s.audience ? towns[s.audience.town % towns.length]! : null;
    const audience =
      'town' in s.audience
        ? { by: 'org' as const, orgId: town!.id }
        : {
            by: 'person' as const,
            personIds: rng
              .shuffle(secretaries.filter((p) => !lecturers.includes(p)))
              .slice(0, s.audience.secretaries),
          };
    const sessionId = await training.createSession(cityDesk, {
      programId: programOf.get(s.kind)!,
      title: s.title,
      sessionDate: s.date,
      startTime: s.times[0],
      endTime: s.times[1],
      venue: s.venue,
      hours: s.hours,
      capacity: town !== null ? await townCapacity(town, s.date) : 60,
      lecturers: lecturers.map((personId) => ({ personId, topic: null })),
    });
    // Enrolled a week or two before; signed in on the day (most come); feedback from about half.
    clock.set(`${s.date}T00:30:00Z`);
    clock.advance(-rng.int(7, 14) * 86_400_000);
    const e = await training.enroll(cityDesk, sessionId, audience);
    enrolled += e.enrolled;
    const detail = await training.getSession(cityDesk, sessionId);
    clock.set(`${s.date}T00:${String(rng.int(40, 59))}:00Z`);
    const present = detail.enrollments.filter(() => rng.chance(0.9)).map((x) => x.personId);
    if (present.length > 0) attended += (await training.signIn(cityDesk, sessionId, present)).signedIn;
    clock.advance(6 * 3600_000);
    for (const personId of present)
      if (rng.chance(0.5))
        await training.giveFeedback(cityDesk, sessionId, {
          personId,
          rating: rng.pick([3, 4, 4, 5, 5, 5]),
          feedback: null,
        });
  }

  // ——— The customized village-cadre class, 2011–2020 ———
  const idSeen = new Set<string>();
  const newIdNumber = (birth: string, gender: '1' | '2') => {
    for (;;) {
      const id = makeIdNumber(STUDENT_REGION, birth, rng.int(0, 499) * 2 + (gender === '1' ? 1 : 0));
      if (!idSeen.has(id)) {
        idSeen.add(id);
        return id;
      }
    }
  };
  let students = 0;
  for (const [i, graduates] of CLASS_GRADUATES.entries()) {
    const year = FIRST_INTAKE + i;
    clock.set(`${year}-09-01T01:00:00Z`);
    const left = rng.int(0, 2);
    await services.db.transaction().execute(async (trx) => {
      const cohortId = await training.createCohort(
        cityDesk,
        { name: `${year}级定制村干班`, partner: PARTNER, intakeYear: year, ownerOrgId: city.id },
        trx,
      );
      for (let k = 0; k < graduates + left; k++) {
        const graduated = k < graduates;
        const gender: '1' | '2' = rng.chance(0.35) ? '2' : '1';
        const birth = `${year - 18 - rng.int(0, 1)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        const village = rng.pick(villages);
        // Most graduates go back to a village; a few to a town office.
        const inVillage = rng.chance(0.93);
        const placement = graduated
          ? inVillage
            ? village
            : towns.find((t) => village.path.startsWith(t.path))!
          : null;
        const role = graduated
          ? inVillage
            ? rng.pick(['村书记助理', '村委会委员', '村党组织委员', '村级后备干部'])
            : '镇便民服务中心'
          : null;
        const later =
          graduated && year <= 2016 && rng.chance(0.4)
            ? `${year + rng.int(6, 9)}年起任${rng.pick(['村党组织副书记', '村委会副主任', '村党组织书记'])}`
            : null;
        await training.addStudent(
          cityDesk,
          cohortId,
          {
            person: {
              name: personName(rng, gender),
              idNumber: newIdNumber(birth, gender),
              ethnicity: '01',
              fullTimeEducation: graduated ? '31' : null,
              politicalStatus: rng.chance(0.7) ? '01' : '03',
              orgId: (placement ?? village).id,
            },
            status: graduated ? 'graduated' : 'left',
            graduationDate: graduated ? `${year + 3}-06-30` : null,
            placementOrgId: placement?.id ?? null,
            placementRole: role,
            placementDate: graduated ? `${year + 3}-07-${String(rng.int(1, 20)).padStart(2, '0')}` : null,
            laterPath: later,
          },
          trx,
        );
        students++;
      }
    });
  }
  log(
    `demo training: ${SESSIONS.length} sessions, ${enrolled} enrolled, ${attended} attended; class ${students} students in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
