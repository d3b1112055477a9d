import { t } from '@/lib/i18n';

/** Keyboard shortcuts of one place, as message keys: [keys, what they do]. */
const SHORTCUTS: Record<'sidebar' | 'library', [string, string][]> = {
  sidebar: [
    ['Alt+Shift+H', 'help_highlightSelection'],
    ['J / K', 'help_nextPrevious'],
    ['Enter', 'help_showOnPage'],
    ['Ctrl+Enter', 'help_saveNote'],
    ['Esc', 'help_cancel'],
    ['← / →', 'help_tabs'],
  ],
  library: [
    ['/', 'help_focusSearch'],
    ['Esc', 'help_clearSearch'],
    ['J / K', 'help_nextPrevious'],
    ['Space', 'help_select'],
    ['← / →', 'help_tabs'],
  ],
};

/** A folded panel listing the keyboard shortcuts of the sidebar or the library. */
export function HelpPanel({ place }: { place: 'sidebar' | 'library' }) {
  return (
    <details class="help">
      <summary>{t('help_title')}</summary>
      <dl class="shortcuts">
        {SHORTCUTS[place].map(([keys, what]) => (
          <div key={what} class="shortcut">
            <dt>
              {keys.split(' / ').map((k, i) => (
                <span key={k}>
                  {i > 0 ? ' / ' : ''}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** Moves focus to the next (+1) or previous (-1) item matching `selector` inside `root`. */
export function moveFocus(root: ParentNode, selector: string, step: 1 | -1): void {
  const items = [...root.querySelectorAll<HTMLElement>(selector)];
  if (!items.length) return;
  const current = items.findIndex((el) => el.contains(document.activeElement));
  const next =
    items[current === -1 ? (step === 1 ? 0 : items.length - 1) : (current + step + items.length) % items.length];
  next?.focus();
  next?.scrollIntoView({ block: 'nearest' });
}

/** True when a key press belongs to a text field (shortcuts stay out of its way). */
export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}
