// Unit-test set-up: an in-memory IndexedDB before Dexie loads, and the browser's i18n answered
// from the English messages.json, as the extension would in an English browser.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

const messages = JSON.parse(readFileSync(join(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** chrome.i18n.getMessage semantics: named placeholders resolve to `$1`…, then substitutions. */
export function englishMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  let text = entry.message.replace(
    /\$([a-z0-9_]+)\$/gi,
    (_m, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? '',
  );
  text = text.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
  return text;
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en';
});
