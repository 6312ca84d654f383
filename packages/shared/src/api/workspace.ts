import { z } from 'zod';
import { safeText } from './common';

/** The lists whose last filters are remembered per user (state that stays, issue 12). */
export const LIST_PREF_KEYS = ['roster', 'matters', 'meetings', 'audit', 'my-work'] as const;
export type ListPrefKey = (typeof LIST_PREF_KEYS)[number];

export const listPrefParams = z.strictObject({ key: z.enum(LIST_PREF_KEYS) });
/** A list's last query string (filters, sort, page, page size), as the web put it in the URL. */
export const listPrefBody = z.strictObject({ query: safeText(1000, 0) });
export type ListPrefBody = z.infer<typeof listPrefBody>;
export const listPrefSchema = z.object({ query: z.string().nullable() });
export type ListPref = z.infer<typeof listPrefSchema>;

/** The daily digest (每日汇总): one in-app notification a day summing My work, for a user who opts in. */
export const digestPrefBody = z.strictObject({ enabled: z.boolean() });
export type DigestPrefBody = z.infer<typeof digestPrefBody>;
export const digestPrefSchema = z.object({ enabled: z.boolean() });
export type DigestPref = z.infer<typeof digestPrefSchema>;

/** The tables whose column settings (列设置: hidden columns, density) are remembered per user (issue 12). */
export const TABLE_PREF_KEYS = [
  'matters',
  'roster',
  'scorecards',
  'matter-units',
  'meetings',
  'meeting-matters',
  'audit',
] as const;
export type TablePrefKey = (typeof TABLE_PREF_KEYS)[number];
export const TABLE_DENSITIES = ['default', 'compact'] as const;
export type TableDensity = (typeof TABLE_DENSITIES)[number];
/** At most this many hidden columns, each a short column key: a preference stays a few hundred bytes. */
export const TABLE_PREF_MAX_HIDDEN = 24;

export const tablePrefParams = z.strictObject({ key: z.enum(TABLE_PREF_KEYS) });
export const tablePrefBody = z.strictObject({
  hidden: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/))
    .max(TABLE_PREF_MAX_HIDDEN)
    .refine((keys) => new Set(keys).size === keys.length, 'each column once'),
  density: z.enum(TABLE_DENSITIES),
});
export type TablePrefBody = z.infer<typeof tablePrefBody>;
/** A table's settings, or null while the user has never changed them (the table's defaults apply). */
export const tablePrefSchema = z.object({ pref: tablePrefBody.nullable() });
export type TablePref = z.infer<typeof tablePrefSchema>;

/** The header search: a person (name or pinyin), a matter or document number, a meeting. */
export const globalSearchQuery = z.strictObject({ q: safeText(40, 1) });
export const globalSearchSchema = z.object({
  people: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string() })),
  matters: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      state: z.string(),
      docNo: z.string().nullable(),
    }),
  ),
  meetings: z.array(z.object({ id: z.string(), title: z.string(), meetingDate: z.string() })),
});
export type GlobalSearch = z.infer<typeof globalSearchSchema>;
