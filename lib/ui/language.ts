/**
 * Applies the user's language setting in the extension's own contexts (background, sidebar,
 * library). Both message files are bundled there (a few KB); the page side follows the browser.
 */
import en from '../../public/_locales/en/messages.json';
import vi from '../../public/_locales/vi/messages.json';
import { type Messages, setMessages } from '../i18n';
import type { Settings } from '../schema';

const MESSAGES: Record<Exclude<Settings['language'], 'auto'>, Messages> = { en, vi };

/** Makes `t()` use the chosen language's messages; `auto` goes back to the browser's language. */
export function applyLanguage(language: Settings['language']): void {
  if (language === 'auto') setMessages(null);
  else setMessages(MESSAGES[language], language);
}
