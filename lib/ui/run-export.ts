/**
 * The extension pages' side of exporting: labels in the UI language, running an export into a
 * download, and "copy quote with citation". The exporters and citation-js load only when used.
 */
import { claimLabel } from '../claim-labels';
import { CLAIM_STATUSES, type ClaimTypeDef } from '../claim-types';
import { toCsl } from '../export/csl';
import type { ExportFormat, ExportGroup } from '../export/exporter';
import type { MarkdownWords } from '../export/markdown';
import { t } from '../i18n';
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
  const { buildExport } = await import('../export/exporter');
  const file = await buildExport(groups, {
    format,
    template: settings.markdownTemplate,
    citationStyle: settings.citationStyle,
    exportedAt: new Date(),
    onProgress,
    ...exportLabels(types),
  });
  downloadFile(file.name, file.data, file.mime);
}

/** The article's reference in the style (plain text). */
export async function citeArticle(article: Article, style: CitationStyle): Promise<string> {
  const { citation } = await import('../export/cite');
  return citation(toCsl(article), style);
}

/** A quote in typographic quotes, then the article's reference: what a student pastes. */
export async function quoteWithCitation(article: Article, h: Highlight, style: CitationStyle): Promise<string> {
  const quote = h.target.selector[0].exact.replace(/\s+/g, ' ').trim();
  return `${t('cite_quoteOpen')}${quote}${t('cite_quoteClose')}\n\n${await citeArticle(article, style)}`;
}

/** Puts text on the clipboard. */
export function copyText(text: string): Promise<void> {
  return navigator.clipboard.writeText(text);
}
