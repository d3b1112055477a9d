/**
 * Starts the page side once per document: wires the page's events (selection, clicks on painted
 * highlights, DOM changes) and the extension's messages to the annotator.
 */
import { PageMessage, sendToBackground, serve } from '../protocol';
import { Annotator } from './annotator';

/** Wait after the last selection change before showing the toolbar. */
const SELECTION_SETTLE_MS = 120;
/** How long after the user's own input a selection change counts as theirs. */
const USER_INPUT_MS = 600;

/**
 * Tells a selection the user made from one a page script made. Only trusted input counts: a drag
 * or double/triple click with the pointer (while it is down, or just after it is released), or a
 * keyboard selection (Shift with a key, Ctrl/Cmd+A). A selection set by the page without such input
 * never shows the toolbar, so a page cannot pick the passage and wait for a stray click.
 */
class UserSelection {
  private pointerDown: { x: number; y: number } | null = null;
  private until = 0;

  constructor(win: Window) {
    const opts = { capture: true, passive: true };
    win.addEventListener(
      'pointerdown',
      (e) => {
        if (e.isTrusted) this.pointerDown = { x: e.clientX, y: e.clientY };
      },
      opts,
    );
    win.addEventListener(
      'pointerup',
      (e) => {
        if (!e.isTrusted) return;
        const down = this.pointerDown;
        this.pointerDown = null;
        const dragged = !!down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 3;
        if (dragged || e.detail >= 2) this.until = performance.now() + USER_INPUT_MS;
      },
      opts,
    );
    win.addEventListener('pointercancel', () => {
      this.pointerDown = null;
    });
    win.addEventListener(
      'dblclick',
      (e) => {
        if (e.isTrusted) this.until = performance.now() + USER_INPUT_MS;
      },
      opts,
    );
    win.addEventListener(
      'keydown',
      (e) => {
        if (!e.isTrusted) return;
        const selectAll = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a';
        if (e.shiftKey || selectAll) this.until = performance.now() + USER_INPUT_MS;
      },
      opts,
    );
  }

  /** True while the user is selecting, or just did. */
  get active(): boolean {
    return this.pointerDown !== null || performance.now() < this.until;
  }
}

function listen(a: Annotator, doc: Document): void {
  const win = doc.defaultView as Window;
  const user = new UserSelection(win);
  let selectionTimer: ReturnType<typeof setTimeout> | undefined;
  // Whether the latest selection change came with the user's input.
  let byUser = false;
  doc.addEventListener('selectionchange', () => {
    byUser = user.active;
    a.toolbar.settling();
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => {
      const range = a.currentSelection();
      if (range && byUser) a.toolbar.show(range);
      else if (!a.toolbar.contains(doc.activeElement) && !a.toolbar.showsStatus) a.toolbar.hide();
    }, SELECTION_SETTLE_MS);
  });
  doc.addEventListener('mousedown', (e) => {
    if (!a.toolbar.contains(e.target as Node)) a.toolbar.hide();
  });
  // The toolbar sits in the viewport: keep it under the selection while the page scrolls.
  let placing = false;
  const place = () => {
    if (placing || !a.toolbar.visible) return;
    placing = true;
    win.requestAnimationFrame(() => {
      placing = false;
      a.toolbar.place();
    });
  };
  win.addEventListener('scroll', place, { capture: true, passive: true });
  win.addEventListener('resize', place, { passive: true });
  // A click on a painted highlight shows it in the sidebar (trusted clicks only).
  doc.addEventListener('click', (e) => {
    if (!e.isTrusted || a.toolbar.contains(e.target as Node) || a.currentSelection()) return;
    const pos = caretAt(doc, e.clientX, e.clientY);
    const [id] = pos ? a.idsAt(pos.node, pos.offset) : [];
    if (id) void sendToBackground({ type: 'highlight.activated', id }).catch(() => undefined);
  });
  win.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') a.toolbar.hide();
  });
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !a.toolbar.contains(r.target))) a.contentChanged();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  // pushState does not mutate the DOM by itself; SPA routers usually do, but not always at once.
  win.addEventListener('popstate', () => a.contentChanged());
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

function answer(a: Annotator): void {
  serve<PageMessage>(
    PageMessage,
    {
      'page.ping': () => ({ ready: true as const, names: a.names }),
      'paint.set': (m) => ({ results: a.paint(m.items) }),
      'page.snapshot': () => a.snapshot(),
      'page.scrollTo': (m) => ({ found: a.scrollTo(m.id) }),
      'page.highlightSelection': async (m) => {
        const range = a.currentSelection();
        return { id: range ? await a.create(m.claimType, range) : null };
      },
      'page.describeSelection': () => ({ selector: a.describeSelection() }),
      'page.createFromQuote': async (m) => ({ id: await a.createFromQuote(m.selector, m.claimType) }),
    },
    // Only this extension's own contexts can message a content script; receive() checks the id.
    () => true,
  );
}

/** Starts the annotator on this document once; a second injection finds it running. */
export async function startAnnotator(doc: Document): Promise<Annotator> {
  const key = '__marginaliaAnnotator';
  const holder = globalThis as unknown as Record<string, Annotator | undefined>;
  const running = holder[key];
  if (running) return running;
  const annotator = new Annotator(doc);
  holder[key] = annotator;
  listen(annotator, doc);
  answer(annotator);
  // A refused or unanswered page.ready is never silent: the reason goes to the page's console (where
  // a user or developer looks; page scripts cannot read it), and the next highlight says it in words.
  await annotator.navigated().catch((e) => console.warn('Marginalia could not load this page’s highlights:', e));
  return annotator;
}
