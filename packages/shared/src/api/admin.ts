import { z } from 'zod';
import { ORG_KINDS, POSITION_ROLES, type PositionRole } from '../org';
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
// Account ↔ person (issue 10 item 1): the system administrator links an account to its person in the roster.
// What the console shows of a person: name, org and current seats; never the ID number, phone or birth date.
export const linkedPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  orgName: z.string(),
  positions: z.array(z.enum(POSITION_ROLES)),
});
export type LinkedPerson = z.infer<typeof linkedPersonSchema>;
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
  /** The linked person in the roster: name, org and seats only (never ID number, phone or birth date). */
  person: linkedPersonSchema.nullable(),
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
  /** The bulk creation the request belongs to (approved together); null for a single request. */
  batchId: z.string().nullable(),
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

/** A name (汉字, pinyin or initials) or a full 18-character ID number (matched, never shown). */
export const personCandidatesQuery = z.strictObject({ q: z.string().trim().min(1).max(40) });
export const personCandidateSchema = linkedPersonSchema.extend({
  /** The account already linked to this person, if any (its username). */
  linkedUsername: z.string().nullable(),
});
export type PersonCandidate = z.infer<typeof personCandidateSchema>;
export const personCandidateListSchema = z.object({ items: z.array(personCandidateSchema) });
export const linkPersonBody = z.strictObject({ personId: uuid });
export type LinkPersonBody = z.input<typeof linkPersonBody>;

// Bulk accounts for the committee members of a town (issue 10 item 1): requested, not granted.
/** The business roles a town's committee members may be given in bulk. */
export const BULK_ACCOUNT_ROLES = ['village_secretary', 'trainee'] as const;
export type BulkAccountRole = (typeof BULK_ACCOUNT_ROLES)[number];
/**
 * The role a committee member's account requests follows the member's seat: the party secretary (also
 * when the secretary is the director as well) gets the village secretary's role, scoped to the village;
 * every other member — the catalogue has no village cadre role — gets the trainee's (薪火计划学员): read-only
 * and the member's own record only, without the secretary's raising and rating of matters or the
 * leader's roster export and village-wide pipeline.
 */
export function bulkRoleOf(positions: readonly PositionRole[]): BulkAccountRole {
  return positions.includes('party_secretary') ? 'village_secretary' : 'trainee';
}
export const committeeMemberSchema = linkedPersonSchema.extend({
  orgId: z.string(),
  /** The role the member's account would request, by seat (`bulkRoleOf`). */
  role: z.enum(BULK_ACCOUNT_ROLES),
  /** The account linked to the person already, if any. */
  accountUsername: z.string().nullable(),
  /** A username free at the time of asking (pinyin of the name, numbered when taken). */
  suggestedUsername: z.string(),
});
export type CommitteeMember = z.infer<typeof committeeMemberSchema>;
export const committeeMembersSchema = z.object({
  town: z.object({ id: z.string(), name: z.string() }),
  items: z.array(committeeMemberSchema),
});
export type CommitteeMembers = z.infer<typeof committeeMembersSchema>;
/** The members chosen (the role of each follows the seat, decided by the server). */
export const bulkAccountsBody = z.strictObject({
  items: z
    .array(z.strictObject({ personId: uuid, username: z.string().min(3).max(40) }))
    .min(1)
    .max(300),
});
export type BulkAccountsBody = z.input<typeof bulkAccountsBody>;
export const bulkAccountsSchema = z.object({
  batchId: z.string(),
  items: z.array(
    z.object({
      userId: z.string(),
      grantId: z.string(),
      username: z.string(),
      displayName: z.string(),
      /** The role requested for this account (by the member's seat). */
      role: z.enum(BULK_ACCOUNT_ROLES),
    }),
  ),
});
export type BulkAccounts = z.infer<typeof bulkAccountsSchema>;

/** The second party approves a bulk creation at once and gets the hand-over sheet of activation codes. */
export const batchParams = z.strictObject({ batchId: uuid });
export const handoverSheetSchema = z.object({
  batchId: z.string(),
  items: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      orgName: z.string().nullable(),
      activationCode: z.string(),
      expiresAt: z.string(),
    }),
  ),
});
export type HandoverSheet = z.infer<typeof handoverSheetSchema>;
