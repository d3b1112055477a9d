/**
 * Paint stylesheets put into a tab as its load begins. A stylesheet added to a loaded page makes
 * the browser recalculate the style of the page's elements (on a 1 MB page, a task of 80 ms or
 * more, even with Chromium's rules on the root alone); added while the page is still being read,
 * it costs next to nothing, since the elements not yet read are styled once, with it. So when a
 * tab starts loading an article that has highlights, the background draws this load's paint names
 * and puts their stylesheet in at once (extension CSS, out of the page's reach, as before); the
 * page side, when it reports in, is given those names to paint under.
 *
 * The background cannot tell which document of the tab the sheet reached (a load that was just
 * beginning may still show the page before it): the page side checks that the names are styled on
 * its page before it takes them, and otherwise asks for its own names to be styled, as it did before.
 */
import { browser } from 'wxt/browser';
import { type PaintNames, paintStylesheet, randomPaintNames } from '../paint-style';

interface Early {
  url: string;
  names: PaintNames;
}

/** The paint stylesheet for a browser: rules on the root where highlights inherit (Chromium). */
export function stylesheetFor(names: PaintNames): string {
  return paintStylesheet(names, { fromRoot: !import.meta.env.FIREFOX });
}

export class EarlyStyles {
  private byTab = new Map<number, Early>();

  constructor(
    /** Whether the page at this URL has highlights to paint. */
    private readonly annotated: (url: string) => Promise<boolean>,
    private readonly insert: (tabId: number, css: string) => Promise<void> = async (tabId, css) => {
      await browser.scripting.insertCSS({ target: { tabId, frameIds: [0] }, css });
    },
  ) {}

  /** A tab began loading `url` (or its URL changed while loading): style it now if annotated. */
  async begin(tabId: number, url: string): Promise<void> {
    if (this.byTab.get(tabId)?.url === url) return;
    this.byTab.delete(tabId);
    if (!(await this.annotated(url))) return;
    const names = randomPaintNames();
    try {
      await this.insert(tabId, stylesheetFor(names));
    } catch {
      return; // A page the extension may not style (the store, a browser page): nothing to paint.
    }
    this.byTab.set(tabId, { url, names });
  }

  /** The names styled for the page load at `url` in this tab, once; undefined when none were. */
  take(tabId: number, url: string): PaintNames | undefined {
    const early = this.byTab.get(tabId);
    this.byTab.delete(tabId);
    return early?.url === url ? early.names : undefined;
  }

  /** The tab was closed. */
  forget(tabId: number): void {
    this.byTab.delete(tabId);
  }
}
