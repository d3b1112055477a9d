/**
 * Applies the user's language setting in the extension's own contexts (background, sidebar,
 * library). The chosen language's messages.json is read from the extension itself when needed
 * (it ships in `_locales/`), so no page bundles both message files.
 */
import { browser } from 'wxt/browser';
import { type Settings, UI_LANGUAGES } from '../schema';
import { type Messages, setMessages } from './index';

export type Language = Exclude<Settings['language'], 'auto'>;

/** Reads a shipped messages.json. */
export async function fetchMessages(language: Language): Promise<Messages> {
  const url = (browser.runtime.getURL as (path: string) => string)(`/_locales/${language}/messages.json`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`No messages for ${language}`);
  return (await response.json()) as Messages;
}

const cache = new Map<Language, Messages>();

const REMEMBERED = 'marginalia.language';

/**
 * The language the user chose, as this extension page last saw it: pages render in it at once
 * instead of waiting for the settings to be read (the gate re-renders if they say otherwise).
 */
export function rememberedLanguage(): Settings['language'] {
  try {
    const v = localStorage.getItem(REMEMBERED);
    return (UI_LANGUAGES as readonly (string | null)[]).includes(v) ? (v as Settings['language']) : 'auto';
  } catch {
    return 'auto';
  }
}

/** Remembers the chosen language for the next page (see {@link rememberedLanguage}). */
export function rememberLanguage(language: Settings['language']): void {
  try {
    if (language === 'auto') localStorage.removeItem(REMEMBERED);
    else localStorage.setItem(REMEMBERED, language);
  } catch {
    // Storage unavailable: pages wait for the settings instead.
  }
}

/** True when `language` can be applied at once (no file to read first). */
export function languageReady(language: Settings['language']): boolean {
  return language === 'auto' || cache.has(language);
}

/**
 * Makes `t()` use the chosen language's messages; `auto` goes back to the browser's language. A
 * language whose file cannot be read leaves the browser's language in place.
 */
export async function applyLanguage(
  language: Settings['language'],
  load: (language: Language) => Promise<Messages> = fetchMessages,
): Promise<void> {
  if (language === 'auto') {
    setMessages(null);
    applied = 'auto';
    return;
  }
  let messages = cache.get(language);
  if (!messages) {
    try {
      messages = await load(language);
      cache.set(language, messages);
    } catch {
      setMessages(null);
      applied = 'auto';
      return;
    }
  }
  setMessages(messages, language);
  applied = language;
}

/** The language last applied in this context. */
let applied: Settings['language'] | null = null;

/** Applies `language` unless it is the one in effect already (no change of state then). */
export async function ensureLanguage(
  language: Settings['language'],
  load: (language: Language) => Promise<Messages> = fetchMessages,
): Promise<void> {
  if (language !== applied) await applyLanguage(language, load);
}
