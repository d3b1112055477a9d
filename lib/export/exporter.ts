/**
 * One entry point for every export the sidebar and library offer: Markdown (one file, a combined
 * file, or a zip of one file per article), W3C Web Annotation JSON-LD, Readwise CSV, BibTeX and
 * CSL-JSON. Works in slices and yields between them, reporting progress, so a library of 100,000
 * highlights exports behind a progress bar without freezing the page.
 */
import { nextTask as pause } from '../next-task';
import type { Article, CitationStyle, Highlight } from '../schema';
import { bibFile } from './bibtex';
import { toCsl } from './csl';
import { EXPORT_FORMATS, type ExportFormat } from './formats';
import {
  articleToMarkdown,
  combinedMarkdown,
  type Labels,
  type MarkdownTemplate,
  type MarkdownWords,
  WORDS,
} from './markdown';
import { readwiseCsv } from './readwise';
import { slugify, UniqueNames } from './slug';
import { webAnnotationCollection } from './web-annotation';
import { type ZipSink, zipHere } from './zip';

export { EXPORT_FORMATS, type ExportFormat };

/** An article and the highlights to export from it, in article order. */
export interface ExportGroup {
  article: Article;
  highlights: readonly Highlight[];
}

export interface ExportOptions {
  format: ExportFormat;
  template: MarkdownTemplate;
  labels: Labels;
  statusLabels: Labels;
  words?: Partial<MarkdownWords>;
  exportedAt: Date;
  /** Citation style for the "Cite as" line of Markdown exports; null for none. */
  citationStyle: CitationStyle | null;
  /** The language citations are written in (the UI's; en-US unless given). */
  citationLanguage?: string;
  /** Called with articles done and total as the export goes. */
  onProgress?: (done: number, total: number) => void;
  /** Where the Markdown zip is made (extension pages deflate in a worker); in this thread if absent. */
  zip?: (mtime: Date) => ZipSink;
}

export interface ExportFile {
  name: string;
  mime: string;
  data: Uint8Array | string;
}

const SLICE = 250;

const EXTENSION: Record<ExportFormat, [string, string]> = {
  'markdown-zip': ['zip', 'application/zip'],
  markdown: ['md', 'text/markdown;charset=utf-8'],
  'web-annotation': ['jsonld', 'application/ld+json;charset=utf-8'],
  readwise: ['csv', 'text/csv;charset=utf-8'],
  bibtex: ['bib', 'application/x-bibtex;charset=utf-8'],
  biblatex: ['bib', 'application/x-bibtex;charset=utf-8'],
  'csl-json': ['json', 'application/vnd.citationstyles.csl+json;charset=utf-8'],
};

/** The file name: the article's slug for one article, else `marginalia-<date>`. */
export function exportFileName(groups: readonly ExportGroup[], format: ExportFormat, exportedAt: Date): string {
  const [extension] = EXPORT_FORMATS.includes(format) ? EXTENSION[format] : ['txt'];
  const single = groups.length === 1 && format !== 'markdown-zip' ? groups[0]?.article.title : null;
  return `${single ? slugify(single) : `marginalia-${exportedAt.toISOString().slice(0, 10)}`}.${extension}`;
}

/**
 * Citations of the groups' articles in the style, by article id (citeproc-js, loaded now). Each is
 * formatted on its own, as it stands in its own file: no "2021a/2021b" disambiguation across files.
 */
async function citationsOf(
  groups: readonly ExportGroup[],
  style: CitationStyle,
  language: string,
  progress: (n: number) => void,
) {
  const { citer, citationLocale, dropEngines } = await import('./cite');
  const { citation } = await citer(style, citationLocale(language));
  const out = new Map<string, string>();
  try {
    for (let i = 0; i < groups.length; i += SLICE) {
      for (const g of groups.slice(i, i + SLICE)) out.set(g.article.id, citation(toCsl(g.article)));
      progress(Math.min(i + SLICE, groups.length));
      await pause();
    }
  } finally {
    // The export is done with the engine: its compiled style is tens of MB of the page's memory.
    dropEngines();
  }
  return out;
}

/** Builds the export file. Groups with no highlights still count for citations (BibTeX, CSL). */
export async function buildExport(groups: readonly ExportGroup[], options: ExportOptions): Promise<ExportFile> {
  const { format, exportedAt } = options;
  const total = groups.length;
  const report = (done: number) => options.onProgress?.(Math.min(done, total), total);
  const name = exportFileName(groups, format, exportedAt);
  const mime = EXTENSION[format][1];
  report(0);
  if (format === 'csl-json') {
    return {
      name,
      mime,
      data: `${JSON.stringify(
        groups.map((g) => toCsl(g.article)),
        null,
        2,
      )}\n`,
    };
  }
  if (format === 'bibtex' || format === 'biblatex') {
    return {
      name,
      mime,
      data: bibFile(
        groups.map((g) => toCsl(g.article)),
        format,
      ),
    };
  }
  if (format === 'readwise') {
    const words = { ...WORDS, ...options.words };
    return { name, mime, data: readwiseCsv(groups, options.labels, options.statusLabels, words) };
  }
  if (format === 'web-annotation') return { name, mime, data: webAnnotationCollection(groups, exportedAt) };

  // Markdown: citations first (half the bar when there are any), then the files.
  const withCitations = options.citationStyle !== null;
  const scale = withCitations ? 0.5 : 1;
  const citations = options.citationStyle
    ? await citationsOf(groups, options.citationStyle, options.citationLanguage ?? 'en', (n) =>
        report(Math.round(n * 0.5)),
      )
    : undefined;
  const md = { ...options, citations };
  if (format === 'markdown' && groups.length !== 1) {
    const data = combinedMarkdown(groups, md);
    report(total);
    return { name, mime, data };
  }
  if (format === 'markdown') {
    const [only] = groups; // the one article
    const data = only ? articleToMarkdown(only.article, only.highlights, md) : '';
    report(total);
    return { name, mime, data };
  }
  // Each file goes to the zip as it is made: a worker deflates it meanwhile (lib/export/zip.ts).
  const names = new UniqueNames();
  const zip = (options.zip ?? zipHere)(exportedAt);
  let data: Uint8Array;
  try {
    for (let i = 0; i < groups.length; i += SLICE) {
      for (const g of groups.slice(i, i + SLICE)) {
        zip.add(names.next(g.article.title, 'md'), articleToMarkdown(g.article, g.highlights, md));
      }
      report(Math.round(total * (1 - scale) + Math.min(i + SLICE, total) * scale));
      await pause();
    }
    data = await zip.finish();
  } catch (e) {
    zip.abandon();
    throw e;
  }
  report(total);
  return { name, mime, data };
}
