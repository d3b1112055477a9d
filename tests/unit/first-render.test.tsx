/**
 * A page's first render starts with what it shows: the sidebar waits (a bounded time) for the tab's
 * page's stored highlights, the settings and the language, and its first render has them, instead of
 * rendering empty and again a moment later.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRepository } from '@/lib/store/repository';
import { settledWithin } from '@/lib/ui/page';
import { prefetchStored, useArticle } from '@/lib/ui/use-article';
import { forgetPrefetched, prefetchSettings, useSettings } from '@/lib/ui/use-settings';
import type { TabState } from '@/lib/ui/use-tab';
import { selectors } from '../support/factories';

vi.mock('@/lib/messaging', async (original) => ({
  ...(await original<typeof import('@/lib/messaging')>()),
  sendToTab: vi.fn(() => new Promise(() => undefined)),
  sendToBackground: vi.fn(() => new Promise(() => undefined)),
}));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('settledWithin', () => {
  it('resolves when everything has settled, a failure included', async () => {
    let done = false;
    const waited = settledWithin([Promise.resolve(1), Promise.reject(new Error('no'))], 60_000).then(() => {
      done = true;
    });
    await waited;
    expect(done).toBe(true);
  });

  it('resolves after the time given when something never settles', async () => {
    vi.useFakeTimers();
    let done = false;
    void settledWithin([new Promise(() => undefined)], 200).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});

describe('the sidebar’s first render', () => {
  it('shows the stored highlights and the user’s own claim type at once when they were read ahead', async () => {
    const url = 'https://news.example/bai-doc-truoc';
    const repo = getRepository();
    await repo.saveSettings({
      claimTypes: [{ id: 'tin-don', label: 'Tin đồn', slot: 3, glyph: '?', checkable: false, hidden: false }],
    });
    for (const [quote, at] of [
      ['Đoạn một', 0],
      ['Đoạn hai', 20],
    ] as const) {
      await repo.createHighlight({
        url,
        title: 'Bài',
        target: { source: url, selector: selectors(quote, at) },
        claimType: null,
      });
    }
    await settledWithin([prefetchStored(Promise.resolve(url)), prefetchSettings()], 5_000);
    const firstRenders: string[] = [];
    const tab: TabState = { tabId: 3, url, title: 'Bài', status: 'attaching', error: null, generation: 0 };
    function Probe() {
      const { highlights } = useArticle(tab);
      const { settings } = useSettings();
      const seen = `${highlights.length} ${settings.claimTypes.map((d) => d.label).join(',')}`;
      firstRenders.push(seen);
      return <p data-testid="seen">{seen}</p>;
    }
    render(<Probe />);
    forgetPrefetched();
    expect(firstRenders[0]).toBe('2 Tin đồn');
    expect(screen.getByTestId('seen').textContent).toBe('2 Tin đồn');
  });
});
