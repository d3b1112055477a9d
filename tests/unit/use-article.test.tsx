/**
 * The sidebar's article state: the stored highlights come before extraction. Extraction (the page's
 * snapshot parsed by Readability here) takes this page's thread for tens of milliseconds cold, so
 * it is not asked for until the stored highlights of the tab's page have been read.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRepository } from '@/lib/store/repository';
import { prefetchStored, type Stored, storedToShow, useArticle } from '@/lib/ui/use-article';
import type { TabState } from '@/lib/ui/use-tab';
import { highlightRecord, selectors } from '../support/factories';

const URL = 'https://news.example/bai-bao';
const SNAPSHOT = `<!doctype html><html lang="vi"><head><title>Bài báo</title></head><body><article><h1>Bài báo</h1>
<p>${'Đoạn văn thứ nhất của bài báo, đủ dài để Readability nhận ra. '.repeat(12)}</p></article></body></html>`;

/** How many highlights the component had shown when each page message was sent, and at each render. */
const asked: { type: string; shown: number }[] = [];
let shown = 0;
const renders: number[] = [];

vi.mock('@/lib/messaging', async (original) => ({
  ...(await original<typeof import('@/lib/messaging')>()),
  sendToTab: vi.fn(async (_tabId: number, message: { type: string }) => {
    asked.push({ type: message.type, shown });
    // The snapshot comes in two chunks, asked for in order.
    if (message.type === 'page.snapshot') return { url: URL, title: 'Bài báo', id: 'snapshot-1', chunks: 2 };
    if (message.type === 'page.snapshotChunk') {
      const { id, index } = message as unknown as { id: string; index: number };
      if (id !== 'snapshot-1') throw new Error(`unknown snapshot ${id}`);
      return { text: index === 0 ? SNAPSHOT.slice(0, 100) : SNAPSHOT.slice(100) };
    }
    throw new Error(`unexpected ${message.type}`);
  }),
  sendToBackground: vi.fn(async (message: { type: string }) => {
    if (message.type === 'paint.sync') return { results: [] };
    throw new Error(`unexpected ${message.type}`);
  }),
}));

afterEach(() => {
  cleanup();
  asked.length = 0;
  shown = 0;
  renders.length = 0;
});

function Probe({ url }: { url: string }) {
  const tab: TabState = { tabId: 7, url, title: 'Bài báo', status: 'ready', error: null, generation: 1 };
  const { highlights, meta } = useArticle(tab);
  shown = highlights.length;
  renders.push(shown);
  return (
    <p data-testid="state">
      {highlights.length} {meta ? meta.title : 'no meta'}
    </p>
  );
}

describe('the sidebar article state', () => {
  it('asks the page for its snapshot only once the stored highlights are read', async () => {
    const repo = getRepository();
    for (const [quote, at] of [
      ['Đoạn văn thứ nhất', 0],
      ['đủ dài', 40],
    ] as const) {
      await repo.createHighlight({
        url: URL,
        title: 'Bài báo',
        target: { source: URL, selector: selectors(quote, at) },
        claimType: null,
      });
    }
    render(<Probe url={URL} />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('2 Bài báo'));
    const snapshots = asked.filter((a) => a.type === 'page.snapshot');
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.shown).toBe(2);
  });

  it('still extracts a page that has no highlights', async () => {
    render(<Probe url={`${URL}-khac`} />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('0 Bài báo'));
    expect(asked.filter((a) => a.type === 'page.snapshot')).toHaveLength(1);
  });

  it('shows the early read of the tab’s page, never one read for another page', async () => {
    const repo = getRepository();
    const other = `${URL}-mot-bai-khac`;
    await repo.createHighlight({
      url: other,
      title: 'Bài khác',
      target: { source: other, selector: selectors('Một đoạn', 0) },
      claimType: null,
    });
    // Read early for the other page (the tab moved on before the sidebar rendered): not shown here.
    prefetchStored(Promise.resolve(other));
    render(<Probe url={`${URL}-trang-trong`} />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('0 Bài báo'));
    expect(renders.every((n) => n === 0)).toBe(true);
    cleanup();
    // Read early for the page itself: shown, and the live query then agrees.
    prefetchStored(Promise.resolve(other));
    render(<Probe url={other} />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('1 Bài báo'));
  });

  it('shows an early read only for the page it was made for, and only until the live query answers', () => {
    const read = (url: string | null, n: number): Stored => ({
      url,
      article: undefined,
      highlights: Array.from({ length: n }, () => highlightRecord()),
    });
    const nothing = read(null, 0);
    expect(storedToShow(nothing, read(URL, 2), URL).highlights).toHaveLength(2);
    expect(storedToShow(nothing, read(`${URL}-khac`, 2), URL)).toBe(nothing);
    const answered = read(URL, 3);
    expect(storedToShow(answered, read(URL, 2), URL)).toBe(answered);
    // The tab moved on: the last answer (of the page before) stays until the new one, as before.
    const before = read(`${URL}-truoc`, 1);
    expect(storedToShow(before, read(`${URL}-truoc`, 5), URL)).toBe(before);
  });

  it('follows the database: a highlight made after the sidebar opened is shown', async () => {
    const url = `${URL}-sau`;
    render(<Probe url={url} />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('0 Bài báo'));
    await getRepository().createHighlight({
      url,
      title: 'Bài báo',
      target: { source: url, selector: selectors('Đoạn', 0) },
      claimType: null,
    });
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('1 Bài báo'));
  });
});
