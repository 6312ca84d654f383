import type { GrantKind, GrantStatus, Permission, Role, SecurityAlertKind } from '@xinhuo/shared';

export interface UsersTable {
  id: string;
  username: string;
  username_norm: string;
  display_name: string;
  password_hash: string;
  password_history: string;
  password_changed_at: string;
  must_change_password: number;
  is_active: number;
  failed_count: number;
  first_failed_at: string | null;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** The account's person in the roster (set by the system administrator); null when none. */
  person_id?: string | null;
}

export interface UserRolesTable {
  user_id: string;
  role: Role;
}

export interface UserScopesTable {
  user_id: string;
  org_id: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string;
}

/** A request to create, re-grant or disable an account; it takes effect only when a second party approves it. */
export interface AccountGrantsTable {
  id: string;
  kind: GrantKind;
  /** Null only for the organization department's request for a new account, until it is executed. */
  user_id: string | null;
  username: string;
  username_norm: string;
  display_name: string;
  /** JSON arrays: the complete role set and org scope the account is to hold. */
  roles: string;
  org_ids: string;
  requested_by: string;
  requester_permission: Permission;
  approver_permission: Permission;
  status: GrantStatus;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  /** Hash of the activation code already handed to the organization department with its request. */
  activation_hash: string | null;
  created_at: string;
  /** The bulk creation this request belongs to (a town's committee members); null for a single request. */
  batch_id?: string | null;
}

/** One-time activation code of an account that has no password yet (hash only). */
export interface AccountActivationsTable {
  user_id: string;
  code_hash: string;
  expires_at: string;
  failed_count: number;
  grant_id: string;
  created_at: string;
}

/** The security policy: one row (`current`), the settings as JSON; absent = the built-in defaults. */
export interface SecurityPolicyTable {
  id: string;
  settings: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

/** A TOTP second factor: pending while `enrolled_at` is null; the secret sealed with the field crypto. */
export interface UserTotpTable {
  user_id: string;
  secret_enc: string;
  enrolled_at: string | null;
  /** The last time step accepted: a code of that step or an earlier one is refused (no replay). */
  last_step: number;
  /** JSON array of SHA-256 hashes of the unused recovery codes. */
  recovery_hashes: string;
  created_at: string;
}

/** The login between the password and the code step (hash of the challenge only; minutes long). */
export interface LoginChallengesTable {
  id_hash: string;
  user_id: string;
  ip: string;
  expires_at: string;
  failed_count: number;
}

/** A burst of denials by one actor or address within the policy's window. */
export interface SecurityAlertsTable {
  id: string;
  kind: SecurityAlertKind;
  subject: string;
  count: number;
  window_start: string;
  created_at: string;
}

/**
 * A long-lived token that opens the wall screen (大屏) on a meeting-room display: stored by the SHA-256 of
 * the token only, scoped to one org subtree, reaching only the routes that hold `wall:view`.
 */
export interface DisplayTokensTable {
  id: string;
  name: string;
  token_hash: string;
  org_id: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}
