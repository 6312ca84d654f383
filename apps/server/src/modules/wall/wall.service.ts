import type { Wall } from '@xinhuo/shared';
import type { Db } from '../../database';
import type { Caller } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import { createLruCache, readDataVersion, ROSTER_DATA_VERSION } from '../../platform/db/data-version';
import type { MatterStatsService } from '../matters';
import type { StatsService } from '../people';
import type { PipelineService } from '../pipeline';
import type { TrainingService } from '../training';

/** How long one scope's figures are kept at most (the screen asks again as the platform settings say). */
export const WALL_REFRESH_SECONDS = 60;

/**
 * The read permissions the wall's aggregates stand for. The services below are asked as the caller with
 * these, in the caller's own scope, and the wall keeps only counts, shares, rates and org or program
 * names from their answers (`wallSchema`): a display token never sees a row, a name or a record id.
 */
const AGGREGATE_READS = ['stats:read', 'matters:stats', 'pipeline:read', 'training:read'] as const;

export type WallService = ReturnType<typeof createWallService>;
/** The figures, kept per scope; the screen's timing is added from the settings at each answer. */
type WallFigures = Omit<Wall, 'refreshSeconds' | 'panelSeconds'>;

/** The wall screen (大屏驾驶舱): the roster's structure, the loop's figures, the pipeline and training. */
export function createWallService(deps: {
  db: Db;
  clock: Clock;
  stats: StatsService;
  matterStats: MatterStatsService;
  pipeline: PipelineService;
  training: TrainingService;
  /** The screen's panel interval and data refresh (platform settings). */
  timing: () => Promise<{ wallPanelSeconds: number; wallRefreshSeconds: number }>;
}) {
  const { db, clock } = deps;
  // Keyed by scope, the roster's data version and the minute: a roster write shows at the next poll, the
  // loop's figures (which also move with the clock: overdue now) within a minute.
  const cache = createLruCache<WallFigures>(200);

  async function compute(caller: Caller): Promise<WallFigures> {
    const c: Caller = { ...caller, permissions: AGGREGATE_READS };
    const [roster, loop, programs, univ] = await Promise.all([
      deps.stats.rosterStats(c, undefined, undefined),
      deps.matterStats.summary(c, {}),
      deps.pipeline.listPrograms(c),
      deps.training.classOverview(c),
    ]);
    const loopFigures = (t: (typeof loop.byChild)[number] | typeof loop.matters) => ({
      raised: t.raised,
      open: t.open,
      overdueNow: t.overdueNow,
      closed: t.closed,
      closedSolved: t.closedSolved,
      closedLoopRate: t.closedLoopRate,
      onTimeRate: t.onTimeRate,
      satisfactionRate: t.satisfactionRate,
    });
    const m = loop.matters;
    return {
      orgName: roster.orgName,
      orgKind: roster.orgKind,
      today: loop.today,
      generatedAt: clock.now().toISOString(),
      roster: {
        refDate: roster.refDate,
        organizations: roster.organizations,
        members: roster.members,
        averageAge: roster.averageAge,
        ageBands: roster.ageBands,
        education: roster.education,
        collegeShare: roster.collegeOrAbove.share,
        gender: roster.gender,
        bornAfter1985Share: roster.bornAfter1985.share,
        bornAfter1990Share: roster.bornAfter1990.share,
        partyMembers: roster.partyMembers,
        secretaryDirector: roster.secretaryDirector,
        byChild: roster.byChild.map((x) => ({
          name: x.name,
          kind: x.kind,
          organizations: x.organizations,
          members: x.members,
          averageAge: x.averageAge,
          collegeShare: x.collegeShare,
          secretaryDirectorRate: x.secretaryDirectorRate,
        })),
      },
      loop: {
        from: loop.from,
        to: loop.to,
        meetingsHeld: loop.meetings.held,
        totals: {
          ...loopFigures(m),
          sideExits: m.sideExits.notResponsible + m.sideExits.duplicate + m.sideExits.explained,
          satisfaction: m.satisfaction,
        },
        byChild: loop.byChild.map((x) => ({ name: x.name, kind: x.kind, ...loopFigures(x) })),
      },
      pipeline: {
        programs: programs.map((p) => ({
          name: p.name,
          periodFrom: p.periodFrom,
          periodTo: p.periodTo,
          tiers: p.tiers.map((t) => ({
            nameZh: t.nameZh,
            nameEn: t.nameEn,
            target: t.target,
            filled: t.filled,
            inProgress: t.inProgress,
            placed: t.placed,
          })),
        })),
      },
      training: {
        fromYear: univ.fromYear,
        toYear: univ.toYear,
        trainedTotal: univ.trainedTotal,
        placedInVillagesTotal: univ.placedInVillagesTotal,
        cohorts: univ.cohorts.length,
        byCohort: [...univ.cohorts]
          .sort((a, b) => a.intakeYear - b.intakeYear)
          .map((c) => ({
            intakeYear: c.intakeYear,
            partner: c.partner,
            students: c.students,
            graduated: c.graduated,
            placedInVillages: c.placedInVillages,
          })),
      },
    };
  }

  return {
    async wall(caller: Caller): Promise<Wall> {
      const minute = Math.floor(clock.now().getTime() / (WALL_REFRESH_SECONDS * 1000));
      const key = `${[...caller.scopePaths].sort().join(',')}|${await readDataVersion(db, ROSTER_DATA_VERSION)}|${minute}`;
      let w = cache.get(key);
      if (!w) {
        w = await compute(caller);
        cache.set(key, w);
      }
      const timing = await deps.timing();
      return { ...w, refreshSeconds: timing.wallRefreshSeconds, panelSeconds: timing.wallPanelSeconds };
    },
  };
}
