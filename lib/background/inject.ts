/**
 * On-demand injection of the page side. Nothing is injected into a page until the user starts
 * annotating there (the sidebar attaches to the tab) or the page already has highlights, so pages
 * the user does not annotate pay nothing.
 */
import { browser } from 'wxt/browser';
import { sendToTab } from '../messaging';
import { HANDOFF_KEY, type Handoff } from '../protocol';
import { isAnnotatableUrl } from '../url';

/** What the page side of a tab's page load at a URL is handed as it is injected, if anything. */
export type HandoffSource = (tabId: number, url: string) => Promise<Handoff | undefined>;

/**
 * The built page-side script. Its stylesheet is not a file: the page side draws the names it paints
 * under for each page load, and the background injects their colours when it first reports in.
 */
export const PAGE_SCRIPT = '/page-side.js';

/** Why the annotator cannot run in a tab, as a message key; null when it can. */
export function cannotAnnotate(url: string | undefined): string | null {
  if (!url) return 'error_noAccess';
  if (!isAnnotatableUrl(url)) return 'error_unsupportedPage';
  return null;
}

const pending = new Map<number, Promise<{ attached: boolean; reason?: string }>>();

/**
 * Makes sure the annotator runs in the tab's top frame. Resolves to a reason key on failure.
 * Concurrent calls for one tab (browser start, the sidebar attaching) share one attempt; a call for
 * a page that just finished loading (`afterLoad`) does not, since an attempt already running may
 * have reached the document this load replaced: it runs once more after it (a ping, if the first
 * one reached this page).
 */
export function ensureAnnotator(
  tabId: number,
  afterLoad = false,
  handoff?: HandoffSource,
): Promise<{ attached: boolean; reason?: string }> {
  const running = pending.get(tabId);
  if (running && !afterLoad) return running;
  const attempt: Promise<{ attached: boolean; reason?: string }> = (
    running ? running.catch(() => undefined).then(() => attach(tabId, handoff)) : attach(tabId, handoff)
  ).finally(() => {
    if (pending.get(tabId) === attempt) pending.delete(tabId);
  });
  pending.set(tabId, attempt);
  return attempt;
}

async function attach(tabId: number, handoff?: HandoffSource): Promise<{ attached: boolean; reason?: string }> {
  let url: string | undefined;
  try {
    url = (await browser.tabs.get(tabId)).url;
  } catch {
    return { attached: false, reason: 'error_noTab' };
  }
  const reason = cannotAnnotate(url);
  if (reason) return { attached: false, reason };
  const handed = url && handoff ? await handoff(tabId, url).catch(() => undefined) : undefined;
  if (handed) {
    // A load the background prepared as it began and still holds has no page side yet (one started
    // in its document asks `page.ready`, which takes the load from the background), so no ping
    // first: its refusal comes back only once the page's thread is free after the parse (81.5 ms on
    // wikipedia-2, median; PERFORMANCE.md). One injected while the load was still being prepared
    // finds itself running (lib/page/start.ts).
    // What to paint goes into the page side's own world, just before its script (which checks the
    // URL: a navigation in between puts this in the document before, where nothing reads it, and the
    // page side asks). As one JSON string: Chromium passes 200 items as objects some 10–20 ms slower.
    await browser.scripting
      .executeScript({
        target: { tabId },
        injectImmediately: true,
        func: (key: string, value: unknown) => {
          (globalThis as Record<string, unknown>)[key] = value;
        },
        args: [HANDOFF_KEY, JSON.stringify(handed)],
      })
      .catch(() => undefined);
  } else {
    try {
      await sendToTab(tabId, { type: 'page.ping' });
      return { attached: true };
    } catch {
      // Not running yet: inject below.
    }
  }
  try {
    // At once, not when the browser finds the page idle (after its load, at worst): the page side
    // waits for the document to be parsed by itself.
    await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_SCRIPT], injectImmediately: true });
    return { attached: true };
  } catch {
    return { attached: false, reason: 'error_noAccess' };
  }
}
