import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/i18n';
import { applyLanguage, languageReady, rememberedLanguage, rememberLanguage } from '@/lib/i18n/language';
import { useSettings } from '@/lib/ui/use-settings';

/** Props of {@link LanguageGate}. */
export interface LanguageGateProps {
  /** The message key of the page's title. */
  titleKey: string;
  children: ComponentChildren;
}

/**
 * Renders the UI in the language the user chose (or the browser's), and again from scratch when the
 * choice changes, so every string and date follows at once. Until the settings are read it renders
 * in the language this page last saw, so the page does not wait for the database to show anything.
 */
export function LanguageGate({ titleKey, children }: LanguageGateProps) {
  const { settings, loaded } = useSettings();
  const [remembered] = useState(rememberedLanguage);
  const language = loaded ? settings.language : remembered;
  // The chosen language's messages load once (from the extension itself); render when they are in.
  const [, setReady] = useState(0);
  const ready = languageReady(language);
  if (ready) void applyLanguage(language);
  else void applyLanguage(language).then(() => setReady((n) => n + 1));
  useEffect(() => {
    if (loaded) rememberLanguage(settings.language);
  }, [loaded, settings.language]);
  const lang = uiLanguage();
  // Before paint, so the document's language never lags behind its text.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(titleKey);
  }, [lang, titleKey]);
  if (!ready) return null;
  return <div key={language}>{children}</div>;
}
