// @vitest-environment jsdom
/**
 * The page side handed its answer with the injection (lib/background/early-load.ts) paints it
 * without asking the background, under the names styled as the load began; a handoff for another
 * URL, a malformed one, or names not styled on this document fall back to asking, as before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Painter } from '@/lib/highlighting/painter';
import { ReadyExchange, takeHandoff } from '@/lib/page/ready';
import { randomPaintNames } from '@/lib/paint-style';
import { HANDOFF_KEY } from '@/lib/protocol';

const styled = vi.hoisted(() => ({ on: true }));
vi.mock('@/lib/paint-style', async (original) => ({
  ...(await original<typeof import('@/lib/paint-style')>()),
  styledOn: () => styled.on,
}));

const TOOLBAR = { label: 'Marginalia', highlight: 'Highlight', types: [] };
const ITEM = {
  id: 'h1',
  slot: 2,
  selector: [
    { type: 'TextQuoteSelector', exact: 'Vĩnh Phúc', prefix: '', suffix: '' },
    { type: 'TextPositionSelector', start: 0, end: 9 },
  ],
};

/** As the background hands it: one JSON string in the page side's world. */
function hand(value: unknown): void {
  (globalThis as Record<string, unknown>)[HANDOFF_KEY] = JSON.stringify(value);
}

function listen() {
  const sent: { type: string; names?: unknown }[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: { type: string }) => {
    sent.push(m);
    return { ok: true, data: { items: [], toolbar: TOOLBAR } };
  }) as never);
  return sent;
}

afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as Record<string, unknown>)[HANDOFF_KEY];
  styled.on = true;
});

describe('the handoff from the background', () => {
  it('is taken once, for this document only', async () => {
    const names = randomPaintNames();
    hand({ url: document.URL, items: [ITEM], toolbar: TOOLBAR, styled: names });
    expect((await takeHandoff(document))?.items.map((i) => i.id)).toEqual(['h1']);
    expect(await takeHandoff(document)).toBeUndefined();
    hand({ url: `${document.URL}other`, items: [ITEM], toolbar: TOOLBAR, styled: names });
    expect(await takeHandoff(document)).toBeUndefined();
  });

  it('is refused when malformed, with a warning, and the slot is emptied', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    hand({ url: document.URL, items: [{ ...ITEM, slot: 99 }], toolbar: TOOLBAR, styled: randomPaintNames() });
    expect(await takeHandoff(document)).toBeUndefined();
    (globalThis as Record<string, unknown>)[HANDOFF_KEY] = '{"url":';
    expect(await takeHandoff(document)).toBeUndefined();
    hand({ url: document.URL, items: [ITEM], toolbar: { label: 7 }, styled: randomPaintNames() });
    expect(await takeHandoff(document)).toBeUndefined();
    hand({ url: document.URL, items: { 0: ITEM, length: 1 }, toolbar: TOOLBAR, styled: randomPaintNames() });
    expect(await takeHandoff(document)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(4);
    expect(HANDOFF_KEY in globalThis).toBe(false);
  });

  it('checks its items ten at a time, asking between them whether to pause, and refuses the whole of it for one bad item in the last ten', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const items = Array.from({ length: 120 }, (_, i) => ({ ...ITEM, id: `h${i}` }));
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    hand({ url: document.URL, items, toolbar: TOOLBAR, styled: randomPaintNames() });
    const taken = await takeHandoff(document, pause);
    expect(taken?.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(pauses).toBe(11);
    hand({ url: document.URL, items: [...items, { ...ITEM, selector: [] }], toolbar: TOOLBAR, styled: taken?.styled });
    expect(await takeHandoff(document, pause)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('gives the page side its answer and names without a message', async () => {
    const sent = listen();
    const names = randomPaintNames();
    const painter = new Painter(document);
    hand({ url: document.URL, items: [ITEM], toolbar: TOOLBAR, styled: names });
    const reply = await new ReadyExchange(document, painter).ask();
    expect(reply.items.map((i) => i.id)).toEqual(['h1']);
    expect(painter.names).toEqual(names);
    expect(sent).toEqual([]);
  });

  it('falls back to asking, with its own names, when the handed names are not styled here', async () => {
    styled.on = false;
    const sent = listen();
    const painter = new Painter(document);
    const own = painter.names;
    hand({ url: document.URL, items: [ITEM], toolbar: TOOLBAR, styled: randomPaintNames() });
    const reply = await new ReadyExchange(document, painter).ask();
    expect(reply.items).toEqual([]); // what the background says now, not the handoff
    expect(sent.map((m) => m.type)).toEqual(['page.ready']);
    expect(sent[0]?.names).toEqual(own);
    expect(painter.names).toEqual(own);
  });

  it('asks as before when nothing was handed', async () => {
    const sent = listen();
    const painter = new Painter(document);
    await new ReadyExchange(document, painter).ask();
    expect(sent.map((m) => m.type)).toEqual(['page.ready']);
    expect(sent[0]?.names).toEqual(painter.names);
  });
});
