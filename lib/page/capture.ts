/**
 * The page side's way from the reader's selection to a stored highlight: which selection counts,
 * its selectors, and the highlight made of it (stored by the background, then painted here). A
 * failure is said at the selection, in words.
 */
import { anchorQuote, type Selectors } from '../anchoring/anchor';
import { describeRange } from '../anchoring/describe';
import type { TextIndex } from '../anchoring/text-index';
import { rangeOf } from '../anchoring/text-ranges';
import type { SelectionToolbar, ToolbarChoice } from '../highlighting/toolbar';
import type { PaintItem } from '../schema';
import { writeErrorMessage } from '../write-errors';
import { blockText } from './block-text';
import { passageDirective } from './fragment-directive';
import { pageFacts } from './page-facts';
import { sendToBackground } from './send';

/** Turns selections of one document into highlights. */
export class Capture {
  constructor(
    private readonly doc: Document,
    private readonly toolbar: SelectionToolbar,
    /** The page's current text index. */
    private readonly textIndex: () => TextIndex,
    /** Paints a highlight the background has just stored (found at its position in `index`). */
    private readonly stored: (item: PaintItem, range: Range, index: TextIndex) => void,
  ) {}

  /** The user's current selection in the page, if it holds text (not in a field or the toolbar). */
  currentSelection(): Range | null {
    const sel = this.doc.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    const container = range.commonAncestorContainer;
    if (this.toolbar.contains(container) || isEditable(container) || !range.toString().trim()) return null;
    return range;
  }

  /** Selectors for the current selection (re-attaching an orphan). */
  describeSelection() {
    const range = this.currentSelection();
    return range ? describeRange(this.textIndex(), range) : null;
  }

  /**
   * Highlights the passage a quote names (selected in the reader view, whose text differs from the
   * page's): anchored here by quote and context only, then stored with this page's selectors.
   */
  async createFromQuote(selector: Selectors, choice: ToolbarChoice): Promise<string | null> {
    const index = this.textIndex();
    const found = anchorQuote(index, selector[0]);
    if (found.status !== 'anchored' || found.parts.length !== 1) return null;
    return this.create(choice, rangeOf(index, found.start, found.end));
  }

  /**
   * Stores a highlight for the chosen range and paints it once the background confirms. A failure
   * (a full disk, a refused message) is said at the selection, in words, with the toolbar kept up
   * on the same passage so the user can try again once the cause is gone.
   */
  async create(choice: ToolbarChoice, range: Range): Promise<string | null> {
    try {
      return await this.store(choice, range);
    } catch (e) {
      this.toolbar.notify(writeErrorMessage(e), range);
      throw e;
    }
  }

  private async store(choice: ToolbarChoice, range: Range): Promise<string | null> {
    const index = this.textIndex();
    const selector = describeRange(index, range);
    if (!selector) return null;
    // Clear the selection now, not after the round trip: by then the user may have selected more.
    const selection = this.doc.getSelection();
    if (selection?.rangeCount && selection.getRangeAt(0).toString() === range.toString()) selection.removeAllRanges();
    const { id, slot } = await sendToBackground({
      type: 'highlight.create',
      ...pageFacts(this.doc),
      selector,
      claimType: choice,
      block: blockText(range, selector[0].exact),
      ...passageDirective(this.doc, range),
    });
    this.stored({ id, slot, selector }, rangeOf(index, selector[1].start, selector[1].end), index);
    return id;
  }
}

function isEditable(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest('input, textarea, [contenteditable=""], [contenteditable="true"]');
}
