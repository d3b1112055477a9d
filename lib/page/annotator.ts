/**
 * The page side: injected into a tab only when the user starts annotating there or the page already
 * has highlights. It keeps the page's text index, paints what the extension asks it to paint, shows
 * the selection toolbar, and turns the user's choice into selectors for the background to store.
 * It never holds notes or tags.
 */
import { anchorSelectors, describeRange } from '../anchoring/anchor';
import { buildTextIndex, rangeOf, type TextIndex } from '../anchoring/text-index';
import { claimStyle } from '../claim-types';
import { PageMessage, type PaintResult, sendToBackground, serve } from '../protocol';
import type { PaintItem } from '../schema';
import { Painter } from './painter';
import { SelectionToolbar, type ToolbarChoice } from './toolbar';

/** Wait after the last selection change before showing the toolbar. */
const SELECTION_SETTLE_MS = 120;

/** The annotator of one document. */
export class Annotator {
  readonly painter: Painter;
  readonly toolbar: SelectionToolbar;
  private index: TextIndex | null = null;
  private observer: MutationObserver | null = null;
  private selectionTimer: ReturnType<typeof setTimeout> | undefined;
  private items = new Map<string, PaintItem>();

  constructor(private readonly doc: Document) {
    this.painter = new Painter(doc);
    this.toolbar = new SelectionToolbar(doc, (choice, range) => void this.create(choice, range));
  }

  /** The text index, rebuilt only after the DOM changed. */
  textIndex(): TextIndex {
    if (!this.index) this.index = buildTextIndex(this.doc.body ?? this.doc.documentElement);
    return this.index;
  }

  /** Starts listening to the page and to the extension. */
  start(): void {
    const win = this.doc.defaultView as Window;
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => !this.toolbar.contains(r.target))) this.index = null;
    });
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, characterData: true });
    this.doc.addEventListener('selectionchange', () => this.onSelectionChange());
    this.doc.addEventListener('mousedown', (e) => {
      if (!this.toolbar.contains(e.target as Node)) this.toolbar.hide();
    });
    this.doc.addEventListener('click', (e) => this.onClick(e));
    win.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.toolbar.hide();
    });
  }

  /** Paints exactly `items`: keeps what is already painted, removes what is gone, anchors the rest. */
  paint(items: readonly PaintItem[]): PaintResult[] {
    const wanted = new Map(items.map((i) => [i.id, i]));
    for (const id of this.painter.ids()) {
      const old = this.items.get(id);
      const next = wanted.get(id);
      if (!next || !old || old.slot !== next.slot) {
        this.painter.remove(id);
        this.items.delete(id);
      }
    }
    const results: PaintResult[] = [];
    let index: TextIndex | null = null;
    for (const item of items) {
      if (this.painter.rangeOf(item.id)) {
        results.push({ id: item.id, status: 'anchored' });
        continue;
      }
      index ??= this.textIndex();
      const found = anchorSelectors(index, item.selector);
      if (found.status === 'anchored') {
        this.painter.add(item.id, rangeOf(index, found.start, found.end), item.slot);
        this.items.set(item.id, item);
        results.push({ id: item.id, status: 'anchored' });
      } else {
        results.push({ id: item.id, status: 'orphan' });
      }
    }
    return results;
  }

  /** Scrolls a painted highlight into view and flashes the selection on it. */
  scrollTo(id: string): boolean {
    const range = this.painter.rangeOf(id);
    if (!range) return false;
    const target = range.startContainer.parentElement;
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const sel = this.doc.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range.cloneRange());
    setTimeout(() => sel?.removeAllRanges(), 900);
    return true;
  }

  /** The document as HTML, for extraction in an extension page. */
  snapshot(): { url: string; title: string; html: string } {
    return { url: this.doc.URL, title: this.doc.title, html: this.doc.documentElement.outerHTML };
  }

  private onSelectionChange(): void {
    clearTimeout(this.selectionTimer);
    this.selectionTimer = setTimeout(() => {
      const sel = this.doc.getSelection();
      if (!sel || sel.isCollapsed || sel.rangeCount === 0) {
        if (!this.toolbar.contains(this.doc.activeElement)) this.toolbar.hide();
        return;
      }
      const range = sel.getRangeAt(0);
      if (this.toolbar.contains(range.commonAncestorContainer) || isEditable(range.commonAncestorContainer)) return;
      if (!range.toString().trim()) return;
      this.toolbar.show(range);
    }, SELECTION_SETTLE_MS);
  }

  private onClick(e: MouseEvent): void {
    if (!e.isTrusted || this.toolbar.contains(e.target as Node)) return;
    const sel = this.doc.getSelection();
    if (sel && !sel.isCollapsed) return;
    const pos = caretAt(this.doc, e.clientX, e.clientY);
    if (!pos) return;
    const [id] = this.painter.idsAt(pos.node, pos.offset);
    if (id) void sendToBackground({ type: 'highlight.activated', id }).catch(() => undefined);
  }

  /** Stores a highlight for the chosen range and paints it once the background confirms. */
  async create(choice: ToolbarChoice, range: Range): Promise<string | null> {
    const index = this.textIndex();
    const selector = describeRange(index, range);
    if (!selector) return null;
    // Clear the selection now, not after the round trip: by then the user may have selected more.
    const selection = this.doc.getSelection();
    if (selection?.rangeCount && selection.getRangeAt(0).toString() === range.toString()) selection.removeAllRanges();
    const { id, slot } = await sendToBackground({
      type: 'highlight.create',
      title: this.doc.title,
      selector,
      claimType: choice,
    });
    const item: PaintItem = { id, slot: slot ?? claimStyle(choice).slot, selector };
    this.painter.add(id, rangeOf(index, selector[1].start, selector[1].end), item.slot);
    this.items.set(id, item);
    return id;
  }

  /** Answers the extension's messages. */
  serve(): void {
    serve<PageMessage>(
      PageMessage,
      {
        'page.ping': () => ({ ready: true as const }),
        'paint.set': (m) => ({ results: this.paint(m.items) }),
        'page.snapshot': () => this.snapshot(),
        'page.scrollTo': (m) => ({ found: this.scrollTo(m.id) }),
      },
      // Only this extension's own contexts reach a content script; receive() checks the id.
      () => true,
    );
  }
}

function isEditable(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest('input, textarea, [contenteditable=""], [contenteditable="true"]');
}

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  const pos = d.caretPositionFromPoint?.(x, y);
  if (pos) return { node: pos.offsetNode, offset: pos.offset };
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** Starts the annotator on this document once; a second injection finds it running. */
export async function startAnnotator(doc: Document): Promise<Annotator> {
  const key = '__marginaliaAnnotator';
  const holder = globalThis as unknown as Record<string, Annotator | undefined>;
  const running = holder[key];
  if (running) return running;
  const annotator = new Annotator(doc);
  holder[key] = annotator;
  annotator.start();
  annotator.serve();
  const { items } = await sendToBackground({ type: 'page.ready', title: doc.title });
  annotator.paint(items);
  return annotator;
}
