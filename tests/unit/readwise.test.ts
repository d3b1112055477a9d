/** Readwise CSV per Readwise's import format: tags first in the note, canonical URL, names, ISO dates, limits. */
import { describe, expect, it } from 'vitest';
import { READWISE_LIMITS, readwiseCsv } from '@/lib/export/readwise';
import { articleRecord, highlightRecord, selectors } from '../support/factories';

/** The CSV's rows as cells (RFC 4180, every field quoted). */
function rows(csv: string): string[][] {
  return csv
    .trim()
    .split(/\r\n(?=")/)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] as string).replace(/""/g, '"')));
}

describe('Readwise CSV', () => {
  const article = articleRecord({
    url: 'https://planet.example/rise?utm_source=x&fbclid=1',
    canonicalUrl: 'https://planet.example/rise',
    title: 'The rise of local news deserts | The Daily Planet',
    byline: 'By Jane Q. Doe and John Smith',
    siteName: 'The Daily Planet',
    lang: 'en',
  });
  const h = highlightRecord(
    {
      claimType: 'statistic',
      status: 'supported',
      sourceUrl: 'https://stats.example/t4',
      tags: ['local news', 'v1.2'],
      note: 'Check the base year.',
    },
    Date.UTC(2026, 10, 28, 9, 30, 5),
  );

  it('writes what Readwise reads: tags first, canonical URL, names, an ISO date with its zone', () => {
    const [head, row] = rows(
      readwiseCsv([{ article, highlights: [h] }], { statistic: 'Statistic' }, { supported: 'Supported' }),
    );
    expect(head).toEqual(['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date']);
    expect(row).toEqual([
      'a passage',
      'The rise of local news deserts',
      'Jane Q. Doe, John Smith',
      'https://planet.example/rise',
      '.Statistic .local_news .v1_2\n\nCheck the base year.\n\nStatus: Supported\nSource: https://stats.example/t4',
      '1',
      '2026-11-28T09:30:05Z',
    ]);
  });

  it('cuts each field to Readwise’s limits', () => {
    const long = highlightRecord({
      note: 'n'.repeat(9000),
      target: { source: '', selector: selectors('q'.repeat(50), 0) },
    });
    const big = articleRecord({ title: 't'.repeat(600), byline: `${'Ann '.repeat(400)}Lee` });
    const [, row] = rows(readwiseCsv([{ article: big, highlights: [long] }]));
    expect([...(row?.[1] ?? '')].length).toBe(READWISE_LIMITS.title);
    expect([...(row?.[4] ?? '')].length).toBe(READWISE_LIMITS.note);
    expect(row?.[4]?.endsWith('…')).toBe(true);
  });
});
