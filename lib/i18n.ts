/**
 * UI strings, through the browser's i18n (`public/_locales/<lang>/messages.json`), so the UI follows
 * the browser's language. A missing message shows its key, which tests catch.
 */
import { browser } from 'wxt/browser';

/** The message `key` in the browser's language, with `$1`-style substitutions. */
export function t(key: string, substitutions?: string | string[]): string {
  let message = '';
  try {
    // Keys are checked by tests against messages.json; WXT's typed keys would forbid `claimType_${x}`.
    const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;
    message = getMessage(key, substitutions);
  } catch {
    // Outside an extension context (a unit test without the mock) there are no messages.
  }
  return message || key;
}

/** The UI language the browser chose, e.g. `en` or `vi`. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** A count message: `key_one` / `key_other` (by the UI language's plural rules) with the number. */
export function tn(key: string, n: number): string {
  const lang = uiLanguage();
  const form = new Intl.PluralRules(lang).select(n);
  const count = new Intl.NumberFormat(lang).format(n);
  const message = t(`${key}_${form}`, count);
  return message === `${key}_${form}` ? t(`${key}_other`, count) : message;
}
