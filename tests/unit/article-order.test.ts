/**
 * Article order (lib/records.ts) is a total order: highlights at one place made in the same
 * millisecond (an import, a sync from another device) list alike in whatever order they are held.
 * The library patched after a write sorts from its previous order, a rebuild from the table's; a
 * tie broken by holding order made the two disagree (a fast-check counterexample, CI 2026-12-04).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byArticleOrder } from '@/lib/records';
import { highlightRecord, selectors } from '../support/factories';

const T = Date.UTC(2026, 10, 28, 9, 0);

describe('article order', () => {
  it('is by place in the text, then creation, then id', () => {
    const h = (id: string, start: number, at: number) =>
      highlightRecord({ id, target: { source: 'https://n.example/', selector: selectors('tỉnh', start) } }, at);
    const list = [h('c', 5, T), h('b', 5, T), h('a', 5, T + 1), h('z', 1, T + 9)];
    expect(list.sort(byArticleOrder).map((x) => x.id)).toEqual(['z', 'b', 'c', 'a']);
  });

  it('lists the same highlights alike whatever order they are held in, ties included', () => {
    const item = fc.record({ start: fc.nat(3), at: fc.nat(2) });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), item), {
          selector: ([id]) => id,
          maxLength: 12,
        }),
        fc.func(fc.integer()),
        (items, key) => {
          const list = items.map(([id, { start, at }]) =>
            highlightRecord({ id, target: { source: 'https://n.example/', selector: selectors('x', start) } }, T + at),
          );
          const shuffled = list
            .map((x, i) => [key(i), x] as const)
            .sort((p, q) => p[0] - q[0])
            .map(([, x]) => x);
          expect(shuffled.sort(byArticleOrder).map((x) => x.id)).toEqual(list.sort(byArticleOrder).map((x) => x.id));
        },
      ),
      { numRuns: 500 },
    );
  });
});
