/** Succession (issue 11 item 5): the bench's readiness, a seat's risk flags, the recorded steps. */
export const BENCH_READINESS = ['ready_now', 'one_two_years', 'later'] as const;
export type BenchReadiness = (typeof BENCH_READINESS)[number];

/** age: the incumbent is at or above the program's threshold; term: the term ends within 12 months. */
export const SEAT_RISK_FLAGS = ['vacant', 'age', 'term'] as const;
export type SeatRiskFlag = (typeof SEAT_RISK_FLAGS)[number];

export const SUCCESSION_RECORD_KINDS = ['recommendation', 'decision'] as const;
export type SuccessionRecordKind = (typeof SUCCESSION_RECORD_KINDS)[number];

/** The default age threshold of a program's succession watch (a setting of each program). */
export const SUCCESSION_AGE_DEFAULT = 55;
/** A term ending within this many months puts the seat at risk. */
export const SUCCESSION_TERM_MONTHS = 12;
