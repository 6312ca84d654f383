import { z } from 'zod';

/**
 * Platform settings (系统设置, issue 10 item 1): what the system administrator sets that is not security
 * policy. Security settings (passwords, sessions, the allowlist) are the security administrator's
 * (`security.ts`) and never appear here. Each key is one row (`platform_settings`: key, JSON value,
 * updated_by, updated_at, version); an absent row is the built-in default below.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const bilingual = (max: number) => z.strictObject({ zh: text(max), en: text(max) });

export const SETTINGS_LANGUAGES = ['zh-CN', 'en'] as const;
export type SettingsLanguage = (typeof SETTINGS_LANGUAGES)[number];
/** The page sizes a table offers (the default is one of them). */
export const SETTINGS_PAGE_SIZES = [10, 20, 50, 100] as const;

export const platformSettingsSchema = z.strictObject({
  /** The platform's display name (login page, header, the wall screen, the browser tab). */
  platformName: bilingual(40),
  /** The organization department that runs the platform (login page, under the name). */
  orgDepartmentName: bilingual(60),
  /** The language of a browser that has not chosen one yet. */
  defaultLanguage: z.enum(SETTINGS_LANGUAGES),
  /** The page size of a list opened without one. */
  defaultPageSize: z.literal(SETTINGS_PAGE_SIZES),
  /** Seconds the wall screen shows one panel before the next. */
  wallPanelSeconds: z.number().int().min(5).max(300),
  /** Seconds between the wall screen's data refreshes. */
  wallRefreshSeconds: z.number().int().min(15).max(3600),
  /** The hour (0–23, server time) of the notifications' daily digest. */
  digestHour: z.number().int().min(0).max(23),
  /** Whom to call for help: shown on the login page and the error page (empty: not shown). */
  supportContact: z.string().trim().max(120),
});
export type PlatformSettings = z.infer<typeof platformSettingsSchema>;
export type PlatformSettingKey = keyof PlatformSettings;

/** The values built in before they became settings: a fresh install looks and behaves as before. */
export const DEFAULT_PLATFORM_SETTINGS: PlatformSettings = {
  platformName: { zh: '薪火', en: 'Xinhuo' },
  orgDepartmentName: { zh: '市委组织部', en: 'City Organization Department' },
  defaultLanguage: 'zh-CN',
  defaultPageSize: 20,
  wallPanelSeconds: 20,
  wallRefreshSeconds: 60,
  digestHour: 8,
  supportContact: '',
};

export const PLATFORM_SETTING_KEYS = Object.keys(DEFAULT_PLATFORM_SETTINGS) as PlatformSettingKey[];

/** The system administrator's page: every setting with the version it was read at. */
export const platformSettingsStateSchema = z.object({
  settings: platformSettingsSchema,
  /** The settings' version: the highest version of any key (0: all defaults, never saved). */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  /** The username of whoever saved last (null: never saved or the account is gone). */
  updatedBy: z.string().nullable(),
});
export type PlatformSettingsState = z.infer<typeof platformSettingsStateSchema>;

/** A save sends every setting with the version it was read at; a stale version answers 409. */
export const updatePlatformSettingsBody = z.strictObject({
  settings: platformSettingsSchema,
  version: z.number().int().min(0),
});
export type UpdatePlatformSettingsBody = z.input<typeof updatePlatformSettingsBody>;

/** What the login page may show before anyone signs in: the names and the support line, nothing else. */
export const loginSettingsSchema = z.object({
  platformName: platformSettingsSchema.shape.platformName,
  orgDepartmentName: platformSettingsSchema.shape.orgDepartmentName,
  supportContact: platformSettingsSchema.shape.supportContact,
});
export type LoginSettings = z.infer<typeof loginSettingsSchema>;

/**
 * What every signed-in user (and the wall screen) reads: the presentation settings. Not the digest hour (a
 * server schedule), nor who saved last or when.
 */
export const publicSettingsSchema = loginSettingsSchema.extend({
  defaultLanguage: platformSettingsSchema.shape.defaultLanguage,
  defaultPageSize: platformSettingsSchema.shape.defaultPageSize,
  wallPanelSeconds: platformSettingsSchema.shape.wallPanelSeconds,
  wallRefreshSeconds: platformSettingsSchema.shape.wallRefreshSeconds,
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;
