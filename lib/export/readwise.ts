/**
 * Readwise's CSV import format: Highlight, Title, Author, URL, Note, Location, Date. Every field is
 * quoted (RFC 4180), so commas, quotes and newlines in a quote stay inside their cell. Tags and the
 * claim type go into the note as Readwise's inline tags (`.claim .covid`), which it turns into tags.
 */
import { own } from '../own';
import type { Article, Highlight } from '../schema';

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

/** Readwise's date form, in UTC: 2026-11-28 09:30:00. */
function date(t: number): string {
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/** A tag as a Readwise inline tag: no spaces or dots. */
function inlineTag(tag: string): string {
  return `.${tag.trim().replace(/[\s.]+/g, '_')}`;
}

/** The CSV text for the groups' highlights (each group's highlights in article order). */
export function readwiseCsv(
  groups: readonly { article: Article; highlights: readonly Highlight[] }[],
  labels: Record<string, string> = {},
): string {
  const rows = [READWISE_COLUMNS.map(field).join(',')];
  for (const { article, highlights } of groups) {
    highlights.forEach((h, i) => {
      const tags = [...(h.claimType ? [own(labels, h.claimType) ?? h.claimType] : []), ...h.tags].map(inlineTag);
      const note = [h.note.trim(), tags.join(' ')].filter(Boolean).join('\n\n');
      rows.push(
        [
          h.target.selector[0].exact.trim(),
          article.title,
          article.byline ?? '',
          article.url,
          note,
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
