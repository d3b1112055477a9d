/**
 * UI strings, through the browser's i18n (`public/_locales/<lang>/messages.json`), so the UI follows
 * the browser's language, unless the user picked a language in settings: extension pages then load
 * that language's messages.json (see ./language.ts) and {@link setMessages} makes them win.
 * A missing message shows its key, which tests catch.
 */
import { browser } from 'wxt/browser';

/** One entry of a messages.json file. */
export interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Messages = Record<string, MessageEntry>;

let override: { messages: Messages; lang: string } | null = null;

/** Uses these messages (a language the user chose) instead of the browser's; null goes back. */
export function setMessages(messages: Messages | null, lang?: string): void {
  override = messages ? { messages, lang: lang ?? 'en' } : null;
}

/** Formats a messages.json entry as browser.i18n does: `$name$` placeholders, `$1` substitutions. */
export function formatMessage(entry: MessageEntry, substitutions?: string | string[]): string {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const fill = (s: string) => s.replace(/\$(\d)|\$\$/g, (_all, n) => (n ? (subs[Number(n) - 1] ?? '') : '$'));
  const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name: string) => {
    const p = entry.placeholders?.[name.toLowerCase()];
    return p ? fill(p.content) : all;
  });
  return withPlaceholders.replace(/\$(\d)/g, (_all, n) => subs[Number(n) - 1] ?? '');
}

/**
 * The browser's messages without substitutions, and its UI language, as first read: neither changes
 * while a page lives, and each call into the browser's i18n goes through its extension bindings (a
 * search keystroke in the library renders rows that ask for dozens: 2–5 ms of each render in a CPU
 * profile at 100,000 highlights).
 */
const browserMessages = new Map<string, string>();
let browserLanguage: string | undefined;

/** The message `key` in the UI language, with `$1`-style substitutions. */
export function t(key: string, substitutions?: string | string[]): string {
  if (override) {
    const entry = Object.hasOwn(override.messages, key) ? override.messages[key] : undefined;
    if (entry) return formatMessage(entry, substitutions);
  }
  const plain = substitutions === undefined;
  let message = plain ? browserMessages.get(key) : undefined;
  if (message === undefined) {
    try {
      // Keys are checked by tests against messages.json; WXT's typed keys would forbid `claimType_${x}`.
      const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;
      message = getMessage(key, substitutions);
      if (plain) browserMessages.set(key, message);
    } catch {
      // Outside an extension context (a unit test without the mock) there are no messages.
    }
  }
  return message || key;
}

/** The UI language, e.g. `en` or `vi`: the user's choice, else the browser's. */
export function uiLanguage(): string {
  if (override) return override.lang;
  try {
    browserLanguage ??= browser.i18n.getUILanguage() || 'en';
    return browserLanguage;
  } catch {
    return 'en';
  }
}

// Making Intl objects costs far more than using one (the library shows counts on every row): kept
// per language.
const counts = new Map<string, { plural: Intl.PluralRules; number: Intl.NumberFormat }>();
function countFormats(lang: string) {
  let f = counts.get(lang);
  if (!f) {
    f = { plural: new Intl.PluralRules(lang), number: new Intl.NumberFormat(lang) };
    counts.set(lang, f);
  }
  return f;
}

/**
 * A count message: `key_one` / `key_other` (by the UI language's plural rules) with the number as
 * `$1` and any further substitutions as `$2`….
 */
export function tn(key: string, n: number, more: string[] = []): string {
  const { plural, number } = countFormats(uiLanguage());
  const form = plural.select(n);
  const subs = [number.format(n), ...more];
  const message = t(`${key}_${form}`, subs);
  return message === `${key}_${form}` ? t(`${key}_other`, subs) : message;
}

/**
 * A page's or user's string set inside UI text, isolated (FSI … PDI): a right-to-left site name or
 * byline keeps its own direction without reordering the UI words and numbers around it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
