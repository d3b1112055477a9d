/**
 * What the background prepares for an annotated page as its load begins (lib/background/early-load.ts):
 * the paint stylesheet, only for annotated pages, once per load, its names handed to the page side
 * of that same URL once; and what to paint, read then, handed with the injection unless the
 * database was written since.
 */
import { describe, expect, it } from 'vitest';
import { EarlyLoads, type ReadyAnswer } from '@/lib/background/early-load';
import { validPaintNames } from '@/lib/paint-style';
import { Handoff } from '@/lib/protocol';

const A = 'https://example.vn/bai-viet';

function answerFor(url: string, n = 1): ReadyAnswer {
  return {
    items: Array.from({ length: n }, (_, i) => ({
      id: `${url}#${i}`,
      slot: i % 16,
      selector: [
        { type: 'TextQuoteSelector' as const, exact: 'Vĩnh Phúc', prefix: '', suffix: '' },
        { type: 'TextPositionSelector' as const, start: i, end: i + 9 },
      ],
    })),
    toolbar: { label: 'Marginalia', highlight: 'Highlight', types: [] },
  };
}

function setup(annotated: string[], failing = false) {
  const inserted: [number, string][] = [];
  const reads: string[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const early = new EarlyLoads({
    annotated: async (url) => annotated.includes(url),
    answer: async (url) => {
      reads.push(url);
      await gate;
      return answerFor(url);
    },
    insert: async (tabId, css) => {
      if (failing) throw new Error('Cannot access contents of the page');
      inserted.push([tabId, css]);
    },
  });
  const hold = () => {
    gate = new Promise<void>((r) => {
      release = r;
    });
  };
  return { early, inserted, reads, hold, release: () => release() };
}

describe('EarlyLoads: the stylesheet', () => {
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
    expect(plain.reads).toHaveLength(0);
    expect(plain.early.take(7, A)).toBeUndefined();
    const refused = setup([A], true);
    await refused.early.begin(7, A);
    expect(refused.early.take(7, A)).toBeUndefined();
    expect(await refused.early.handoff(7, A)).toBeUndefined();
  });

  it('styles a load once however many events it brings, and never hands names to another page', async () => {
    const { early, inserted, reads } = setup([A, `${A}-2`]);
    await early.begin(7, A);
    await early.begin(7, A);
    expect(inserted).toHaveLength(1);
    expect(reads).toEqual([A]);
    expect(early.take(7, `${A}-2`)).toBeUndefined();
    expect(early.take(7, A)).toBeUndefined(); // taken (and refused) above: one answer per load
    await early.begin(7, A);
    await early.begin(8, A);
    early.forget(8);
    expect(early.take(8, A)).toBeUndefined();
    expect(early.take(7, A)).toBeDefined();
  });
});

describe('EarlyLoads: the handoff', () => {
  it('hands the page side of that load what to paint and the names styled for it, once', async () => {
    const { early, inserted } = setup([A]);
    await early.begin(7, A);
    expect(await early.handoff(7, `${A}-2`)).toBeUndefined();
    expect(await early.handoff(8, A)).toBeUndefined();
    expect(early.expects(7, A)).toBe(true);
    expect(early.expects(7, `${A}-2`)).toBe(false);
    const handed = await early.handoff(7, A);
    expect(early.expects(7, A)).toBe(false);
    // What the page side will validate on receipt.
    expect(Handoff.safeParse(handed).success).toBe(true);
    expect(handed?.url).toBe(A);
    expect(handed?.items.map((i) => i.id)).toEqual([`${A}#0`]);
    for (const name of handed?.styled.slots ?? []) expect(inserted[0]?.[1]).toContain(`::highlight(${name})`);
    expect(await early.handoff(7, A)).toBeUndefined();
    expect(early.take(7, A)).toBeUndefined(); // the names went with the handoff
  });

  it('hands nothing read before a write (even one landing while the read runs), but keeps the names', async () => {
    const { early, hold, release } = setup([A]);
    await early.begin(7, A);
    early.invalidate();
    expect(await early.handoff(7, A)).toBeUndefined();
    expect(early.take(7, A)).toBeDefined();

    hold();
    await early.begin(9, A);
    const pending = early.handoff(9, A);
    early.invalidate();
    release();
    expect(await pending).toBeUndefined();
    expect(early.take(9, A)).toBeDefined();
  });

  it('hands nothing when the load was replaced while its highlights were read', async () => {
    const { early, hold, release } = setup([A, `${A}-2`]);
    hold();
    await early.begin(7, A);
    const pending = early.handoff(7, A);
    await early.begin(7, `${A}-2`);
    release();
    expect(await pending).toBeUndefined();
    expect((await early.handoff(7, `${A}-2`))?.url).toBe(`${A}-2`);
  });
});
