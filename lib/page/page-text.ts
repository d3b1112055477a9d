/**
 * The page's text as the page side reads it: its text index, rebuilt only after the DOM changed
 * (built ahead of the first paint in slices that give the thread back), and positions counted in the
 * body's raw text (Hypothesis') turned into positions in it. Page side.
 */
import type { Selectors } from '../anchoring/anchor';
import { type DocumentText, documentText, fromDocumentText } from '../anchoring/document-text';
import { buildTextIndex, buildTextIndexSliced, type TextIndex } from '../anchoring/text-index';
import type { PaintItem } from '../schema';
import { pageTaskWhenDue } from './page-task';

export class PageText {
  private index: TextIndex | null = null;
  /** Counts DOM changes: an index built across several tasks is kept only if none came meanwhile. */
  private generation = 0;
  /** The body's raw text nodes, for positions counted in them (imported from Hypothesis). */
  private rawText: DocumentText | null = null;

  constructor(private readonly doc: Document) {}

  /** The node whose text is the page's text. */
  get root(): Node {
    return this.doc.body ?? this.doc.documentElement;
  }

  /** The text index, rebuilt only after the DOM changed. */
  current(): TextIndex {
    this.index ??= buildTextIndex(this.root);
    return this.index;
  }

  /** Whether the text index is built and the DOM has not changed since. */
  get built(): boolean {
    return this.index !== null;
  }

  /** The DOM changed: what was read of it is stale. */
  changed(): void {
    this.index = null;
    this.rawText = null;
    this.generation++;
  }

  /**
   * Builds the text index ahead of use, across tasks; a synchronous need meanwhile builds it at once.
   * Its slices run while the page side's task has budget left, then in tasks of their own
   * (lib/page/page-task.ts).
   */
  async prepare(): Promise<void> {
    if (this.index) return;
    await pageTaskWhenDue();
    if (this.index) return;
    const stale = this.staleness();
    const built = await buildTextIndexSliced(this.root, stale, undefined, pageTaskWhenDue);
    if (!this.index && !stale()) this.index = built;
  }

  /**
   * For work done across tasks: a function that says whether the DOM changed since it was made, or
   * since it last said so.
   */
  staleness(): () => boolean {
    let seen = this.generation;
    return () => {
      const changed = this.generation !== seen;
      seen = this.generation;
      return changed;
    };
  }

  /**
   * The item's selectors with the position in the text index: a position counted in the body's raw
   * text (imported from Hypothesis) is converted through the DOM; one that cannot be is dropped.
   */
  ownSelectors(index: TextIndex, item: PaintItem): Selectors {
    if (item.positionIn !== 'document-text') return item.selector;
    this.rawText ??= documentText(this.root);
    const [quote, position] = item.selector;
    const start = fromDocumentText(index, this.rawText, position.start);
    return [quote, { type: 'TextPositionSelector', start, end: start < 0 ? -1 : start + quote.exact.length }];
  }
}
