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
