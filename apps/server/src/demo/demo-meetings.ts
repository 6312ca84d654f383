import { ROLE_PERMISSIONS, type MeetingHostLevel, type Role } from '@xinhuo/shared';
import { wireAttachments, wireMeetingsAndMatters, type Services } from '../composition';
import { SYSTEM_CALLER, type Caller } from '../platform/caller';
import { createMovableClock } from '../platform/clock';
import { createNotifier } from '../platform/notify/notifier';
import type { ParticipantInput } from '../modules/meetings';
import { createRandom } from './random';
import { personName } from './names';
import { createSimulation } from './demo-simulation';
import { liveMatter, type Org } from './demo-matter-life';
import { pngImage, signInSheet } from './demo-files';

// One year of meetings and matters, lived through on a moving clock: every figure is made by the services.
const START = '2025-12-01';
const END = '2026-11-27';
const END_MS = Date.parse(`${END}T18:00:00+08:00`);

const TITLES: Record<string, readonly string[]> = {
  village_economy: [
    '村级标准厂房项目审批进度慢',
    '集体经营性资产租金收缴难',
    '强村公司税费政策需要解读',
    '土地流转合同到期续签需协调',
    '村级物业项目招商缺少支持',
    '乡村旅游配套资金申请无门',
    '高标准农田建设进度滞后',
  ],
  beautiful_village: [
    '村内主干道破损亟需修缮',
    '河道淤积需要清淤整治',
    '生活污水管网尚未接入',
    '人居环境长效管护经费不足',
    '农房翻建审批流程太长',
    '村庄公共绿化需要补植',
    '垃圾分类收运频次不足',
  ],
  burden_reduction: [
    '各类台账报表重复填报',
    '考核检查过多过频',
    '工作微信群过多',
    '村级组织挂牌过多需清理',
    '证明事项清单落实不到位',
    '临时性工作任务层层加码',
  ],
  cadre_exchange: [
    '村干部到镇机关跟班学习名额少',
    '优秀村书记进编渠道不畅',
    '年轻村干部轮岗交流机制',
    '镇村干部双向挂职安排',
    '村干部学历提升补贴标准',
    '后备干部培养缺少实践岗位',
  ],
};
const CATEGORIES = Object.keys(TITLES);

interface Secretary {
  personId: string;
  name: string;
  village: Org;
}

/** Build a year of secretaries' meetings and matters through the services (called at the end of ensureDemo). */
export async function buildDemoMeetings(
  services: Services,
  log: (msg: string) => void,
  opts: { seed?: number } = {},
) {
  const started = Date.now();
  const rng = createRandom(opts.seed ?? 20251201);
  const clock = createMovableClock(`${START}T00:00:00Z`);
  const notify = createNotifier({ db: services.db, clock, audit: services.audit });
  const loop = wireMeetingsAndMatters({ ...services, clock, notify });
  const files = wireAttachments({ ...services, clock }, loop);
  // Its own stream, so attaching files does not change the random course of the matters.
  const fileRng = createRandom((opts.seed ?? 20251201) + 1);
  const cal = services.calendar.current();
  const sim = createSimulation(clock);

  // The org tree and the village secretaries, read through the services.
  const [city] = (await services.orgs.listChildren(SYSTEM_CALLER)) as Org[];
  if (!city) return null;
  const top = (await services.orgs.listChildren(SYSTEM_CALLER, city.id)) as Org[];
  const towns = top.filter((o) => o.kind === 'town');
  const unitByName = new Map(top.filter((o) => o.kind !== 'town').map((o) => [o.name, o]));
  const villagesOf = new Map<string, Org[]>();
  for (const t of towns)
    villagesOf.set(t.id, (await services.orgs.listChildren(SYSTEM_CALLER, t.id)) as Org[]);
  // A town's village secretaries on a date: the 2026 election (January–March) seats new ones, so a
  // meeting lists those in office on its day.
  const seatedOn = new Map<string, Secretary[]>();
  const secretariesOn = async (townId: string, date: string): Promise<Secretary[]> => {
    const key = `${townId}:${date}`;
    const known = seatedOn.get(key);
    if (known) return known;
    const villages = villagesOf.get(townId)!;
    const { items } = await services.people.listPeople(
      SYSTEM_CALLER,
      { orgId: townId, role: 'party_secretary', refDate: date },
      { offset: 0, limit: 1000 },
    );
    const found = items
      .map((p) => ({ personId: p.id, name: p.name, village: villages.find((v) => v.id === p.orgId)! }))
      .filter((s) => s.village);
    seatedOn.set(key, found);
    return found;
  };
  const allSecretariesOn = async (date: string) =>
    (await Promise.all(towns.map((t) => secretariesOn(t.id, date)))).flat();

  const callerOf = (role: Role, org: Org, username: string): Caller => ({
    userId: null,
    scopePaths: [org.path],
    permissions: ROLE_PERMISSIONS[role],
    actor: { userId: null, username, role: 'demo', ip: null, requestId: null, sessionHash: null },
  });
  const cityDesk = callerOf('city_admin', city, '市委组织部督查室');
  const townDesk = new Map(towns.map((t) => [t.id, callerOf('town_staff', t, `${t.name}组织办`)]));
  const unitDesk = (u: Org) =>
    u.kind === 'town' ? townDesk.get(u.id)! : callerOf('dept_handler', u, `${u.name}经办人`);
  const villageDesk = (v: Org) => callerOf('village_secretary', v, `${v.name}书记`);

  /** A moment on the n-th working day after a date, at a Shanghai hour. */
  const wd = (date: string, n: number, hour: number) =>
    Date.parse(
      `${cal.addWorkdays(date, n)}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`,
    );
  const dayOf = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
  const workdayOnOrAfter = (date: string) => (cal.isWorkday(date) ? date : cal.addWorkdays(date, 1));

  const clockMs = () => clock.now().getTime();
  const today = () => dayOf(clockMs());
  let meetingsHeld = 0;
  let raised = 0;
  const villageMatters = new Map<string, string[]>();
  const life = {
    rng,
    loop,
    cal,
    sim,
    wd,
    today,
    clockMs,
    dayOf,
    unitByName,
    cityDesk,
    unitDesk,
    villageDesk,
    villageMatters,
  };

  /** A meeting: participants, minutes published the next working day, matters raised by its speakers. */
  async function meeting(p: {
    date: string;
    title: string;
    level: MeetingHostLevel;
    host: Org;
    town: Org | null;
    venue: Org;
    speakers: Secretary[];
    attendees: Secretary[];
    seriesId: string;
    desk: Caller;
    perSpeaker: [number, number];
  }) {
    await sim.until(Date.parse(`${p.date}T09:00:00+08:00`));
    const participants: ParticipantInput[] = [
      {
        name: `${p.level === 'city' ? '市委书记' : p.level === 'town' ? `${p.host.name}党委书记` : `${p.host.name}机关党委书记`} ${personName(rng, '1')}`,
        orgId: p.host.id,
        role: 'host',
        attended: true,
        spoke: false,
      },
      ...p.speakers.map((s) => ({
        personId: s.personId,
        orgId: s.village.id,
        name: s.name,
        role: 'speaker' as const,
        attended: true,
        spoke: true,
        speechTopic: `${s.village.name}发展情况和困难问题`,
      })),
      ...p.attendees.map((s) => ({
        personId: s.personId,
        orgId: s.village.id,
        name: s.name,
        role: 'attendee' as const,
        attended: rng.chance(0.95),
        spoke: false,
      })),
    ];
    const id = await loop.meetings.createMeeting(SYSTEM_CALLER, {
      seriesId: p.seriesId,
      title: p.title,
      meetingDate: p.date,
      hostLevel: p.level,
      hostOrgId: p.host.id,
      venueOrgId: p.venue.id,
      topic: '聚焦村级发展难题，书记讲给书记听',
      minutes: `${p.title}在${p.venue.name}召开。${p.speakers.map((s) => `${s.village.name}${s.name}`).join('、')}等${p.speakers.length}位村书记作交流发言，会上梳理问题事项并当场登记交办。`,
      participants,
    });
    meetingsHeld++;
    await files.upload(p.desk, 'meeting', id, {
      name: `${p.title}签到表.xlsx`,
      bytes: await signInSheet(participants),
    });
    await sim.until(Date.parse(`${p.date}T11:30:00+08:00`));
    const items = p.speakers.flatMap((s) =>
      Array.from({ length: rng.int(...p.perSpeaker) }, () => {
        const category = rng.pick(CATEGORIES);
        return {
          category,
          s,
          input: {
            title: `${s.village.name}${rng.pick(TITLES[category]!)}`,
            description: `${s.village.name}书记${s.name}在会上反映：${rng.pick(TITLES[category]!)}，影响村里工作推进，希望有关部门协调解决。`,
            categoryCode: category,
            villageId: s.village.id,
            raiserPersonId: s.personId,
          },
        };
      }),
    );
    const ids = await loop.meetings.raiseAtMeeting(
      p.desk,
      id,
      items.map((i) => i.input),
    );
    raised += ids.length;
    // About one matter in five comes with a site photo the desk took at the meeting.
    for (const mid of ids) {
      if (fileRng.chance(0.2))
        await files.upload(p.desk, 'matter', mid, {
          name: `现场照片-${fileRng.int(1, 9)}.png`,
          bytes: pngImage(96, 64, fileRng.int(0, 100) / 100),
        });
    }
    ids.forEach((mid, i) => {
      const { category, s } = items[i]!;
      villageMatters.set(s.village.id, [...(villageMatters.get(s.village.id) ?? []), mid]);
      const town = p.town ?? towns.find((t) => s.village.path.startsWith(t.path))!;
      sim.spawn(() =>
        liveMatter(
          life,
          mid,
          p.date,
          category,
          town,
          s.village,
          p.desk,
          p.date > '2026-10-01' && rng.chance(0.08),
        ),
      );
    });
    await sim.until(wd(p.date, 1, 17));
    const m = await loop.meetings.getMeeting(SYSTEM_CALLER, id);
    await loop.meetings.setPublished(SYSTEM_CALLER, id, m.version, true);
  }

  const pickSecretaries = (pool: Secretary[], n: number, first?: string) => {
    const chosen = rng.shuffle([...pool]).slice(0, n);
    const pinned = first ? pool.find((s) => s.village.name === first) : undefined;
    return pinned ? [pinned, ...chosen.filter((s) => s !== pinned)].slice(0, n) : chosen;
  };
  const series = async (name: string, level: MeetingHostLevel, host: Org) =>
    loop.meetings.createSeries(SYSTEM_CALLER, {
      name,
      hostLevel: level,
      hostOrgId: host.id,
      cadence: 'quarterly',
    });

  sim.spawn(async () => {
    await sim.until(Date.parse(`${START}T08:00:00+08:00`));
    const cityTalk = await series('书记讲给书记听', 'city', city);
    const jiyang = await series('暨阳面对面', 'city', city);
    const organ = [...unitByName.values()].find((u) => u.kind === 'organ')!;
    const organTalk = await series('机关书记进村讲', 'organ', organ);
    const daxin = towns.find((t) => t.name === '大新镇') ?? towns[towns.length - 1]!;
    const plan: Parameters<typeof meeting>[0][] = [];
    /** A city-level meeting; its speakers (picked from the secretaries in office on its day) host it. */
    const cityMeeting = async (
      day: string,
      title: string,
      seriesId: string,
      pickSpeakers: (date: string) => Promise<Secretary[]>,
      level: MeetingHostLevel = 'city',
      host: Org = city,
    ) => {
      const date = workdayOnOrAfter(day);
      const speakers = await pickSpeakers(date);
      plan.push({
        date,
        title,
        level,
        host,
        town: null,
        venue: speakers[0]!.village,
        speakers,
        attendees: pickSecretaries(await allSecretariesOn(date), 12),
        seriesId,
        desk: cityDesk,
        perSpeaker: [1, 2],
      });
    };
    const anyFive = async (date: string) => pickSecretaries(await allSecretariesOn(date), 5);
    for (const [q, d] of ['2025-12-05', '2026-03-13', '2026-06-12', '2026-09-11'].entries())
      await cityMeeting(
        d,
        `${d.slice(0, 4)}年第${['四', '一', '二', '三'][q]}季度书记讲给书记听`,
        cityTalk,
        anyFive,
      );
    for (const [i, d] of ['2026-01-16', '2026-04-17', '2026-07-17', '2026-10-16'].entries())
      await cityMeeting(
        d,
        `暨阳面对面（第${i + 1}期）`,
        jiyang,
        i === 1 ? async (date) => pickSecretaries(await secretariesOn(daxin.id, date), 5, '新凯村') : anyFive,
      );
    for (const [i, d] of ['2026-02-27', '2026-08-21'].entries())
      await cityMeeting(d, `机关书记进村讲（第${i + 1}期）`, organTalk, anyFive, 'organ', organ);
    for (const t of towns) {
      const tSeries = await series(`${t.name}书记讲给书记听`, 'town', t);
      // Three a year, on staggered days; three towns meet once more in November (their matters are still open).
      const extra = (
        { 杨舍镇: '2026-11-12', 大新镇: '2026-11-19', 金港镇: '2026-11-26' } as Record<string, string>
      )[t.name];
      const dates = ['2026-01-21', '2026-05-20', '2026-09-16'].map((d) =>
        cal.addWorkdays(d, towns.indexOf(t) % 3),
      );
      for (const [i, d] of [...dates, ...(extra ? [extra] : [])].entries()) {
        const date = workdayOnOrAfter(d);
        const pool = await secretariesOn(t.id, date);
        const speakers = pickSecretaries(
          pool,
          Math.min(pool.length, rng.int(5, 6)),
          t.name === '金港镇' ? '新塍村' : undefined,
        );
        plan.push({
          date,
          title: `${t.name}${date.slice(0, 4)}年第${i + 1}次书记讲给书记听`,
          level: 'town',
          host: t,
          town: t,
          venue: speakers[0]!.village,
          speakers,
          attendees: pickSecretaries(pool, Math.min(pool.length, 10)),
          seriesId: tSeries,
          desk: townDesk.get(t.id)!,
          perSpeaker: [1, 3],
        });
      }
    }
    for (const p of plan) sim.spawn(() => meeting(p));
    // Matters raised directly by village secretaries between meetings.
    for (let i = 0; i < 24; i++) {
      const date = workdayOnOrAfter(
        new Date(Date.parse(`${START}T00:00:00Z`) + rng.int(5, 330) * 86_400_000).toISOString().slice(0, 10),
      );
      const s = rng.pick(await allSecretariesOn(date));
      sim.spawn(async () => {
        await sim.until(Date.parse(`${date}T14:00:00+08:00`));
        const category = rng.pick(CATEGORIES);
        const [mid] = await loop.matters.raiseMatters(villageDesk(s.village), [
          {
            title: `${s.village.name}${rng.pick(TITLES[category]!)}`,
            description: `${s.name}书记直接提出：请协调解决。`,
            categoryCode: category,
            villageId: s.village.id,
            raiserPersonId: s.personId,
          },
        ]);
        raised++;
        const town = towns.find((t) => s.village.path.startsWith(t.path))!;
        await liveMatter(life, mid!, date, category, town, s.village, townDesk.get(town.id)!, false);
      });
    }
    // The daily sweep at 08:30, as the server's periodic job would run it.
    for (
      let d = START;
      d <= END;
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    ) {
      await sim.until(Date.parse(`${d}T08:30:00+08:00`));
      await loop.sweep.sweepDue(clock.now());
    }
  });
  await sim.run(END_MS);
  if (sim.errors.length > 0) throw sim.errors[0];
  const stats = await loop.matterStats.summary(SYSTEM_CALLER, { orgId: city.id, from: START, to: END });
  const result = {
    meetings: stats.meetings.held,
    raised: stats.matters.raised,
    closedSolved: stats.matters.closedSolved,
    seconds: (Date.now() - started) / 1000,
  };
  log(
    `demo meetings: ${result.meetings} meetings, ${result.raised} matters raised, ${result.closedSolved} closed in the loop (${meetingsHeld}/${raised} built) in ${result.seconds.toFixed(1)} s`,
  );
  return result;
}
