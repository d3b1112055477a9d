/**
 * How the background brings the page side into a tab: a page load it prepared as the load began is
 * injected at once, with what to paint handed over, without first asking the page whether a page
 * side runs there (the question waits for the page's thread, busy after its parse); any other
 * attach asks first and injects only if nobody answers.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ensureAnnotator, PAGE_SCRIPT } from '@/lib/background/inject';
import { HANDOFF_KEY, type Handoff } from '@/lib/protocol';

const URL_A = 'https://news.example/a';

const HANDED: Handoff = {
  url: URL_A,
  items: [],
  toolbar: { label: 'Marginalia', highlight: 'Highlight', types: [] },
  styled: {
    slots: Array.from({ length: 16 }, (_, i) => `h${'a'.repeat(12)}${i}`),
    flash: 'hflashxxxxxxx',
    changed: 'hchangedxxxxx',
  },
};

/** Records, in order, what the background does with the tab: messages sent and scripts injected. */
function stubTab(running: boolean) {
  const calls: string[] = [];
  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  b.scripting = {
    executeScript: vi.fn(async (details: { files?: string[]; args?: unknown[] }) => {
      calls.push(details.files ? `inject ${details.files.join()}` : `hand ${String(details.args?.[0])}`);
      return [];
    }),
  };
  b.tabs = {
    ...b.tabs,
    get: vi.fn(async (id: number) => ({ id, url: URL_A })),
    sendMessage: vi.fn(async (_tabId: number, message: { type: string }) => {
      calls.push(`send ${message.type}`);
      if (!running) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true, data: { ready: true, names: HANDED.styled } };
    }),
  };
  return calls;
}

describe('bringing the page side into a tab', () => {
  it('injects a load prepared as it began at once, what to paint first, without asking the page', async () => {
    const calls = stubTab(false);
    const source = vi.fn(async () => HANDED);
    await expect(ensureAnnotator(41, true, source)).resolves.toEqual({ attached: true });
    expect(source).toHaveBeenCalledWith(41, URL_A);
    expect(calls).toEqual([`hand ${HANDOFF_KEY}`, `inject ${PAGE_SCRIPT}`]);
  });

  it('asks first when nothing is handed, and injects nothing where a page side answers', async () => {
    const calls = stubTab(true);
    await expect(ensureAnnotator(42, true, async () => undefined)).resolves.toEqual({ attached: true });
    expect(calls).toEqual(['send page.ping']);
  });

  it('injects after the question when nothing is handed and nobody answers', async () => {
    const calls = stubTab(false);
    await expect(ensureAnnotator(43)).resolves.toEqual({ attached: true });
    expect(calls).toEqual(['send page.ping', `inject ${PAGE_SCRIPT}`]);
  });
});
