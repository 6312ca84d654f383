import type { MatterLoopPolicy } from '@xinhuo/shared';

/** The thresholds of a loop policy version as the key → value map the effects read. */
export function thresholdValues(p: MatterLoopPolicy): Map<string, string> {
  return new Map(Object.entries(p.thresholds).map(([k, v]) => [k, String(v)]));
}

/** The handling time of an active tier of a loop policy version (undefined: no such active tier). */
export function tierWorkdays(p: MatterLoopPolicy, code: string): number | undefined {
  return p.tiers.find((t) => t.code === code && t.isActive)?.handleWorkdays;
}
