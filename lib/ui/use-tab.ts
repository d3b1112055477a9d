/**
 * The tab a sidebar works on: a fixed one (`?tabId=N`, as tests open it) or the active tab of the
 * window, followed as the user switches tabs. The annotator is attached to it on every load, and
 * `generation` counts attachments so that dependants re-run after a reload.
 */
import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendToBackground } from '../protocol';

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

const INITIAL: TabState = { tabId: null, url: null, title: '', status: 'attaching', error: null, generation: 0 };

/** Follows the fixed tab `fixedTabId`, or the active tab when it is null. */
export function useTab(fixedTabId: number | null): TabState {
  const [state, setState] = useState<TabState>(INITIAL);

  const attach = useCallback(async (tabId: number) => {
    let tab: Browser.tabs.Tab;
    try {
      tab = await browser.tabs.get(tabId);
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
    const follow = async () => {
      if (fixedTabId !== null) return;
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      current = active?.id ?? null;
      if (current === null) setState({ ...INITIAL, status: 'error', error: 'error_noTabSelected' });
      else void attach(current);
    };
    if (fixedTabId !== null) void attach(fixedTabId);
    else void follow();
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
