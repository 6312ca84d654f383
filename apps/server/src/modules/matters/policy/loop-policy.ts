import type { MatterCategoriesPolicy, MatterLoopPolicy } from '@xinhuo/shared';

/** The thresholds of a loop policy version as the key → value map the effects read. */
export function thresholdValues(p: MatterLoopPolicy): Map<string, string> {
  return new Map(Object.entries(p.thresholds).map(([k, v]) => [k, String(v)]));
}

/** The handling time of an active tier of a loop policy version (undefined: no such active tier). */
export function tierWorkdays(p: MatterLoopPolicy, code: string): number | undefined {
  return p.tiers.find((t) => t.code === code && t.isActive)?.handleWorkdays;
}

/** A category a new matter may take under a categories version: listed and active. */
export function categoryOpen(p: MatterCategoriesPolicy, code: string): boolean {
  return p.categories.some((c) => c.code === code && c.isActive);
}

/**
 * A category's name under a categories version (its code when the version does not list it: published
 * categories are never removed, so only a code from before versions could be missing).
 */
export function categoryName(p: MatterCategoriesPolicy, code: string, lang: 'zh' | 'en' = 'zh'): string {
  const c = p.categories.find((x) => x.code === code);
  return (lang === 'en' ? c?.nameEn : c?.nameZh) ?? code;
}
