import { z } from 'zod';
import { isoDate, safeText } from './common';

export const calendarDaysQuery = z.strictObject({ from: isoDate, to: isoDate });
export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'adjusted_workday', 'override'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const calendarDaysSchema = z.object({
  coverage: z.object({ fromYear: z.number(), toYear: z.number() }),
  days: z.array(z.object({ date: z.string(), isWorkday: z.boolean(), kind: z.enum(DAY_KINDS) })),
});
export type CalendarDays = z.infer<typeof calendarDaysSchema>;

export const addWorkdaysQuery = z.strictObject({
  date: isoDate,
  n: z.coerce.number().int().min(-250).max(250),
});
export const workdaySchema = z.object({ date: z.string() });

/** A local override of the official calendar. */
export const calendarOverrideSchema = z.object({
  date: z.string(),
  isWorkday: z.boolean(),
  note: z.string(),
  updatedAt: z.string(),
});
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;
export const listOverridesQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export const calendarOverrideListSchema = z.object({ items: z.array(calendarOverrideSchema) });
export const overrideDateParams = z.strictObject({ date: isoDate });
export const setOverrideBody = z.strictObject({ isWorkday: z.boolean(), note: safeText(200, 2) });
export type SetOverrideBody = z.input<typeof setOverrideBody>;
