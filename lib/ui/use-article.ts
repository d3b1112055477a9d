/**
 * Everything the sidebar knows about the article in its tab: what extraction found (Readability on
 * a snapshot, parsed here, not in the page), the stored article and its highlights (live), and where
 * each highlight landed on the page. It keeps the page's paint in step with the database by asking
 * the background, the one authority on what a page paints, to repaint the tab.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type ArticleChanges, articleBlocks, compareBlocks, makeBaseline } from '../article-blocks';
import { extractArticle, parseSnapshot } from '../extract';
import { sendToBackground } from '../messaging';
import type { PaintResult } from '../protocol';
import type { Article, ArticleMeta, Highlight } from '../schema';
import { getRepository } from '../store/repository';
import { articleKeys } from '../url';
import { readSnapshot } from './page-snapshot';
import { useLiveQuery } from './use-live-query';
import { useClaimTypes } from './use-settings';
import type { TabState } from './use-tab';

/** The sidebar's article state. */
export interface ArticleState {
  /** Extraction's result for the page now in the tab (null until it ran). */
  meta: ArticleMeta | null;
  /** Readability's article HTML (unsanitised), for the reader view; null when there is none. */
  content: string | null;
  /** The stored article, once the page has a highlight. */
  article: Article | undefined;
  highlights: Highlight[];
  /**
   * Highlights the page could not find (with the best candidate it saw), and those it found on
   * changed text (with the text it landed on), by id.
   */
  placements: Map<string, PaintResult>;
  /** Merges results the page reported by itself (late content, navigation). */
  applyResults: (results: PaintResult[]) => void;
  /** What changed in the article since it was first annotated (null: nothing, or not known yet). */
  changes: ArticleChanges | null;
  loading: boolean;
}

const NONE: Highlight[] = [];
const NOT_READ = { url: null, article: undefined, highlights: NONE };

/** What is stored for a page: its article and highlights, read for `url`. */
export interface Stored {
  url: string | null;
  article: Article | undefined;
  highlights: Highlight[];
}

/** Reads the stored article of a page and its highlights. */
async function readStored(url: string | null, canonical: string | null): Promise<Stored> {
  const repo = getRepository();
  const keys = url ? await articleKeys(url, canonical) : null;
  const found = keys ? await repo.findArticle(keys) : undefined;
  return { url, article: found, highlights: found ? await repo.listHighlights(found.id) : NONE };
}

/**
 * What the sidebar shows for the page at `url`: the live query's answer once it has answered for
 * that page, until then an early read made for that same page, else the live query's last answer
 * (of no page, or of the page before: never an early read of another page).
 */
export function storedToShow(live: Stored, early: Stored | null, url: string | null): Stored {
  return live.url !== url && early && early.url === url ? early : live;
}

/** The early read (see {@link prefetchStored}), taken once by the first sidebar that matches it. */
let early: Promise<Stored | null> | null = null;
/** Its answer, once in: the sidebar's first render starts with it. */
let earlyAnswer: Stored | null = null;

/**
 * Starts reading the stored article of the sidebar's tab as soon as its URL is known, before the
 * sidebar has rendered anything: shown until the live query for the same URL first answers (it
 * reads the same records a moment later, and from then on it is what is shown). Resolves when the
 * read is done (never rejects: a failed read is the live query's to report).
 */
export function prefetchStored(url: Promise<string | null | undefined>): Promise<void> {
  const read = url.then((u) => (u ? readStored(u, null) : null)).catch(() => null);
  early = read;
  return read.then((answer) => {
    if (early === read) earlyAnswer = answer;
  });
}

function sameHighlights(a: Highlight[], b: Highlight[]): boolean {
  return a.length === b.length && a.every((h, i) => h.id === b[i]?.id && h.updatedAt === b[i]?.updatedAt);
}

function sameMeta(a: Article, m: ArticleMeta): boolean {
  // Lists (authors) compare by value: a fresh extraction gives a fresh array.
  return (Object.keys(m) as (keyof ArticleMeta)[]).every((k) => JSON.stringify(a[k]) === JSON.stringify(m[k]));
}

/** Tracks the article of the sidebar's tab. */
export function useArticle(tab: TabState): ArticleState {
  const repo = getRepository();
  const [meta, setMeta] = useState<ArticleMeta | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [placements, setPlacements] = useState<Map<string, PaintResult>>(new Map());
  const applyResults = useCallback((results: PaintResult[], replace = false) => {
    setPlacements((old) => {
      const next = new Map(replace ? [] : old);
      for (const r of results) {
        if (r.status === 'orphan' || r.change) next.set(r.id, r);
        else next.delete(r.id);
      }
      return next;
    });
  }, []);
  // The article is found by the tab's URL, and by the canonical URL the page declares once known.
  const canonical = meta?.canonicalUrl ?? null;
  // One live query for both: the article's highlights come in the same round trip as the article.
  const [live, articleError] = useLiveQuery<Stored>(
    // An async function itself: Dexie follows its reads across awaits only then (it checks).
    async () => await readStored(tab.url, canonical),
    [tab.url, canonical],
    NOT_READ,
  );
  // The early read, until the live query has answered for this URL.
  const [first, setFirst] = useState<Stored | null>(() => earlyAnswer);
  useLayoutEffect(() => {
    const read = early;
    early = null;
    earlyAnswer = null;
    void read?.then((v) => v && setFirst(v));
  }, []);
  const stored = storedToShow(live, first, tab.url);
  const { article } = stored;
  // Whether the stored highlights of the tab's page have been read (or failed to be): extraction
  // waits for it, so the reader's highlights are not held behind Readability on the same thread.
  const storedRead = (tab.url !== null && stored.url === tab.url) || articleError !== null;
  // An edit to the article alone re-runs the query; the same highlights keep their identity, so the
  // page is not asked to repaint them.
  const previous = useRef(NONE);
  const highlights = sameHighlights(previous.current, stored.highlights) ? previous.current : stored.highlights;
  previous.current = highlights;

  // Extract once per page load, on a snapshot, off the page's thread, after the stored highlights
  // are shown (parsing and Readability take this page's thread for tens of milliseconds, cold).
  useEffect(() => {
    setMeta(null);
    setContent(null);
    if (tab.status !== 'ready' || tab.tabId === null || !storedRead) return;
    let live = true;
    void readSnapshot(tab.tabId)
      .then((snap) => {
        if (!live) return;
        const extraction = extractArticle(parseSnapshot(snap.html, snap.url));
        setMeta(extraction.meta);
        setContent(extraction.content);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [tab.tabId, tab.generation, tab.status, storedRead]);

  // Store what extraction found once the article exists (its first highlight creates it).
  useEffect(() => {
    if (article && meta && (article.extractedAt === null || !sameMeta(article, meta))) {
      void repo.saveArticleMeta(article.id, meta);
    }
  }, [article, meta]);

  // Whether the page has said where these highlights landed (until then nothing is known of them).
  const [placed, setPlaced] = useState<Highlight[] | null>(null);

  // Keep what the article said when first annotated; later, compare the page with it.
  const [changes, setChanges] = useState<ArticleChanges | null>(null);
  const baseline = article?.baseline;
  const articleId = article?.id;
  useEffect(() => {
    setChanges(null);
    if (!articleId || content === null) return;
    const blocks = articleBlocks(content);
    if (blocks.length === 0) return;
    if (!baseline) {
      void repo
        .getSettings()
        .then((s) => repo.setBaseline(articleId, makeBaseline(blocks, Date.now(), s.keepTextCopies)))
        .catch(() => undefined);
      return;
    }
    const found = compareBlocks(baseline, blocks);
    const changed = found.edited + found.added + found.removed > 0;
    setChanges(changed ? found : null);
    void repo.recordChanges(articleId, changed ? found : null).catch(() => undefined);
  }, [articleId, baseline, content]);

  // Remember what the page says at each changed passage (exports say "Now reads"), and forget it
  // when the passage reads as its quote again.
  useEffect(() => {
    if (!placed) return;
    for (const h of placed) {
      const result = placements.get(h.id);
      if (result?.status === 'orphan') continue;
      const now = result?.change === 'edited' ? (result.candidate?.[0].exact ?? null) : null;
      if ((h.pageNow?.text ?? null) !== now) void repo.notePageText(h.id, now).catch(() => undefined);
    }
  }, [placements, placed]);

  // Keep the page's paint equal to the stored highlights, in the user's colours: on every change
  // of the list or of the claim types, the background repaints the tab from the database.
  const claimTypes = useClaimTypes();
  useEffect(() => {
    setPlaced(null);
    if (tab.status !== 'ready' || tab.tabId === null) return;
    let live = true;
    void sendToBackground({ type: 'paint.sync', tabId: tab.tabId, articleId: articleId ?? null })
      .then(({ results }) => {
        if (!live) return;
        applyResults(results, true);
        setPlaced(highlights);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [highlights, claimTypes, articleId, tab.tabId, tab.generation, tab.status, applyResults]);

  const loading = tab.status === 'attaching' || (tab.status === 'ready' && meta === null && !articleError);
  return { meta, content, article, highlights, placements, applyResults, changes, loading };
}
