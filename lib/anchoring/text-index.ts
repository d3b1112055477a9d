/**
 * The page's normalised text view, built in one pass over the DOM, keeping for each text node where
 * its characters start (the way back from a character to the DOM is in ./text-ranges.ts).
 *
 * The view is what a reader sees, written so that the same words give the same string however the
 * page spells them: Unicode NFC, every run of white space (including NBSP, `<br>` and the boundary
 * between two blocks) folded into one space, no leading or trailing space, invisible characters
 * (soft hyphen, zero-width space, BOM) left out, and no text from `<script>`, `<style>`,
 * `<noscript>`, `<template>` or `hidden` elements. Selectors are offsets into this string, so a page
 * served in NFD, re-wrapped or with changed spacing still matches.
 */

import { runSteps, runStepsSliced } from '../steps';
import { BLOCK, hiddenByAttribute, SKIP } from './characters';
import { type NodeMap, nodeMap } from './node-map';
import { ViewWriter } from './node-text';

/**
 * One text view of a document. Build it once, anchor many against it. The map from characters back
 * to the DOM is made per node, when a range is asked for: most nodes of a page are never asked.
 */
export interface TextIndex {
  /** The normalised text. */
  readonly text: string;
  /** The indexed text nodes, in document order. */
  readonly nodes: readonly Text[];
  /** For each node, where its characters start in `text` (`nodeStart[i + 1]` is where they end). */
  readonly nodeStart: Int32Array;
  /** For each node: where its own characters start in its raw text when they copy it as it is, or -1. */
  readonly shift: Int32Array;
  /** Node → its position in `nodes`, made on first use. */
  nodeIndex(): Map<Text, number>;
  /** Node position → its characters' raw offsets, made on first use. */
  map(ni: number): NodeMap;
}

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;

/** Nodes walked between two looks at the clock in a sliced build. */
const CHECK_EVERY = 512;

/** Where a walk stands between its slices. */
interface Walk {
  readonly root: Node;
  readonly walker: TreeWalker;
  readonly view: ViewWriter;
  readonly nodes: Text[];
  readonly starts: number[];
  readonly shifts: number[];
  /**
   * Where each open block ends: the first node after it (null: it lasts to the end). `end` is the
   * innermost one's. Asking, for each text node, whether the nearest block of the text before it
   * still held it (its parent read, the block found by a climb, then the engine's `contains`) made
   * the first build on a freshly loaded 1 MB page ~5 ms longer (23 against 28 ms, 21 loads each).
   */
  readonly ends: (Node | null)[];
  end: Node | null;
  /**
   * The elements hidden by their attributes: one selector query finds the few there are; asking
   * every element for its attributes costs more than the query on a long page.
   */
  readonly hidden: ReadonlySet<Element>;
  readonly part: Stretch | undefined;
  /** The next node to visit; null when the walk is done. */
  n: Node | null;
}

/**
 * The walk that builds a text view, in steps: each call of the returned generator's `next` walks
 * until `yieldNow()` says to stop (checked every CHECK_EVERY nodes), and the last returns the index.
 * One TreeWalker visits the nodes without a script call per step down or up. A block's start is seen
 * when the walker reaches it; its end when the walker reaches the first node after it, looked up once
 * as the block starts (the open blocks' ends are a stack: an inner block ends no later than the one
 * holding it). The nodes are visited in a plain function (`walkSome`), not in the generator's own
 * loop: a freshly loaded page's whole index, cold, took 24 ms that way against 28 (wikipedia-2,
 * medians of 12 loads).
 */
function* walk(root: Node, yieldNow: () => boolean, part?: Stretch): Generator<void, TextIndex, void> {
  const w: Walk = {
    root,
    walker: part?.tools?.walker ?? walkerOf(root),
    view: part?.tools?.view.reset() ?? new ViewWriter(),
    nodes: [],
    starts: [],
    shifts: [],
    ends: [],
    end: null,
    hidden: part ? part.hidden : hiddenElements(root),
    part,
    n: null,
  };
  if (part) {
    // A stretch starts inside the blocks that hold its first node: their ends are owed as well.
    for (let a = part.first.parentNode; a && a !== root; a = a.parentNode) {
      if (BLOCK.has((a as Element).localName)) w.ends.unshift(nextAfter(a, root));
    }
    w.end = w.ends.length > 0 ? (w.ends[w.ends.length - 1] as Node | null) : null;
    w.walker.currentNode = part.first;
    w.n = part.first;
  } else w.n = w.walker.nextNode();
  while (!walkSome(w, CHECK_EVERY)) if (yieldNow()) yield;
  return indexOf(w);
}

/** Visits up to `budget` nodes of the walk; true when it is done. */
function walkSome(w: Walk, budget: number): boolean {
  const { root, walker, view, nodes, starts, shifts, ends, hidden, part } = w;
  let { n, end } = w;
  for (let count = 0; n && count < budget; count++) {
    // A block ended just before this node: a space is owed (inner blocks may end with it).
    while (n === end) {
      view.pending = true;
      ends.pop();
      end = ends.length > 0 ? (ends[ends.length - 1] as Node | null) : null;
    }
    if (n.nodeType === 3) {
      const t = n as Text;
      nodes.push(t);
      starts.push(view.append(t.data));
      shifts.push(view.shift);
      n = part?.until(t, nodes.length - 1) ? null : walker.nextNode();
      continue;
    }
    const el = n as Element;
    const name = el.localName;
    if (SKIP.has(name) || (hidden.size > 0 && hidden.has(el))) {
      n = nextOutside(walker);
      continue;
    }
    if (BLOCK.has(name)) {
      view.pending = true;
      end = nextAfter(el, root);
      ends.push(end);
    }
    n = walker.nextNode();
  }
  w.n = n;
  w.end = end;
  return n === null;
}

/** The index a finished walk wrote. */
function indexOf(w: Walk): TextIndex {
  const { nodes } = w;
  const text = w.view.text();
  const nodeStart = new Int32Array(nodes.length + 1);
  nodeStart.set(w.starts);
  nodeStart[nodes.length] = text.length;
  let index: Map<Text, number> | undefined;
  const maps = new Map<number, NodeMap>();
  return {
    text,
    nodes,
    nodeStart,
    shift: Int32Array.from(w.shifts),
    nodeIndex() {
      if (!index) {
        index = new Map();
        for (let i = 0; i < nodes.length; i++) index.set(nodes[i] as Text, i);
      }
      return index;
    },
    map(ni) {
      let m = maps.get(ni);
      if (!m) {
        m = nodeMap((nodes[ni] as Text).data);
        maps.set(ni, m);
      }
      return m;
    },
  };
}

function walkerOf(root: Node): TreeWalker {
  return (root.ownerDocument ?? (root as Document)).createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
}

/** A walker and a writer for the views of many stretches of one root, one after another. */
export interface StretchTools {
  walker: TreeWalker;
  view: ViewWriter;
}

export function stretchTools(root: Node): StretchTools {
  return { walker: walkerOf(root), view: new ViewWriter() };
}

/**
 * A stretch of the page's text, for a text view of just that: from its first text node on, until
 * `until` says the view holds enough (asked after each text node written, with its place in the
 * view), with the elements `hidden` by their attributes found beforehand (one query for many
 * stretches).
 */
export interface Stretch {
  first: Text;
  until: (node: Text, at: number) => boolean;
  hidden: ReadonlySet<Element>;
  /** Shared by the views of one root's stretches (a walker and a writer made for each cost more). */
  tools?: StretchTools;
}

/**
 * The text view of a stretch of `root`'s text, as the view of all of it writes those nodes: the same
 * characters, a block's end inside it owed a space as there, no leading or trailing space. The first
 * node must not sit in an element the view leaves out (the caller checks).
 */
export function buildStretchIndex(root: Node, part: Stretch): TextIndex {
  return runSteps(walk(root, () => false, part));
}

/** Builds the text view of `root` (by default the document's body) in one pass. */
export function buildTextIndex(root: Node): TextIndex {
  return runSteps(walk(root, () => false));
}

/**
 * Builds the same text view in slices of about `sliceMs`, giving the page's thread back between
 * them (a freshly loaded 1 MB page takes 50–80 ms to walk the first time: one long task otherwise).
 * `stale()` is asked after each pause: when the DOM changed meanwhile, the walk starts again, so the
 * index is never of a page that no longer is. `pause` runs between slices and decides whether the
 * thread is given back: the page side's goes on while its task still has budget (lib/page/page-task.ts).
 */
export async function buildTextIndexSliced(
  root: Node,
  stale: () => boolean,
  sliceMs = 8,
  pause: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
): Promise<TextIndex> {
  // A page that keeps changing (a live ticker) gets two tries, then one walk without pauses.
  for (let attempt = 0; attempt < 2; attempt++) {
    const index = await runStepsSliced((yieldNow) => walk(root, yieldNow), sliceMs, pause, stale);
    if (index) return index;
  }
  return buildTextIndex(root);
}

/** The elements under `root` that `hidden` or an inline `display: none` hide. */
export function hiddenElements(root: Node): Set<Element> {
  const found = new Set<Element>();
  if (!('querySelectorAll' in root)) return found;
  for (const el of (root as ParentNode).querySelectorAll('[hidden], [style*="none" i]')) {
    if (hiddenByAttribute(el)) found.add(el);
  }
  return found;
}

/** The walker's next node outside the subtree of its current node, or null at the end. */
function nextOutside(walker: TreeWalker): Node | null {
  let next = walker.nextSibling();
  while (!next) {
    if (!walker.parentNode()) return null;
    next = walker.nextSibling();
  }
  return next;
}

/**
 * The first node after `node` and all it holds, in document order, that the walk visits (an
 * element or a text node), within `root`; null when none follows. The walk reaches it unless it
 * skips a subtree holding it, and a skipped subtree that held it would itself come first.
 */
function nextAfter(node: Node, root: Node): Node | null {
  for (let a: Node | null = node; a && a !== root; a = a.parentNode) {
    let s = a.nextSibling;
    while (s && s.nodeType !== 1 && s.nodeType !== 3) s = s.nextSibling;
    if (s) return s;
  }
  return null;
}
