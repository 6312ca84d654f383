import type { PolicyVersionStatus } from '@xinhuo/shared';

export interface Dated {
  version: number;
  effectiveFrom: string;
  /** Withdrawn before its date: never in force. */
  cancelled?: boolean;
}

/** Which comes later in force: the later effective date, and on the same date the higher version. */
function later(a: Dated, b: Dated): boolean {
  return a.effectiveFrom > b.effectiveFrom || (a.effectiveFrom === b.effectiveFrom && a.version > b.version);
}

/**
 * The version in force on a date: the latest effective date on or before it, and of those the highest
 * version (the repository asks the same of the index in one lookup); a withdrawn version is skipped.
 * Null before the first version.
 */
export function versionInForce<V extends Dated>(versions: readonly V[], date: string): V | null {
  let best: V | null = null;
  for (const v of versions)
    if (!v.cancelled && v.effectiveFrom <= date && (!best || later(v, best))) best = v;
  return best;
}

/** Each version's status on `today`: withdrawn (已撤销), in force, scheduled (待生效, effective later) or superseded. */
export function versionStatus(v: Dated, inForce: Dated | null, today: string): PolicyVersionStatus {
  if (v.cancelled) return 'cancelled';
  if (v.effectiveFrom > today) return 'scheduled';
  return inForce && inForce.version === v.version ? 'in_force' : 'superseded';
}
