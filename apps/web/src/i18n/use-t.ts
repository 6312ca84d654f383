import { useCallback, useSyncExternalStore } from 'react';
import { fillTemplate } from '@xinhuo/shared';
import { getLanguage, setLanguage, subscribeLanguage, type Language } from './language-store';
import type { Dictionary, MessageKey } from './zh-CN';

export type { MessageKey } from './zh-CN';
type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

// Each language's strings are a chunk of their own: the first load carries only the language in use.
const LOADERS: Record<Language, () => Promise<Dictionary>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};
const loaded: Partial<Record<Language, Dictionary>> = {};

/** Loads a language's strings (once); main.tsx awaits the current one before the first render. */
export async function loadDictionary(language: Language): Promise<void> {
  loaded[language] ??= await LOADERS[language]();
}

/** Switches the UI language once its strings are loaded (`remember: false`: the platform's default, not a choice). */
export async function switchLanguage(language: Language, opts: { remember?: boolean } = {}): Promise<void> {
  await loadDictionary(language);
  setLanguage(language, opts);
}

function dictionary(language: Language): Dictionary {
  const dict = loaded[language];
  if (!dict) throw new Error(`the ${language} strings are not loaded (loadDictionary first)`);
  return dict;
}

/** Fills `{name}` placeholders (the same function the server's documents use). */
const format: (template: string, vars?: TranslateVars) => string = fillTemplate;

/** The current UI language; re-renders when it changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

/** The translate function for the current language. */
export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>((key, vars) => format(dictionary(language)[key], vars), [language]);
}
