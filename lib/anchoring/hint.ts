/**
 * Anchor hints: where a highlight was last found in the page's DOM, so that the next load of the page
 * paints it without first building the text view of the whole page (on a freshly loaded 1 MB page,
 * 20–30 ms of script run for the first time, most of the page side's time to its first paint).
 *
 * A hint names a stretch of the page's text: its first text node, as an XPath-like path from the body
 * or from the nearest element with an id (./node-path.ts), how many text nodes it runs to, and where
 * the quote starts in the stretch's text. The stretch holds the quote and the context anchoring
 * compares (CONTEXT characters each side). The count also says, with how many text nodes the page
 * held when it was made, how much of the page's text it is: hints that would look at most of a
 * page's text are not used there (`worthLooking`, ../paint-item.ts), the whole text is as quick.
 *
 * A hint is a shortcut, never a second way of deciding: the stretch's text is written exactly as the
 * whole page's view writes it (./text-index.ts), and the highlight is painted from it only when its
 * stored quote stands at the hinted place with the nearest context intact, the evidence anchoring's
 * first tier takes on the whole text (`quoteStandsAt`). A page changed there, a path that leads
 * elsewhere, nodes added or taken away in the stretch, or text that moved: the hint is not used, and
 * the highlight is anchored as before.
 * Page side.
 */
import type { AnchorHint, TextQuoteSelector } from '../paint-item';
import { runSteps, runStepsSliced } from '../steps';
import { quoteStandsAt } from './anchor';
import { SKIP } from './characters';
import { CONTEXT } from './describe';
import { PathResolver, textPath } from './node-path';
import { buildStretchIndex, hiddenElements, stretchTools, type TextIndex } from './text-index';
import { nodeAt, rangeOf } from './text-ranges';

/** A highlight to find by its hint: its stored quote and the hint. */
export interface Hinted {
  quote: TextQuoteSelector;
  hint: AnchorHint;
}

/**
 * The stretch a hint for the quote at `start` of the page's whole view names, as the indexes of its
 * first and last text nodes: from the node holding the first character of the context compared,
 * back to one that writes characters (a stretch never starts with a space), to the node holding the
 * character just after the context (a space owed before a node is written by that node).
 */
export function stretchAround(index: TextIndex, quote: TextQuoteSelector, start: number): [number, number] {
  // Whether node i writes characters of its own (a node of white space alone starts where the space
  // owed before the next node's characters is written).
  const owns = (i: number) => {
    const at = index.nodeStart[i] as number;
    return (index.nodeStart[i + 1] as number) > at && index.text.charCodeAt(at) !== 0x20;
  };
  let fi = nodeAt(index, Math.max(0, start - quote.prefix.slice(-CONTEXT).length));
  while (fi > 0 && !owns(fi)) fi--;
  const li = nodeAt(
    index,
    Math.min(index.text.length, start + quote.exact.length + quote.suffix.slice(0, CONTEXT).length),
  );
  return [fi, li];
}

/** Time a sliced look runs before it asks whether to give the thread back (as the text index's build). */
const SLICE_MS = 8;

/**
 * Finds highlights by their hints in one document as it is: the paths, and which elements the view
 * writes, looked up once. Made anew after the page changed.
 */
export class HintFinder {
  private readonly paths: PathResolver;
  /** The elements hidden by their attributes: one query (asking each element a stretch holds took longer). */
  private hiddenSet: Set<Element> | undefined;
  /** Per element: whether the view writes what it holds (neither it nor one above it is left out). */
  private readonly shown = new Map<Node, boolean>();

  constructor(private readonly root: Node) {
    this.paths = new PathResolver(root);
  }

  /**
   * The Range of the quote where its hint says, when its stored quote stands there as stored with
   * the nearest context intact; null otherwise (the hint is then not used).
   */
  range(quote: TextQuoteSelector, hint: AnchorHint): Range | null {
    return this.ranges([{ quote, hint }])[0] ?? null;
  }

  /**
   * `range` of each, in one pass: a stretch that starts inside another one's (in document order, as
   * an article's highlights come) is looked at in the same view, which runs on to its end. On a short
   * page most do: one view each walked the seed's 200 highlights' nodes eight times over.
   */
  ranges(list: readonly Hinted[]): (Range | null)[] {
    return runSteps(this.rangeSteps(list, () => false));
  }

  /**
   * `ranges` in slices of the thread (`pause` between them); null when `stale()` says the page
   * changed during a pause: then none is used (a Range checked before a change may no longer hold
   * its quote).
   */
  rangesSliced(
    list: readonly Hinted[],
    pause: () => Promise<void>,
    stale: () => boolean,
  ): Promise<(Range | null)[] | null> {
    return runStepsSliced((yieldNow) => this.rangeSteps(list, yieldNow), SLICE_MS, pause, stale);
  }

  /** The steps of `ranges`: it may pause after each view, when `yieldNow()` says so. */
  private *rangeSteps(list: readonly Hinted[], yieldNow: () => boolean): Generator<void, (Range | null)[], void> {
    const found: (Range | null)[] = list.map(() => null);
    // Each hint's first node, in text the view writes (a stretch starting in an element the view
    // leaves out would be written as the whole view never writes it).
    const starts: { i: number; first: Text }[] = [];
    for (const [i, { hint }] of list.entries()) {
      const first = this.paths.resolve(hint.from);
      if (first?.nodeType === 3 && hint.nodes > 0 && this.written(first)) starts.push({ i, first: first as Text });
    }
    if (starts.length === 0) return found;
    this.hiddenSet ??= hiddenElements(this.root);
    const tools = stretchTools(this.root);
    let next = 0;
    while (next < starts.length) {
      // One view from the next stretch's first node, until the last node of every stretch that
      // starts in it (a stretch whose first node it never reaches, being before it, gets one of its own).
      const members: { i: number; at: number }[] = [];
      let end = 0;
      const view = buildStretchIndex(this.root, {
        first: (starts[next] as { first: Text }).first,
        hidden: this.hiddenSet,
        tools,
        until: (node, at) => {
          for (let s = starts[next]; s && s.first === node; s = starts[++next]) {
            members.push({ i: s.i, at });
            end = Math.max(end, at + (list[s.i] as Hinted).hint.nodes - 1);
          }
          return at >= end;
        },
      });
      for (const { i, at } of members) {
        const one = list[i] as Hinted;
        const from = (view.nodeStart[at] as number) + one.hint.offset;
        if (quoteStandsAt(view.text, one.quote, from)) found[i] = rangeOf(view, from, from + one.quote.exact.length);
      }
      // Never the case (the view's first node is the next stretch's): a guard against walking forever.
      if (members.length === 0) next++;
      if (next < starts.length && yieldNow()) yield;
    }
    return found;
  }

  /** Whether the view of the whole page writes this node: it is under the root, in no element left out. */
  private written(node: Node): boolean {
    const below: Node[] = [];
    let shown = true;
    for (let p = node.parentNode; p !== this.root; p = p.parentNode) {
      if (p?.nodeType !== 1) {
        shown = false;
        break;
      }
      const known = this.shown.get(p);
      if (known !== undefined) {
        shown = known;
        break;
      }
      below.push(p);
      this.hiddenSet ??= hiddenElements(this.root);
      if (SKIP.has((p as Element).localName) || this.hiddenSet.has(p as Element)) {
        shown = false;
        break;
      }
    }
    for (const p of below) this.shown.set(p, shown);
    return shown;
  }

  /**
   * A hint for the quote found at [start, end) of the page's whole view `index`, checked here by
   * finding it with the hint; null when no hint finds it (a stretch whose text the page writes
   * otherwise alone: then the highlight goes on being anchored on the whole text). Its stretch's
   * nodes are found here unless given (`stretchAround`, as the page side sizes them first).
   */
  hintFor(
    index: TextIndex,
    quote: TextQuoteSelector,
    start: number,
    [fi, li]: [number, number] = stretchAround(index, quote, start),
  ): AnchorHint | null {
    if (!quoteStandsAt(index.text, quote, start)) return null;
    const first = index.nodes[fi];
    if (!first) return null;
    const from = textPath(this.root, first);
    if (!from) return null;
    const hint = {
      from,
      offset: start - (index.nodeStart[fi] as number),
      nodes: li - fi + 1,
      of: index.nodes.length,
    };
    return this.range(quote, hint) ? hint : null;
  }
}
