import type { Caller } from '../../platform/caller';
import type { OrgService } from '../org';

/** Finds the org a row names, among the caller's own: null when none, or more than one, fits. */
export type OrgResolver = (orgPath: readonly string[]) => { id: string; path: string } | null;

/** More orgs than a province holds: the whole scope is loaded once per file. */
const MAX_ORGS = 200_000;

async function scopeOrgs(orgs: OrgService, caller: Caller) {
  return (await orgs.listOrgs(caller, {}, { offset: 0, limit: MAX_ORGS })).items;
}

/** The path of each org in the caller's scope by id: an org a checked row names is still there, at that path. */
export async function scopeOrgPaths(orgs: OrgService, caller: Caller): Promise<Map<string, string>> {
  return new Map((await scopeOrgs(orgs, caller)).map((o) => [o.id, o.path]));
}

/**
 * The orgs of the caller's scope, indexed for the rows' org column: a code, a name, or names from the
 * top down ("杨舍镇/福前村", each name matching the next ancestor upwards). An org outside the scope is
 * never loaded, so another town's village is simply "not found".
 */
export async function resolveOrgs(orgs: OrgService, caller: Caller): Promise<OrgResolver> {
  const items = await scopeOrgs(orgs, caller);
  const byId = new Map(items.map((o) => [o.id, o]));
  const byName = new Map<string, typeof items>();
  const byCode = new Map<string, (typeof items)[number]>();
  const key = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  for (const o of items) {
    byName.set(key(o.name), [...(byName.get(key(o.name)) ?? []), o]);
    if (o.code) byCode.set(key(o.code), o);
  }
  return (orgPath) => {
    const last = orgPath[orgPath.length - 1];
    if (last === undefined) return null;
    if (orgPath.length === 1) {
      const coded = byCode.get(key(last));
      if (coded) return { id: coded.id, path: coded.path };
    }
    const fits = (byName.get(key(last)) ?? []).filter((o) => {
      let at = o.parentId ? byId.get(o.parentId) : undefined;
      for (let i = orgPath.length - 2; i >= 0; i--) {
        if (!at || key(at.name) !== key(orgPath[i]!)) return false;
        at = at.parentId ? byId.get(at.parentId) : undefined;
      }
      return true;
    });
    return fits.length === 1 ? { id: fits[0]!.id, path: fits[0]!.path } : null;
  };
}
