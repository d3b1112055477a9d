import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/i18n';
import { applyLanguage, languageReady } from '@/lib/ui/language';
import { useSettings } from '@/lib/ui/use-settings';

/** Props of {@link LanguageGate}. */
export interface LanguageGateProps {
  /** The message key of the page's title. */
  titleKey: string;
  children: ComponentChildren;
}

/**
 * Renders the UI in the language the user chose (or the browser's), and again from scratch when the
 * choice changes, so every string and date follows at once.
 */
export function LanguageGate({ titleKey, children }: LanguageGateProps) {
  const { settings, loaded } = useSettings();
  // The chosen language's messages load once (from the extension itself); render when they are in.
  const [, setReady] = useState(0);
  const ready = loaded && languageReady(settings.language);
  if (loaded) {
    if (ready) void applyLanguage(settings.language);
    else void applyLanguage(settings.language).then(() => setReady((n) => n + 1));
  }
  const lang = uiLanguage();
  // Before paint, so the document's language never lags behind its text.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(titleKey);
  }, [lang, titleKey]);
  if (!ready) return null;
  return <div key={settings.language}>{children}</div>;
}
