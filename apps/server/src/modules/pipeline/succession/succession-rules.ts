/**
 * The pure rules of succession (issue 11 item 5): a seat's risk flags on a date, and the transparent
 * successor score with each component shown. No I/O: the service gathers the facts.
 */
import { ageOn, SUCCESSION_TERM_MONTHS, type AssessmentLevel, type SeatRiskFlag } from '@xinhuo/shared';

/** `date` plus `months` calendar months; a day past the target month's end becomes its last day. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const d = Math.min(Number(date.slice(8, 10)), last);
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whole calendar months from `from` to `to` (0 when `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  if (to < from) return 0;
  let n =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  if (addMonths(from, n) > to) n--;
  return Math.max(0, n);
}

/**
 * The risk flags of a village party-secretary seat on `date`: vacant (no secretary); age (the
 * incumbent is `threshold` or older — from the threshold birthday on); term (the term ends on or
 * before the day 12 months after `date`, an ended term included).
 */
export function seatRiskFlags(
  seat: { incumbentBirthDate: string | null; termEnd: string | null },
  date: string,
  threshold: number,
): SeatRiskFlag[] {
  const flags: SeatRiskFlag[] = [];
  if (seat.incumbentBirthDate === null) flags.push('vacant');
  else if (ageOn(seat.incumbentBirthDate, date) >= threshold) flags.push('age');
  if (seat.incumbentBirthDate !== null && seat.termEnd !== null)
    if (seat.termEnd <= addMonths(date, SUCCESSION_TERM_MONTHS)) flags.push('term');
  return flags;
}

/** Points of a yearly assessment level (the average over the years counts). */
export const ASSESSMENT_POINTS: Record<AssessmentLevel, number> = {
  excellent: 25,
  competent: 18,
  basically_competent: 8,
  incompetent: 0,
};
export const SCORE_COMPONENT_MAX = 25;

export interface ScoreFacts {
  /** Training hours attended from the year training started to the reference year. */
  attendedHours: number;
  /** The tier's hours a year. */
  hoursPerYear: number;
  /** The candidate's yearly assessments up to the reference date. */
  assessments: readonly AssessmentLevel[];
  /** The day training started; null when not started. */
  trainingSince: string | null;
  /** The tier's minimum training length in months. */
  monthsMin: number;
  /** The candidate comes from the seat's town. */
  sameTown: boolean;
}

export interface ScoreComponent {
  key: 'hours' | 'assessments' | 'time' | 'town';
  points: number;
  max: number;
  basis: { zh: string; en: string };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const share = (part: number, whole: number) => (whole <= 0 ? 1 : Math.min(1, part / whole));

/** The numbers the successor score is made of (no text): what ranking tens of thousands needs. */
export function scoreParts(f: ScoreFacts, date: string) {
  const years = f.trainingSince ? Number(date.slice(0, 4)) - Number(f.trainingSince.slice(0, 4)) + 1 : 1;
  const required = f.hoursPerYear * Math.max(1, years);
  const months = f.trainingSince ? monthsBetween(f.trainingSince, date) : 0;
  const avg = f.assessments.length
    ? f.assessments.reduce((a, l) => a + ASSESSMENT_POINTS[l], 0) / f.assessments.length
    : 0;
  const points = {
    hours: round1(SCORE_COMPONENT_MAX * share(f.attendedHours, required)),
    assessments: round1(avg),
    time: f.trainingSince ? round1(SCORE_COMPONENT_MAX * share(months, f.monthsMin)) : 0,
    town: f.sameTown ? SCORE_COMPONENT_MAX : 0,
  };
  const total = round1(points.hours + points.assessments + points.time + points.town);
  return { required, months, avg, points, total };
}

/**
 * The successor score on `date`: four components of at most 25 points each — hours attended against
 * the tier's yearly requirement over the years in training, the average yearly assessment, the time in
 * training against the tier's minimum length, and the town match — and their sum.
 */
export function successorScore(f: ScoreFacts, date: string): { total: number; components: ScoreComponent[] } {
  const { required, months, avg, points, total } = scoreParts(f, date);
  const components: ScoreComponent[] = [
    {
      key: 'hours',
      points: points.hours,
      max: SCORE_COMPONENT_MAX,
      basis: {
        zh: `已参训 ${f.attendedHours} 学时 / 应训 ${required} 学时`,
        en: `${f.attendedHours} of ${required} required hours attended`,
      },
    },
    {
      key: 'assessments',
      points: points.assessments,
      max: SCORE_COMPONENT_MAX,
      basis: f.assessments.length
        ? {
            zh: `${f.assessments.length} 次年度考核，平均 ${round1(avg)} 分（优秀25/称职18/基本称职8/不称职0）`,
            en: `${f.assessments.length} yearly assessments, average ${round1(avg)} (excellent 25 / competent 18 / basically competent 8 / incompetent 0)`,
          }
        : { zh: '暂无年度考核', en: 'No yearly assessment yet' },
    },
    {
      key: 'time',
      points: points.time,
      max: SCORE_COMPONENT_MAX,
      basis: f.trainingSince
        ? {
            zh: `自 ${f.trainingSince} 培养 ${months} 个月 / 最短 ${f.monthsMin} 个月`,
            en: `${months} months in training since ${f.trainingSince} of at least ${f.monthsMin}`,
          }
        : { zh: '尚未开始培养', en: 'Training not started' },
    },
    {
      key: 'town',
      points: points.town,
      max: SCORE_COMPONENT_MAX,
      basis: f.sameTown
        ? { zh: '来自本镇', en: 'From the seat’s town' }
        : { zh: '不是本镇人员', en: 'Not from the seat’s town' },
    },
  ];
  return { total, components };
}
