/**
 * The tab a sidebar works on: a fixed one (`?tabId=N`, as tests open it) or the active tab of the
 * window, followed as the user switches tabs. The annotator is attached to it on every load, and
 * `generation` counts attachments so that dependants re-run after a reload.
 */
import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendToBackground } from '../messaging';

/** The sidebar's view of its tab. */
export interface TabState {
  tabId: number | null;
  url: string | null;
  title: string;
  status: 'attaching' | 'ready' | 'error';
  /** A message key saying why the annotator is not running. */
  error: string | null;
  generation: number;
}

/** Tab lookups started before the first render (see {@link prefetchTab}), used once each. */
let prefetched: { tabId: number | null; tab: Promise<Browser.tabs.Tab | undefined> } | null = null;

/**
 * Starts looking up the sidebar's tab (the fixed one, or the active one) while the page is still
 * rendering its first frame: the sidebar's content waits on the tab's URL. Returns the lookup (it
 * never rejects), for reads that can start as soon as the URL is known.
 */
export function prefetchTab(fixedTabId: number | null): Promise<Browser.tabs.Tab | undefined> {
  // A failed lookup is reported by the hook's own call; this one must not reject unobserved.
  const tab = lookUpTab(fixedTabId).catch(() => undefined);
  prefetched = { tabId: fixedTabId, tab };
  return tab;
}

/** The fixed tab, or the active tab of the window. */
function lookUpTab(fixedTabId: number | null): Promise<Browser.tabs.Tab | undefined> {
  return fixedTabId !== null
    ? browser.tabs.get(fixedTabId)
    : browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => active);
}

/** The prefetched lookup for this tab (once), else a fresh one; never rejects. */
function firstLookUp(fixedTabId: number | null): Promise<Browser.tabs.Tab | undefined> {
  const p = prefetched;
  prefetched = null;
  return p && p.tabId === fixedTabId ? p.tab : lookUpTab(fixedTabId).catch(() => undefined);
}

const INITIAL: TabState = { tabId: null, url: null, title: '', status: 'attaching', error: null, generation: 0 };

/** Follows the fixed tab `fixedTabId`, or the active tab when it is null. */
export function useTab(fixedTabId: number | null): TabState {
  const [state, setState] = useState<TabState>(INITIAL);

  const attach = useCallback(async (tabId: number, early?: Browser.tabs.Tab) => {
    let tab: Browser.tabs.Tab;
    try {
      tab = early ?? (await browser.tabs.get(tabId));
    } catch {
      setState({ ...INITIAL, status: 'error', error: 'error_noTab' });
      return;
    }
    setState((s) => ({ ...s, tabId, url: tab.url ?? null, title: tab.title ?? '', status: 'attaching', error: null }));
    const reply = await sendToBackground({ type: 'tab.attach', tabId }).catch(() => ({
      attached: false,
      reason: 'error_noAccess',
    }));
    setState((s) =>
      s.tabId !== tabId
        ? s
        : reply.attached
          ? { ...s, status: 'ready', error: null, generation: s.generation + 1 }
          : { ...s, status: 'error', error: reply.reason ?? 'error_noAccess' },
    );
  }, []);

  // Before the first paint: the sidebar's content waits on the tab's URL.
  useLayoutEffect(() => {
    let current = fixedTabId;
    const follow = async (first?: Promise<Browser.tabs.Tab | undefined>) => {
      if (fixedTabId !== null) return;
      const active = await (first ?? lookUpTab(null));
      current = active?.id ?? null;
      if (current === null) setState({ ...INITIAL, status: 'error', error: 'error_noTabSelected' });
      else void attach(current);
    };
    const first = firstLookUp(fixedTabId);
    if (fixedTabId !== null) void first.then((tab) => attach(fixedTabId, tab));
    else void follow(first);
    const onActivated = () => void follow();
    const onUpdated = (tabId: number, info: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab) => {
      if (tabId !== current) return;
      if (info.status === 'complete') void attach(tabId);
      // In-page navigation (history.pushState): same document, another article.
      else if (info.url) setState((s) => ({ ...s, url: info.url ?? s.url, title: tab.title ?? s.title }));
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [fixedTabId, attach]);

  return state;
}
