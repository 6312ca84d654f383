// The platform settings (系统设置) as the pages use them: the names and the support line (read without a
// session, so the login page has them too) and the signed-in presentation settings (default language and
// page size). A save on the settings page invalidates ['settings'], so every reader sees it at once.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LoginSettings } from '@xinhuo/shared';
import { settingsApi } from '../../api/settings-endpoints';
import type { Language } from '../../i18n/language-store';
import { useLanguage, useT } from '../../i18n/use-t';

export const SETTINGS_QUERY_KEY = ['settings'] as const;
const FIVE_MINUTES = 5 * 60_000;

/** The built-in page size of a list, until the settings have been read. */
export const FALLBACK_PAGE_SIZE = 20;

/** The names and the support line (the login page's subset; the same for every reader). */
export function useBrandSettings() {
  return useQuery({
    queryKey: [...SETTINGS_QUERY_KEY, 'login'],
    queryFn: ({ signal }) => settingsApi.login(signal),
    staleTime: FIVE_MINUTES,
    retry: false,
  });
}

/** A bilingual setting in the UI language. */
export function inLanguage(value: { zh: string; en: string }, language: Language): string {
  return language === 'en' ? value.en : value.zh;
}

/** The platform's display name, the organization department's and the support line in the UI language; null until read. */
export function useBrand(): { name: string; department: string; support: string } | null {
  const language = useLanguage();
  const s: LoginSettings | undefined = useBrandSettings().data;
  if (!s) return null;
  return {
    name: inLanguage(s.platformName, language),
    department: inLanguage(s.orgDepartmentName, language),
    support: s.supportContact,
  };
}

/**
 * The browser tab's title: the platform's name and the subtitle. Called by the login page and the signed-in
 * frame, each mounted after a sign-in clears the query cache (an observer mounted before would keep
 * watching the cleared query).
 */
export function useBrandTitle(): void {
  const t = useT();
  const name = useBrand()?.name;
  useEffect(() => {
    document.title = name ? `${name} · ${t('app.subtitle')}` : t('app.title');
  }, [name, t]);
}

/** The presentation settings every signed-in user reads. */
export function usePublicSettings() {
  return useQuery({
    queryKey: [...SETTINGS_QUERY_KEY, 'public'],
    queryFn: ({ signal }) => settingsApi.public(signal),
    staleTime: FIVE_MINUTES,
  });
}

/** The page size of a list opened without one (the platform setting, 20 until it is read). */
export function useDefaultPageSize(): number {
  return usePublicSettings().data?.defaultPageSize ?? FALLBACK_PAGE_SIZE;
}
