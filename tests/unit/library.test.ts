/**
 * The library's rows: articles in the chosen order, each followed (when filtering) by its matching
 * highlights in article order; the prepared rows are reused and never changed by a query.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type LibraryRow, libraryRows } from '@/lib/library';
import { buildLibraryData } from '@/lib/library-build';
import { exportGroups } from '@/lib/library-summary';
import type { Highlight } from '@/lib/schema';
import { articleRecord, highlightRecord, selectors } from '../support/factories';

const T = Date.UTC(2026, 10, 28, 9, 0);

function highlight(id: string, articleId: string, exact: string, start: number, extra: Partial<Highlight> = {}) {
  return highlightRecord(
    { id, articleId, target: { source: 'https://news.example/', selector: selectors(exact, start) }, ...extra },
    T,
  );
}

const articles = [
  articleRecord({ id: 'a1', title: 'Bầu cử', siteName: 'Báo Vĩnh Phúc', updatedAt: T + 2 }),
  articleRecord({ id: 'a2', title: 'Another', siteName: 'The Guardian', url: 'https://g.example/x', updatedAt: T + 1 }),
  articleRecord({ id: 'a3', title: 'Empty', siteName: 'Other', url: 'https://o.example/y', updatedAt: T }),
];
const highlights = [
  highlight('h2', 'a1', 'Đảng bộ tỉnh', 50, { tags: ['chính trị'], claimType: 'claim' }),
  highlight('h1', 'a1', 'xây dựng Đảng', 10),
  highlight('h3', 'a2', 'a cafe in the city', 5, { tags: ['chính trị'] }),
];

const shape = (rows: LibraryRow[]) =>
  rows.map((r) =>
    r.kind === 'article' ? `${r.article.id}:${r.highlights.map((h) => h.id).join('+')}` : r.highlight.id,
  );

describe('library rows', () => {
  it('lists every article, most recently annotated first, without filters', () => {
    const data = buildLibraryData(articles, highlights);
    expect(shape(libraryRows(data, EMPTY_FILTER))).toEqual(['a1:h1+h2', 'a2:h3', 'a3:']);
    expect(shape(libraryRows(data, EMPTY_FILTER, true))).toEqual(['a1:h1+h2', 'h1', 'h2', 'a2:h3', 'h3', 'a3:']);
    expect(shape(libraryRows(data, { ...EMPTY_FILTER, sort: 'title' }))).toEqual(['a2:h3', 'a1:h1+h2', 'a3:']);
    expect(shape(libraryRows(data, { ...EMPTY_FILTER, sort: 'site' }))).toEqual(['a1:h1+h2', 'a3:', 'a2:h3']);
  });

  it('keeps only matching highlights, and the articles that have some', () => {
    const data = buildLibraryData(articles, highlights);
    expect(shape(libraryRows(data, { ...EMPTY_FILTER, query: 'dang' }))).toEqual(['a1:h1+h2', 'h1', 'h2']);
    expect(shape(libraryRows(data, { ...EMPTY_FILTER, query: 'xay dung' }))).toEqual(['a1:h1', 'h1']);
    expect(shape(libraryRows(data, { ...EMPTY_FILTER, tag: 'chính trị' }))).toEqual(['a1:h2', 'h2', 'a2:h3', 'h3']);
    expect(shape(libraryRows(data, { ...EMPTY_FILTER, claimType: 'none' }))).toEqual(['a1:h1', 'h1', 'a2:h3', 'h3']);
    expect(shape(libraryRows(data, { ...EMPTY_FILTER, site: 'The Guardian' }))).toEqual(['a2:h3', 'h3']);
    expect(shape(libraryRows(data, { ...EMPTY_FILTER, query: 'zzz' }))).toEqual([]);
    // A partial list never changes the article's prepared row.
    expect(shape(libraryRows(data, EMPTY_FILTER))).toEqual(['a1:h1+h2', 'a2:h3', 'a3:']);
    const row = libraryRows(data, { ...EMPTY_FILTER, query: 'xay' })[0];
    expect(row?.kind === 'article' && row.total).toBe(2);
  });

  it('groups an export by article, in article order', () => {
    const data = buildLibraryData(articles, highlights);
    expect(exportGroups(data, null).map((g) => [g.article.id, g.highlights.map((h) => h.id)])).toEqual([
      ['a1', ['h1', 'h2']],
      ['a2', ['h3']],
    ]);
    expect(exportGroups(data, (h) => h.tags.length > 0).map((g) => g.highlights.map((h) => h.id))).toEqual([
      ['h2'],
      ['h3'],
    ]);
  });
});

describe('row keys and filters combined', () => {
  it('gives every row its own key, the same for a whole or a filtered article', () => {
    const data = buildLibraryData(articles, highlights);
    const all = libraryRows(data, EMPTY_FILTER, true);
    const keys = all.map((r) => r.key);
    expect(keys).toEqual(['a:a1', 'h:h1', 'h:h2', 'a:a2', 'h:h3', 'a:a3']);
    const filtered = libraryRows(data, { ...EMPTY_FILTER, query: 'xay dung' });
    expect(filtered.map((r) => r.key)).toEqual(['a:a1', 'h:h1']);
    // A filtered article is a row of its own; the prepared row is not changed by the query.
    expect(filtered[0]).not.toBe(all[0]);
    expect(all[0]).toMatchObject({ highlights: [{ id: 'h1' }, { id: 'h2' }], total: 2 });
  });

  it('applies a query, a claim type, a status and dates together', () => {
    const day = new Date(T).toISOString().slice(0, 10);
    const later = new Date(T + 86_400_000).toISOString().slice(0, 10);
    const withStatus = [
      ...highlights,
      highlight('h4', 'a2', 'Đảng viên mới', 40, { claimType: 'claim', status: 'supported' }),
    ];
    const data = buildLibraryData(articles, withStatus);
    const rows = (f: Partial<typeof EMPTY_FILTER>) => shape(libraryRows(data, { ...EMPTY_FILTER, ...f }));
    expect(rows({ query: 'dang', claimType: 'claim' })).toEqual(['a1:h2', 'h2', 'a2:h4', 'h4']);
    expect(rows({ query: 'dang', status: 'supported' })).toEqual(['a2:h4', 'h4']);
    expect(rows({ query: 'dang', status: 'none' })).toEqual(['a1:h1+h2', 'h1', 'h2']);
    expect(rows({ query: 'dang', from: day, to: day })).toEqual(['a1:h1+h2', 'h1', 'h2', 'a2:h4', 'h4']);
    expect(rows({ query: 'dang', from: later })).toEqual([]);
    expect(rows({ site: 'Other' })).toEqual([]);
  });
});

describe('the match count', () => {
  it('counts highlights matching by their own text, not every highlight of an article whose title matched', () => {
    const data = buildLibraryData(articles, highlights);
    const counts = { matched: -1, listed: -1 };
    // "bau cu" is only in a1's title: a1 and its highlights are listed, none of them counts.
    const byTitle = libraryRows(data, { ...EMPTY_FILTER, query: 'bau cu' }, false, counts);
    expect(shape(byTitle)).toEqual(['a1:h1+h2', 'h1', 'h2']);
    expect(counts).toEqual({ matched: 0, listed: 2 });
    // …and its row says 0 of its 2 highlights match (the match is the title).
    expect(byTitle[0]).toMatchObject({ kind: 'article', matched: 0, total: 2 });
    // "dang" is in both of a1's quotes: both count.
    libraryRows(data, { ...EMPTY_FILTER, query: 'dang' }, false, counts);
    expect(counts.matched).toBe(2);
    // A title word and a quote word together: only the highlight with the quote word counts… as
    // matched with its article's help, so not by its own text.
    libraryRows(data, { ...EMPTY_FILTER, query: 'bau tinh' }, false, counts);
    expect(counts.matched).toBe(0);
    // Without a query every listed highlight counts.
    libraryRows(data, { ...EMPTY_FILTER, tag: 'chính trị' }, false, counts);
    expect(counts.matched).toBe(2);
  });
});
