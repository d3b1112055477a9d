/**
 * Watching the user's selection for the selection toolbar, the same way wherever passages are
 * highlighted (the page side and the sidebar's reader view): the toolbar shows once the selection
 * settles, only for a selection the user made (trusted input), hides on a click elsewhere, stays
 * under the selection while the view scrolls, and is never clicked on a selection still changing.
 */
import type { SelectionToolbar } from './toolbar';

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

  constructor(win: Window, signal?: AbortSignal) {
    const opts = { capture: true, passive: true, signal };
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
    win.addEventListener(
      'pointercancel',
      () => {
        this.pointerDown = null;
      },
      opts,
    );
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

  /** True while a pointer button is down (a drag may still be selecting). */
  get dragging(): boolean {
    return this.pointerDown !== null;
  }

  /** True right after a trusted release that ended a drag or a double click (a selection gesture). */
  get draggedJustNow(): boolean {
    return this.pointerDown === null && performance.now() < this.until;
  }

  /** True while the user is selecting, or just did. */
  get active(): boolean {
    return this.pointerDown !== null || performance.now() < this.until;
  }
}

/**
 * Shows `toolbar` for the selection `current()` returns (null: none worth a toolbar) once it settles
 * after the user's own input. Every listener ends with `signal`.
 */
export function watchSelection(
  doc: Document,
  toolbar: SelectionToolbar,
  current: () => Range | null,
  signal?: AbortSignal,
): void {
  const win = doc.defaultView as Window;
  const user = new UserSelection(win, signal);
  const opts = { signal, passive: true };
  let selectionTimer: ReturnType<typeof setTimeout> | undefined;
  signal?.addEventListener('abort', () => clearTimeout(selectionTimer));
  // Whether the latest selection change came with the user's input.
  let byUser = false;
  const settle = () => {
    toolbar.settling();
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => {
      // Never while the button is still down: a toolbar appearing under a slow drag would take the
      // pointer, and the selection would run to the toolbar's place at the end of the document.
      if (user.dragging) return;
      const range = current();
      if (range && byUser) toolbar.show(range);
      else if (!toolbar.contains(doc.activeElement) && !toolbar.showsStatus) toolbar.hide();
    }, SELECTION_SETTLE_MS);
  };
  doc.addEventListener(
    'selectionchange',
    () => {
      byUser = user.active;
      settle();
    },
    opts,
  );
  // The drag ends: its selection settles now (no selectionchange need follow the release).
  win.addEventListener(
    'pointerup',
    (e) => {
      // Only the end of a drag on the page: a click on the toolbar itself must find it armed.
      if (!e.isTrusted || !user.draggedJustNow || toolbar.contains(e.target as Node)) return;
      byUser = user.active;
      if (current()) settle();
    },
    { ...opts, capture: true },
  );
  // While the bar is up, 0–9 choose from it (0: highlight, 1–9: the types), not in a text field.
  doc.addEventListener(
    'keydown',
    (e) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && toolbar.visible && toolbar.chooseByKey(e)) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    { signal, capture: true },
  );
  doc.addEventListener(
    'mousedown',
    (e) => {
      if (!toolbar.contains(e.target as Node)) toolbar.hide();
    },
    opts,
  );
  // The toolbar sits in the viewport: keep it under the selection while the view scrolls.
  let placing = false;
  const place = () => {
    if (placing || !toolbar.visible) return;
    placing = true;
    win.requestAnimationFrame(() => {
      placing = false;
      toolbar.place();
    });
  };
  win.addEventListener('scroll', place, { ...opts, capture: true });
  win.addEventListener('resize', place, opts);
}
