/**
 * The selection probe (lib/page/probe.ts), the one script on every page: which pages it takes for
 * articles, that it leaves nothing behind elsewhere, that only the user's own selection wakes it,
 * and that the background registers the probe the setting asks for.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PROBE_FILES, PROBE_ID, probeOpenTabs, registerProbe } from '@/lib/background/probe';
import { looksLikeArticle, probe, wakeOnSelection } from '@/lib/page/probe';
import { fixture, newsPages, parseHtml } from '../support/fixtures';

const page = (head: string, body = '<p>Some text to select.</p>') =>
  parseHtml(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
const ld = (json: unknown) => `<script type="application/ld+json">${JSON.stringify(json)}</script>`;

describe('looksLikeArticle', () => {
  it('takes the seed article and the saved news pages for articles', () => {
    expect(looksLikeArticle(parseHtml(fixture('seed/vinhphuc.html')))).toBe(true);
    const names = newsPages();
    expect(names).toHaveLength(28);
    const missed = names.filter((n) => !looksLikeArticle(parseHtml(fixture(`news/${n}/source.html`))));
    // Saved pages that say nothing of being an article: a 2016 Tencent news page with no metadata
    // at all, and pages that are not news (a children's story, documentation).
    expect(missed).toEqual(EXPECTED_MISSES);
  });

  it('reads each signal alone', () => {
    expect(looksLikeArticle(page('<meta property="og:type" content="article">'))).toBe(true);
    expect(looksLikeArticle(page('<meta property="og:type" content="Article">'))).toBe(true);
    expect(looksLikeArticle(page('<meta property="article:published_time" content="2024-03-01">'))).toBe(true);
    expect(looksLikeArticle(page('<meta name="publishdate" content="2017-03-10">'))).toBe(true);
    expect(looksLikeArticle(page('', '<article><p>Story</p></article>'))).toBe(true);
    for (const type of [
      'Article',
      'NewsArticle',
      'ReportageNewsArticle',
      'BlogPosting',
      'http://schema.org/NewsArticle',
    ])
      expect(looksLikeArticle(page(ld({ '@context': 'https://schema.org', '@type': type })))).toBe(true);
    expect(looksLikeArticle(page(ld({ '@type': ['WebPage', 'NewsArticle'] })))).toBe(true);
  });

  it('does not take a home page, a shop or a search page for an article', () => {
    expect(looksLikeArticle(page('<meta property="og:type" content="website">'))).toBe(false);
    expect(looksLikeArticle(page(ld({ '@type': 'WebSite', name: 'Article of the day' })))).toBe(false);
    expect(looksLikeArticle(page(ld({ '@type': 'Product', description: '"@type": nothing' })))).toBe(false);
    expect(looksLikeArticle(page('<script>var x = {"@type": "NewsArticle"}</script>'))).toBe(false);
    expect(looksLikeArticle(page(''))).toBe(false);
  });
});

/** Events as the browser makes them for the user's own input (a page's own are never trusted). */
function userEvent<E extends Event>(e: E): E {
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}

/** The test window's own document: a parsed one has no selection of its own here. */
function fresh(): Document {
  document.body.innerHTML = '<p>Some text to select.</p>';
  document.getSelection()?.removeAllRanges();
  return document;
}

function selectAll(doc: Document) {
  const range = doc.createRange();
  range.selectNodeContents(doc.body);
  doc.getSelection()?.removeAllRanges();
  doc.getSelection()?.addRange(range);
}

describe('wakeOnSelection', () => {
  it('wakes once on a drag that selected text, then listens no more', () => {
    const doc = fresh();
    const wake = vi.fn();
    wakeOnSelection(doc, wake);
    doc.dispatchEvent(userEvent(new MouseEvent('mousedown', { clientX: 10, clientY: 10 })));
    selectAll(doc);
    doc.dispatchEvent(userEvent(new MouseEvent('mouseup', { clientX: 80, clientY: 12, detail: 1 })));
    expect(wake).toHaveBeenCalledTimes(1);
    doc.dispatchEvent(userEvent(new MouseEvent('mouseup', { clientX: 80, clientY: 12, detail: 2 })));
    doc.dispatchEvent(userEvent(new KeyboardEvent('keyup', { key: 'Shift' })));
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('wakes on a double click and on a keyboard selection', () => {
    for (const finish of [
      new MouseEvent('mouseup', { clientX: 10, clientY: 10, detail: 2 }),
      new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true }),
      new KeyboardEvent('keyup', { key: 'a', ctrlKey: true }),
    ]) {
      const doc = fresh();
      const wake = vi.fn();
      wakeOnSelection(doc, wake);
      selectAll(doc);
      doc.dispatchEvent(userEvent(new MouseEvent('mousedown', { clientX: 10, clientY: 10 })));
      doc.dispatchEvent(userEvent(finish));
      expect(wake, finish.type).toHaveBeenCalledTimes(1);
    }
  });

  it('is not woken by a selection the page made, by its own events, or by a plain click', () => {
    const doc = fresh();
    const wake = vi.fn();
    wakeOnSelection(doc, wake);
    selectAll(doc);
    // The page's own events, however they look.
    doc.dispatchEvent(new MouseEvent('mousedown', { clientX: 0, clientY: 0 }));
    doc.dispatchEvent(new MouseEvent('mouseup', { clientX: 500, clientY: 500, detail: 3 }));
    doc.dispatchEvent(new KeyboardEvent('keyup', { key: 'a', ctrlKey: true }));
    // The user's click that is no selection of theirs (the page selected the text).
    doc.dispatchEvent(userEvent(new MouseEvent('mousedown', { clientX: 40, clientY: 40 })));
    doc.dispatchEvent(userEvent(new MouseEvent('mouseup', { clientX: 41, clientY: 40, detail: 1 })));
    doc.dispatchEvent(userEvent(new KeyboardEvent('keyup', { key: 'x' })));
    expect(wake).not.toHaveBeenCalled();
  });

  it('does not wake for a gesture that selected nothing', () => {
    const doc = fresh();
    const wake = vi.fn();
    wakeOnSelection(doc, wake);
    doc.getSelection()?.removeAllRanges();
    doc.dispatchEvent(userEvent(new MouseEvent('mousedown', { clientX: 10, clientY: 10 })));
    doc.dispatchEvent(userEvent(new MouseEvent('mouseup', { clientX: 90, clientY: 10, detail: 1 })));
    expect(wake).not.toHaveBeenCalled();
  });
});

describe('probe', () => {
  it('leaves no listener on a page that is not an article', () => {
    const doc = page('<meta property="og:type" content="website">');
    const add = vi.spyOn(doc, 'addEventListener');
    probe(doc, true);
    expect(add).not.toHaveBeenCalled();
  });

  it('listens on an article, and on every page when asked to', () => {
    const article = page('<meta property="og:type" content="article">');
    const onArticle = vi.spyOn(article, 'addEventListener');
    probe(article, true);
    expect(onArticle.mock.calls.map((c) => c[0])).toEqual(['mousedown', 'mouseup', 'keyup']);
    const other = page('');
    const onOther = vi.spyOn(other, 'addEventListener');
    probe(other, false);
    expect(onOther).toHaveBeenCalledTimes(3);
  });
});

describe('registerProbe', () => {
  const registered = new Map<string, { id: string; js: string[]; matches: string[] }>();
  function stubScripting() {
    registered.clear();
    (fakeBrowser as unknown as Record<string, unknown>).scripting = {
      getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) =>
        ids.flatMap((id) => (registered.has(id) ? [registered.get(id)] : [])),
      ),
      registerContentScripts: vi.fn(async (scripts: { id: string; js: string[]; matches: string[] }[]) => {
        for (const s of scripts) {
          if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          registered.set(s.id, s);
        }
      }),
      unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
        for (const id of ids) registered.delete(id);
      }),
    };
  }
  afterEach(() => registered.clear());

  it('registers the probe the setting asks for, on web pages only, and none for "after I open it"', async () => {
    stubScripting();
    await registerProbe('articles');
    expect(registered.get(PROBE_ID)?.js).toEqual([PROBE_FILES.articles]);
    expect(registered.get(PROBE_ID)?.matches).toEqual(['http://*/*', 'https://*/*', 'file:///*']);
    await registerProbe('everywhere');
    expect(registered.get(PROBE_ID)?.js).toEqual([PROBE_FILES.everywhere]);
    await registerProbe('opened');
    expect(registered.size).toBe(0);
  });

  it('takes quick changes one at a time, ending on the last', async () => {
    stubScripting();
    await Promise.all([
      registerProbe('articles'),
      registerProbe('everywhere'),
      registerProbe('articles'),
      registerProbe('opened'),
      registerProbe('everywhere'),
    ]);
    expect([...registered.values()].map((s) => s.js)).toEqual([[PROBE_FILES.everywhere]]);
  });
});

describe('probeOpenTabs', () => {
  it('puts the probe into the web pages open at install, skipping those it may not script', async () => {
    const executed: number[] = [];
    const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
    b.tabs = {
      ...b.tabs,
      query: vi.fn(async () => [{ id: 1 }, { id: 2 }, { id: 3, discarded: true }, { id: 4 }]),
    };
    b.scripting = {
      executeScript: vi.fn(async ({ target, files }: { target: { tabId: number }; files: string[] }) => {
        expect(files).toEqual([`/${PROBE_FILES.articles}`]);
        if (target.tabId === 4) throw new Error('Cannot access contents of the page');
        executed.push(target.tabId);
      }),
    };
    expect(await probeOpenTabs('articles')).toBe(2);
    expect(executed).toEqual([1, 2]);
    expect(await probeOpenTabs('opened')).toBe(0);
  });
});

/** The saved pages the probe does not take for articles (see the test's comment). */
const EXPECTED_MISSES = ['hukumusume', 'mathjax', 'mozilla-2', 'qq'];
