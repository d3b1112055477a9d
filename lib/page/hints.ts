/**
 * The anchor hints a page load makes (lib/anchoring/hint.ts): for each highlight anchored on the
 * page's whole text that has no hint, or whose hint missed it on this load, one is made a little
 * after the paint, a few per task, and sent to be kept; a highlight found changed has its hint
 * dropped. Hints that together would look at most of the page's text are not kept: they would not
 * be used (`worthLooking`). Page side.
 */
import { HintFinder, stretchAround } from '../anchoring/hint';
import type { TextIndex } from '../anchoring/text-index';
import { type AnchorHint, type PaintItem, worthLooking } from '../paint-item';
import { pageTask } from './page-task';
import { sendToBackground } from './send';

/** Wait after a paint before its new anchor hints are made and sent (off the paint's path). */
const HINTS_AFTER_MS = 100;
/** Anchor hints made between two pauses (each is checked on a view of its stretch of the text). */
const HINTS_PER_TASK = 25;

/** A highlight anchored on the whole text, whose anchor hint is to be made. */
interface HintDue {
  item: PaintItem;
  index: TextIndex;
  /** Where its stored quote stands as stored in `index`; null when it does not (its hint is dropped). */
  start: number | null;
}

export class HintMaker {
  /** Items whose hint did not find them on this load. */
  private readonly missed = new Set<string>();
  private readonly due = new Map<string, HintDue>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `root`: the node whose text is the page's text. */
  constructor(private readonly root: () => Node) {}

  /** A new page load (or in-page navigation): no hint has missed yet. */
  reset(): void {
    this.missed.clear();
  }

  /** The item's hint did not find it on this load: it gets a new one once anchored. */
  miss(id: string): void {
    this.missed.add(id);
  }

  /**
   * The item was anchored on the whole text `index`, its stored quote standing as stored at
   * `start` (null: not so). Its hint is made soon, when it has none or the one it has missed it;
   * dropped when the quote no longer stands as stored.
   */
  anchored(item: PaintItem, index: TextIndex, start: number | null): void {
    if (item.hint && !this.missed.has(item.id) && start !== null) return;
    if (!item.hint && start === null) return;
    this.due.set(item.id, { item, index, start });
    this.timer ??= setTimeout(() => void this.send().catch(() => undefined), HINTS_AFTER_MS);
  }

  /** The page side ends: nothing more is made or sent. */
  end(): void {
    clearTimeout(this.timer);
    this.due.clear();
  }

  /**
   * Makes the hints due, a few per task, and sends them to be kept. Each is checked on the page as
   * it is when made (a page that changed since the paint keeps only the hints that still find theirs).
   */
  private async send(): Promise<void> {
    const due = [...this.due.values()];
    this.due.clear();
    // A dense page (200 highlights on a short article): their stretches would hold most of its
    // text, and a load would index the whole of it rather than look at them. None is made (the
    // stretches are found on the index at once; making a hint also checks it on a view of its own).
    const stretches = due.map((d) => (d.start === null ? null : stretchAround(d.index, d.item.selector[0], d.start)));
    const sizes = due.flatMap((d, i) => {
      const stretch = stretches[i];
      return stretch ? [{ nodes: stretch[1] - stretch[0] + 1, of: d.index.nodes.length }] : [];
    });
    const hints: { id: string; hint: AnchorHint | null }[] = [];
    if (sizes.length > 0 && !worthLooking(sizes)) {
      for (const d of due) if (d.item.hint) hints.push({ id: d.item.id, hint: null });
    } else {
      let finder = new HintFinder(this.root());
      for (const [i, d] of due.entries()) {
        if (i > 0 && i % HINTS_PER_TASK === 0) {
          await pageTask();
          finder = new HintFinder(this.root());
        }
        const stretch = stretches[i];
        const hint = d.start !== null && stretch ? finder.hintFor(d.index, d.item.selector[0], d.start, stretch) : null;
        if (hint || d.item.hint) hints.push({ id: d.item.id, hint });
      }
    }
    this.timer = undefined;
    if (this.due.size) this.timer = setTimeout(() => void this.send().catch(() => undefined), HINTS_AFTER_MS);
    if (hints.length) await sendToBackground({ type: 'page.hints', hints });
  }
}
