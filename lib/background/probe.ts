/**
 * Registers the selection probe (lib/page/probe.ts) on every web page, following the setting "Show
 * the highlight toolbar when I select text": the article probe, the everywhere probe, or none. The
 * registration is the browser's (it outlives the service worker); each call brings it in line with
 * the setting, one call at a time.
 */
import { browser } from 'wxt/browser';
import type { SelectionToolbarMode } from '../schema';

/** The id of the one registered probe. */
export const PROBE_ID = 'marginalia-selection-probe';
/** The built probe for each mode; none until the user opens Marginalia. */
export const PROBE_FILES: Record<SelectionToolbarMode, string | null> = {
  articles: 'article-probe.js',
  everywhere: 'selection-probe.js',
  opened: null,
};

let queue: Promise<unknown> = Promise.resolve();

/** Makes the registered probe the one `mode` asks for. Resolves once the browser has it. */
export function registerProbe(mode: SelectionToolbarMode): Promise<void> {
  const run = async () => {
    const file = PROBE_FILES[mode];
    const [current] = await browser.scripting.getRegisteredContentScripts({ ids: [PROBE_ID] });
    const now = current?.js?.[0]?.replace(/^\//, '') ?? null;
    if (now === file) return;
    if (current) await browser.scripting.unregisterContentScripts({ ids: [PROBE_ID] });
    if (!file) return;
    await browser.scripting.registerContentScripts([
      {
        id: PROBE_ID,
        js: [file],
        matches: ['http://*/*', 'https://*/*', 'file:///*'],
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Puts the probe into the web pages already open when the extension is installed or updated: the
 * browser gives registered scripts only to pages loaded after, and a reader who installs Marginalia
 * expects the toolbar on the article in front of them.
 */
export async function probeOpenTabs(mode: SelectionToolbarMode): Promise<number> {
  const file = PROBE_FILES[mode];
  if (!file) return 0;
  // WXT types the paths of the scripts it builds; the probes are built beside them (wxt.config.ts).
  const files = [`/${file}`] as unknown as ['/page-side.js'];
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  const done = await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return false;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id }, files });
        return true;
      } catch {
        return false; // A page the extension may not script (the browser's store, an error page).
      }
    }),
  );
  return done.filter(Boolean).length;
}
