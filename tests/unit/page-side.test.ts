// @vitest-environment jsdom
/**
 * The page side's messages stay within the protocol whatever the page does: a title over the
 * protocol's 2,000 characters is cut (it used to make every message refused, silently, so nothing
 * could be highlighted), and a page that churns its URL sends one `page.ready` once it settles.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Annotator } from '@/lib/page/annotator';
import { blockText } from '@/lib/page/block-text';
import { BackgroundMessage, LIMITS } from '@/lib/protocol';

const READY = { items: [], toolbar: { label: 'Marginalia', highlight: 'Highlight', types: [] } };

function listen() {
  const sent: unknown[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: unknown) => {
    sent.push(m);
    return { ok: true, data: READY };
  }) as never);
  return sent;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('page side messages', () => {
  it('cuts a 5,000-character title to the protocol limit, so the page stays annotatable', async () => {
    const sent = listen();
    document.head.innerHTML = `<link rel="canonical" href="https://news.example/${'x'.repeat(9000)}">`;
    document.title = `Tiêu đề ${'rất dài '.repeat(700)}`;
    expect(document.title.length).toBeGreaterThan(5000);
    document.body.innerHTML = '<p>Một đoạn văn.</p>';
    await new Annotator(document).navigated();
    const [ready] = sent as { type: string; title: string; canonical: string | null }[];
    expect(ready?.type).toBe('page.ready');
    expect(ready?.title.length).toBe(LIMITS.title);
    expect(ready?.canonical).toBeNull();
    expect(BackgroundMessage.safeParse(ready).success).toBe(true);
  });

  it('sends one page.ready after a burst of URL changes, with the paint names only the first time', async () => {
    const sent = listen();
    document.title = 'Story';
    document.body.innerHTML = '<p>Text.</p>';
    const a = new Annotator(document);
    await a.navigated();
    expect(sent).toHaveLength(1);
    expect((sent[0] as { names?: unknown }).names).toBeDefined();
    vi.useFakeTimers();
    for (let i = 0; i < 50; i++) {
      history.pushState(null, '', `/story?page=${i}`);
      a.contentChanged();
      vi.advanceTimersByTime(20);
    }
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(2);
    expect((sent[1] as { names?: unknown }).names).toBeUndefined();
  });
});

describe('the paragraph a highlight sits in', () => {
  function rangeOver(from: string, to = from): Range {
    const find = (needle: string) => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const i = (n as Text).data.indexOf(needle);
        if (i >= 0) return [n, i] as const;
      }
      throw new Error(needle);
    };
    const [a, i] = find(from);
    const [b, j] = find(to);
    const r = document.createRange();
    r.setStart(a, i);
    r.setEnd(b, j + to.length);
    return r;
  }

  it('keeps the whole paragraph, or the paragraphs a selection spans (a line break between blocks)', () => {
    document.body.innerHTML =
      '<article><p>Một câu mở đầu. <b>Giá xăng tăng</b> mạnh trong tháng 8.</p><p>Đoạn hai, tiếp theo.</p></article>';
    expect(blockText(rangeOver('Giá xăng'), 'Giá xăng')).toBe('Một câu mở đầu. Giá xăng tăng mạnh trong tháng 8.');
    expect(blockText(rangeOver('tháng 8', 'Đoạn hai'), 'tháng 8. Đoạn hai')).toBe(
      'Một câu mở đầu. Giá xăng tăng mạnh trong tháng 8.\nĐoạn hai, tiếp theo.',
    );
  });

  it('cuts a very long paragraph to the protocol limit around the quote', () => {
    document.body.innerHTML = `<p>${'trước '.repeat(600)}ĐIỂM GIỮA ${'sau '.repeat(600)}</p>`;
    const kept = blockText(rangeOver('ĐIỂM GIỮA'), 'ĐIỂM GIỮA');
    expect(kept.length).toBe(LIMITS.block);
    expect(kept).toContain('ĐIỂM GIỮA');
  });
});

describe('the page side ends with its extension', () => {
  it('stops at the first page event after the extension is gone: no toolbar, no paint, no observer', async () => {
    const sent = listen();
    document.title = 'Story';
    document.body.innerHTML = '<p>Một đoạn văn đủ dài để chọn.</p>';
    let alive = true;
    const { Lifetime } = await import('@/lib/page/lifetime');
    const { startAnnotator } = await import('@/lib/page/start');
    const life = new Lifetime(() => alive);
    const a = await startAnnotator(document, life);
    const ended = vi.spyOn(a, 'end');
    const changed = vi.spyOn(a, 'contentChanged');
    document.body.append(document.createElement('p'));
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect(ended).not.toHaveBeenCalled();
    // The extension is reloaded: its runtime is gone. The next event ends the page side.
    alive = false;
    document.dispatchEvent(new Event('selectionchange'));
    expect(ended).toHaveBeenCalledTimes(1);
    expect(life.signal.aborted).toBe(true);
    // Nothing of it answers any more: DOM changes, selections, messages.
    document.body.append(document.createElement('p'));
    document.dispatchEvent(new Event('selectionchange'));
    await new Promise((r) => queueMicrotask(() => r(null)));
    expect(changed).toHaveBeenCalledTimes(1);
    expect(sent.filter((m) => (m as { type: string }).type === 'page.ready')).toHaveLength(1);
    // A new page side can start in its place.
    alive = true;
    const next = await startAnnotator(document, new Lifetime(() => alive));
    expect(next).not.toBe(a);
  });
});

describe('a page side injected where one already runs', () => {
  it('finds it running, sends nothing, and leaves nothing handed for a later navigation to take', async () => {
    const sent = listen();
    document.body.innerHTML = '<p>Một đoạn văn đủ dài để chọn.</p>';
    const { startAnnotator } = await import('@/lib/page/start');
    const { HANDOFF_KEY } = await import('@/lib/page-protocol');
    const { handedOff } = await import('@/lib/page/ready');
    const running = await startAnnotator(document);
    const before = sent.length;
    // The background injected again (a load it prepared, while a page side started by the sidebar
    // asked before the load was prepared): what it handed is put in first.
    (globalThis as Record<string, unknown>)[HANDOFF_KEY] = JSON.stringify({ url: document.URL, items: [] });
    expect(handedOff()).toBe(true);
    await expect(startAnnotator(document)).resolves.toBe(running);
    expect(handedOff()).toBe(false);
    expect(sent.length).toBe(before);
  });
});

describe('a page side injected as soon as the document is parsed', () => {
  const item = (id: string, exact: string, start: number) => ({
    id,
    slot: 0,
    selector: [
      { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start, end: start + exact.length },
    ],
  });
  const ITEMS = [item('here', 'Vĩnh Phúc', 8), item('later', 'đoạn thêm sau', 31)];

  function page(state: () => DocumentReadyState) {
    const sent: { type: string; results?: { id: string; status: string }[] }[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: (typeof sent)[number]) => {
      sent.push(m);
      return { ok: true, data: m.type === 'page.ready' ? { ...READY, items: ITEMS } : {} };
    }) as never);
    vi.spyOn(document, 'readyState', 'get').mockImplementation(state);
    document.title = 'Tin';
    document.body.innerHTML = '<p>Tin tức Vĩnh Phúc hôm nay.</p>';
    const anchored = () =>
      sent.filter((m) => m.type === 'page.anchored').map((m) => m.results?.map((r) => `${r.id}:${r.status}`));
    return { anchored };
  }

  it('tells what it found at once, and what it did not only once the load completes and it looked again', async () => {
    let state: DocumentReadyState = 'interactive';
    const { anchored } = page(() => state);
    await new Annotator(document).navigated();
    expect(anchored()).toEqual([['here:anchored']]);
    // Still loading: what is not found yet is not reported lost.
    state = 'complete';
    window.dispatchEvent(new Event('load'));
    expect(anchored()).toEqual([['here:anchored'], ['later:orphan']]);
  });

  it('looks again once at the load however many articles the page showed before it', async () => {
    let state: DocumentReadyState = 'interactive';
    const { anchored } = page(() => state);
    const a = new Annotator(document);
    await a.navigated();
    await a.navigated(); // the page moved to another article (its URL changed) before its load
    expect(anchored()).toEqual([['here:anchored'], ['here:anchored']]);
    state = 'complete';
    window.dispatchEvent(new Event('load'));
    expect(anchored()).toEqual([['here:anchored'], ['here:anchored'], ['later:orphan']]);
  });

  it('reports found and not found together when the load is complete already', async () => {
    const { anchored } = page(() => 'complete');
    await new Annotator(document).navigated();
    expect(anchored()).toEqual([['here:anchored', 'later:orphan']]);
  });

  it('finds text that arrived between the parse and the load, and then reports it found', async () => {
    let state: DocumentReadyState = 'interactive';
    const { anchored } = page(() => state);
    const a = new Annotator(document);
    await a.navigated();
    document.body.insertAdjacentHTML('beforeend', '<p>Một đoạn thêm sau.</p>');
    a.contentChanged(); // as the page side's observer calls it
    state = 'complete';
    window.dispatchEvent(new Event('load'));
    expect(anchored()).toEqual([['here:anchored'], ['later:anchored']]);
  });
});
