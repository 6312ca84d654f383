import { z } from 'zod';
import { isoDate, uuid } from './common';

export const rosterStatsQuery = z.strictObject({ orgId: uuid.optional(), refDate: isoDate.optional() });
export type RosterStatsQuery = z.input<typeof rosterStatsQuery>;

/** A count and its share of the members (0–1; null when there is nobody to count). */
export const shareSchema = z.object({ count: z.number(), share: z.number().nullable() });
export type Share = z.infer<typeof shareSchema>;

/** The figures of one child organization in the breakdown. */
export const rosterStatsChildSchema = z.object({
  orgId: z.string(),
  name: z.string(),
  kind: z.string(),
  organizations: z.number(),
  members: z.number(),
  averageAge: z.number().nullable(),
  collegeShare: z.number().nullable(),
  secretaryDirectorRate: z.number().nullable(),
});
export type RosterStatsChild = z.infer<typeof rosterStatsChildSchema>;

export const rosterStatsSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.string(),
  refDate: z.string(),
  organizations: z.number(),
  members: z.number(),
  averageAge: z.number().nullable(),
  ageBands: z.array(z.object({ band: z.string(), count: z.number() })),
  education: z.array(z.object({ level: z.string(), count: z.number() })),
  collegeOrAbove: shareSchema,
  gender: z.object({ male: z.number(), female: z.number() }),
  bornAfter1985: shareSchema,
  bornAfter1990: shareSchema,
  secretaryDirector: z.object({
    count: z.number(),
    orgsWithSecretary: z.number(),
    rate: z.number().nullable(),
  }),
  partyMembers: z.number(),
  byChild: z.array(rosterStatsChildSchema),
});
export type RosterStats = z.infer<typeof rosterStatsSchema>;
