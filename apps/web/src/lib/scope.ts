import type { Org } from '@xinhuo/shared';

/**
 * Keeps the ancestors the user may open: from their scope root down.
 * A town user's breadcrumb must not offer the city, which would answer 404.
 */
export function ancestorsInScope<T extends { id: string }>(
  orgId: string,
  ancestors: T[],
  scopeOrgs: Org[],
): T[] {
  const scopeIds = new Set(scopeOrgs.map((o) => o.id));
  if (scopeIds.has(orgId)) return [];
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    if (scopeIds.has(ancestors[i]!.id)) return ancestors.slice(i);
  }
  return ancestors;
}
