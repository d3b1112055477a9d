/**
 * The small toolbar shown at a selection on the page. It lives in a shadow root under a custom
 * element with every inherited style reset, so page CSS cannot restyle or hide it, and it carries no
 * annotation content: only buttons. It acts on trusted clicks alone, so page scripts cannot use it
 * to create annotations.
 */
import { DEFAULT_CLAIM_TYPES, PALETTE } from '../claim-types';
import { t } from '../i18n';
import type { ToolbarSpec } from '../protocol';

/** What a toolbar button asks for: a plain highlight (null) or a claim type id. */
export type ToolbarChoice = string | null;

const CSS = `
:host { all: initial; position: absolute; z-index: 2147483647; }
[role=toolbar] {
  display: flex; flex-wrap: wrap; max-width: calc(100vw - 8px); box-sizing: border-box; gap: 2px; padding: 4px; border-radius: 8px;
  background: #1f2328; box-shadow: 0 4px 16px rgba(0,0,0,.3);
  font: 13px/1.2 system-ui, sans-serif; color: #fff;
}
button {
  all: unset; display: inline-flex; align-items: center; gap: 4px; cursor: pointer;
  padding: 5px 7px; border-radius: 5px; color: #fff; white-space: nowrap;
}
button:hover { background: rgba(255,255,255,.14); }
button:focus-visible { outline: 2px solid #8ab4f8; outline-offset: 1px; }
.dot { width: 10px; height: 10px; border-radius: 50%; display: inline-block; flex: none;
  font-size: 8px; line-height: 10px; text-align: center; color: #111; font-weight: 700; }
.sep { width: 1px; background: rgba(255,255,255,.25); margin: 3px 2px; }
`;

/** Until the background says otherwise: the built-in types in the browser's language. */
function defaultSpec(): ToolbarSpec {
  return {
    label: t('toolbar_label'),
    highlight: t('action_highlight'),
    types: DEFAULT_CLAIM_TYPES.map((d) => ({ id: d.id, slot: d.slot, glyph: d.glyph, label: t(`claimType_${d.id}`) })),
  };
}

/** A toolbar bound to one document; `onChoose` gets the choice and the selection it was made on. */
export class SelectionToolbar {
  private host: HTMLElement | null = null;
  private range: Range | null = null;
  private spec: ToolbarSpec | null = null;

  constructor(
    private readonly doc: Document,
    private readonly onChoose: (choice: ToolbarChoice, range: Range) => void,
  ) {}

  /** Sets the buttons (the user's claim types and language); rebuilt on the next show. */
  configure(spec: ToolbarSpec): void {
    this.spec = spec;
    this.host?.remove();
    this.host = null;
  }

  /** True when `node` is (inside) the toolbar. */
  contains(node: Node | null): boolean {
    return !!node && !!this.host && (node === this.host || this.host.contains(node));
  }

  /** Shows the toolbar just below the selection's last line. */
  show(range: Range): void {
    this.range = range.cloneRange();
    const host = this.host ?? this.create();
    const rects = range.getClientRects();
    const rect = rects.length > 0 ? (rects[rects.length - 1] as DOMRect) : range.getBoundingClientRect();
    const win = this.doc.defaultView as Window;
    const top = rect.bottom + win.scrollY + 8;
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
    // Measured at the left edge, where it has the whole width to lay out in.
    host.style.setProperty('left', `${Math.round(win.scrollX)}px`, 'important');
    host.style.setProperty('display', 'block', 'important');
    // Keep the whole toolbar in view: near the right edge it moves left (it wraps when the window
    // is narrower than the toolbar).
    const width = host.getBoundingClientRect().width;
    const viewport = this.doc.documentElement.clientWidth || win.innerWidth;
    const left = Math.max(4, Math.min(rect.left, viewport - width - 4));
    host.style.setProperty('left', `${Math.round(win.scrollX + left)}px`, 'important');
  }

  /** Hides the toolbar and forgets the selection. */
  hide(): void {
    this.range = null;
    this.host?.style.setProperty('display', 'none', 'important');
  }

  get visible(): boolean {
    return this.range !== null;
  }

  /** Removes the toolbar from the page. */
  destroy(): void {
    this.host?.remove();
    this.host = null;
    this.range = null;
  }

  private create(): HTMLElement {
    const host = this.doc.createElement('marginalia-toolbar');
    // Open so that assistive technology and automation see the buttons; it holds no annotation
    // content, and a script's synthetic click is ignored (isTrusted).
    const root = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = CSS;
    const bar = this.doc.createElement('div');
    bar.setAttribute('role', 'toolbar');
    const spec = this.spec ?? defaultSpec();
    bar.setAttribute('aria-label', spec.label);
    bar.append(this.button(null, spec.highlight, PALETTE[0] as string, '✎'));
    const sep = this.doc.createElement('span');
    sep.className = 'sep';
    bar.append(sep);
    for (const type of spec.types) {
      bar.append(this.button(type.id, type.label, PALETTE[type.slot] ?? (PALETTE[0] as string), type.glyph));
    }
    root.append(style, bar);
    // Keep the page's selection alive while the toolbar is pressed.
    bar.addEventListener('mousedown', (e) => e.preventDefault());
    bar.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.hide();
    });
    this.doc.documentElement.append(host);
    this.host = host;
    return host;
  }

  private button(choice: ToolbarChoice, text: string, color: string, glyph: string): HTMLButtonElement {
    const b = this.doc.createElement('button');
    b.type = 'button';
    const dot = this.doc.createElement('span');
    dot.className = 'dot';
    dot.setAttribute('aria-hidden', 'true');
    dot.style.background = color;
    dot.textContent = glyph;
    b.append(dot, text);
    b.addEventListener('click', (e) => {
      if (!e.isTrusted || !this.range) return;
      const range = this.range;
      this.hide();
      this.onChoose(choice, range);
    });
    return b;
  }
}
