import { z } from 'zod';
import { POSITION_ROLES } from '../org';
import { isoDate, safeText, uuid } from './common';
import { committeeSchema } from './people';

/** Why a seat ended (免职/结束任职 reasons; 届满 is also what ending a term writes on its open seats). */
export const SEAT_END_REASONS = [
  'resigned',
  'dismissed',
  'transferred',
  'retired',
  'deceased',
  'term_expired',
  'other',
] as const;
export type SeatEndReason = (typeof SEAT_END_REASONS)[number];
export const seatEndReasonSchema = z.enum(SEAT_END_REASONS);

export const SEAT_END_REASON_LABELS: Record<SeatEndReason, { zh: string; en: string }> = {
  resigned: { zh: '辞职', en: 'Resigned' },
  dismissed: { zh: '免职', en: 'Dismissed' },
  transferred: { zh: '调离', en: 'Transferred' },
  retired: { zh: '退休', en: 'Retired' },
  deceased: { zh: '死亡', en: 'Deceased' },
  term_expired: { zh: '届满', en: 'Term expired' },
  other: { zh: '其他', en: 'Other' },
};

/** A term's length when none is given: five years for both committees (2019 条例; 村委会组织法 since 2018). */
export const DEFAULT_TERM_YEARS = 5;

/** The same calendar day `years` later (29 February falls back to the 28th). */
export function addYearsIso(date: string, years: number): string {
  const y = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const md = date.slice(5);
  if (md !== '02-29') return `${y}-${md}`;
  const leap = new Date(`${y}-02-29T00:00:00Z`).getUTCMonth() === 1;
  return `${y}-${leap ? '02-29' : '02-28'}`;
}

/** One seat (a person in a role of a term), current or past. */
export const seatSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  role: z.enum(POSITION_ROLES),
  startDate: z.string(),
  endDate: z.string().nullable(),
  endReason: seatEndReasonSchema.nullable(),
});
export type Seat = z.infer<typeof seatSchema>;

/** A mid-term adjustment (届中调整): the seat ended, its successor, and the filing record (备案). */
export const seatAdjustmentSchema = z.object({
  id: z.string(),
  endedSeatId: z.string(),
  endedPersonName: z.string(),
  successorSeatId: z.string(),
  successorPersonName: z.string(),
  role: z.enum(POSITION_ROLES),
  date: z.string(),
  reason: seatEndReasonSchema,
  filingNumber: z.string(),
  filingDate: z.string(),
  approvingBody: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type SeatAdjustment = z.infer<typeof seatAdjustmentSchema>;

export const termSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  committee: committeeSchema,
  name: z.string(),
  electionDate: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  /** Set once the term has been ended (its open seats end on endDate). */
  endedOn: z.string().nullable(),
  seats: z.array(seatSchema),
  adjustments: z.array(seatAdjustmentSchema),
});
export type Term = z.infer<typeof termSchema>;
export const termListSchema = z.object({ items: z.array(termSchema) });
export type TermList = z.infer<typeof termListSchema>;

export const openTermBody = z.strictObject({
  committee: committeeSchema,
  /** 届次 name; defaults to "YYYY—YYYY届". */
  name: safeText(40).optional(),
  electionDate: isoDate,
  /** Defaults to five years after the election. */
  endDate: isoDate.optional(),
});
export type OpenTermBody = z.input<typeof openTermBody>;

export const appointSeatBody = z.strictObject({
  personId: uuid,
  role: z.enum(POSITION_ROLES),
  startDate: isoDate,
});
export type AppointSeatBody = z.input<typeof appointSeatBody>;

export const endSeatBody = z.strictObject({
  endDate: isoDate,
  reason: seatEndReasonSchema,
});
export type EndSeatBody = z.input<typeof endSeatBody>;

/** 届中调整: the seat ends on `date` and the successor takes the same role from that day, with its 备案. */
export const adjustSeatBody = z.strictObject({
  date: isoDate,
  reason: seatEndReasonSchema,
  successorPersonId: uuid,
  filingNumber: safeText(60),
  filingDate: isoDate,
  approvingBody: safeText(60),
  note: safeText(500).optional(),
});
export type AdjustSeatBody = z.input<typeof adjustSeatBody>;

export const endTermBody = z.strictObject({ endDate: isoDate });
export type EndTermBody = z.input<typeof endTermBody>;
