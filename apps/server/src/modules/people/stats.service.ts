import type { Db } from '../../database';
import { shanghaiDate, type Clock } from '../../platform/clock';
import type { Caller } from '../../platform/caller';
import { notFound } from '../../platform/errors';
import type { OrgService } from '../org';
import { computeRosterStats } from './roster-stats';
import { createLruCache, ROSTER_DATA_VERSION, versionFor } from '../../platform/db/data-version';

export type StatsService = ReturnType<typeof createStatsService>;

type Org = Awaited<ReturnType<OrgService['loadInScope']>>;

export function createStatsService(deps: { db: Db; clock: Clock; orgs: OrgService }) {
  const { db, clock, orgs } = deps;
  // Statistics of a subtree on a date only change when the roster (persons, positions, terms, orgs and their
  // names) does: the figures of a subtree are kept under the roster's version, and so is each answer (with
  // the children and names of the date). Each is computed once for concurrent requests (single flight), so a
  // burst after a write costs one computation.
  const figures = createLruCache<Awaited<ReturnType<typeof computeRosterStats>>>(500);
  const answers = createLruCache<Awaited<ReturnType<typeof answer>>>(500);

  async function answer(caller: Caller, root: Org, ref: string, version: number) {
    const { total, byChild } = await figures.getOrCompute(`${root.path}|${ref}|${version}`, () =>
      computeRosterStats(db, root.path, ref),
    );
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
  }

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
      // The scope is checked (and a denial audited) on every request, before anything kept is answered.
      const root = await orgs.loadInScope(caller, rootId);
      const version = await versionFor(db, ROSTER_DATA_VERSION, caller);
      // The children listed are those in the caller's scope: the scope is part of the key.
      const key = JSON.stringify([root.id, root.path, ref, version, caller.scopePaths]);
      return answers.getOrCompute(key, () => answer(caller, root, ref, version));
    },
  };
}
