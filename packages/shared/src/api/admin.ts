import { z } from 'zod';
import { ORG_KINDS } from '../org';
import { ROLES } from '../permissions';
import { pageQuery, safeText, uuid } from './common';

// 三员分立: accounts are requested, approved and executed by different parties (see auth.routes.ts).

export const USER_STATES = ['active', 'disabled', 'locked', 'pending'] as const;
export type UserState = (typeof USER_STATES)[number];
/** The accounts list: a search over user and display names, a role, a state (pending = not yet activated). */
export const listUsersQuery = z.strictObject({
  q: z.string().trim().max(40).optional(),
  role: z.enum(ROLES).optional(),
  state: z.enum(USER_STATES).optional(),
  ...pageQuery,
});
export type ListUsersQuery = z.input<typeof listUsersQuery>;
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  isActivated: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.string()),
  /** The org scope's names (no roster data). */
  scopes: z.array(z.object({ id: z.string(), name: z.string() })),
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

/** `enable` brings back a disabled separated administrator, `reset` issues a new activation code. */
export const GRANT_KINDS = ['create', 'change', 'disable', 'enable', 'reset'] as const;
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

/** Enabling a business account is at once (204); a separated administrator's is a request (202). */
export const enableUserSchema = z.object({ grantId: z.string() });

/** Sessions (security administrator): who is signed in, from where, since when; ended one by one or per account. */
export const listSessionsQuery = z.strictObject({ userId: uuid.optional(), ...pageQuery });
export type ListSessionsQuery = z.input<typeof listSessionsQuery>;
export const sessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  ip: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type AdminSession = z.infer<typeof sessionSchema>;
export const sessionListSchema = z.object({ total: z.number(), items: z.array(sessionSchema) });
export type SessionList = z.infer<typeof sessionListSchema>;
export const sessionParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/) });

/** Org names for the scope picker of the account pages: names and kinds only. */
export const adminOrgsQuery = z.strictObject({
  q: z.string().trim().max(40).optional(),
  kind: z.enum(ORG_KINDS).optional(),
});
export const adminOrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  parentId: z.string().nullable(),
});
export type AdminOrg = z.infer<typeof adminOrgSchema>;
export const adminOrgListSchema = z.object({ items: z.array(adminOrgSchema) });
