/**
 * The background: opens the sidebar from the toolbar button, re-injects the page side into pages
 * that have highlights, and stores what the page side sends. Page messages act only on the sending
 * tab's own article, identified by the tab's URL, never by anything the page claims.
 */
import Dexie, { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { toolbarSpec } from '../claim-labels';
import { claimStyle, resolveClaimTypes } from '../claim-types';
import type { Messages } from '../i18n';
import { ensureLanguage, type Language } from '../i18n/language';
import { recordLibrarySize } from '../lost-library';
import {
  type Handlers,
  isExtensionPage,
  isPageTopFrame,
  type Sender,
  sendToExtensionPages,
  sendToTab,
  serve,
} from '../messaging';
import { BackgroundMessage } from '../protocol';
import { getRepository, type Repository } from '../store/repository';
import { type ArticleKeys, articleKeys, isAnnotatableUrl } from '../url';
import { listAutoBackups, scheduleAutoBackups, writeAutoBackup } from './auto-backup';
import { EarlyLoads, type ReadyAnswer, stylesheetFor } from './early-load';
import { ensureAnnotator } from './inject';
import { probeOpenTabs, registerProbe } from './probe';
import { openSidebarOnActionClick } from './sidebar';
import { repaintOpenTabs, scheduleSync, syncNow, syncOff, syncSoon } from './sync';
import { registerUserActions, retitleMenu } from './user-actions';

/** The URL of the page that sent a page-side message. */
function pageUrl(sender: Sender): string {
  const url = sender.url ?? sender.tab?.url;
  if (!url) throw new Error('Refused: the sender has no page URL');
  return url;
}

/** What the page at these keys paints, and the selection toolbar's claim types, in the UI language. */
async function readyAnswer(repo: Repository, keys: ArticleKeys | null): Promise<ReadyAnswer> {
  const [article, settings] = await Promise.all([keys ? repo.findArticle(keys) : undefined, repo.getSettings()]);
  await ensureLanguage(settings.language);
  return {
    items: article ? await repo.paintItems(article.id) : [],
    toolbar: toolbarSpec(resolveClaimTypes(settings.claimTypes)),
  };
}

/** The background's message handlers, given a repository (tests pass their own). */
export function backgroundHandlers(repo: Repository, early?: EarlyLoads): Handlers<BackgroundMessage> {
  return {
    'page.ready': async (m, sender) => {
      const url = pageUrl(sender);
      const keys = await articleKeys(url, m.canonical);
      const tabId = sender.tab?.id;
      // The colours for the names this page load paints under, as extension CSS the page cannot
      // read: those styled as the load began, if any (the page side checks they reached it), else
      // the page side's own.
      const styled = m.names && tabId !== undefined ? early?.take(tabId, url) : undefined;
      if (m.names && tabId !== undefined && !styled) {
        await browser.scripting.insertCSS({ target: { tabId, frameIds: [0] }, css: stylesheetFor(m.names) });
      }
      return { ...(await readyAnswer(repo, keys)), ...(styled ? { styled } : {}) };
    },
    'highlight.create': async (m, sender) => {
      const url = pageUrl(sender);
      const types = await repo.claimTypes();
      if (m.claimType !== null && !types.some((d) => d.id === m.claimType)) {
        throw new Error(`Refused: no claim type "${m.claimType}"`);
      }
      const h = await repo.createHighlight({
        url,
        canonical: m.canonical,
        title: m.title,
        target: { source: url, selector: m.selector },
        claimType: m.claimType,
        ...(m.block ? { block: m.block } : {}),
        ...(m.textDirective !== undefined ? { textDirective: m.textDirective } : {}),
      });
      void rememberLibrarySize(repo);
      void syncSoon(repo);
      return { id: h.id, slot: claimStyle(h.claimType, types).slot };
    },
    'highlight.activated': async (m, sender) => {
      const article = await repo.findArticleByUrl(pageUrl(sender));
      const tabId = sender.tab?.id;
      const owned = article && (await repo.listHighlights(article.id)).some((h) => h.id === m.id);
      if (owned && tabId !== undefined) await sendToExtensionPages({ type: 'sidebar.focus', tabId, id: m.id });
      return {};
    },
    'page.wake': async (_m, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { attached: false };
      const { attached } = await ensureAnnotator(tabId);
      if (attached) await sendToTab(tabId, { type: 'page.showToolbar' }).catch(() => undefined);
      return { attached };
    },
    'page.anchored': async (m, sender) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) await sendToExtensionPages({ type: 'sidebar.anchored', tabId, results: m.results });
      return {};
    },
    'page.hints': async (m, sender) => {
      // Kept for the sending tab's own article only (the repository keeps those of its highlights).
      const article = await repo.findArticleByUrl(pageUrl(sender));
      if (article) await repo.saveAnchorHints(article.id, m.hints);
      return {};
    },
    'paint.sync': async (m) => {
      // The sidebar asks after every change to its article: a good moment to sync it soon.
      void syncSoon(repo);
      const items = m.articleId ? await repo.paintItems(m.articleId) : [];
      return sendToTab(m.tabId, { type: 'paint.set', items });
    },
    'tab.attach': (m) => ensureAnnotator(m.tabId),
    'backup.auto': () => writeAutoBackup(repo),
    'backup.autoList': async () => ({ files: await listAutoBackups() }),
    'sync.run': () => syncNow(repo),
    'sync.off': async () => {
      await syncOff(repo);
      return {};
    },
    'library.changed': async () => {
      void rememberLibrarySize(repo);
      void syncSoon(repo);
      await repaintOpenTabs(repo);
      return {};
    },
  };
}

/** Remembers how many highlights the library holds, to notice if the browser loses it. */
export async function rememberLibrarySize(repo: Repository): Promise<void> {
  try {
    await recordLibrarySize(await repo.highlightCount());
  } catch {
    // Counted again after the next write or within the hour.
  }
}

/** Which sender may send which message: the page side its own, extension pages theirs. */
export function allowBackgroundMessage(message: BackgroundMessage, sender: Sender): boolean {
  const fromExtension =
    message.type === 'tab.attach' ||
    message.type === 'paint.sync' ||
    message.type === 'backup.auto' ||
    message.type === 'backup.autoList' ||
    message.type === 'sync.run' ||
    message.type === 'sync.off' ||
    message.type === 'library.changed';
  return fromExtension ? isExtensionPage(sender) : isPageTopFrame(sender);
}

/**
 * Follows the user's settings in the background: when the language changes, the background's own
 * strings (the context-menu entry, the page toolbar's labels) change with it; the selection probe
 * registered on web pages is the one the setting asks for.
 */
export function followSettings(
  repo: Repository,
  load?: (language: Language) => Promise<Messages>,
): { unsubscribe(): void } {
  return liveQuery(() => repo.getSettings()).subscribe({
    next: (settings) => {
      void ensureLanguage(settings.language, load)
        .then(retitleMenu)
        .catch(() => undefined);
      void registerProbe(settings.selectionToolbar).catch((e) =>
        console.warn('Marginalia could not set up the selection toolbar on pages:', e),
      );
    },
    error: () => undefined,
  });
}

/** Wires the background. Called once from the background entrypoint. */
export function startBackground(): void {
  const repo = getRepository();
  openSidebarOnActionClick();
  // An annotated article gets its paint stylesheet as its load begins (cheap then) and its highlights
  // read meanwhile; the page side, injected as soon as the page's document is parsed (or when the
  // load completes, if that came first), is handed both.
  const early = new EarlyLoads(
    {
      annotated: (url) => repo.hasHighlights(url),
      answer: async (url) => readyAnswer(repo, await articleKeys(url)),
    },
    (tabId, url) => void paintIfAnnotated(tabId, url, true).catch(() => undefined),
  );
  Dexie.on('storagemutated', () => early.invalidate());
  const handoff = (tabId: number, url: string) => early.handoff(tabId, url);
  const paintIfAnnotated = async (tabId: number, url: string | undefined, afterLoad = false) => {
    const known = url ?? (await browser.tabs.get(tabId).catch(() => undefined))?.url;
    // A load prepared as it began is known to be annotated: no second look at the database.
    if (known && (early.expects(tabId, known) || (await repo.hasHighlights(known)))) {
      await ensureAnnotator(tabId, afterLoad, handoff);
    }
  };
  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    const url = info.url ?? tab.url;
    if ((info.status === 'loading' || info.url) && url && isAnnotatableUrl(url)) {
      void early.begin(tabId, url).catch(() => undefined);
    }
    if (info.status === 'complete') void paintIfAnnotated(tabId, tab.url, true);
  });
  browser.tabs.onRemoved.addListener((tabId) => early.forget(tabId));
  // Tabs that finished loading before the background started (browser start, extension update,
  // a service worker woken late). The onStartup listener makes Chrome start the worker with the
  // browser rather than on the first event it might then miss; ensureAnnotator is idempotent.
  const scanTabs = () =>
    void browser.tabs.query({ status: 'complete' }).then((tabs) => {
      for (const tab of tabs) if (tab.id !== undefined) void paintIfAnnotated(tab.id, tab.url);
    });
  browser.runtime.onStartup.addListener(scanTabs);
  scanTabs();
  // Seen in Chromium right after the browser starts: a tab that finishes loading then may bring no
  // onUpdated event at all (tests/e2e/loop.e2e.ts, about one start in five). Scanning again while
  // the browser settles catches it; a tab the user switches to is checked too.
  for (const ms of [1_000, 3_000, 8_000]) setTimeout(scanTabs, ms);
  browser.tabs.onActivated.addListener(({ tabId }) => void paintIfAnnotated(tabId, undefined));
  browser.runtime.onInstalled.addListener(
    () =>
      void repo
        .getSettings()
        .then((s) => probeOpenTabs(s.selectionToolbar))
        .catch(() => undefined),
  );
  registerUserActions();
  followSettings(repo);
  scheduleAutoBackups(repo);
  scheduleSync(repo);
  serve(BackgroundMessage, backgroundHandlers(repo, early), allowBackgroundMessage);
}
