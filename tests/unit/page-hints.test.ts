// @vitest-environment jsdom
/**
 * The page side with anchor hints (lib/anchoring/hint.ts): handed highlights whose hints find them
 * are painted before the page's whole text is indexed, where the whole text puts them; a hint that
 * misses leaves its highlight to the whole text, which then makes it a new one and sends it; a
 * highlight without one gets one; a highlight found changed has its hint dropped.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { describeSpan } from '@/lib/anchoring/describe';
import * as hintModule from '@/lib/anchoring/hint';
import { HintFinder } from '@/lib/anchoring/hint';
import * as textIndex from '@/lib/anchoring/text-index';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { rangeOf } from '@/lib/anchoring/text-ranges';
import { Annotator } from '@/lib/page/annotator';
import { timing } from '@/lib/page/timing';
import { randomPaintNames } from '@/lib/paint-style';
import { BackgroundMessage, HANDOFF_KEY } from '@/lib/protocol';
import type { AnchorHint, PaintItem, TextQuoteSelector } from '@/lib/schema';

vi.mock('@/lib/paint-style', async (original) => ({
  ...(await original<typeof import('@/lib/paint-style')>()),
  styledOn: () => true,
}));

const TOOLBAR = { label: 'Marginalia', highlight: 'Highlight', types: [] };
const PAGE =
  '<header><a href="/">Trang chủ</a></header><main><h1>Tin tức Vĩnh Phúc</h1>' +
  '<p>Tỉnh Vĩnh Phúc đón hơn 1,2 triệu lượt khách trong năm, tăng mạnh so với năm trước.</p>' +
  '<p>Doanh thu du lịch đạt khoảng 2.500 tỷ đồng, theo số liệu của sở.</p>' +
  '<p>Các khu du lịch Tam Đảo và Đại Lải được đầu tư thêm hạ tầng.</p>' +
  // The rest of the article: the three passages' stretches hold a small part of the page's text,
  // as on a long article (hints that would walk most of it are not used).
  Array.from({ length: 40 }, (_, i) => `<p>Đoạn ${i + 1}: <b>bản tin</b> về <i>đời sống</i> địa phương.</p>`).join('') +
  '</main>';

/** Gives jsdom the CSS Custom Highlight API: the page side paints without touching the DOM. */
function highlightApi(): Map<string, Set<Range>> {
  const registry = new Map<string, Set<Range>>();
  const win = window as unknown as { CSS: unknown; Highlight: unknown };
  win.CSS = { highlights: registry };
  win.Highlight = class extends Set<Range> {
    constructor(...ranges: Range[]) {
      super(ranges);
    }
  };
  return registry;
}

/** The page's passage `exact` as a paint item, with its hint made on the page as it is. */
function item(id: string, exact: string): PaintItem & { hint?: AnchorHint } {
  const index = buildTextIndex(document.body);
  const start = index.text.indexOf(exact);
  const selector = describeSpan(index, start, start + exact.length) as PaintItem['selector'];
  const hint = new HintFinder(document.body).hintFor(index, selector[0] as TextQuoteSelector, start);
  return { id, slot: 1, selector, ...(hint ? { hint } : {}) };
}

/** The text of what is painted under each highlight, by its painted ranges. */
function painted(registry: Map<string, Set<Range>>): string[] {
  return [...registry.values()].flatMap((h) => [...h].map((r) => r.toString())).sort();
}

function messages() {
  const sent: { type: string; hints?: { id: string; hint: AnchorHint | null }[] }[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: (typeof sent)[number]) => {
    sent.push(m);
    return { ok: true, data: {} };
  }) as never);
  return sent;
}

function hand(items: PaintItem[]): void {
  const value = { url: document.URL, items, toolbar: TOOLBAR, styled: randomPaintNames() };
  (globalThis as Record<string, unknown>)[HANDOFF_KEY] = JSON.stringify(value);
}

beforeEach(() => {
  document.body.innerHTML = PAGE;
  delete timing.painted;
  delete timing.hinted;
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete (globalThis as Record<string, unknown>)[HANDOFF_KEY];
});

describe('a page load with anchor hints', () => {
  it('paints the hinted highlights without the whole text, where the whole text puts them', async () => {
    const registry = highlightApi();
    const sent = messages();
    const items = [item('a', '1,2 triệu lượt khách'), item('b', '2.500 tỷ đồng'), item('c', 'Tam Đảo')];
    expect(items.every((i) => i.hint)).toBe(true);
    hand(items);
    const whole = vi.spyOn(textIndex, 'buildTextIndexSliced');
    const a = new Annotator(document);
    await a.navigated();
    // Painted before any walk of the whole page began, each on its own passage.
    expect(timing.hinted).toBe(3);
    expect(whole).not.toHaveBeenCalled();
    expect(painted(registry)).toEqual(['1,2 triệu lượt khách', '2.500 tỷ đồng', 'Tam Đảo']);
    const index = buildTextIndex(document.body);
    const ranges = [...registry.values()].flatMap((h) => [...h]);
    const ends = (r: Range) => [r.startContainer, r.startOffset, r.endContainer, r.endOffset];
    for (const i of items) {
      const whole = rangeOf(index, i.selector[1].start, i.selector[1].end);
      expect(ranges.filter((r) => r.toString() === whole.toString()).map(ends)).toEqual([ends(whole)]);
    }
    // Reported anchored; nothing to send about hints that found theirs: a highlight added later
    // (the sidebar's repaint) has its hint sent, alone.
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'page.anchored')).toBe(true));
    const added = { ...item('d', 'Đại Lải') };
    delete added.hint;
    a.paint([...items, added]);
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'page.hints')).toBe(true));
    expect(sent.filter((m) => m.type === 'page.hints').map((m) => m.hints?.map((h) => h.id))).toEqual([['d']]);
  });

  it('answers a repaint sent while its first paint is under way once that paint is done, by its hints', async () => {
    const registry = highlightApi();
    messages();
    const items = [item('a', '1,2 triệu lượt khách'), item('b', '2.500 tỷ đồng'), item('c', 'Tam Đảo')];
    hand(items);
    const { startAnnotator } = await import('@/lib/page/start');
    const { Lifetime } = await import('@/lib/page/lifetime');
    let alive = true;
    const life = new Lifetime(() => alive);
    const starting = startAnnotator(document, life);
    // The sidebar repaints the page as soon as the page side answers: its list, the same highlights.
    const repainted = new Promise((resolve) =>
      (fakeBrowser.runtime.onMessage as unknown as { trigger: (...a: unknown[]) => unknown }).trigger(
        { type: 'paint.set', items },
        { id: fakeBrowser.runtime.id },
        resolve,
      ),
    );
    await starting;
    expect(timing.hinted).toBe(3);
    expect(await repainted).toEqual({
      ok: true,
      data: { results: items.map((i) => ({ id: i.id, status: 'anchored' })) },
    });
    expect(painted(registry)).toEqual(['1,2 triệu lượt khách', '2.500 tỷ đồng', 'Tam Đảo']);
    alive = false;
    life.check();
  });

  it('leaves a hint that misses to the whole text, which sends a new one; a highlight without one gets one', async () => {
    const registry = highlightApi();
    const sent = messages();
    const found = item('a', '1,2 triệu lượt khách');
    const bare = { ...item('b', '2.500 tỷ đồng') };
    delete bare.hint;
    // A hint whose path leads to another paragraph: the quote does not stand there.
    const wrong = item('c', 'Tam Đảo');
    const misled = { ...wrong, hint: { ...(wrong.hint as AnchorHint), from: 'main[1]/p[1]/text()[1]' } };
    hand([found, bare, misled]);
    await new Annotator(document).navigated();
    expect(timing.hinted).toBe(1);
    expect(painted(registry)).toEqual(['1,2 triệu lượt khách', '2.500 tỷ đồng', 'Tam Đảo']);
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'page.hints')).toBe(true));
    const [message] = sent.filter((m) => m.type === 'page.hints');
    expect(BackgroundMessage.safeParse(message).success).toBe(true);
    expect(message?.hints?.map((h) => h.id).sort()).toEqual(['b', 'c']);
    // Each sent hint finds its highlight on the page.
    for (const h of message?.hints ?? []) {
      const quote = [bare, misled].find((i) => i.id === h.id)?.selector[0] as TextQuoteSelector;
      expect(new HintFinder(document.body).range(quote, h.hint as AnchorHint)?.toString()).toBe(quote.exact);
    }
  });

  it('leaves hints to the whole text on a page where their stretches held most of it', async () => {
    const registry = highlightApi();
    messages();
    document.body.innerHTML =
      '<main><p>Tỉnh Vĩnh Phúc đón hơn 1,2 triệu lượt khách.</p><p>Doanh thu đạt 2.500 tỷ đồng.</p></main>';
    const items = [item('a', '1,2 triệu lượt khách'), item('b', '2.500 tỷ đồng')];
    expect(items.every((i) => i.hint)).toBe(true);
    hand(items);
    await new Annotator(document).navigated();
    expect(timing.withHints).toBe(2);
    expect(timing.hinted).toBeUndefined();
    expect(painted(registry)).toEqual(['1,2 triệu lượt khách', '2.500 tỷ đồng']);
  });

  it('keeps no hints for a page where they would hold most of its text: only a later one, alone, is sent', async () => {
    highlightApi();
    const sent = messages();
    document.body.innerHTML =
      '<main><p>Tỉnh Vĩnh Phúc đón hơn 1,2 triệu lượt khách.</p><p>Doanh thu đạt 2.500 tỷ đồng.</p></main>' +
      Array.from({ length: 6 }, (_, i) => `<p>Đoạn ${i + 1} của bản tin.</p>`).join('');
    const bare = (id: string, exact: string) => {
      const one = { ...item(id, exact) };
      delete one.hint;
      return one;
    };
    // Handed without hints, as the background hands a dense page's highlights.
    const items = [bare('a', '1,2 triệu lượt khách'), bare('b', '2.500 tỷ đồng'), bare('c', 'Vĩnh Phúc')];
    hand(items);
    const sized = vi.spyOn(hintModule, 'stretchAround');
    const made = vi.spyOn(HintFinder.prototype, 'hintFor');
    const a = new Annotator(document);
    await a.navigated();
    // After the paint, the three's stretches are found on the index: together they would hold most
    // of the page's text, so none is made, and nothing is sent.
    await vi.waitFor(() => expect(sized).toHaveBeenCalledTimes(3));
    expect(made).not.toHaveBeenCalled();
    // A highlight added later, on its own, holds a small part of the page: its hint is sent, alone.
    a.paint([...items, bare('d', 'Đoạn 6 của bản tin')]);
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'page.hints')).toBe(true));
    expect(sent.filter((m) => m.type === 'page.hints').map((m) => m.hints?.map((h) => h.id))).toEqual([['d']]);
  });

  it('drops the hint of a highlight whose text was edited since (painted with the changed mark instead)', async () => {
    highlightApi();
    const sent = messages();
    const edited = item('a', 'Doanh thu du lịch đạt khoảng 2.500 tỷ đồng');
    hand([edited]);
    (document.querySelectorAll('p')[1] as HTMLElement).textContent =
      'Doanh thu du lịch đạt khoảng 2.600 tỷ đồng, theo số liệu của sở.';
    await new Annotator(document).navigated();
    expect(timing.hinted).toBe(0);
    await vi.waitFor(() => expect(sent.some((m) => m.type === 'page.hints')).toBe(true));
    expect(sent.find((m) => m.type === 'page.hints')?.hints).toEqual([{ id: 'a', hint: null }]);
    const [anchored] = sent.filter((m) => m.type === 'page.anchored') as unknown as {
      results: { id: string; change?: string }[];
    }[];
    expect(anchored?.results).toEqual([expect.objectContaining({ id: 'a', change: 'edited' })]);
  });
});
