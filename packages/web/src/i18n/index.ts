/** The UI language: vi (default) or en, remembered in localStorage; `t(key)` reads the current one. */
import type { Lang } from '@grdp/engine';
import { en } from './en.ts';
import { type MessageKey, vi } from './vi.ts';

export type { MessageKey } from './vi.ts';

const STORAGE_KEY = 'grdp.lang';
const TABLES: Record<Lang, Record<MessageKey, string>> = { vi, en };

let current: Lang = readStored();

function readStored(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function getLang(): Lang {
  return current;
}

/** Sets the language (and remembers it unless `remember` is false, as for an embed's `?lang=`). */
export function setLang(lang: Lang, remember = true): void {
  current = lang;
  document.documentElement.lang = lang;
  if (remember)
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // private mode: the choice lasts for this page only
    }
}

export function t(key: MessageKey, lang: Lang = current): string {
  return TABLES[lang][key];
}
