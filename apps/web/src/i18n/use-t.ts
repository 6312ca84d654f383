import { useCallback, useSyncExternalStore } from 'react';
import { en } from './en';
import { getLanguage, subscribeLanguage, type Language } from './language-store';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN';

export type { MessageKey } from './zh-CN';
export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

const DICTIONARIES: Record<Language, Dictionary> = { 'zh-CN': zhCN, en };

/** Fills `{name}` placeholders. */
export function format(template: string, vars?: TranslateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** The current UI language; re-renders when it changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

/** The translate function for the current language. */
export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>((key, vars) => format(DICTIONARIES[language][key], vars), [language]);
}
