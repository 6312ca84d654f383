import { z } from 'zod';
import { ORG_KINDS, ORG_LINEAGE_KINDS, ORG_SUB_KINDS, PARTY_ORG_TYPES } from '../org';
import { isoDate, pageQuery, pageSchema, safeText, uuid, version } from './common';

export const orgSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  subKind: z.enum(ORG_SUB_KINDS),
  partyOrgType: z.enum(PARTY_ORG_TYPES).nullable(),
  code: z.string().nullable(),
  path: z.string(),
  depth: z.number(),
  isActive: z.boolean(),
  childCount: z.number(),
  version: z.number(),
});
export type Org = z.infer<typeof orgSchema>;

export const orgHistoryEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  details: z.unknown(),
});
export type OrgHistoryEntry = z.infer<typeof orgHistoryEntrySchema>;

/** A predecessor or successor of an org through a merge or split (沿革), with the day it took effect. */
export const orgLineageLinkSchema = z.object({
  orgId: z.string(),
  name: z.string(),
  kind: z.enum(ORG_LINEAGE_KINDS),
  effectiveDate: z.string(),
});
export type OrgLineageLink = z.infer<typeof orgLineageLinkSchema>;

export const orgDetailSchema = orgSchema.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
  history: z.array(orgHistoryEntrySchema),
  /** First day the org existed (null: before the records) and first day it no longer did (null: it exists). */
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** Former names, each held until the day before validTo. */
  formerNames: z.array(z.object({ name: z.string(), validTo: z.string() })),
  predecessors: z.array(orgLineageLinkSchema),
  successors: z.array(orgLineageLinkSchema),
});
export type OrgDetail = z.infer<typeof orgDetailSchema>;

export const listOrgChildrenQuery = z.strictObject({ parentId: uuid.optional() });
export const orgChildrenSchema = z.object({ items: z.array(orgSchema) });
export type OrgChildren = z.infer<typeof orgChildrenSchema>;

export const listOrgsQuery = z.strictObject({
  q: safeText(50).optional(),
  kind: z.enum(ORG_KINDS).optional(),
  underId: uuid.optional(),
  ...pageQuery,
});
export type ListOrgsQuery = z.input<typeof listOrgsQuery>;
export const orgPageSchema = pageSchema(orgSchema);

export const createOrgBody = z.strictObject({
  parentId: uuid,
  name: safeText(60),
  kind: z.enum(['town', 'village', 'organ', 'department']),
  subKind: z.enum(ORG_SUB_KINDS),
  partyOrgType: z.enum(PARTY_ORG_TYPES).nullable().optional(),
  code: safeText(30).nullable().optional(),
  effectiveDate: isoDate.optional(),
});
export type CreateOrgBody = z.input<typeof createOrgBody>;

export const updateOrgBody = z.strictObject({
  version,
  name: safeText(60).optional(),
  partyOrgType: z.enum(PARTY_ORG_TYPES).nullable().optional(),
  code: safeText(30).nullable().optional(),
  /** When a rename takes effect (default today): statistics of earlier dates keep the old name. */
  effectiveDate: isoDate.optional(),
});
export type UpdateOrgBody = z.input<typeof updateOrgBody>;

export const moveOrgBody = z.strictObject({ version, newParentId: uuid });
export type MoveOrgBody = z.input<typeof moveOrgBody>;

export const deactivateOrgBody = z.strictObject({
  version,
  reason: safeText(200, 2),
  effectiveDate: isoDate.optional(),
});
export type DeactivateOrgBody = z.input<typeof deactivateOrgBody>;

/** A new village formed by a merge or a split. */
export const newVillageBody = z.strictObject({
  name: safeText(60),
  subKind: z.enum(['village', 'community']),
  partyOrgType: z.enum(PARTY_ORG_TYPES),
  code: safeText(30).nullable().optional(),
});
export type NewVillageBody = z.input<typeof newVillageBody>;

/**
 * Merge villages into one on a date: into one of them (`targetId`) or into a new village (`newVillage`,
 * under `parentId` or the first source's town). People, open seats and open matters move to it.
 */
export const mergeOrgsBody = z
  .strictObject({
    sourceIds: z.array(uuid).min(2).max(20),
    effectiveDate: isoDate,
    targetId: uuid.optional(),
    newVillage: newVillageBody.optional(),
    parentId: uuid.optional(),
    reason: safeText(200, 2),
  })
  .refine((b) => (b.targetId === undefined) !== (b.newVillage === undefined), {
    path: ['targetId'],
    message: 'invalid_value',
  });
export type MergeOrgsBody = z.input<typeof mergeOrgsBody>;

/**
 * Split a village into new ones on a date. `personParts` names the part each person goes to (with their
 * open seats); people not named go to the first part, as do the open matters unless `mattersPart` says.
 */
export const splitOrgBody = z.strictObject({
  version,
  effectiveDate: isoDate,
  parts: z.array(newVillageBody).min(2).max(5),
  personParts: z.record(uuid, z.number().int().min(0).max(4)).default({}),
  mattersPart: z.number().int().min(0).max(4).default(0),
  reason: safeText(200, 2),
});
export type SplitOrgBody = z.input<typeof splitOrgBody>;

/** What a merge or split did: the village(s) that now hold the people, and how much moved. */
export const lineageResultSchema = z.object({
  eventId: z.string(),
  targets: z.array(orgSchema),
  moved: z.object({ persons: z.number(), positions: z.number(), matters: z.number() }),
});
export type LineageResult = z.infer<typeof lineageResultSchema>;
