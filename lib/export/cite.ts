/**
 * Citations and bibliographies, formatted by citeproc-js (Zotero's CSL processor) from CSL-JSON with
 * the official CSL styles, unmodified (./csl/: APA 7, MLA 9, Chicago 18th author-date) in US English
 * or Vietnamese (BibTeX and BibLaTeX: ./bibtex.ts). citeproc-js is large (~100 KB gzipped) and each
 * style is its own file: load this module with `import()` when a citation is asked for, and the
 * style with {@link citer}, never at start-up.
 *
 * An engine holds its style compiled: APA alone is ~50 MB of the page's memory (measured: a library
 * page's heap after a full GC, 113 → 166 MB after one export with citations, citation-js, used before,
 * keeping the engine it made for the page's life). Engines are made here, kept while in use, and dropped after
 * {@link ENGINE_IDLE_MS} without a citation.
 */
import CSL, { type Engine } from 'citeproc';
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

/** How long an engine is kept after its last citation. */
export const ENGINE_IDLE_MS = 60_000;

/** Formats citations in one style and locale. */
export interface Citer {
  /** One bibliography entry per item, in the items' order, as plain text or HTML (italics). */
  bibliography(items: readonly CslItem[], format?: 'text' | 'html'): string[];
  /** The citation of one item as plain text. */
  citation(item: CslItem): string;
  /** The citation of one item as HTML (titles in italics, as the style sets them). */
  citationHtml(item: CslItem): string;
}

/** The files an engine is made from, read once each. */
const styleXml = new Map<CitationStyle, string>();
const localeXml = new Map<CitationLocale, string>();

interface Kept {
  engine: Engine;
  /** The items of the entries being made, by id (citeproc asks for them by id). */
  items: Map<string, CslItem>;
  timer: ReturnType<typeof setTimeout> | undefined;
}
const kept = new Map<string, Kept>();

/** The engine of a style and locale: the kept one, or a new one; dropped once idle. */
function engineFor(style: CitationStyle, locale: CitationLocale): Kept {
  const key = `${style} ${locale}`;
  let entry = kept.get(key);
  if (!entry) {
    const items = new Map<string, CslItem>();
    const engine = new CSL.Engine(
      {
        // citeproc asks for US English as its fallback, and for the locale asked.
        retrieveLocale: (lang: string) => localeXml.get(lang as CitationLocale) ?? localeXml.get('en-US') ?? '',
        retrieveItem: (id: string) => items.get(id),
      },
      styleXml.get(style) as string,
      locale,
      true,
    );
    engine.opt.development_extensions.wrap_url_and_doi = false;
    entry = { engine, items, timer: undefined };
    kept.set(key, entry);
  }
  clearTimeout(entry.timer);
  entry.timer = setTimeout(() => kept.delete(key), ENGINE_IDLE_MS);
  return entry;
}

/** Drops every engine now: a batch (an export) that is done with them gives their memory back. */
export function dropEngines(): void {
  for (const entry of kept.values()) clearTimeout(entry.timer);
  kept.clear();
}

/** Engines kept now (for tests). */
export function keptEngines(): number {
  return kept.size;
}

/** Loads the style and the locale (their files, once), and formats with them. */
export async function citer(style: CitationStyle, locale: CitationLocale = 'en-US'): Promise<Citer> {
  if (!styleXml.has(style)) styleXml.set(style, (await STYLE_FILES[style]()).default);
  for (const lang of new Set<CitationLocale>(['en-US', locale])) {
    if (!localeXml.has(lang)) localeXml.set(lang, (await LOCALE_FILES[lang]()).default);
  }
  const bibliography = (items: readonly CslItem[], format: 'text' | 'html' = 'text'): string[] => {
    if (!items.length) return [];
    const { engine, items: byId } = engineFor(style, locale);
    byId.clear();
    for (const item of items) byId.set(String(item.id), item);
    engine.setOutputFormat(format);
    // Forget what was cited before: citeproc keeps each item it processed by its id, and two
    // articles' items may share one (an article cited again after an edit, or in tests).
    engine.updateItems([]);
    // In the items' order (no sorting): each entry is returned for its own item.
    engine.updateItems(
      items.map((item) => String(item.id)),
      true,
    );
    const [, entries] = engine.makeBibliography();
    byId.clear();
    return entries.map((entry) => entry.trim());
  };
  return {
    bibliography,
    citation: (item) => bibliography([item])[0] ?? '',
    citationHtml: (item) => bibliography([item], 'html')[0] ?? '',
  };
}
