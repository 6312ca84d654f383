import { useCallback, useSyncExternalStore } from 'react';
import { fillTemplate } from '@xinhuo/shared';
import { en } from './en';
import { getLanguage, subscribeLanguage, type Language } from './language-store';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN';

export type { MessageKey } from './zh-CN';
type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

const DICTIONARIES: Record<Language, Dictionary> = { 'zh-CN': zhCN, en };

/** Fills `{name}` placeholders (the same function the server's documents use). */
const format: (template: string, vars?: TranslateVars) => string = fillTemplate;

/** The current UI language; re-renders when it changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

/** The translate function for the current language. */
export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>((key, vars) => format(DICTIONARIES[language][key], vars), [language]);
}
