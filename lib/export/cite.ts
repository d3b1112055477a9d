/**
 * Citations and bibliographies, formatted by citation-js (citeproc-js underneath) from CSL-JSON with
 * the official CSL styles, unmodified (./csl/: APA 7, MLA 9, Chicago 18th author-date) in US English
 * or Vietnamese (BibTeX and BibLaTeX: ./bibtex.ts). citation-js is large (~100 KB gzipped) and each style
 * is its own file: load this module with `import()` when a citation is asked for, and the style
 * with {@link citer}, never at start-up.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CitationStyle } from '../schema';
import type { CslItem } from './csl';

export { CITATION_STYLES, type CitationStyle } from '../schema';

/** The locales citations are written in: the UI's languages. */
export type CitationLocale = 'en-US' | 'vi-VN';

/** The citation locale for a UI language (vi → Vietnamese, anything else → US English). */
export function citationLocale(uiLanguage: string): CitationLocale {
  return /^vi\b/i.test(uiLanguage) ? 'vi-VN' : 'en-US';
}

/** Each official style, a chunk of its own (Vite `?raw`: the file's text as it is). */
const STYLE_FILES: Record<CitationStyle, () => Promise<{ default: string }>> = {
  apa: () => import('./csl/apa.csl?raw'),
  mla: () => import('./csl/modern-language-association.csl?raw'),
  chicago: () => import('./csl/chicago-author-date.csl?raw'),
};
const LOCALE_FILES: Record<CitationLocale, () => Promise<{ default: string }>> = {
  'en-US': () => import('./csl/locales-en-US.xml?raw'),
  'vi-VN': () => import('./csl/locales-vi-VN.xml?raw'),
};

/** Names the official styles are registered under (citation-js ships an older APA as `apa`). */
const TEMPLATE: Record<CitationStyle, string> = {
  apa: 'csl-official-apa',
  mla: 'csl-official-mla',
  chicago: 'csl-official-chicago-author-date',
};

interface Register {
  has(name: string): boolean;
  add(name: string, value: string): void;
  set(name: string, value: string): void;
}

const localesLoaded = new Set<CitationLocale>();
interface CslConfig {
  templates?: Register;
  styles?: Register;
  locales: Register;
}
/** Formats citations in one style and locale. */
export interface Citer {
  /** One bibliography entry per item, in the items' order, as plain text or HTML (italics). */
  bibliography(items: readonly CslItem[], format?: 'text' | 'html'): string[];
  /** The citation of one item as plain text. */
  citation(item: CslItem): string;
  /** The citation of one item as HTML (titles in italics, as the style sets them). */
  citationHtml(item: CslItem): string;
}

/** Loads the style and the locale (their files, once), and formats with them. */
export async function citer(style: CitationStyle, locale: CitationLocale = 'en-US'): Promise<Citer> {
  const csl = plugins.config.get('@csl') as CslConfig;
  const styles = (csl.templates ?? csl.styles) as Register;
  if (!styles.has(TEMPLATE[style])) styles.add(TEMPLATE[style], (await STYLE_FILES[style]()).default);
  // citeproc-js looks locales up by name: ours replace citation-js' older bundled copy of en-US.
  if (!localesLoaded.has(locale)) {
    csl.locales.set(locale, (await LOCALE_FILES[locale]()).default);
    localesLoaded.add(locale);
  }
  const bibliography = (items: readonly CslItem[], format: 'text' | 'html' = 'text'): string[] => {
    if (!items.length) return [];
    const cite = new Cite(items as unknown as object[]);
    const entries = cite.format('bibliography', {
      format,
      template: TEMPLATE[style],
      lang: locale,
      asEntryArray: true,
      nosort: true,
    }) as unknown as [string, string][];
    // citation-js marks each HTML entry with the item's id (an internal record id): not for the clipboard.
    return entries.map(([, entry]) => entry.trim().replace(/^<div data-csl-entry-id="[^"]*"/, '<div'));
  };
  return {
    bibliography,
    citation: (item) => bibliography([item])[0] ?? '',
    citationHtml: (item) => bibliography([item], 'html')[0] ?? '',
  };
}
