/**
 * What the background prepares for an annotated page as its load begins (lib/background/early-load.ts):
 * the paint stylesheet, only for annotated pages, once per load, its names handed to the page side
 * of that same URL once; and what to paint, read then (read again after a write), handed with the
 * injection; and the page side injected as soon as that load's document is parsed.
 */
import { describe, expect, it, vi } from 'vitest';
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

/** `failing`: the browser refuses every stylesheet (true), or the first so many. */
function setup(annotated: string[], failing: boolean | number = false, duringRead: () => void = () => undefined) {
  let refusals = failing === true ? Number.POSITIVE_INFINITY : Number(failing);
  const inserted: [number, string][] = [];
  const reads: string[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  /** Each load's "parsed" question, answered by the test: tab and URL, and how to answer. */
  const asked: { tabId: number; url: string; answer: (parsed: boolean) => void }[] = [];
  /** The loads the background was told to inject into. */
  const injected: [number, string][] = [];
  /** Whether the tab is still loading (asked when a load's document answered not parsed). */
  const tab = { loading: false };
  /** Holds the browser's stylesheet insertions until `open()` (a slow one). */
  const inserting = {
    gate: Promise.resolve(),
    open: (): void => undefined,
    hold() {
      inserting.gate = new Promise<void>((r) => {
        inserting.open = r;
      });
    },
  };
  const early = new EarlyLoads(
    {
      annotated: async (url) => annotated.includes(url),
      answer: async (url) => {
        reads.push(url);
        await gate;
        duringRead();
        // What is stored changes with each write: one highlight more for each read of the page.
        return answerFor(url, reads.filter((u) => u === url).length);
      },
      insert: async (tabId, css) => {
        if (refusals-- > 0) throw new Error('Missing host permission for the tab');
        inserted.push([tabId, css]);
        await inserting.gate;
      },
      parsed: (tabId, url) => new Promise<boolean>((answer) => asked.push({ tabId, url, answer })),
      loading: async () => tab.loading,
    },
    (tabId, url) => injected.push([tabId, url]),
  );
  const hold = () => {
    gate = new Promise<void>((r) => {
      release = r;
    });
  };
  return { early, inserted, reads, hold, release: () => release(), asked, injected, tab, inserting };
}

/** Lets the promise callbacks queued so far run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

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
  it('prepares a load once when its next events come while it is prepared (the listener does not wait)', async () => {
    const { early, inserted, reads, asked } = setup([A]);
    // Firefox's two "loading" events of one reload, the second before the first is prepared.
    await Promise.all([early.begin(7, A), early.begin(7, A), early.begin(7, A)]);
    expect(inserted).toHaveLength(1);
    expect(reads).toEqual([A]);
    // Asked once, after all three: none of them needs another question.
    expect(asked).toHaveLength(1);
    const names = early.take(7, A);
    for (const name of names?.slots ?? []) expect(inserted[0]?.[1]).toContain(`::highlight(${name})`);
  });

  it('leaves nothing of a load replaced, or found unannotated, while it was prepared', async () => {
    const { early, inserted, asked } = setup([A, `${A}-2`]);
    const first = early.begin(7, A);
    // Not prepared yet: neither expected nor handed out, and its place is not given away by asking.
    expect(early.expects(7, A)).toBe(false);
    expect(early.take(7, A)).toBeUndefined();
    const second = early.begin(7, `${A}-2`);
    await Promise.all([first, second]);
    expect(inserted).toHaveLength(1);
    expect(asked.map((a) => a.url)).toEqual([`${A}-2`]);
    expect(early.expects(7, A)).toBe(false);
    expect(early.expects(7, `${A}-2`)).toBe(true);
    const plain = setup([]);
    await Promise.all([plain.early.begin(7, A), plain.early.begin(7, A)]);
    expect(plain.early.expects(7, A)).toBe(false);
    expect(plain.asked).toEqual([]);
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

  it('hands what is stored after a write: the answer read before it is read again (also one landing while it runs)', async () => {
    const { early, hold, release, reads } = setup([A]);
    await early.begin(7, A);
    early.invalidate();
    const handed = await early.handoff(7, A);
    expect(reads).toEqual([A, A]);
    expect(handed?.items).toHaveLength(2);

    // The write's notice lands while the first read runs (a sidebar's write just before a reload).
    hold();
    await early.begin(9, A);
    const pending = early.handoff(9, A);
    early.invalidate();
    await settle();
    release();
    expect((await pending)?.items).toHaveLength(4);
    expect(reads).toHaveLength(4);
  });

  it('reads 3 times at most while writes keep landing, then hands nothing but keeps the names', async () => {
    let early: EarlyLoads | undefined;
    const env = setup([A], false, () => early?.invalidate());
    early = env.early;
    await early.begin(7, A);
    expect(await early.handoff(7, A)).toBeUndefined();
    expect(env.reads).toEqual([A, A, A, A]); // as the load began, then 3 by the handoff
    expect(early.take(7, A)).toBeDefined();
  });

  it('waits for a load still being prepared (its page loaded first), and hands nothing if it was not annotated', async () => {
    const { early } = setup([A]);
    const began = early.begin(7, A);
    const handed = early.handoff(7, A);
    await began;
    expect((await handed)?.url).toBe(A);

    const unannotated = early.begin(8, `${A}-2`);
    const none = early.handoff(8, `${A}-2`);
    await unannotated;
    expect(await none).toBeUndefined();
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

describe('EarlyLoads: when to inject', () => {
  it('injects an annotated load once its document is parsed, not waiting for the load to complete', async () => {
    const { early, asked, injected } = setup([A]);
    await early.begin(7, A);
    expect(asked.map((a) => [a.tabId, a.url])).toEqual([[7, A]]);
    expect(injected).toEqual([]);
    asked[0]?.answer(true);
    await settle();
    expect(injected).toEqual([[7, A]]);
    // What to paint is still there for the injection it asked for.
    expect((await early.handoff(7, A))?.url).toBe(A);
  });

  it('asks nothing of a page without highlights', async () => {
    const plain = setup([]);
    await plain.early.begin(7, A);
    expect(plain.asked).toEqual([]);
  });

  it('styles a load the browser refused at first at its next event, and still hands it what to paint', async () => {
    // Firefox, as a reload begins: "Missing host permission for the tab" (the document being replaced).
    const { early, inserted, asked, injected } = setup([A], 1);
    await early.begin(7, A);
    expect(inserted).toEqual([]);
    expect(early.expects(7, A)).toBe(true);
    await early.begin(7, A); // the load's next event
    await settle();
    expect(inserted).toHaveLength(1);
    asked.at(-1)?.answer(true);
    await settle();
    expect(injected).toEqual([[7, A]]);
    expect(inserted).toHaveLength(1); // not again when parsed
    const handed = await early.handoff(7, A);
    for (const name of handed?.styled.slots ?? []) expect(inserted[0]?.[1]).toContain(`::highlight(${name})`);
    expect(handed?.items).toHaveLength(1);
  });

  it('puts a refused stylesheet in once when the next event and the parse both try it', async () => {
    const { early, inserted, asked, injected, inserting } = setup([A], 1);
    await early.begin(7, A);
    inserting.hold();
    void early.begin(7, A); // the next event: its try is under way...
    asked[0]?.answer(true); // ...when the document is parsed
    await settle();
    inserting.open();
    await settle();
    expect(inserted).toHaveLength(1);
    expect(injected).toEqual([[7, A]]);
  });

  it('styles a load refused until its document is parsed then, before injecting it', async () => {
    const { early, inserted, asked, injected } = setup([A], 1);
    await early.begin(7, A);
    asked[0]?.answer(true);
    await settle();
    expect(inserted).toHaveLength(1);
    expect(injected).toEqual([[7, A]]);
  });

  it('never says names are styled when the browser refused them every time', async () => {
    const { early, asked, injected } = setup([A], true);
    await early.begin(7, A);
    asked[0]?.answer(true);
    await settle();
    expect(injected).toEqual([[7, A]]);
    // The page side, asking, gets its own names styled instead (lib/background/index.ts).
    expect(early.take(7, A)).toBeUndefined();
  });

  it('leaves the load to its completion when its document was not parsed first (or was another)', async () => {
    const { early, asked, injected } = setup([A]);
    await early.begin(7, A);
    asked[0]?.answer(false);
    await settle();
    expect(injected).toEqual([]);
    expect(early.expects(7, A)).toBe(true);
  });

  it('asks again on the next event of the same load when the page before it answered', async () => {
    const { early, asked, injected } = setup([A]);
    await early.begin(7, A); // Firefox's first "loading", before the new document is there
    await early.begin(7, A); // still waiting: not asked twice
    expect(asked).toHaveLength(1);
    asked[0]?.answer(false);
    await settle();
    await early.begin(7, A); // "loading" again, with the URL: the new document
    expect(asked).toHaveLength(2);
    asked[1]?.answer(true);
    await settle();
    expect(injected).toEqual([[7, A]]);
    expect(early.expects(7, A)).toBe(true); // what to paint still waits for the injection
  });

  it('asks again at once when the next event of the load came while the page before answered', async () => {
    const { early, asked, injected } = setup([A]);
    await early.begin(7, A);
    await early.begin(7, A); // the event with the URL, before the first question is answered
    expect(asked).toHaveLength(1);
    asked[0]?.answer(false);
    await settle();
    expect(asked).toHaveLength(2);
    asked[1]?.answer(true);
    await settle();
    expect(injected).toEqual([[7, A]]);
  });

  it('asks again a little later when the page before answered and no other event came, while the tab loads', async () => {
    vi.useFakeTimers();
    try {
      const { early, asked, injected, tab } = setup([A]);
      tab.loading = true;
      await early.begin(7, A); // a reload's one "loading" event, before the new document is there
      asked[0]?.answer(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toHaveLength(1); // not at once: after a pause
      await vi.advanceTimersByTimeAsync(25);
      expect(asked).toHaveLength(2);
      asked[1]?.answer(true); // the new document, parsed
      await vi.advanceTimersByTimeAsync(0);
      expect(injected).toEqual([[7, A]]);
      // And one that stopped loading (it completed: the completion injects) is not asked again.
      const done = setup([A]);
      await done.early.begin(9, A);
      done.asked[0]?.answer(false);
      await vi.advanceTimersByTimeAsync(5000);
      expect(done.asked).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks a tab that keeps showing the page before 8 times in all, then leaves it to the load completing', async () => {
    vi.useFakeTimers();
    try {
      const { early, asked, injected, tab } = setup([A]);
      tab.loading = true;
      await early.begin(7, A);
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const now = asked.splice(0);
        total += now.length;
        for (const q of now) q.answer(false);
        await vi.advanceTimersByTimeAsync(2000);
      }
      expect(total).toBe(8);
      expect(injected).toEqual([]);
      expect(early.expects(7, A)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('injects nothing for a load replaced or already injected by the time it is parsed', async () => {
    const { early, asked, injected } = setup([A, `${A}-2`]);
    await early.begin(7, A);
    await early.begin(7, `${A}-2`);
    asked[0]?.answer(true); // the first load's document: replaced meanwhile
    await early.begin(8, A);
    await early.handoff(8, A); // the load completed first and its page side was handed everything
    asked[2]?.answer(true);
    await settle();
    expect(injected).toEqual([]);
    asked[1]?.answer(true);
    await settle();
    expect(injected).toEqual([[7, `${A}-2`]]);
  });

  it('survives a failed question: the load completing still injects', async () => {
    const early = new EarlyLoads(
      {
        annotated: async () => true,
        answer: async (url) => answerFor(url),
        insert: async () => undefined,
        parsed: async () => {
          throw new Error('Frame with ID 0 was removed.');
        },
      },
      () => {
        throw new Error('not to be called');
      },
    );
    await early.begin(7, A);
    await settle();
    expect(early.expects(7, A)).toBe(true);
  });
});
