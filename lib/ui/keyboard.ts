/**
 * The keyboard map of the sidebar and the library: one list that the key handlers test against and
 * the shortcuts panel shows, so a shortcut cannot be handled without being listed, or listed without
 * being handled. Browser commands (Alt+Shift+H, Alt+Shift+M) are the manifest's; the browser may
 * let the user change them, and the panel shows what the browser reports.
 */

/** One shortcut: the keys as shown, the message key of what it does, and (for keys handled here) a test. */
export interface Shortcut {
  keys: string[];
  message: string;
  /** The browser command it is (its keys come from the browser), for those the browser handles. */
  command?: string;
  test?: (e: KeyboardEvent) => boolean;
}

/** True when a key press belongs to a text field (shortcuts stay out of its way). */
export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

const plain = (e: KeyboardEvent) => !e.altKey && !e.ctrlKey && !e.metaKey;

/** Every shortcut, by what it does. */
export const KEYS = {
  highlightSelection: { keys: ['Alt+Shift+H'], message: 'help_highlightSelection', command: 'highlight-selection' },
  openSidebar: { keys: ['Alt+Shift+M'], message: 'help_openSidebar', command: '_execute_action' },
  /** Handled by the selection toolbar itself (lib/highlighting/), on the page and in the reader. */
  toolbarKeys: { keys: ['0', '1–9'], message: 'help_toolbarKeys' },
  next: { keys: ['J'], message: 'help_next', test: (e) => e.key === 'j' && plain(e) && !isTyping(e) },
  previous: { keys: ['K'], message: 'help_previous', test: (e) => e.key === 'k' && plain(e) && !isTyping(e) },
  showOnPage: { keys: ['Enter'], message: 'help_showOnPage' },
  saveNote: {
    keys: ['Ctrl+Enter'],
    message: 'help_saveNote',
    test: (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey),
  },
  cancel: { keys: ['Esc'], message: 'help_cancel', test: (e) => e.key === 'Escape' },
  tabs: {
    keys: ['←', '→'],
    message: 'help_tabs',
    test: (e) => (e.key === 'ArrowLeft' || e.key === 'ArrowRight') && plain(e),
  },
  focusSearch: { keys: ['/'], message: 'help_focusSearch', test: (e) => e.key === '/' && !isTyping(e) },
  clearSearch: { keys: ['Esc'], message: 'help_clearSearch', test: (e) => e.key === 'Escape' },
  select: { keys: ['Space'], message: 'help_select' },
} satisfies Record<string, Shortcut>;

/** What the shortcuts panel of each place lists, in order. */
export const SHORTCUTS: Record<'sidebar' | 'library', Shortcut[]> = {
  sidebar: [
    KEYS.highlightSelection,
    KEYS.toolbarKeys,
    KEYS.openSidebar,
    KEYS.next,
    KEYS.previous,
    KEYS.showOnPage,
    KEYS.saveNote,
    KEYS.cancel,
    KEYS.tabs,
  ],
  library: [KEYS.focusSearch, KEYS.clearSearch, KEYS.next, KEYS.previous, KEYS.select, KEYS.tabs],
};

/** +1 for the next item, -1 for the previous one, 0 for neither. */
export function step(e: KeyboardEvent): 1 | -1 | 0 {
  if (KEYS.next.test(e)) return 1;
  if (KEYS.previous.test(e)) return -1;
  return 0;
}

/** Moves focus to the next (+1) or previous (-1) item matching `selector` inside `root`. */
export function moveFocus(root: ParentNode, selector: string, direction: 1 | -1): void {
  const items = [...root.querySelectorAll<HTMLElement>(selector)];
  if (!items.length) return;
  const current = items.findIndex((el) => el.contains(document.activeElement));
  const next =
    items[
      current === -1 ? (direction === 1 ? 0 : items.length - 1) : (current + direction + items.length) % items.length
    ];
  next?.focus();
  next?.scrollIntoView({ block: 'nearest' });
}
