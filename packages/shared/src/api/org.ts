import { z } from 'zod';
import { ORG_KINDS, ORG_SUB_KINDS, PARTY_ORG_TYPES } from '../org';
import { pageQuery, pageSchema, safeText, uuid, version } from './common';

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

export const orgDetailSchema = orgSchema.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
  history: z.array(orgHistoryEntrySchema),
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
});
export type CreateOrgBody = z.input<typeof createOrgBody>;

export const updateOrgBody = z.strictObject({
  version,
  name: safeText(60).optional(),
  partyOrgType: z.enum(PARTY_ORG_TYPES).nullable().optional(),
  code: safeText(30).nullable().optional(),
});
export type UpdateOrgBody = z.input<typeof updateOrgBody>;

export const moveOrgBody = z.strictObject({ version, newParentId: uuid });
export type MoveOrgBody = z.input<typeof moveOrgBody>;

export const deactivateOrgBody = z.strictObject({ version, reason: safeText(200, 2) });
export type DeactivateOrgBody = z.input<typeof deactivateOrgBody>;
