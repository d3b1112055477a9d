/**
 * The extension pages' side of exporting: labels in the UI language, running an export into a
 * download, and "copy quote with citation". The exporters and citeproc-js load only when used.
 */
import { claimLabel } from '../claim-labels';
import { CLAIM_STATUSES, type ClaimTypeDef } from '../claim-types';
import { toCsl } from '../export/csl';
import type { ExportFormat, ExportGroup } from '../export/exporter';
import type { MarkdownWords } from '../export/markdown';
import { t, uiLanguage } from '../i18n';
import type { Article, CitationStyle, Highlight, Settings } from '../schema';
import { downloadFile } from './download';

/** Claim type and status names, and the words Markdown files use, in the UI language. */
export function exportLabels(types: readonly ClaimTypeDef[]) {
  const words: MarkdownWords = {
    highlight: t('md_highlight'),
    openPassage: t('md_openPassage'),
    source: t('md_source'),
    cite: t('md_cite'),
    exportTitle: t('md_exportTitle'),
    nowReads: t('md_nowReads'),
    status: t('card_status'),
  };
  return {
    labels: Object.fromEntries(types.map((d) => [d.id, claimLabel(d)])),
    statusLabels: Object.fromEntries(CLAIM_STATUSES.map((s) => [s, t(`status_${s}`)])),
    words,
  };
}

/** Builds the export and hands it to the browser's downloads. */
export async function runExport(
  groups: readonly ExportGroup[],
  format: ExportFormat,
  settings: Pick<Settings, 'markdownTemplate'> & { citationStyle: Settings['citationStyle'] | null },
  types: readonly ClaimTypeDef[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  // The exporters (YAML, zip) load with the first export, not with the page.
  const [{ buildExport }, { zipOffThread }] = await Promise.all([
    import('../export/exporter'),
    import('./zip-off-thread'),
  ]);
  const file = await buildExport(groups, {
    format,
    template: settings.markdownTemplate,
    citationStyle: settings.citationStyle,
    citationLanguage: uiLanguage(),
    exportedAt: new Date(),
    onProgress,
    zip: zipOffThread,
    ...exportLabels(types),
  });
  downloadFile(file.name, file.data, file.mime);
}

/** What is copied: plain text, and HTML that keeps the style's italics when pasted into a document. */
export interface Rich {
  text: string;
  html: string;
}

/** The article's reference in the style, in the UI's language. */
export async function citeArticle(article: Article, style: CitationStyle): Promise<Rich> {
  const { citer, citationLocale } = await import('../export/cite');
  const { citation, citationHtml } = await citer(style, citationLocale(uiLanguage()));
  const item = toCsl(article);
  return { text: citation(item), html: citationHtml(item) };
}

/** A quote in typographic quotes, then the article's reference: what a student pastes. */
export async function quoteWithCitation(article: Article, h: Highlight, style: CitationStyle): Promise<Rich> {
  const quote = `${t('cite_quoteOpen')}${h.target.selector[0].exact.replace(/\s+/g, ' ').trim()}${t('cite_quoteClose')}`;
  const cited = await citeArticle(article, style);
  return { text: `${quote}\n\n${cited.text}`, html: `<p>${escapeHtml(quote)}</p>\n<p>${cited.html}</p>` };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

/**
 * Puts text on the clipboard; with HTML too, both flavours, so a word processor keeps the italics
 * and a plain field gets the text (browsers without ClipboardItem get the text).
 */
export async function copyText(content: string | Rich): Promise<void> {
  if (typeof content === 'string') return navigator.clipboard.writeText(content);
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard.write) {
    return navigator.clipboard.writeText(content.text);
  }
  await navigator.clipboard.write([
    new ClipboardItem({
      'text/plain': new Blob([content.text], { type: 'text/plain' }),
      'text/html': new Blob([content.html], { type: 'text/html' }),
    }),
  ]);
}
