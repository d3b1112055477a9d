/**
 * The page side: injected into a tab only when the user starts annotating there or the page already
 * has highlights. It keeps the page's text index (one pass, rebuilt only after the DOM changed),
 * paints what the extension asks it to paint (on a load, first what the highlights' anchor hints
 * find, lib/anchoring/hint.ts), makes those hints, retries orphans when content arrives late, follows
 * in-page navigation, and turns the user's selections into highlights (./capture.ts). It never holds
 * notes or tags.
 */
import { anchorSelectors, changeOf, quoteStandsAt, type Span } from '../anchoring/anchor';
import { describeSpan } from '../anchoring/describe';
import { HintFinder } from '../anchoring/hint';
import type { TextIndex } from '../anchoring/text-index';
import { rangeOf } from '../anchoring/text-ranges';
import { Painter } from '../highlighting/painter';
import { SelectionToolbar } from '../highlighting/toolbar';
import { worthLooking } from '../paint-item';
import { type PaintNames, randomPaintNames } from '../paint-style';
import type { PaintResult } from '../protocol';
import type { PaintItem } from '../schema';
import { Capture } from './capture';
import { HintMaker } from './hints';
import { pageTask, pageTaskWhenDue } from './page-task';
import { PageText } from './page-text';
import { handedOff, parsed, ReadyExchange } from './ready';
import { sendToBackground } from './send';
import { serializeSliced } from './serialize';
import { Snapshots } from './snapshots';
import { firstPainted, timing, waiting } from './timing';

/** Highlights anchored in one pass, painted together. */
type Batch = { id: string; ranges: Range[]; slot: number; changed: boolean }[];
/** Quiet time after the last DOM change before orphans are tried again. */
const RETRY_AFTER_MS = 400;
/** How long a highlight flashes when the sidebar shows it. */
const FLASH_MS = 1200;
/** Quiet time after the last URL change before repainting (pages that churn their URL). */
const NAVIGATE_AFTER_MS = 250;

/** The annotator of one document. */
export class Annotator {
  readonly painter: Painter;
  readonly toolbar: SelectionToolbar;
  /** The reader's selections, made highlights. */
  readonly capture: Capture;
  private readonly text: PageText;
  private items = new Map<string, PaintItem>();
  /** Where each item landed the last time it was anchored (a change stays reported while painted). */
  private placed = new Map<string, PaintResult>();
  private orphans = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private navigateTimer: ReturnType<typeof setTimeout> | undefined;
  private url: string;
  private readonly ready: ReadyExchange;
  private readonly snapshots = new Snapshots();
  private readonly hints = new HintMaker(() => this.text.root);

  constructor(private readonly doc: Document) {
    this.painter = new Painter(doc, true, randomPaintNames());
    this.toolbar = new SelectionToolbar(
      doc,
      (choice, range) => void this.capture.create(choice, range).catch(() => undefined),
    );
    this.url = doc.URL;
    this.text = new PageText(doc);
    this.capture = new Capture(
      doc,
      this.toolbar,
      () => this.textIndex(),
      (item, range, index) => {
        this.items.set(item.id, item);
        this.painter.add(item.id, [range], item.slot);
        this.hints.anchored(item, index, item.selector[1].start);
      },
    );
    this.ready = new ReadyExchange(doc, this.painter);
    // Injected before the page's load completed: what is not found by then is looked for again
    // when it does, and only then told as not found (see `navigated`).
    if (doc.readyState !== 'complete') {
      doc.defaultView?.addEventListener('load', () => this.report(this.anchorOrphans()), { once: true });
    }
  }

  /** The text index, rebuilt only after the DOM changed. */
  textIndex(): TextIndex {
    return this.text.current();
  }

  /** Called on every DOM change outside the toolbar: the index is stale; orphans may now be found. */
  contentChanged(): void {
    this.text.changed();
    if (this.doc.URL !== this.url) {
      // One `page.ready` once the URL settles, not one per change of a page that churns it.
      this.url = this.doc.URL;
      clearTimeout(this.navigateTimer);
      this.navigateTimer = setTimeout(() => void this.navigated().catch(() => undefined), NAVIGATE_AFTER_MS);
      return;
    }
    if (this.orphans.size === 0) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.retryOrphans(), RETRY_AFTER_MS);
  }

  /** Ends the page side (the extension is gone): no timers, no toolbar, nothing painted. */
  end(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.navigateTimer);
    this.hints.end();
    this.toolbar.destroy();
    this.snapshots.clear();
    this.painter.clear();
    this.items.clear();
    this.placed.clear();
    this.orphans.clear();
  }

  /** In-page navigation to another article: clear, and paint that article's highlights. */
  async navigated(): Promise<void> {
    this.painter.clear();
    this.items.clear();
    this.placed.clear();
    this.orphans.clear();
    this.hints.reset();
    // Asked of the background, the page's highlights are looked up while this thread builds the
    // text index, in slices that leave the page responsive (no long task on a large page's first
    // walk). Handed with the injection, they are at hand: those whose anchor hints find them are
    // painted first, without the whole page's text, and the index is built for the rest, if any.
    const handed = handedOff();
    const ready = this.ready.ask();
    await waiting(parsed(this.doc));
    if (!handed) await this.text.prepare();
    const { items, toolbar } = await ready;
    this.toolbar.configure(toolbar);
    if (!this.text.built) await this.paintHinted(items);
    if (items.some((i) => !this.items.has(i.id))) await this.text.prepare();
    const results = this.paint(items);
    firstPainted();
    // Painted as soon as the page's text was parsed, before its images, frames and late scripts
    // are in: until the load completes, only what was found is told (the sidebar would list the
    // rest as lost for that moment); the constructor's load listener looks for the rest then, once,
    // at the orphans of the article shown by then.
    this.report(this.doc.readyState === 'complete' ? results : results.filter((r) => r.status === 'anchored'));
    // Built after the paint when the hints did without it (a selection, a repaint need it soon), from
    // a task after the one that painted: the browser shows the paint first.
    if (!this.text.built)
      void pageTask()
        .then(() => this.text.prepare())
        .catch(() => undefined);
  }

  /**
   * Paints the items whose anchor hints find them where they were (lib/anchoring/hint.ts): each
   * one's stored quote standing there as stored, the nearest context intact. The rest are left to
   * `paint`, on the whole text.
   */
  private async paintHinted(items: readonly PaintItem[]): Promise<void> {
    const hinted = items.flatMap((item) => (item.hint ? [{ item, quote: item.selector[0], hint: item.hint }] : []));
    if (timing.painted === undefined) timing.withHints = hinted.length;
    if (!worthLooking(hinted.map((h) => h.hint))) return;
    // In slices that give the thread back once their task has run its budget: looked at in the task
    // that checked what was handed, 200 hints on a busy page made tasks of 50–59 ms (yahoo-2). A page
    // changed during a pause: none is used.
    const ranges = await new HintFinder(this.text.root).rangesSliced(hinted, pageTaskWhenDue, this.text.staleness());
    if (!ranges) return;
    const batch: Batch = [];
    for (const [i, { item }] of hinted.entries()) {
      const range = ranges[i];
      if (!range) {
        this.hints.miss(item.id);
        continue;
      }
      this.items.set(item.id, item);
      this.placed.set(item.id, { id: item.id, status: 'anchored' });
      batch.push({ id: item.id, ranges: [range], slot: item.slot, changed: false });
    }
    this.painter.addAll(batch);
    if (timing.painted === undefined) timing.hinted = batch.length;
  }

  /** The names this page load paints under. */
  get names(): PaintNames {
    return this.painter.names;
  }

  /** Paints exactly `items`: keeps what is already painted, removes what is gone, anchors the rest. */
  paint(items: readonly PaintItem[]): PaintResult[] {
    const wanted = new Map(items.map((i) => [i.id, i]));
    for (const id of [...this.items.keys()]) {
      const old = this.items.get(id);
      const next = wanted.get(id);
      if (!next || !old || old.slot !== next.slot || JSON.stringify(old.selector) !== JSON.stringify(next.selector)) {
        this.painter.remove(id);
        this.items.delete(id);
        this.orphans.delete(id);
        this.placed.delete(id);
      }
    }
    const results: PaintResult[] = [];
    const batch: Batch = [];
    for (const item of items) {
      if (this.items.has(item.id) && !this.orphans.has(item.id)) {
        results.push(this.placed.get(item.id) ?? { id: item.id, status: 'anchored' });
        continue;
      }
      results.push(this.anchor(item, batch));
    }
    this.painter.addAll(batch);
    for (const b of batch) this.painter.markChanged(b.id, b.changed);
    return results;
  }

  /**
   * Anchors one item; paints it at once, or adds it to `batch` to be painted with others. A
   * highlight found anywhere but exactly where its stored quote stands (the text was edited, or an
   * insertion split it) is painted with the changed mark and reported with the text it landed on.
   */
  private anchor(item: PaintItem, batch?: Batch): PaintResult {
    const result = this.place(item, batch);
    this.placed.set(item.id, result);
    return result;
  }

  private place(item: PaintItem, batch?: Batch): PaintResult {
    const index = this.textIndex();
    const found = anchorSelectors(index, this.text.ownSelectors(index, item));
    this.items.set(item.id, item);
    if (found.status === 'anchored') {
      this.orphans.delete(item.id);
      const ranges = this.ranges(index, found);
      const change = changeOf(found, index.text, item.selector[0].exact);
      this.hints.anchored(item, index, quoteStandsAt(index.text, item.selector[0], found.start) ? found.start : null);
      if (batch) batch.push({ id: item.id, ranges, slot: item.slot, changed: !!change });
      else {
        this.painter.add(item.id, ranges, item.slot);
        this.painter.markChanged(item.id, !!change);
      }
      if (!change) return { id: item.id, status: 'anchored' };
      const now = describeSpan(index, found.start, found.end);
      return { id: item.id, status: 'anchored', change, ...(now ? { candidate: now } : {}) };
    }
    this.orphans.add(item.id);
    const candidate = found.candidate ? describeSpan(index, found.candidate.start, found.candidate.end) : null;
    return { id: item.id, status: 'orphan', reason: found.reason, ...(candidate ? { candidate } : {}) };
  }

  private ranges(index: TextIndex, span: Span): Range[] {
    return span.parts.map(([s, e]) => rangeOf(index, s, e));
  }

  /** Tries the orphans again (content arrived later) and tells the extension what changed. */
  retryOrphans(): PaintResult[] {
    const results = this.anchorOrphans();
    if (results.some((r) => r.status === 'anchored')) this.report(results);
    return results;
  }

  /** Anchors the orphans again: where each landed, found or not. */
  private anchorOrphans(): PaintResult[] {
    return [...this.orphans].flatMap((id) => {
      const item = this.items.get(id);
      return item ? [this.anchor(item)] : [];
    });
  }

  private report(results: PaintResult[]): void {
    if (results.length) void sendToBackground({ type: 'page.anchored', results }).catch(() => undefined);
  }

  /** Scrolls a painted highlight into view and flashes it, without touching the selection. */
  scrollTo(id: string): boolean {
    const ranges = this.painter.rangesOf(id);
    const first = ranges?.[0];
    if (!ranges || !first) return false;
    const target =
      first.startContainer.nodeType === 1 ? (first.startContainer as Element) : first.startContainer.parentElement;
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    this.painter.flash(ranges, FLASH_MS);
    return true;
  }

  /**
   * The document as HTML, for extraction in an extension page: made in slices that give the page's
   * thread back, again if the page changed meanwhile (./serialize.ts), and kept here to be fetched
   * a chunk per message (`snapshotChunk`).
   */
  async snapshot(): Promise<{ url: string; title: string; id: string; chunks: number }> {
    const pieces = await serializeSliced(this.doc, this.text.staleness(), pageTask);
    return { url: this.doc.URL, title: this.doc.title, ...this.snapshots.keep(pieces) };
  }

  /** One chunk of a snapshot made by `snapshot`. */
  snapshotChunk(id: string, index: number): { text: string } {
    return { text: this.snapshots.chunk(id, index) };
  }

  /** The ids painted at a point, innermost first. */
  idsAt(node: Node, offset: number): string[] {
    return this.painter.idsAt(node, offset);
  }
}
