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
}

export interface UserRolesTable {
  user_id: string;
  role: string;
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
