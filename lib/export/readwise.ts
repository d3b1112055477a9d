/**
 * Readwise's CSV import format: Highlight, Title, Author, URL, Note, Location, Date. Every field is
 * quoted (RFC 4180), so commas, quotes and newlines in a quote stay inside their cell. The note
 * starts with Readwise's inline tags (`.claim .covid`: Readwise reads them only at the note's start
 * and turns them into tags), then the note, the check status and the source link. The URL is the
 * canonical one to cite, the author the byline's names (not "By …"), the title the headline without
 * the site's suffix, the date ISO 8601 with its zone; each field is cut to Readwise's limits (its
 * highlight API: text and note 8,191 characters, title 511, author 1,024, URL 2,047).
 */

import { own } from '../own';
import type { Article, Highlight } from '../schema';
import { citedNames, citedTitle, citeUrl } from './article-facts';

/** Readwise's field limits, in characters. */
export const READWISE_LIMITS = { text: 8191, note: 8191, title: 511, author: 1024, url: 2047 } as const;

/** Cut to `max` characters (whole code points), with an ellipsis when cut. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const READWISE_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;

/**
 * One CSV field, always quoted. A text cell that a spreadsheet would take for a formula (it starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return: a quote or title from a page can) is
 * prefixed with `'`, as OWASP's CSV injection guidance advises, so it shows as text and runs nothing.
 */
function field(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value.replace(/^[=+\-@\t\r]/, "'$&");
  return `"${text.replace(/"/g, '""')}"`;
}

/** ISO 8601 with its zone, to the second: 2026-11-28T09:30:00Z. */
function date(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}

/** A tag as a Readwise inline tag: no spaces or dots. */
function inlineTag(tag: string): string {
  return `.${tag.trim().replace(/[\s.]+/g, '_')}`;
}

/** The CSV text for the groups' highlights (each group's highlights in article order). */
export function readwiseCsv(
  groups: readonly { article: Article; highlights: readonly Highlight[] }[],
  labels: Record<string, string> = {},
  statusLabels: Record<string, string> = {},
  words: { status: string; source: string } = { status: 'Status', source: 'Source' },
): string {
  const rows = [READWISE_COLUMNS.map(field).join(',')];
  for (const { article, highlights } of groups) {
    const title = cut(citedTitle(article), READWISE_LIMITS.title);
    const author = cut(citedNames(article).join(', '), READWISE_LIMITS.author);
    const url = cut(citeUrl(article), READWISE_LIMITS.url);
    highlights.forEach((h, i) => {
      const tags = [...(h.claimType ? [own(labels, h.claimType) ?? h.claimType] : []), ...h.tags].map(inlineTag);
      const after = [
        h.status ? `${words.status}: ${own(statusLabels, h.status) ?? h.status}` : '',
        h.sourceUrl ? `${words.source}: ${h.sourceUrl}` : '',
      ].filter(Boolean);
      // Tags first (Readwise reads them only there), then the note, then status and source.
      const note = [tags.join(' '), h.note.trim(), after.join('\n')].filter(Boolean).join('\n\n');
      rows.push(
        [
          cut(h.target.selector[0].exact.trim(), READWISE_LIMITS.text),
          title,
          author,
          url,
          cut(note, READWISE_LIMITS.note),
          i + 1,
          date(h.createdAt),
        ]
          .map(field)
          .join(','),
      );
    });
  }
  return `${rows.join('\r\n')}\r\n`;
}
