/**
 * Paints highlights on the page. Where the browser has the CSS Custom Highlight API (Chrome 105+,
 * Firefox 140+) the page's DOM is never touched: ranges go into one `Highlight` per colour slot,
 * registered under a name drawn for this page load (lib/paint-style.ts), so page scripts that list
 * `CSS.highlights` learn nothing but that some passages share a colour. Elsewhere ranges are
 * wrapped in `<marginalia-mark>` elements that are removed, and the text re-joined, when the
 * highlight goes.
 */
import { fixedPaintNames, type PaintNames } from '../paint-style';

/** The fixed name of a colour slot (the extension's own pages); web pages get per-load names. */
export function slotName(slot: number): string {
  return fixedPaintNames().slots[slot] ?? `marginalia-${slot}`;
}

interface Painted {
  /** The painted ranges: one, or the parts of a quote split by an inserted block. */
  ranges: Range[];
  slot: number;
  marks: HTMLElement[];
}

type HighlightRegistry = Map<string, Set<Range>>;

function registry(win: Window): HighlightRegistry | null {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const HighlightCtor = (win as unknown as { Highlight?: unknown }).Highlight;
  return css?.highlights && typeof HighlightCtor === 'function' ? css.highlights : null;
}

/** The set of painted highlights on one document, keyed by highlight id. */
export class Painter {
  private painted = new Map<string, Painted>();
  /** Highlights whose text changed on the page since: also drawn with the `changed` mark. */
  private changed = new Set<string>();
  private readonly registry: HighlightRegistry | null;

  constructor(
    private readonly doc: Document,
    useHighlightApi = true,
    /** The names to paint under: per-load random ones on web pages. */
    private paintNames: PaintNames = fixedPaintNames(),
  ) {
    const win = doc.defaultView;
    this.registry = useHighlightApi && win ? registry(win) : null;
  }

  /** The names painted under. */
  get names(): PaintNames {
    return this.paintNames;
  }

  /** Paints under other names from now on; what is painted moves to them. */
  rename(names: PaintNames): void {
    const old = this.paintNames;
    this.paintNames = names;
    const pairs: [string, string][] = [
      ...old.slots.map((name, slot): [string, string] => [name, names.slots[slot] as string]),
      [old.flash, names.flash],
      [old.changed, names.changed],
    ];
    for (const [from, to] of pairs) {
      const painted = this.registry?.get(from);
      if (painted) {
        this.registry?.delete(from);
        this.registry?.set(to, painted);
      }
    }
    const renamed = new Map(pairs);
    for (const { marks } of this.painted.values()) {
      for (const mark of marks) mark.className = renamed.get(mark.className) ?? mark.className;
    }
  }

  /** The registered name of a colour slot. */
  private nameOf(slot: number): string {
    return this.names.slots[slot] ?? (this.names.slots[0] as string);
  }

  /** True when painting leaves the DOM untouched. */
  get usesHighlightApi(): boolean {
    return this.registry !== null;
  }

  /** Ids currently painted. */
  ids(): string[] {
    return [...this.painted.keys()];
  }

  /** The painted ranges of a highlight. */
  rangesOf(id: string): Range[] | undefined {
    return this.painted.get(id)?.ranges;
  }

  /** Paints (or repaints) one highlight over one or more ranges. */
  add(id: string, ranges: Range[], slot: number): void {
    this.remove(id);
    if (this.registry) {
      const set = this.slotSet(slot);
      for (const r of ranges) set.add(r);
      this.painted.set(id, { ranges, slot, marks: [] });
    } else {
      const marks = ranges.flatMap((r) => wrapRange(this.doc, r, this.nameOf(slot)));
      const painted = marks.map((mark) => {
        const r = this.doc.createRange();
        r.selectNodeContents(mark);
        return r;
      });
      this.painted.set(id, { ranges: painted, slot, marks });
    }
  }

  /**
   * Paints many highlights at once. With the Highlight API, each touched colour slot is taken out
   * of the registry while it is filled and put back once, so the browser recomputes highlight
   * painting once rather than once per range.
   */
  addAll(items: readonly { id: string; ranges: Range[]; slot: number }[]): void {
    const registry = this.registry;
    if (!registry) {
      for (const item of items) this.add(item.id, item.ranges, item.slot);
      return;
    }
    for (const item of items) this.remove(item.id);
    const filling = new Map<string, Set<Range>>();
    for (const item of items) {
      const name = this.nameOf(item.slot);
      let set = filling.get(name);
      if (!set) {
        set = this.slotSet(item.slot, false);
        registry.delete(name);
        filling.set(name, set);
      }
      for (const r of item.ranges) set.add(r);
      this.painted.set(item.id, { ranges: item.ranges, slot: item.slot, marks: [] });
    }
    for (const [name, set] of filling) registry.set(name, set);
  }

  /**
   * Marks a painted highlight as changed on the page (a dashed underline over its colour), or
   * takes the mark away: a reader sees it without the sidebar.
   */
  markChanged(id: string, changed: boolean): void {
    const had = this.changed.has(id);
    if (changed && this.painted.has(id)) this.changed.add(id);
    else this.changed.delete(id);
    if (had !== this.changed.has(id)) this.drawChanged();
  }

  /** True when the highlight carries the changed mark. */
  isChanged(id: string): boolean {
    return this.changed.has(id);
  }

  private drawChanged(): void {
    const registry = this.registry;
    if (!registry) return;
    const ranges = [...this.changed].flatMap((id) => this.painted.get(id)?.ranges ?? []);
    if (ranges.length === 0) {
      registry.delete(this.names.changed);
      return;
    }
    const HighlightCtor = (this.doc.defaultView as unknown as { Highlight: new (...r: Range[]) => Set<Range> })
      .Highlight;
    registry.set(this.names.changed, new HighlightCtor(...ranges));
  }

  /** Removes one highlight, leaving the page as it was before it was painted. */
  remove(id: string): void {
    const p = this.painted.get(id);
    if (!p) return;
    this.painted.delete(id);
    if (this.changed.delete(id)) this.drawChanged();
    if (this.registry) {
      const set = this.registry.get(this.nameOf(p.slot));
      for (const r of p.ranges) set?.delete(r);
      if (set && set.size === 0) this.registry.delete(this.nameOf(p.slot));
    } else {
      for (const mark of p.marks) unwrap(mark);
    }
  }

  /** Briefly paints `ranges` with the flash style (the sidebar asked to show them). */
  flash(ranges: Range[], ms: number): void {
    if (!this.registry) return;
    const HighlightCtor = (this.doc.defaultView as unknown as { Highlight: new (...r: Range[]) => Set<Range> })
      .Highlight;
    const name = this.names.flash;
    this.registry.set(name, new HighlightCtor(...ranges));
    setTimeout(() => this.registry?.delete(name), ms);
  }

  /** Removes every highlight. */
  clear(): void {
    for (const id of this.ids()) this.remove(id);
  }

  /** The ids whose painted range contains the given point, innermost (shortest) first. */
  idsAt(node: Node, offset: number): string[] {
    const hits: [string, number][] = [];
    for (const [id, p] of this.painted) {
      try {
        const hit = p.ranges.some((r) => r.isPointInRange(node, offset));
        if (hit) hits.push([id, p.ranges.reduce((n, r) => n + r.toString().length, 0)]);
      } catch {
        // A point in another document or a detached node is in no highlight.
      }
    }
    return hits.sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  private slotSet(slot: number, register = true): Set<Range> {
    const name = this.nameOf(slot);
    let set = this.registry?.get(name);
    if (!set) {
      const HighlightCtor = (this.doc.defaultView as unknown as { Highlight: new () => Set<Range> }).Highlight;
      set = new HighlightCtor();
      if (register) this.registry?.set(name, set);
    }
    return set;
  }
}

/** Wraps every text node piece of `range` in a mark element (fallback painting). */
function wrapRange(doc: Document, range: Range, name: string): HTMLElement[] {
  const texts: Text[] = [];
  const root = range.commonAncestorContainer;
  if (root.nodeType === 3) texts.push(root as Text);
  else {
    const walker = doc.createTreeWalker(root, 4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (range.intersectsNode(n)) texts.push(n as Text);
    }
  }
  const marks: HTMLElement[] = [];
  for (const text of texts) {
    let piece = text;
    const start = piece === range.startContainer ? range.startOffset : 0;
    const end = piece === range.endContainer ? range.endOffset : piece.length;
    if (start >= end) continue;
    if (end < piece.length) piece.splitText(end);
    if (start > 0) piece = piece.splitText(start);
    const mark = doc.createElement('marginalia-mark');
    mark.className = name;
    piece.parentNode?.insertBefore(mark, piece);
    mark.appendChild(piece);
    marks.push(mark);
  }
  return marks;
}

function unwrap(mark: HTMLElement): void {
  const parent = mark.parentNode;
  if (!parent) return;
  while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
  parent.removeChild(mark);
  parent.normalize();
}
