// The UI language: kept in memory for the API client, remembered in localStorage (the only thing stored there).
export type Language = 'zh-CN' | 'en';

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'xinhuo.lang';

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'zh-CN' ? stored : null;
  } catch {
    return null;
  }
}

// Whether this browser's user chose a language; if not, the platform's default language (a setting read
// after sign-in) may replace the built-in one without being remembered as a choice.
let chosen = readStoredLanguage() !== null;
let current: Language = readStoredLanguage() ?? 'zh-CN';

export function languageChosen(): boolean {
  return chosen;
}
const listeners = new Set<() => void>();

export function getLanguage(): Language {
  return current;
}

export function setLanguage(language: Language, opts: { remember?: boolean } = {}): void {
  if (opts.remember !== false) {
    chosen = true;
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Storage can be disabled (private mode); the choice then lasts for this page only.
    }
  }
  if (language === current) return;
  current = language;
  listeners.forEach((listener) => listener());
}

export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
