/**
 * Citations and bibliographies, formatted by citation-js (citeproc-js underneath) from CSL-JSON:
 * APA 7 (citation-js' own style), MLA 9 and Chicago author-date (./csl-styles.ts), BibTeX for
 * Zotero and LaTeX. citation-js is large (~100 KB gzipped): load this module with `import()` when a
 * citation is asked for, never at start-up.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import type { CitationStyle } from '../schema';
import type { CslItem } from './csl';
import { CHICAGO_AUTHOR_DATE, MLA_9 } from './csl-styles';

export { CITATION_STYLES, type CitationStyle } from '../schema';

const TEMPLATE: Record<CitationStyle, string> = { apa: 'apa', mla: 'marginalia-mla-9', chicago: 'marginalia-chicago' };

interface CslConfig {
  styles: { has(name: string): boolean; add(name: string, xml: string): void };
}
interface BibtexConfig {
  format: { asciiOnly: boolean; useIdAsLabel: boolean };
}

let ready = false;
function setUp(): void {
  if (ready) return;
  const csl = plugins.config.get('@csl') as CslConfig;
  if (!csl.styles.has(TEMPLATE.mla)) csl.styles.add(TEMPLATE.mla, MLA_9);
  if (!csl.styles.has(TEMPLATE.chicago)) csl.styles.add(TEMPLATE.chicago, CHICAGO_AUTHOR_DATE);
  // Zotero and biber read UTF-8: keep "Vĩnh Phúc" as written rather than as lossy TeX accents.
  (plugins.config.get('@bibtex') as BibtexConfig).format.asciiOnly = false;
  ready = true;
}

/** One bibliography entry per item, in the style, as plain text (or HTML with italics). */
export function bibliography(
  items: readonly CslItem[],
  style: CitationStyle,
  format: 'text' | 'html' = 'text',
): string[] {
  setUp();
  if (!items.length) return [];
  const cite = new Cite(items as unknown as object[]);
  const entries = cite.format('bibliography', {
    format,
    template: TEMPLATE[style],
    lang: 'en-US',
    asEntryArray: true,
    nosort: true,
  }) as unknown as [string, string][];
  return entries.map(([, entry]) => entry.trim());
}

/** The citation of one item in the style, as plain text. */
export function citation(item: CslItem, style: CitationStyle): string {
  return bibliography([item], style)[0] ?? '';
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
  setUp();
  if (!items.length) return '';
  const escaped = items.map(texItem);
  return `${(new Cite(escaped as unknown as object[]).format('bibtex', { format: 'text' }) as string).trim()}\n`;
}
