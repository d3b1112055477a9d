/**
 * The paint stylesheet put into a tab as its load begins (lib/background/early-style.ts): only for
 * annotated pages, once per load, and handed to the page side of that same URL once.
 */
import { describe, expect, it } from 'vitest';
import { EarlyStyles } from '@/lib/background/early-style';
import { validPaintNames } from '@/lib/paint-style';

function setup(annotated: string[], failing = false) {
  const inserted: [number, string][] = [];
  const early = new EarlyStyles(
    async (url) => annotated.includes(url),
    async (tabId, css) => {
      if (failing) throw new Error('Cannot access contents of the page');
      inserted.push([tabId, css]);
    },
  );
  return { early, inserted };
}

const A = 'https://example.vn/bai-viet';

describe('EarlyStyles', () => {
  it('styles an annotated page as it begins loading, and hands its names to that page once', async () => {
    const { early, inserted } = setup([A]);
    await early.begin(7, A);
    expect(inserted).toHaveLength(1);
    const names = early.take(7, A);
    expect(names && validPaintNames(names)).toBe(true);
    for (const name of names?.slots ?? []) expect(inserted[0]?.[1]).toContain(`::highlight(${name})`);
    expect(early.take(7, A)).toBeUndefined();
  });

  it('styles nothing for a page without highlights, or where the browser refuses', async () => {
    const plain = setup([]);
    await plain.early.begin(7, A);
    expect(plain.inserted).toHaveLength(0);
    expect(plain.early.take(7, A)).toBeUndefined();
    const refused = setup([A], true);
    await refused.early.begin(7, A);
    expect(refused.early.take(7, A)).toBeUndefined();
  });

  it('styles a load once however many events it brings, and never hands names to another page', async () => {
    const { early, inserted } = setup([A, `${A}-2`]);
    await early.begin(7, A);
    await early.begin(7, A);
    expect(inserted).toHaveLength(1);
    expect(early.take(7, `${A}-2`)).toBeUndefined();
    expect(early.take(7, A)).toBeUndefined(); // taken (and refused) above: one answer per load
    await early.begin(7, A);
    await early.begin(8, A);
    early.forget(8);
    expect(early.take(8, A)).toBeUndefined();
    expect(early.take(7, A)).toBeDefined();
  });
});
