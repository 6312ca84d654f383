/**
 * Rates and the composite score of the unit scorecards (考核), pure. A rate with no cases is null and
 * drops out of the score, whose weights are then renormalized: a unit is never marked down for no data.
 */
export interface UnitCounts {
  assigned: number;
  led: number;
  signedOnTime: number;
  signBase: number;
  completed: number;
  completedOnTime: number;
  overdueOpen: number;
  returnsUpheld: number;
  rehandled: number;
  satPos: number;
  satBase: number;
  urges: number;
  supervisions: number;
  circulations: number;
}

export interface UnitRates {
  /** 及时签收率: signed for (or returned) within the sign-for deadline. */
  signOnTimeRate: number | null;
  /** 按时办结率: completed by the deadline, over completed plus open-and-already-late. */
  onTimeRate: number | null;
  /** 退单率: returns the dispatcher upheld, over all assignments (overruled returns do not count). */
  returnRate: number | null;
  /** 重办率: lead assignments sent back at least once (verification rejected or reopened after dissatisfaction). */
  rehandleRate: number | null;
  /** 满意率: 满意 + 基本满意 over all ratings given (no-response closures excluded). */
  satisfactionRate: number | null;
}

const WEIGHTS = {
  signOnTimeRate: 0.2,
  onTimeRate: 0.35,
  returnRate: 0.15,
  rehandleRate: 0.1,
  satisfactionRate: 0.2,
} as const;
// Each supervision step costs points beyond the rates: 催办 0.5, 督办 2, 通报 4, at most 30.
const PENALTY = { urge: 0.5, supervise: 2, circulate: 4, cap: 30 } as const;

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export function ratesOf(c: UnitCounts): UnitRates {
  return {
    signOnTimeRate: ratio(c.signedOnTime, c.signBase),
    onTimeRate: ratio(c.completedOnTime, c.completed + c.overdueOpen),
    returnRate: ratio(c.returnsUpheld, c.assigned),
    rehandleRate: ratio(c.rehandled, c.led),
    satisfactionRate: ratio(c.satPos, c.satBase),
  };
}

/** Composite score 0–100; higher is better. */
export function scoreOf(c: UnitCounts, r: UnitRates = ratesOf(c)): number {
  const parts: [number, number | null][] = [
    [WEIGHTS.signOnTimeRate, r.signOnTimeRate],
    [WEIGHTS.onTimeRate, r.onTimeRate],
    [WEIGHTS.returnRate, r.returnRate === null ? null : 1 - r.returnRate],
    [WEIGHTS.rehandleRate, r.rehandleRate === null ? null : 1 - r.rehandleRate],
    [WEIGHTS.satisfactionRate, r.satisfactionRate],
  ];
  const present = parts.filter(([, v]) => v !== null) as [number, number][];
  const weight = present.reduce((a, [w]) => a + w, 0);
  const base = weight > 0 ? (100 * present.reduce((a, [w, v]) => a + w * v, 0)) / weight : 100;
  const penalty = Math.min(
    PENALTY.cap,
    c.urges * PENALTY.urge + c.supervisions * PENALTY.supervise + c.circulations * PENALTY.circulate,
  );
  return Math.round(Math.max(0, base - penalty) * 10) / 10;
}

/** Competition ranking (1, 2, 2, 4) by score, best first; ties share a rank. */
export function rankByScore<T extends { score: number }>(items: T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  return sorted.map((x) => ({ ...x, rank: sorted.findIndex((y) => y.score === x.score) + 1 }));
}
