/**
 * The library's data patched in place after a write (lib/library-patch.ts) lists what a
 * full rebuild from the same records lists, for any sequence of edits and any search and filter;
 * and a write that adds, removes or moves a record asks for the rebuild instead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARTICLE_SORTS,
  EMPTY_FILTER,
  type LibraryData,
  type LibraryFilter,
  type LibraryRow,
  libraryRows,
} from '@/lib/library';
import { buildLibraryData } from '@/lib/library-build';
import { patchLibraryData } from '@/lib/library-patch';
import { facets, tagCountsOf } from '@/lib/library-summary';
import type { Article, Highlight } from '@/lib/schema';
import { articleRecord, highlightRecord, selectors } from '../support/factories';

const T = Date.UTC(2026, 10, 28, 9, 0);
const WORDS = ['Đảng', 'dang', 'bộ', 'tỉnh', 'café', 'cafe', 'kinh tế', '北京', 'xây dựng', 'city', 'news'];
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }).map((w) => w.join(' '));
const TAGS = ['chính trị', 'kinh-te', 'x'];

function library(size: number): { articles: Article[]; highlights: Highlight[] } {
  const articles = Array.from({ length: 4 }, (_, a) =>
    articleRecord({ id: `a${a}`, title: WORDS[a] as string, url: `https://n${a}.example/`, updatedAt: T + a }),
  );
  const highlights = Array.from({ length: size }, (_, i) =>
    highlightRecord(
      {
        id: `h${i}`,
        articleId: `a${i % 4}`,
        target: { source: 'https://n.example/', selector: selectors(WORDS[i % WORDS.length] as string, i * 7) },
        tags: i % 3 === 0 ? ['x'] : [],
      },
      T,
    ),
  );
  return { articles, highlights };
}

/** An edit of a record already held: a highlight's note, tags, status or place; an article's title or note. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('note' as const), i: fc.nat(19), note: text }),
  fc.record({ kind: fc.constant('tags' as const), i: fc.nat(19), tags: fc.subarray(TAGS) }),
  fc.record({ kind: fc.constant('status' as const), i: fc.nat(19), status: fc.constantFrom('disputed', null) }),
  fc.record({ kind: fc.constant('place' as const), i: fc.nat(19), start: fc.nat(200) }),
  fc.record({ kind: fc.constant('title' as const), a: fc.nat(3), title: text }),
  fc.record({ kind: fc.constant('articleNote' as const), a: fc.nat(3), note: text }),
);

const filter = fc.record({
  query: fc.oneof(fc.constant(''), fc.constantFrom(...WORDS), fc.constant('dang tinh')),
  tag: fc.constantFrom('', ...TAGS),
  status: fc.constantFrom('', 'disputed', 'none'),
  sort: fc.constantFrom(...ARTICLE_SORTS),
});

const shape = (rows: LibraryRow[]) =>
  rows.map((r) =>
    r.kind === 'article'
      ? `${r.article.id}:${r.article.title}/${r.article.note}:${r.highlights.map((h) => `${h.id}=${h.note}`).join('+')}`
      : `${r.highlight.id}=${r.highlight.note}/${r.highlight.tags}/${r.highlight.status}@${r.article.title}`,
  );

describe("the library's data patched after a write", () => {
  it('lists what a full rebuild lists, for any edits and any search or filter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        fc.array(filter, { minLength: 1, maxLength: 4 }),
        (writes, filters) => {
          let { articles, highlights } = library(20);
          let data: LibraryData = buildLibraryData(articles, highlights);
          for (const write of writes) {
            const readArticles = new Map<string, Article>();
            const readHighlights = new Map<string, Highlight>();
            articles = articles.slice();
            highlights = highlights.slice();
            for (const e of write) {
              if (e.kind === 'title' || e.kind === 'articleNote') {
                const a = {
                  ...(articles[e.a] as Article),
                  ...(e.kind === 'title' ? { title: e.title } : { note: e.note }),
                };
                articles[e.a] = a;
                readArticles.set(a.id, a);
                continue;
              }
              const before = highlights[e.i] as Highlight;
              const h: Highlight =
                e.kind === 'note'
                  ? { ...before, note: e.note }
                  : e.kind === 'tags'
                    ? { ...before, tags: e.tags }
                    : e.kind === 'status'
                      ? { ...before, status: e.status }
                      : {
                          ...before,
                          target: { ...before.target, selector: selectors(before.target.selector[0].exact, e.start) },
                        };
              highlights[e.i] = h;
              readHighlights.set(h.id, h);
            }
            const patched = patchLibraryData(data, readArticles, readHighlights);
            expect(patched).not.toBeNull();
            data = patched as LibraryData;
            // After each write: the rows asked for meanwhile, as the library does, fill its caches.
            const rebuilt = buildLibraryData(articles, highlights);
            // The tags counted, as counting every highlight now counts them, and the filter menus.
            expect(tagCountsOf(data.tagCounts)).toEqual(tagCountsOf(rebuilt.tagCounts));
            expect(facets(data)).toEqual(facets(rebuilt));
            for (const f of filters) {
              const full: LibraryFilter = { ...EMPTY_FILTER, ...f };
              expect(shape(libraryRows(data, full, true))).toEqual(shape(libraryRows(rebuilt, full, true)));
            }
          }
        },
      ),
      {
        numRuns: 300,
        // Found by CI (2026-12-04): h15 moved onto h11's place; the tie listed them apart.
        examples: [
          [
            [
              [{ kind: 'place', i: 15, start: 0 }],
              [
                { kind: 'place', i: 15, start: 77 },
                { kind: 'note', i: 0, note: '' },
              ],
            ],
            [{ query: '', tag: '', status: '', sort: 'annotated' }],
          ],
        ],
      },
    );
  });

  it('asks for a rebuild when a record is added, removed or moved to another article', () => {
    const { articles, highlights } = library(8);
    const data = buildLibraryData(articles, highlights);
    const h0 = highlights[0] as Highlight;
    const added = highlightRecord({ id: 'new', articleId: 'a1' });
    expect(patchLibraryData(data, new Map(), new Map([['new', added]]))).toBeNull();
    expect(patchLibraryData(data, new Map(), new Map([[h0.id, undefined]]))).toBeNull();
    expect(patchLibraryData(data, new Map([['a0', undefined]]), new Map())).toBeNull();
    expect(patchLibraryData(data, new Map(), new Map([[h0.id, { ...h0, articleId: 'a2' }]]))).toBeNull();
    // The data it was given is left as it was.
    const note = patchLibraryData(data, new Map(), new Map([[h0.id, { ...h0, note: 'mới' }]]));
    expect(note?.highlights[0]?.note).toBe('mới');
    expect(data.highlights[0]?.note).toBe('');
  });
});
