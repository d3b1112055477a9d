/** Set-up shared by the extension's pages: language, direction and title from the UI locale. */
import { t, uiLanguage } from '../i18n';

/** Sets the page's `lang` and title; call before rendering. */
export function startUiPage(titleKey: string): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
}

/**
 * Resolves once every one of `work` has settled, or after `ms`, whichever comes first: a page's
 * first render waits this long for what it shows, and no longer.
 */
export function settledWithin(work: readonly Promise<unknown>[], ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.allSettled(work).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
