/**
 * The library's data made in slices (`buildLibraryDataSliced`, what the library page does at any
 * size) is the data made in one go: the folded search text record for record, and every search,
 * filter and sort listing the same rows; a newer read cancels a making under way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARTICLE_SORTS, EMPTY_FILTER, type LibraryRow, libraryRows } from '@/lib/library';
import { buildLibraryData, buildLibraryDataSliced } from '@/lib/library-build';
import { FOLD_CHUNK, fold, foldRecords, nextFoldChunk } from '@/lib/search-fold';
import { runSteps } from '@/lib/steps';

import { articleRecord, highlightRecord, selectors } from '../support/factories';

/** Pieces that meet every rule of folding at a record's edges: spaces of each kind, marks, none. */
const PIECES = ['', ' ', '  ', '\n', '\t', '\u00a0', 'Đảng', 'dang', 'kiến', 'e\u0301', '北京', '#tag', 'A', '.'];
const recordText = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((xs) => xs.join(''));

/** The corpus as it was made before slicing: every record joined and folded in one pass. */
function oneGo(texts: string[]): { text: string; starts: number[] } {
  const text = `${fold(texts.join('\u0000 '))}\u0000`;
  const starts = [0];
  for (
    let at = text.indexOf('\u0000');
    at !== -1 && starts.length <= texts.length;
    at = text.indexOf('\u0000', at + 1)
  ) {
    starts.push(at + 1);
  }
  while (starts.length <= texts.length) starts.push(0);
  return { text, starts };
}

describe('the search text folded a chunk at a time', () => {
  it('is the text folded in one pass, record for record, whatever the chunks (2,000 random libraries)', () => {
    fc.assert(
      fc.property(fc.array(recordText, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (texts, chunk) => {
        let yields = 0;
        const made = runSteps(
          (function* () {
            const steps = foldRecords(
              texts,
              (t) => t,
              () => true,
              chunk,
            );
            for (;;) {
              const step = steps.next();
              if (step.done) return step.value;
              yields++;
              yield;
            }
          })(),
        );
        const ref = oneGo(texts);
        expect(made.text).toBe(ref.text);
        expect([...made.starts]).toEqual(ref.starts);
        expect(yields).toBe(Math.max(0, Math.ceil(texts.length / chunk) - 1));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('chunks sized by the time they take', () => {
  it('sizes the next chunk to take the target time at the same speed, growing at most fourfold', () => {
    const { first, most, targetMs } = FOLD_CHUNK;
    expect(nextFoldChunk(1000, targetMs)).toBe(1000);
    expect(nextFoldChunk(1000, targetMs * 2)).toBe(500);
    expect(nextFoldChunk(1000, targetMs * 10)).toBe(100);
    // Faster than the clock can tell, or merely fast: four times as many, no more.
    expect(nextFoldChunk(100, 0)).toBe(400);
    expect(nextFoldChunk(100, targetMs / 100)).toBe(400);
    // Within bounds however slow or fast.
    expect(nextFoldChunk(first, 10_000)).toBe(first / 2);
    expect(nextFoldChunk(most, 0)).toBe(most);
    expect(nextFoldChunk(most / 2, targetMs / 4)).toBe(most);
  });

  it('folds a big library as one pass does, starting small and growing as the clock allows', () => {
    // 30,000 records from the pieces above, the same each run.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const texts = Array.from({ length: 30_000 }, () =>
      Array.from({ length: Math.floor(random() * 7) }, () => PIECES[Math.floor(random() * PIECES.length)]).join(''),
    );
    const sizes: number[] = [];
    let made = 0;
    const steps = foldRecords(
      texts,
      (t) => {
        made++;
        return t;
      },
      () => true,
    );
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      sizes.push(made);
      made = 0;
    }
    sizes.push(made);
    const ref = oneGo(texts);
    expect(step.value.text).toBe(ref.text);
    expect([...step.value.starts]).toEqual(ref.starts);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(texts.length);
    expect(sizes[0]).toBe(FOLD_CHUNK.first);
    for (const [i, size] of sizes.slice(0, -1).entries()) {
      expect(size).toBeLessThanOrEqual(FOLD_CHUNK.most);
      expect(size).toBeGreaterThanOrEqual(FOLD_CHUNK.first / 2);
      if (i > 0) expect(size).toBeLessThanOrEqual((sizes[i - 1] as number) * 4);
    }
    // It grew: far fewer chunks than records at the first size.
    expect(sizes.length).toBeLessThan(texts.length / FOLD_CHUNK.first / 2);
  });
});

const T = Date.UTC(2026, 10, 28, 9, 0);
const WORDS = ['Đảng', 'dang', 'bộ', 'tỉnh', 'café', 'kinh tế', '北京', 'xây dựng', 'news'];

function library(size: number) {
  const articles = Array.from({ length: 5 }, (_, a) =>
    articleRecord({ id: `a${a}`, title: WORDS[a] as string, url: `https://n${a}.example/`, updatedAt: T + a }),
  );
  const highlights = Array.from({ length: size }, (_, i) =>
    highlightRecord(
      {
        id: `h${i}`,
        articleId: `a${(i * 3) % 5}`,
        target: {
          source: 'https://n.example/',
          selector: selectors(WORDS[i % WORDS.length] as string, (i * 37) % 300),
        },
        note: i % 4 === 0 ? `${WORDS[(i + 2) % WORDS.length]}  \n` : '',
        tags: i % 3 === 0 ? ['chính trị'] : [],
      },
      T,
    ),
  );
  return { articles, highlights };
}

const shape = (rows: LibraryRow[]) =>
  rows.map((r) =>
    r.kind === 'article'
      ? `${r.article.id}:${r.highlights.map((h) => h.id).join('+')}/${r.total}/${r.matched ?? ''}`
      : `${r.highlight.id}@${r.article.id}`,
  );

describe('the library data made in slices', () => {
  it('lists what the data made in one go lists, for every search, filter and sort', async () => {
    const { articles, highlights } = library(300);
    let pauses = 0;
    // A slice of no time at all: it gives the thread back at every look at the clock.
    const sliced = await buildLibraryDataSliced(
      articles,
      highlights,
      () => false,
      -1,
      async () => {
        pauses++;
      },
    );
    const whole = buildLibraryData(articles, highlights);
    expect(sliced).not.toBeNull();
    expect(pauses).toBeGreaterThan(0);
    expect(sliced?.tagCounts).toEqual(whole.tagCounts);
    expect([...whole.tagCounts]).toEqual([['chính trị', 100]]);
    for (const query of ['', 'dang', 'kinh te', 'bac kinh', '北京', 'chinh tri', 'tinh dang']) {
      for (const sort of ARTICLE_SORTS) {
        for (const expandAll of [false, true]) {
          const f = { ...EMPTY_FILTER, query, sort };
          expect(shape(libraryRows(sliced as never, f, expandAll))).toEqual(shape(libraryRows(whole, f, expandAll)));
        }
      }
    }
    expect(shape(libraryRows(sliced as never, { ...EMPTY_FILTER, query: 'dang' }))).not.toEqual([]);
  });

  it('stops at a pause when newer records came in', async () => {
    const { articles, highlights } = library(300);
    let pauses = 0;
    const made = await buildLibraryDataSliced(
      articles,
      highlights,
      () => pauses >= 1,
      -1,
      async () => {
        pauses++;
      },
    );
    expect(made).toBeNull();
    expect(pauses).toBe(1);
  });
});
