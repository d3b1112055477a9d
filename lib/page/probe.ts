/**
 * The selection probe: the one script present on every page (registered by the background for the
 * setting "Show the highlight toolbar when I select text"). It must cost a page next to nothing, so
 * it imports nothing that runs: it looks once for cheap signs of an article and, where it finds
 * none, leaves no listener behind. On an article (or everywhere, by the setting) it waits for the
 * user to select text with their own input, then asks the background to bring the page side, which
 * shows the toolbar for that selection. It never reads the page's text and never tells the page it
 * is there.
 */
import type { BackgroundMessage } from '../protocol';

/** The extension API as the probe uses it (no polyfill: every byte is paid on every page). */
declare const chrome: { runtime: { sendMessage(message: unknown, done: () => unknown): void; lastError?: unknown } };

/** A JSON-LD `@type` that names an article: Article, NewsArticle, ReportageNewsArticle, BlogPosting… */
const ARTICLE_TYPE = /"@type"\s*:\s*(?:\[[^\]]*)?"[^"]*(?:Article|BlogPosting)"/;

/**
 * True when the page says it is an article: `og:type` article or `article:*` properties (Open Graph),
 * a `publishdate` meta (older Chinese news systems), a schema.org Article in JSON-LD, or `<article>`.
 * Only what the browser already keeps at hand is read: the head, the scripts, one tag lookup.
 */
export function looksLikeArticle(doc: Document): boolean {
  if (
    doc.head?.querySelector(
      'meta[property="og:type"][content*="article" i],meta[property^="article:"],meta[name="publishdate" i]',
    )
  )
    return true;
  // document.scripts is a live collection the browser keeps anyway: no tree walk for JSON-LD.
  for (const s of doc.scripts) {
    if (s.type === 'application/ld+json' && ARTICLE_TYPE.test(s.text)) return true;
  }
  return doc.getElementsByTagName('article').length > 0;
}

/**
 * Calls `wake` once, the first time the user selects text with their own input: a drag, a double or
 * triple click, Shift with a key, Ctrl/Cmd+A. A selection a page script makes never wakes it (its
 * events are not trusted, and a click without a drag selects nothing of the user's). After `wake`
 * every listener is gone.
 */
export function wakeOnSelection(doc: Document, wake: () => void): void {
  const stop = new AbortController();
  const opts = { capture: true, passive: true, signal: stop.signal };
  let x = 0;
  let y = 0;
  const check = (e: Event, user: boolean) => {
    if (e.isTrusted && user && doc.getSelection()?.toString().trim()) {
      stop.abort();
      wake();
    }
  };
  doc.addEventListener(
    'mousedown',
    (e) => {
      if (e.isTrusted) {
        x = e.clientX;
        y = e.clientY;
      }
    },
    opts,
  );
  // `detail` counts the clicks (2: a word, 3: a paragraph); a move of more than 3 px is a drag.
  doc.addEventListener(
    'mouseup',
    (e) => check(e, e.detail > 1 || Math.abs(e.clientX - x) + Math.abs(e.clientY - y) > 3),
    opts,
  );
  doc.addEventListener('keyup', (e) => check(e, e.shiftKey || e.key === 'Shift' || e.key === 'a'), opts);
}

/**
 * The probe's run on a page: on articles only (or everywhere), once the user selects text, ask the
 * background for the page side and its toolbar.
 */
export function probe(doc: Document, articlesOnly: boolean): void {
  if (articlesOnly && !looksLikeArticle(doc)) return;
  const message: BackgroundMessage = { type: 'page.wake' };
  // chrome.* with a callback works alike in both browsers; reading lastError keeps a refusal quiet.
  wakeOnSelection(doc, () => chrome.runtime.sendMessage(message, () => chrome.runtime.lastError));
}
