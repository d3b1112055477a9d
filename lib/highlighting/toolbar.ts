/**
 * The small toolbar shown at a selection on the page. The page is third-party code, so the toolbar
 * is built to be neither read, restyled nor used by it:
 * - it lives in a **closed** shadow root: page scripts cannot list its buttons (which would tell
 *   them the user's claim types and colours) nor focus one so that the user's Enter acts on it;
 * - its host is a popover in the **top layer**, above anything the page stacks, and every property
 *   that could hide it (`opacity`, `visibility`, `filter`, `transform`, `clip-path` …) is fixed by
 *   `!important` rules of the shadow tree, which win over the page's own `!important` rules;
 * - it acts on **trusted** clicks alone, and only once it has been on screen, unmoved, for
 *   `ARM_MS` (and, where Chromium can tell, seen unoccluded: IntersectionObserver v2), so a page
 *   cannot slide it under the user's pointer or cover it with a decoy to harvest a click.
 * It carries no annotation content: only buttons, and a short status line after a choice failed.
 */
import { DEFAULT_CLAIM_TYPES, PALETTE } from '../claim-types';
import { t } from '../i18n';
import type { ToolbarSpec } from '../protocol';
import { TOOLBAR_CSS } from './toolbar-style';

/** What a toolbar button asks for: a plain highlight (null) or a claim type id. */
export type ToolbarChoice = string | null;

/** How long the toolbar must be on screen, in place, before a click on it counts. */
export const ARM_MS = 350;
/** How long a status (a failed choice) stays up. */
const STATUS_MS = 8000;

/** Until the background says otherwise: the built-in types in the browser's language. */
function defaultSpec(): ToolbarSpec {
  return {
    label: t('toolbar_label'),
    highlight: t('action_highlight'),
    types: DEFAULT_CLAIM_TYPES.map((d) => ({ id: d.id, slot: d.slot, glyph: d.glyph, label: t(`claimType_${d.id}`) })),
  };
}

/** True where the browser can tell that an element is really seen (IntersectionObserver v2). */
function tracksVisibility(win: Window): boolean {
  const Entry = (win as unknown as { IntersectionObserverEntry?: { prototype: object } }).IntersectionObserverEntry;
  return !!Entry && 'isVisible' in Entry.prototype;
}

interface Parts {
  host: HTMLElement;
  bar: HTMLElement;
  status: HTMLElement;
}

/** A toolbar bound to one document; `onChoose` gets the choice and the selection it was made on. */
export class SelectionToolbar {
  private parts: Parts | null = null;
  private range: Range | null = null;
  private spec: ToolbarSpec | null = null;
  /** When the bar was last shown or moved (performance.now()). */
  private placedAt = 0;
  /** Since when the browser has seen the bar unoccluded (null: not now); unused without IOv2. */
  private seenSince: number | null = null;
  private observer: IntersectionObserver | null = null;
  private armTimer: ReturnType<typeof setTimeout> | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly win: Window;

  constructor(
    private readonly doc: Document,
    private readonly onChoose: (choice: ToolbarChoice, range: Range) => void,
  ) {
    this.win = doc.defaultView as Window;
  }

  /** Sets the buttons (the user's claim types and language); rebuilt on the next show. */
  configure(spec: ToolbarSpec): void {
    this.spec = spec;
    this.destroy();
  }

  /** True when `node` is (inside) the toolbar. */
  contains(node: Node | null): boolean {
    const host = this.parts?.host;
    return !!node && !!host && (node === host || host.contains(node));
  }

  /** Shows the toolbar just below the selection's last line. */
  show(range: Range): void {
    this.range = range.cloneRange();
    const parts = this.parts ?? this.create();
    this.setStatus('');
    this.open(parts);
    this.place();
  }

  /** Puts the bar below the selection again (after a scroll or resize), re-arming it if it moved. */
  place(): void {
    const parts = this.parts;
    if (!parts || !this.range) return;
    const rects = this.range.getClientRects();
    const rect = rects.length > 0 ? (rects[rects.length - 1] as DOMRect) : this.range.getBoundingClientRect();
    const { bar } = parts;
    // Measured at the left edge, where it has the whole width to lay out in.
    bar.style.left = '0px';
    const width = bar.getBoundingClientRect().width;
    const viewport = this.doc.documentElement.clientWidth || this.win.innerWidth;
    const left = Math.round(Math.max(4, Math.min(rect.left, viewport - width - 4)));
    const top = Math.round(rect.bottom + 8);
    const moved = bar.style.top !== `${top}px` || bar.dataset.left !== String(left);
    bar.style.left = `${left}px`;
    bar.style.top = `${top}px`;
    bar.dataset.left = String(left);
    if (moved) this.disarm();
  }

  /**
   * The selection is changing under a visible bar (a drag that paused, then went on): no click acts
   * until the bar has been shown on the settled selection and stayed put for ARM_MS, so a choice is
   * never made on the passage as it was mid-drag.
   */
  settling(): void {
    if (this.range) this.disarm();
  }

  /** Hides the toolbar and forgets the selection. */
  hide(): void {
    this.range = null;
    if (!this.parts) return;
    this.parts.bar.classList.remove('open');
    this.disarm();
    const host = this.parts.host as HTMLElement & { hidePopover?: () => void };
    try {
      host.hidePopover?.();
    } catch {
      // Not showing as a popover.
    }
  }

  get visible(): boolean {
    return this.range !== null;
  }

  /** True while a status (a failed choice) is up: a selection change alone does not take it away. */
  get showsStatus(): boolean {
    return !!this.parts?.status.textContent;
  }

  /** Shows a short status under the buttons (a choice that failed), where the user acted. */
  notify(message: string, range?: Range): void {
    if (range) this.range = range.cloneRange();
    const parts = this.parts ?? this.create();
    this.open(parts);
    this.place();
    this.setStatus(message);
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => this.setStatus(''), STATUS_MS);
  }

  /** Removes the toolbar from the page. */
  destroy(): void {
    this.observer?.disconnect();
    this.observer = null;
    clearTimeout(this.armTimer);
    this.parts?.host.remove();
    this.parts = null;
    this.range = null;
  }

  /** True when a click may act: on screen and unmoved for ARM_MS, and seen unoccluded where known. */
  private armed(): boolean {
    const now = performance.now();
    if (!this.range || now - this.placedAt < ARM_MS) return false;
    if (!this.observer) return true;
    return this.seenSince !== null && now - this.seenSince >= ARM_MS;
  }

  private disarm(): void {
    this.placedAt = performance.now();
    this.parts?.bar.removeAttribute('data-armed');
    this.scheduleArm();
  }

  /** Marks the bar armed once it is (for automation and styling; the click checks `armed()` itself). */
  private scheduleArm(): void {
    clearTimeout(this.armTimer);
    if (!this.range) return;
    const now = performance.now();
    const since = Math.max(this.placedAt, this.observer ? (this.seenSince ?? Number.POSITIVE_INFINITY) : 0);
    if (!Number.isFinite(since)) return; // Waits for the observer to see it.
    const wait = since + ARM_MS - now;
    if (wait > 0) {
      this.armTimer = setTimeout(() => this.scheduleArm(), wait + 5);
      return;
    }
    if (this.armed()) this.parts?.bar.setAttribute('data-armed', '');
  }

  private open(parts: Parts): void {
    const host = parts.host as HTMLElement & { showPopover?: () => void };
    try {
      // Again each time: a page element put in the top layer since then would otherwise cover it.
      if (host.matches(':popover-open')) host.hidePopover?.call(host);
      host.showPopover?.();
    } catch {
      // No popover support: the host is a fixed layer at the highest z-index instead.
    }
    if (!parts.bar.classList.contains('open')) {
      parts.bar.classList.add('open');
      this.disarm();
    }
  }

  private setStatus(message: string): void {
    if (this.parts) this.parts.status.textContent = message;
  }

  private create(): Parts {
    const host = this.doc.createElement('marginalia-toolbar');
    if ('popover' in host) host.setAttribute('popover', 'manual');
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = TOOLBAR_CSS;
    const wrap = this.doc.createElement('div');
    wrap.className = 'bar';
    const bar = this.doc.createElement('div');
    bar.setAttribute('role', 'toolbar');
    const spec = this.spec ?? defaultSpec();
    bar.setAttribute('aria-label', spec.label);
    bar.append(this.button(null, spec.highlight, PALETTE[0] as string, '✎', '0'));
    const sep = this.doc.createElement('span');
    sep.className = 'sep';
    bar.append(sep);
    for (const [i, type] of spec.types.entries()) {
      const key = i < 9 ? String(i + 1) : undefined;
      bar.append(this.button(type.id, type.label, PALETTE[type.slot] ?? (PALETTE[0] as string), type.glyph, key));
    }
    const status = this.doc.createElement('div');
    status.className = 'status';
    status.setAttribute('role', 'alert');
    wrap.append(bar, status);
    root.append(style, wrap);
    // Keep the page's selection alive while the toolbar is pressed.
    wrap.addEventListener('mousedown', (e) => e.preventDefault());
    wrap.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.hide();
    });
    this.doc.documentElement.append(host);
    if (tracksVisibility(this.win)) {
      const init = { trackVisibility: true, delay: 100, threshold: [0, 1] } as IntersectionObserverInit;
      this.observer = new IntersectionObserver((entries) => {
        const last = entries[entries.length - 1] as IntersectionObserverEntry & { isVisible?: boolean };
        this.seenSince = last.isVisible ? (this.seenSince ?? performance.now()) : null;
        if (last.isVisible) this.scheduleArm();
        else wrap.removeAttribute('data-armed');
      }, init);
      this.observer.observe(wrap);
    }
    this.parts = { host, bar: wrap, status };
    return this.parts;
  }

  /**
   * A number key while the bar is up chooses as its button would (0: highlight, 1–9: the types in
   * order). Trusted key presses only; true when the key was taken.
   */
  chooseByKey(e: KeyboardEvent): boolean {
    if (!e.isTrusted || !this.range || e.altKey || e.ctrlKey || e.metaKey || !/^[0-9]$/.test(e.key)) return false;
    const spec = this.spec ?? defaultSpec();
    const index = Number(e.key);
    if (index > spec.types.length) return false;
    const range = this.range;
    this.hide();
    this.onChoose(index === 0 ? null : (spec.types[index - 1]?.id ?? null), range);
    return true;
  }

  private button(choice: ToolbarChoice, text: string, color: string, glyph: string, key?: string): HTMLButtonElement {
    const b = this.doc.createElement('button');
    b.type = 'button';
    if (key) {
      b.setAttribute('aria-keyshortcuts', key);
      b.title = `${text} (${key})`;
    }
    const dot = this.doc.createElement('span');
    dot.className = 'dot';
    dot.setAttribute('aria-hidden', 'true');
    dot.style.background = color;
    dot.textContent = glyph;
    b.append(dot, text);
    b.addEventListener('click', (e) => {
      if (!e.isTrusted || !this.range || !this.armed()) return;
      const range = this.range;
      this.hide();
      this.onChoose(choice, range);
    });
    return b;
  }
}
