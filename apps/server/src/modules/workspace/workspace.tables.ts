/** One small setting of one user (the last query of a list); written only by that user. */
export interface UserPrefsTable {
  user_id: string;
  key: string;
  value: string;
  updated_at: string;
}
