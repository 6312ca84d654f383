import type {
  LoginSettings,
  PlatformSettings,
  PlatformSettingsState,
  PublicSettings,
  UpdatePlatformSettingsBody,
} from '@xinhuo/shared';
import { api } from './client';

/** Platform settings (系统设置): the system administrator's page, the signed-in subset, the login page's. */
export const settingsApi = {
  get: (signal?: AbortSignal) => api.get<PlatformSettingsState>('/api/settings', undefined, signal),
  update: (settings: PlatformSettings, version: number) =>
    api.put<PlatformSettingsState>('/api/settings', {
      settings,
      version,
    } satisfies UpdatePlatformSettingsBody),
  public: (signal?: AbortSignal) => api.get<PublicSettings>('/api/settings/public', undefined, signal),
  login: (signal?: AbortSignal) => api.get<LoginSettings>('/api/settings/login', undefined, signal),
};
