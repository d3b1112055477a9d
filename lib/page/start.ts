/**
 * Starts the page side once per document: wires the page's events (selection, clicks on painted
 * highlights, DOM changes) and the extension's messages to the annotator.
 */

import { watchSelection } from '../highlighting/selection';
import { serve } from '../messaging-core';
import { HANDOFF_KEY, PageMessage } from '../page-protocol';
import { Annotator } from './annotator';
import { Lifetime } from './lifetime';
import { sendToBackground } from './send';
import { timing } from './timing';

function listen(a: Annotator, doc: Document, life: Lifetime): void {
  const win = doc.defaultView as Window;
  const { signal } = life;
  // Checked before anything else the page's events start: once the extension is gone, the first
  // of them ends the page side (so an old toolbar never shows after an update).
  const check = () => void life.check();
  for (const type of ['selectionchange', 'pointerdown', 'keydown', 'click'])
    doc.addEventListener(type, check, { capture: true, passive: true, signal });
  watchSelection(doc, a.toolbar, () => a.capture.currentSelection(), signal);
  // A click on a painted highlight shows it in the sidebar (trusted clicks only).
  doc.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted || a.toolbar.contains(e.target as Node) || a.capture.currentSelection()) return;
      const pos = caretAt(doc, e.clientX, e.clientY);
      const [id] = pos ? a.idsAt(pos.node, pos.offset) : [];
      if (id) void sendToBackground({ type: 'highlight.activated', id }).catch(() => undefined);
    },
    { signal },
  );
  win.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape') a.toolbar.hide();
    },
    { signal },
  );
  const observer = new MutationObserver((records) => {
    if (!life.check()) return;
    if (records.some((r) => !a.toolbar.contains(r.target))) a.contentChanged();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  // pushState does not mutate the DOM by itself; SPA routers usually do, but not always at once.
  win.addEventListener('popstate', () => life.check() && a.contentChanged(), { signal });
  life.onEnd(() => {
    observer.disconnect();
    a.end();
  });
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

/** Each annotator's first page.ready, done or failed. */
const started = new WeakMap<Annotator, Promise<void>>();

function answer(a: Annotator, life: Lifetime): void {
  const receiver = serve<PageMessage>(
    PageMessage,
    {
      'page.ping': () => ({
        ready: true as const,
        names: a.names,
        // Known once the first answer is in (the sidebar may have painted the page before that).
        ...(timing.answered !== undefined ? { handedOff: timing.handedOff === true } : {}),
        ...(timing.painted !== undefined ? { hinted: timing.hinted ?? 0 } : {}),
      }),
      // After this load's first paint: the sidebar repaints a page it sees ready (its list, the
      // same highlights) as soon as the page side answers, which may be while that paint is under
      // way; painted then, on the whole text, the load lost its anchor hints' quicker paint (seen
      // once in Firefox's core-loop e2e, where the page side is slower).
      'paint.set': async (m) => {
        await started.get(a)?.catch(() => undefined);
        return { results: a.paint(m.items) };
      },
      'page.snapshot': () => a.snapshot(),
      'page.snapshotChunk': (m) => a.snapshotChunk(m.id, m.index),
      'page.scrollTo': (m) => ({ found: a.scrollTo(m.id) }),
      'page.highlightSelection': async (m) => {
        const range = a.capture.currentSelection();
        return { id: range ? await a.capture.create(m.claimType, range) : null };
      },
      'page.showToolbar': async () => {
        // After the first page.ready: the toolbar knows the user's claim types by then.
        await started.get(a)?.catch(() => undefined);
        const range = a.capture.currentSelection();
        if (range) a.toolbar.show(range);
        return { shown: !!range };
      },
      'page.describeSelection': () => ({ selector: a.capture.describeSelection() }),
      'page.createFromQuote': async (m) => ({ id: await a.capture.createFromQuote(m.selector, m.claimType) }),
    },
    // Only this extension's own contexts can message a content script; receive() checks the id.
    () => true,
  );
  life.onEnd(() => {
    try {
      receiver.stop();
    } catch {
      // The runtime is gone with the extension.
    }
  });
}

/** Starts the annotator on this document once; a second injection finds it running. */
export async function startAnnotator(doc: Document, life = new Lifetime()): Promise<Annotator> {
  const key = '__marginaliaAnnotator';
  const holder = globalThis as unknown as Record<string, Annotator | undefined>;
  const running = holder[key];
  if (running) {
    // Injected again (see lib/background/inject.ts): what was handed with it is not this one's to
    // take, and a later in-page navigation must not find it.
    delete holder[HANDOFF_KEY];
    return running;
  }
  const annotator = new Annotator(doc);
  holder[key] = annotator;
  listen(annotator, doc, life);
  answer(annotator, life);
  life.onEnd(() => {
    if (holder[key] === annotator) delete holder[key];
  });
  // A refused or unanswered page.ready is never silent: the reason goes to the page's console (where
  // a user or developer looks; page scripts cannot read it), and the next highlight says it in words.
  const ready = annotator.navigated();
  started.set(annotator, ready);
  await ready.catch((e) => console.warn('Marginalia could not load this page’s highlights:', e));
  return annotator;
}
