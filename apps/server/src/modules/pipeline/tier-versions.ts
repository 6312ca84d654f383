import type { EligibilityRule, RuleSetVersion, TierVersion } from '@xinhuo/shared';
import { versionInForce, versionStatus } from '../../platform/policy/version-in-force';
import type { PipelineRuleSetCancellationsTable, PipelineRuleSetsTable } from './pipeline.tables';

// A tier's dated, immutable versions (rules and terms) on the platform's version rules: the version in force
// on a date is `versionInForce` (withdrawn ones skipped), each one's status today is `versionStatus`.

export type TierVersionRow = PipelineRuleSetsTable & {
  cancellation: PipelineRuleSetCancellationsTable | null;
};

/** A tier's terms: target, training hours required a year, training length in months. */
export interface TierTerms {
  target: number;
  hoursPerYear: number;
  monthsMin: number;
  monthsMax: number;
}

const dated = (r: TierVersionRow) => ({
  row: r,
  version: Number(r.version),
  effectiveFrom: r.effective_from,
  cancelled: r.cancellation !== null,
});

/** The versions of one tier as answered, newest first, each with its status on `today`. */
export function tierVersionsOn(rows: readonly TierVersionRow[], today: string): TierVersion[] {
  const all = rows.map(dated);
  const current = versionInForce(all, today);
  return all
    .map((d) => ({
      version: d.version,
      effectiveFrom: d.effectiveFrom,
      status: versionStatus(d, current, today),
      rules: JSON.parse(d.row.rules_json) as EligibilityRule[],
      ...termsOfRow(d.row),
      createdAt: d.row.created_at,
      cancellation: d.row.cancellation && {
        reason: d.row.cancellation.reason,
        cancelledBy: d.row.cancellation.cancelled_by,
        cancelledAt: d.row.cancellation.cancelled_at,
      },
    }))
    .sort((a, b) => b.version - a.version);
}

function termsOfRow(r: PipelineRuleSetsTable): TierTerms {
  return {
    target: r.target,
    hoursPerYear: r.hours_per_year,
    monthsMin: r.months_min,
    monthsMax: r.months_max,
  };
}

/**
 * The tier's terms on `date`: those of the version in force then, else (before its first version) the
 * terms the tier was created with.
 */
export function termsOn(
  tier: { target: number; hours_per_year: number; months_min: number; months_max: number },
  rows: readonly TierVersionRow[],
  date: string,
): TierTerms {
  const v = versionInForce(rows.map(dated), date);
  return v
    ? termsOfRow(v.row)
    : {
        target: tier.target,
        hoursPerYear: tier.hours_per_year,
        monthsMin: tier.months_min,
        monthsMax: tier.months_max,
      };
}

/** The rule versions the evaluator may use: withdrawn ones are never in force. */
export function ruleVersionsOf(rows: readonly TierVersionRow[]): RuleSetVersion[] {
  return rows
    .filter((r) => r.cancellation === null)
    .map((r) => ({ effectiveFrom: r.effective_from, rules: JSON.parse(r.rules_json) as EligibilityRule[] }));
}

/** The date a tier's version 1 is in force from: the start, as every seeded policy version. */
export const POLICY_START = '2000-01-01';

/** The training hours a year the tier asks on `date`: its version in force then, else its own. */
export function hoursPerYearOn(tierHours: number, rows: readonly TierVersionRow[], date: string): number {
  const v = versionInForce(rows.map(dated), date);
  return v ? v.row.hours_per_year : tierHours;
}
