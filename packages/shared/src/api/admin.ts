import { z } from 'zod';
import { ROLES } from '../permissions';
import { pageQuery, safeText, uuid } from './common';

// 三员分立: accounts are requested, approved and executed by different parties (see auth.routes.ts).

export const listUsersQuery = z.strictObject(pageQuery);
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  isActivated: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.string()),
});
export type User = z.infer<typeof userSchema>;
export const userListSchema = z.object({ total: z.number(), items: z.array(userSchema) });
export type UserList = z.infer<typeof userListSchema>;

const grantFields = {
  roles: z.array(z.enum(ROLES)).max(3),
  orgIds: z.array(uuid).max(20),
};

export const createUserBody = z.strictObject({
  username: z.string().min(3).max(40),
  displayName: safeText(40),
  ...grantFields,
  roles: grantFields.roles.min(1),
});
export type CreateUserBody = z.input<typeof createUserBody>;
export const createdUserSchema = z.object({
  userId: z.string().nullable(),
  grantId: z.string(),
  activationCode: z.string().nullable(),
});
export type CreatedUser = z.infer<typeof createdUserSchema>;

export const requestGrantBody = z.strictObject(grantFields);
export type RequestGrantBody = z.input<typeof requestGrantBody>;
export const requestedGrantSchema = z.object({ grantId: z.string(), activationCode: z.string().nullable() });
export type RequestedGrant = z.infer<typeof requestedGrantSchema>;

export const disableUserSchema = z.object({ grantId: z.string() });

export const GRANT_KINDS = ['create', 'change', 'disable'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];
export const GRANT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export const listGrantsQuery = z.strictObject({ status: z.enum(GRANT_STATUSES).optional(), ...pageQuery });
export type ListGrantsQuery = z.input<typeof listGrantsQuery>;
export const grantSchema = z.object({
  id: z.string(),
  kind: z.enum(GRANT_KINDS),
  status: z.enum(GRANT_STATUSES),
  userId: z.string().nullable(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  orgIds: z.array(z.string()),
  requestedBy: z.string(),
  awaiting: z.string(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  canDecide: z.boolean(),
});
export type Grant = z.infer<typeof grantSchema>;
export const grantListSchema = z.object({ items: z.array(grantSchema) });

export const approvedGrantSchema = z.object({
  userId: z.string().nullable(),
  activationCode: z.string().nullable(),
  activationExpiresAt: z.string().nullable(),
});
export type ApprovedGrant = z.infer<typeof approvedGrantSchema>;

export const rejectGrantBody = z.strictObject({ reason: safeText(200) });
export type RejectGrantBody = z.input<typeof rejectGrantBody>;
