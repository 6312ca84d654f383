/**
 * 薪火计划 (the talent pipeline): eligibility rules as data, evaluated purely over a person's facts on a
 * selection date, and the candidate state machine. No I/O: the server loads the facts and asks these.
 */
import { EDUCATION_LEVELS, POLITICAL_STATUSES, educationRank, highestEducation } from './codes';
import type { OrgKind } from './org';
import { addYearsIso } from './api/terms';

import { CADRE_RANK_LABELS, type CadreRank } from './cadre-rank';
export { CADRE_RANKS, CADRE_RANK_LABELS, type CadreRank } from './cadre-rank';

/** Yearly assessment levels (年度考核): 优秀 / 称职 / 基本称职 / 不称职. */
export const ASSESSMENT_LEVELS = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/** One eligibility rule; a tier's rule set is a list of these, versioned by effective date. */
export type EligibilityRule =
  | { kind: 'max_age'; years: number }
  | { kind: 'source_org_kind'; kinds: OrgKind[] }
  | { kind: 'rank'; ranks: CadreRank[] }
  | { kind: 'min_education'; code: string }
  | { kind: 'political_status'; codes: string[] }
  | { kind: 'min_years_in_post'; years: number }
  | { kind: 'min_training_hours'; hours: number }
  | { kind: 'no_incompetent'; years: number };
export const ELIGIBILITY_RULE_KINDS = [
  'max_age',
  'source_org_kind',
  'rank',
  'min_education',
  'political_status',
  'min_years_in_post',
  'min_training_hours',
  'no_incompetent',
] as const;

export interface RuleSetVersion {
  /** The first selection date this version applies to (YYYY-MM-DD). */
  effectiveFrom: string;
  rules: EligibilityRule[];
}

/** What the evaluator knows of a person on the selection date; null = no data. */
export interface EligibilityFacts {
  birthDate: string;
  orgKind: OrgKind;
  rank: CadreRank | null;
  fullTimeEducation: string | null;
  inServiceEducation: string | null;
  politicalStatus: string | null;
  /** Start of the current post (the open position, or the start of work in the organ). */
  currentPostSince: string | null;
  /** Training hours completed in the selection year; null when no source has data. */
  trainingHours: number | null;
  /** Yearly assessments known; null when none is recorded (the grades capability is not there yet). */
  assessments: { year: number; level: AssessmentLevel }[] | null;
}

export type RuleOutcome = 'pass' | 'fail' | 'no_data';
export interface RuleResult {
  rule: EligibilityRule;
  outcome: RuleOutcome;
  reason: { zh: string; en: string };
}
export interface EligibilityResult {
  /** The rule set version used (its effective date), null when no version applies yet. */
  effectiveFrom: string | null;
  /** Eligible when no rule failed (rules without data are skipped, visibly). */
  eligible: boolean;
  results: RuleResult[];
}

/** The version in force on `date`: the latest effective on or before it; null when none is. */
export function ruleSetOn(versions: readonly RuleSetVersion[], date: string): RuleSetVersion | null {
  let best: RuleSetVersion | null = null;
  for (const v of versions)
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}

/** Whole years from `from` to `to` (completed anniversaries; 29 Feb counts on 28 Feb in common years). */
export function wholeYearsBetween(from: string, to: string): number {
  let n = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (n > 0 && addYearsIso(from, n) > to) n--;
  return Math.max(0, n);
}

const orgKindLabel: Record<OrgKind, { zh: string; en: string }> = {
  city: { zh: '市', en: 'city' },
  town: { zh: '镇（街道）', en: 'town' },
  village: { zh: '村（社区）', en: 'village' },
  organ: { zh: '机关', en: 'government organ' },
  department: { zh: '部门', en: 'department' },
};
const eduLabel = (code: string) => EDUCATION_LEVELS.find((e) => e.code === code) ?? { zh: code, en: code };
const politicalLabel = (code: string) =>
  POLITICAL_STATUSES.find((e) => e.code === code) ?? { zh: code, en: code };

function outcome(ok: boolean, zh: string, en: string): Omit<RuleResult, 'rule'> {
  return { outcome: ok ? 'pass' : 'fail', reason: { zh, en } };
}
const noData = (zh: string, en: string): Omit<RuleResult, 'rule'> => ({
  outcome: 'no_data',
  reason: { zh: `无数据：${zh}，本项跳过`, en: `No data: ${en}; rule skipped` },
});

/** One rule over the facts on `date`. */
export function evaluateRule(rule: EligibilityRule, f: EligibilityFacts, date: string): RuleResult {
  const r = ((): Omit<RuleResult, 'rule'> => {
    switch (rule.kind) {
      case 'max_age': {
        // Not older than N: eligible up to and including the N-th birthday, not the day after it.
        const limit = addYearsIso(f.birthDate, rule.years);
        const age = wholeYearsBetween(f.birthDate, date);
        return outcome(
          date <= limit,
          `${date} 时年龄 ${age} 岁，${rule.years} 周岁生日为 ${limit}（要求不超过 ${rule.years} 岁）`,
          `Age ${age} on ${date}; ${rule.years}th birthday ${limit} (must be ${rule.years} or under)`,
        );
      }
      case 'source_org_kind': {
        const want = rule.kinds.map((k) => orgKindLabel[k]);
        const have = orgKindLabel[f.orgKind];
        return outcome(
          rule.kinds.includes(f.orgKind),
          `所在单位为${have.zh}（要求：${want.map((w) => w.zh).join('、')}）`,
          `Works in a ${have.en} (required: ${want.map((w) => w.en).join(', ')})`,
        );
      }
      case 'rank': {
        const want = rule.ranks.map((k) => CADRE_RANK_LABELS[k]);
        if (!f.rank) return noData('未登记职级', 'no rank (职级) recorded');
        const have = CADRE_RANK_LABELS[f.rank];
        return outcome(
          rule.ranks.includes(f.rank),
          `职级为${have.zh}（要求：${want.map((w) => w.zh).join('、')}）`,
          `Rank ${have.en} (required: ${want.map((w) => w.en).join(', ')})`,
        );
      }
      case 'min_education': {
        const best = highestEducation(f.fullTimeEducation, f.inServiceEducation);
        const want = eduLabel(rule.code);
        if (!best) return noData('未登记学历', 'no education recorded');
        const have = eduLabel(best);
        return outcome(
          educationRank(best) >= educationRank(rule.code),
          `最高学历${have.zh}（要求不低于${want.zh}）`,
          `Highest education ${have.en} (required: at least ${want.en})`,
        );
      }
      case 'political_status': {
        const want = rule.codes.map(politicalLabel);
        if (!f.politicalStatus) return noData('未登记政治面貌', 'no political status recorded');
        const have = politicalLabel(f.politicalStatus);
        return outcome(
          rule.codes.includes(f.politicalStatus),
          `政治面貌为${have.zh}（要求：${want.map((w) => w.zh).join('、')}）`,
          `Political status ${have.en} (required: ${want.map((w) => w.en).join(', ')})`,
        );
      }
      case 'min_years_in_post': {
        if (!f.currentPostSince) return noData('未登记现任职务起始日期', 'no start of the current post');
        const years = wholeYearsBetween(f.currentPostSince, date);
        return outcome(
          f.currentPostSince <= date && years >= rule.years,
          `自 ${f.currentPostSince} 任现职，满 ${years} 年（要求至少 ${rule.years} 年）`,
          `In the current post since ${f.currentPostSince}: ${years} full years (required: ${rule.years})`,
        );
      }
      case 'min_training_hours': {
        if (f.trainingHours === null) return noData('尚无培训学时记录', 'no training hours recorded');
        return outcome(
          f.trainingHours >= rule.hours,
          `已完成培训 ${f.trainingHours} 学时（要求至少 ${rule.hours} 学时）`,
          `${f.trainingHours} training hours completed (required: ${rule.hours})`,
        );
      }
      case 'no_incompetent': {
        const year = Number(date.slice(0, 4));
        const from = year - rule.years;
        const within = (f.assessments ?? []).filter((a) => a.year >= from && a.year < year);
        if (within.length === 0)
          return noData(
            `${from}—${year - 1} 年无年度考核记录`,
            `no yearly assessment for ${from}–${year - 1}`,
          );
        const bad = within.filter((a) => a.level === 'incompetent').map((a) => a.year);
        return outcome(
          bad.length === 0,
          bad.length === 0 ? `${from}—${year - 1} 年度考核无不称职` : `${bad.join('、')} 年度考核为不称职`,
          bad.length === 0
            ? `No "incompetent" assessment in ${from}–${year - 1}`
            : `Assessed "incompetent" in ${bad.join(', ')}`,
        );
      }
    }
  })();
  return { rule, ...r };
}

/** Every rule of the version in force on `date`, with its outcome and reason. */
export function evaluateEligibility(
  versions: readonly RuleSetVersion[],
  facts: EligibilityFacts,
  date: string,
): EligibilityResult {
  const v = ruleSetOn(versions, date);
  const results = (v?.rules ?? []).map((rule) => evaluateRule(rule, facts, date));
  return {
    effectiveFrom: v?.effectiveFrom ?? null,
    eligible: v !== null && results.every((r) => r.outcome !== 'fail'),
    results,
  };
}

/** The candidate's states: nominated → … → placed, or exited from any open state. */
export const CANDIDATE_STATES = [
  'nominated',
  'eligibility_checked',
  'vetted',
  'notice',
  'selected',
  'in_training',
  'placed',
  'exited',
] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

export const CANDIDATE_ACTIONS = [
  'check_eligibility',
  'vet',
  'start_notice',
  'select',
  'start_training',
  'assess',
  'place',
  'exit',
] as const;
export type CandidateAction = (typeof CANDIDATE_ACTIONS)[number];

const OPEN_STATES: readonly CandidateState[] = [
  'nominated',
  'eligibility_checked',
  'vetted',
  'notice',
  'selected',
  'in_training',
];
const CANDIDATE_STEPS: Readonly<
  Record<CandidateAction, { from: readonly CandidateState[]; to: CandidateState | 'same' }>
> = {
  // The check may be repeated until vetting starts (the facts or the rules may change).
  check_eligibility: { from: ['nominated', 'eligibility_checked'], to: 'eligibility_checked' },
  vet: { from: ['eligibility_checked'], to: 'vetted' },
  start_notice: { from: ['vetted'], to: 'notice' },
  select: { from: ['notice'], to: 'selected' },
  start_training: { from: ['selected'], to: 'in_training' },
  // The yearly assessment is recorded while in training; the state stays.
  assess: { from: ['in_training'], to: 'same' },
  place: { from: ['in_training'], to: 'placed' },
  exit: { from: OPEN_STATES, to: 'exited' },
};

/** The state an action leads to, or null when the action is illegal in `state`. */
export function candidateStepTarget(state: CandidateState, action: CandidateAction): CandidateState | null {
  const s = CANDIDATE_STEPS[action];
  if (!s.from.includes(state)) return null;
  return s.to === 'same' ? state : s.to;
}

/** The actions `state` allows next (the candidate page's buttons). */
export function candidateNextActions(state: CandidateState): CandidateAction[] {
  return CANDIDATE_ACTIONS.filter((a) => CANDIDATE_STEPS[a].from.includes(state));
}

export const PIPELINE_NOTICE_WORKDAYS = 5;
