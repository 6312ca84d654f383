import type { Db } from '../../database';
import { shanghaiDate, type Clock } from '../../platform/clock';
import type { Caller } from '../../platform/caller';
import { notFound } from '../../platform/errors';
import type { OrgService } from '../org';
import { computeRosterStats } from './roster-stats';
import { createLruCache, readDataVersion } from '../../platform/db/data-version';

export type StatsService = ReturnType<typeof createStatsService>;

export function createStatsService(deps: { db: Db; clock: Clock; orgs: OrgService }) {
  const { db, clock, orgs } = deps;
  // Statistics of a subtree on a date only change when the roster does: cache them under the roster's version.
  const cache = createLruCache<Awaited<ReturnType<typeof computeRosterStats>>>(500);
  return {
    /** Roster statistics for a subtree in scope on a date, with the same figures for each child org. */
    async rosterStats(caller: Caller, orgId: string | undefined, refDate: string | undefined) {
      const ref = refDate ?? shanghaiDate(clock.now());
      let rootId = orgId;
      if (!rootId) {
        const roots = await orgs.listChildren(caller);
        if (roots.length === 0) throw notFound();
        rootId = roots[0]!.id;
      }
      const root = await orgs.loadInScope(caller, rootId);
      const key = `${root.path}|${ref}|${await readDataVersion(db, 'roster')}`;
      let computed = cache.get(key);
      if (!computed) {
        computed = await computeRosterStats(db, root.path, ref);
        cache.set(key, computed);
      }
      const { total, byChild } = computed;
      // The children and names of the reference date: a village merged later is still shown before the merge.
      const children = root.child_count > 0 ? await orgs.listChildrenOn(caller, root.id, ref) : [];
      return {
        orgId: root.id,
        orgName: await orgs.nameOnDate(root.id, root.name, ref),
        orgKind: root.kind,
        refDate: ref,
        ...total,
        byChild: children
          .filter((c) => c.kind === 'town' || c.kind === 'village')
          .map((c) => {
            const s = byChild.get(c.id);
            return {
              orgId: c.id,
              name: c.name,
              kind: c.kind,
              organizations: s?.organizations ?? (c.kind === 'village' ? 1 : 0),
              members: s?.members ?? 0,
              averageAge: s?.averageAge ?? null,
              collegeShare: s?.collegeOrAbove.share ?? null,
              secretaryDirectorRate: s?.secretaryDirector.rate ?? null,
            };
          }),
      };
    },
  };
}
