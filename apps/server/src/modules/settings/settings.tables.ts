/** One platform setting (系统设置): its key, its JSON value, who saved it and when, its version. */
export interface PlatformSettingsTable {
  key: string;
  value: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}
