/**
 * What the background does for an annotated page as its load begins, so that the page side, when
 * it is injected, has nothing to wait for; and when to inject it: as soon as the page's document is
 * parsed (its text is all there), not when its images, frames and other late parts are loaded too
 * (on a news page, often seconds later).
 *
 * - **The paint stylesheet.** A stylesheet added to a loaded page makes the browser recalculate the
 *   style of the page's elements (on a 1 MB page, a task of 80 ms or more, even with Chromium's rules
 *   on the root alone); added while the page is still being read, it costs next to nothing, since
 *   the elements not yet read are styled once, with it. So the background draws this load's paint
 *   names and puts their stylesheet in at once (extension CSS, out of the page's reach, as before).
 * - **What to paint.** The background reads the page's highlights meanwhile (the database read and
 *   the paint items took 25–45 ms of the page side's wait) and hands them, with the names, to the
 *   page side as it injects it (`handoff`): the page side starts with its answer instead of asking.
 *   Any write to the database, from any of the extension's pages, drops the answers read before it
 *   (`invalidate`): the handoff then reads again, after the write, and hands what is stored now. (A
 *   write's notice reaches the background a little after the write: one made just before a reload,
 *   in the sidebar, could land after the read it was already in, and drop a good answer.)
 *
 * The background cannot tell which document of the tab the sheet reached (a load that was just
 * beginning may still show the page before it): the page side checks that the names are styled on
 * its page before it takes them, and otherwise asks for its own names to be styled, as it did before.
 */
import { browser } from 'wxt/browser';
import { type PaintNames, paintStylesheet, randomPaintNames } from '../paint-style';
import type { Handoff, Reply } from '../protocol';

/** What the page side is told to paint: the `page.ready` answer, without names. */
export type ReadyAnswer = Omit<Reply<'page.ready'>, 'styled'>;

interface Early {
  url: string;
  names: PaintNames;
  /**
   * Whether the load is known annotated and its stylesheet is in: until then (the database read and
   * the insertion take a few milliseconds, in which the load's next events may come) it only holds
   * the tab's place, so that those events join this load instead of preparing it a second time.
   */
  prepared: boolean;
  /**
   * Whether its stylesheet is in. Firefox may refuse it as a reload begins ("Missing host
   * permission for the tab": the document being replaced), 1 reload in 4–8 in the e2e of the core
   * loop; it is put in at the load's next event, or once its document is parsed, instead.
   */
  inserted: boolean;
  /** An insertion under way: a second try meanwhile (the next event, the parse) joins it. */
  styling: Promise<void> | undefined;
  /** Resolves true once the load is prepared; false if it was found unannotated, or replaced. */
  preparing: Promise<boolean>;
  /** What to paint, read as the load began; undefined once a write may have changed it. */
  answer: Promise<ReadyAnswer | undefined> | undefined;
  /** Whether the tab's document is being watched for its parse (see `watch`), or soon will be. */
  watching: boolean;
  /** Another event of the load came while it was watched: ask again if the answer is no. */
  again: boolean;
  /** How many times the load was asked again with no event in between (see `watch`). */
  retries: number;
}

/**
 * Pauses before asking a load again whether its document is parsed, when the document that answered
 * was the one before it and no other event of the load came (ms; about 3 s in all, then the load's
 * completion injects the page side, as it always can).
 */
const ASK_AGAIN_MS = [25, 50, 100, 200, 400, 800, 1600];

/**
 * Reads of what to paint a handoff makes at most when writes keep landing while it reads (a restore,
 * an import): then the page side asks, as it would with no handoff.
 */
const HANDOFF_READS = 3;

/** The paint stylesheet for a browser: rules on the root where highlights inherit (Chromium). */
export function stylesheetFor(names: PaintNames): string {
  return paintStylesheet(names, { fromRoot: !import.meta.env.FIREFOX });
}

export interface EarlyLoadSources {
  /** Whether the page at this URL has highlights to paint. */
  annotated(url: string): Promise<boolean>;
  /** What the page at this URL paints, as stored now. */
  answer(url: string): Promise<ReadyAnswer>;
  /** Puts a stylesheet into the tab's top frame. */
  insert?(tabId: number, css: string): Promise<void>;
  /**
   * Resolves true once the tab's document of `url` is parsed while its load goes on; false when the
   * tab shows another document, or its load is complete already (the complete load paints it).
   */
  parsed?(tabId: number, url: string): Promise<boolean>;
  /** Whether the tab is still loading `url`. */
  loading?(tabId: number, url: string): Promise<boolean>;
}

async function tabLoading(tabId: number, url: string): Promise<boolean> {
  const tab = await browser.tabs.get(tabId);
  return tab.status === 'loading' && tab.url === url;
}

async function insertCss(tabId: number, css: string): Promise<void> {
  await browser.scripting.insertCSS({ target: { tabId, frameIds: [0] }, css });
}

/**
 * Waits in the tab's top frame for its document of `url` to be parsed (DOMContentLoaded). A few
 * lines in the extension's own world, run as soon as the browser can (the load may not have reached
 * the new document yet: the one before it, or the same URL's before a reload, is complete and says
 * false); the browser hands back what they resolve to.
 */
async function documentParsed(tabId: number, url: string): Promise<boolean> {
  const [first] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    injectImmediately: true,
    func: (expected: string) => {
      if (document.URL !== expected || document.readyState === 'complete') return false;
      if (document.readyState === 'interactive') return true;
      return new Promise<boolean>((done) => {
        document.addEventListener('DOMContentLoaded', () => done(true), { once: true });
      });
    },
    args: [url],
  });
  return first?.result === true;
}

export class EarlyLoads {
  private byTab = new Map<number, Early>();

  /**
   * `parsed` is called when a load prepared here has its document parsed before the load completes,
   * and its page side is not injected yet: the time to inject it.
   */
  constructor(
    private readonly sources: EarlyLoadSources,
    private readonly parsed: (tabId: number, url: string) => void = () => undefined,
  ) {}

  /** A tab began loading `url` (or its URL changed while loading): prepare it if annotated. */
  async begin(tabId: number, url: string): Promise<void> {
    const current = this.byTab.get(tabId);
    if (current?.url === url) {
      if (current.prepared && !current.inserted) void this.style(tabId, current);
      if (current.watching) current.again = true;
      else this.watch(tabId, current);
      return;
    }
    // The tab's place is taken at once: events of this load that come while it is prepared (the
    // listener does not wait for one event before the next) join it rather than prepare it again.
    let settle: (prepared: boolean) => void = () => undefined;
    const early: Early = {
      url,
      names: randomPaintNames(),
      prepared: false,
      inserted: false,
      styling: undefined,
      preparing: new Promise<boolean>((r) => {
        settle = r;
      }),
      answer: undefined,
      watching: true,
      again: false,
      retries: 0,
    };
    this.byTab.set(tabId, early);
    const still = () => this.byTab.get(tabId) === early;
    const drop = () => {
      if (still()) this.byTab.delete(tabId);
      settle(false);
    };
    try {
      if (!(await this.sources.annotated(url))) return drop();
    } catch {
      return drop();
    }
    if (!still()) return drop();
    // Refused, the load goes on unstyled for now: what to paint is read all the same. (A page the
    // extension may not touch at all, the store or a browser page, then refuses the page side too.)
    await this.style(tabId, early);
    if (!still()) return drop(); // Replaced meanwhile by another load of the tab, or the tab closed.
    early.prepared = true;
    early.answer = this.sources.answer(url).catch(() => undefined);
    settle(true);
    // Asked now, after any event that came meanwhile: those need no second question.
    this.watch(tabId, early);
  }

  /** Puts the load's stylesheet into the tab, unless it is in; a refusal is left for a later try. */
  private style(tabId: number, early: Early): Promise<void> {
    if (early.inserted) return Promise.resolve();
    early.styling ??= (this.sources.insert ?? insertCss)(tabId, stylesheetFor(early.names)).then(
      () => {
        early.inserted = true;
      },
      () => {
        // Tried again at the load's next event, or once its document is parsed.
        early.styling = undefined;
      },
    );
    return early.styling;
  }

  /**
   * Waits for the load's document to be parsed, then has it injected. The first event of a load may
   * come before its document replaced the one before (Firefox: "loading" with no URL, then with it
   * once the new document is there): asked then, the page before answers, and the next event of
   * the same load asks again (at once, if it came while the page before was answering). A reload
   * may bring no next event at all (seen in Firefox under load: the page side then waited for the
   * load's completion, held by a slow photo): while the tab still loads the URL, it is asked again
   * a little later, a few times.
   */
  private watch(tabId: number, early: Early): void {
    early.watching = true;
    early.again = false;
    const still = () => this.byTab.get(tabId) === early;
    void (this.sources.parsed ?? documentParsed)(tabId, early.url)
      .catch(() => false)
      .then(async (parsed) => {
        // Still this load, and its page side not injected meanwhile (the load completing does that).
        if (!still()) return;
        if (parsed) {
          early.watching = false;
          // Styled late if it was refused before: still cheaper than the page side's own question.
          await this.style(tabId, early);
          if (still()) this.parsed(tabId, early.url);
          return;
        }
        if (!early.again) {
          const pause = ASK_AGAIN_MS[early.retries];
          const loading =
            pause !== undefined && (await (this.sources.loading ?? tabLoading)(tabId, early.url).catch(() => false));
          if (!loading || !still()) {
            if (still()) early.watching = false;
            return;
          }
          early.retries++;
          await new Promise((r) => setTimeout(r, pause));
          if (!still()) return;
        }
        this.watch(tabId, early);
      });
  }

  /** Whether this tab's load of `url` was found annotated as it began (and is not handed off yet). */
  expects(tabId: number, url: string): boolean {
    const early = this.byTab.get(tabId);
    return early?.prepared === true && early.url === url;
  }

  /** The names styled for the page load at `url` in this tab, once; undefined when none were. */
  take(tabId: number, url: string): PaintNames | undefined {
    const early = this.byTab.get(tabId);
    if (!early?.prepared) return undefined; // none, or a load still being prepared: not this page's
    this.byTab.delete(tabId);
    return early.url === url && early.inserted ? early.names : undefined;
  }

  /**
   * Everything the page side of this load needs to paint, once: the names styled for it and what to
   * paint, read with no write since. A load still being prepared (its page loaded before the
   * background had styled it) is waited for; an answer a write dropped is read again. Undefined
   * when there is none (the names, if any, then stay for `take`).
   */
  async handoff(tabId: number, url: string): Promise<Handoff | undefined> {
    const early = this.byTab.get(tabId);
    if (!early || early.url !== url || !(await early.preparing)) return undefined;
    for (let reads = 1; ; reads++) {
      if (this.byTab.get(tabId) !== early) return undefined; // replaced, handed off, or the tab closed
      // Dropped by a write: read again, after it.
      early.answer ??= this.sources.answer(url).catch(() => undefined);
      const pending = early.answer;
      const answer = await pending;
      if (!answer || this.byTab.get(tabId) !== early) return undefined;
      if (early.answer === pending) {
        // Nothing written meanwhile.
        this.byTab.delete(tabId);
        return { url, styled: early.names, ...answer };
      }
      if (reads >= HANDOFF_READS) return undefined;
    }
  }

  /** Something was written to the database: what was read before may be stale. */
  invalidate(): void {
    for (const early of this.byTab.values()) early.answer = undefined;
  }

  /** The tab was closed. */
  forget(tabId: number): void {
    this.byTab.delete(tabId);
  }
}
