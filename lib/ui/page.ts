/** Set-up shared by the extension's pages: language, direction and title from the UI locale. */
import { t, uiLanguage } from '../i18n';

/** Sets the page's `lang` and title; call before rendering. */
export function startUiPage(titleKey: string): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
}
