/**
 * Citations and bibliographies, formatted by citation-js (citeproc-js underneath) from CSL-JSON with
 * the official CSL styles, unmodified (./csl/: APA 7, MLA 9, Chicago 18th author-date) in US English
 * or Vietnamese; BibTeX for Zotero and LaTeX. citation-js is large (~100 KB gzipped) and each style
 * is its own file: load this module with `import()` when a citation is asked for, and the style
 * with {@link citer}, never at start-up.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
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
interface BibtexConfig {
  format: { asciiOnly: boolean; useIdAsLabel: boolean };
}

let bibtexReady = false;
function setUpBibtex(): void {
  if (bibtexReady) return;
  // Zotero and biber read UTF-8: keep "Vĩnh Phúc" as written rather than as lossy TeX accents.
  (plugins.config.get('@bibtex') as BibtexConfig).format.asciiOnly = false;
  bibtexReady = true;
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

/**
 * A field's text as BibTeX reads it back unchanged: TeX's special characters as commands, so a
 * title from a page can neither close its field and open another (`Budget} , note = {…`) nor run
 * TeX (`\input{…}`, `\write18{…}`). Braces become \textbraceleft{} / \textbraceright{}: BibTeX
 * counts every brace, escaped or not, so `\{` alone would still unbalance the field.
 */
export function texEscape(text: string): string {
  return text.replace(/[\\{}%&$#_~^]/g, (c) => TEX_ESCAPES[c] ?? c);
}

const TEX_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** A URL as BibTeX's `url` field takes it (verbatim): braces, backslashes and spaces percent-encoded. */
function urlEscape(url: string): string {
  return url.replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The item with every text field escaped for BibTeX (names too). */
function texItem(item: CslItem): CslItem {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'URL' && typeof value === 'string') out[key] = urlEscape(value);
    else if (key === 'id' || typeof value !== 'string') out[key] = value;
    else out[key] = texEscape(value);
  }
  if (item.author) {
    out.author = item.author.map((n) =>
      Object.fromEntries(Object.entries(n).map(([k, v]) => [k, typeof v === 'string' ? texEscape(v) : v])),
    );
  }
  return out as unknown as CslItem;
}

/** BibTeX (UTF-8) for the items, every page-derived field escaped. */
export function bibtex(items: readonly CslItem[]): string {
  setUpBibtex();
  if (!items.length) return '';
  const escaped = items.map(texItem);
  return `${(new Cite(escaped as unknown as object[]).format('bibtex', { format: 'text' }) as string).trim()}\n`;
}
