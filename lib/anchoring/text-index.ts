/**
 * The page's normalised text view, built in one pass over the DOM, with a map from every character
 * of it back to the text node and offsets it came from.
 *
 * The view is what a reader sees, written so that the same words give the same string however the
 * page spells them: Unicode NFC, every run of white space (including NBSP, `<br>` and the boundary
 * between two blocks) folded into one space, no leading or trailing space, invisible characters
 * (soft hyphen, zero-width space, BOM) left out, and no text from `<script>`, `<style>`,
 * `<noscript>`, `<template>` or `hidden` elements. Selectors are offsets into this string, so a page
 * served in NFD, re-wrapped or with changed spacing still matches.
 */

import { BLANK, classOf, INV, isBlock, MRK, NFC, skipElement, WS } from './characters';

/** One text view of a document, with its character map. Build it once, anchor many against it. */
export interface TextIndex {
  /** The normalised text. */
  readonly text: string;
  /** The indexed text nodes, in document order. */
  readonly nodes: readonly Text[];
  /** For each node, where its characters start in `text` (`nodeStart[i + 1]` is where they end). */
  readonly nodeStart: Int32Array;
  /** For each character of `text`: the node it came from, or -1 for a folded space. */
  readonly charNode: Int32Array;
  /** For each character: the first and one-past-last raw offset in its node. */
  readonly charStart: Int32Array;
  readonly charEnd: Int32Array;
  /** Node → its position in `nodes`. */
  readonly nodeIndex: Map<Text, number>;
}

class Builder {
  private units = new Uint16Array(1 << 14);
  private node = new Int32Array(1 << 14);
  private start = new Int32Array(1 << 14);
  private end = new Int32Array(1 << 14);
  private length = 0;
  private pendingSpace = false;
  readonly nodes: Text[] = [];
  readonly nodeStart: number[] = [];

  boundary(): void {
    this.pendingSpace = true;
  }

  /** Makes room for `extra` more characters, so the hot loop writes without checks. */
  private reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.units.length) return;
    let size = this.units.length;
    while (size < need) size *= 2;
    const grow = <T extends Uint16Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.units = grow(this.units, (n) => new Uint16Array(n));
    this.node = grow(this.node, (n) => new Int32Array(n));
    this.start = grow(this.start, (n) => new Int32Array(n));
    this.end = grow(this.end, (n) => new Int32Array(n));
  }

  private emit(unit: number, node: number, s: number, e: number): void {
    const k = this.length++;
    this.units[k] = unit;
    this.node[k] = node;
    this.start[k] = s;
    this.end[k] = e;
  }

  addText(t: Text): void {
    const ni = this.nodes.length;
    this.nodes.push(t);
    this.nodeStart.push(this.length);
    const data = t.data;
    const n = data.length;
    // Indentation between tags: whitespace-only nodes are most nodes of most pages.
    if (BLANK.test(data)) {
      if (n > 0) this.pendingSpace = true;
      return;
    }
    // NFC may lengthen a cluster (composition exclusions), never by more than 3x; plus a space.
    this.reserve(n * 3 + 1);
    let i = 0;
    while (i < n) {
      const unit = data.charCodeAt(i);
      // Fast path: printable ASCII and ASCII white space, most of most pages.
      if (unit < 0x7f) {
        if (unit <= 0x20) {
          if (unit === 0x20 || unit === 0x0a || unit === 0x09 || unit === 0x0d || unit === 0x0c)
            this.pendingSpace = true;
          i++;
          continue;
        }
        const next = i + 1 < n ? data.charCodeAt(i + 1) : 0;
        if (next < 0x300 || !(classOf(next) & MRK)) {
          this.space(ni);
          this.emit(unit, ni, i, i + 1);
          i++;
          continue;
        }
      }
      const cp = data.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      const c = classOf(cp);
      if (c & WS) {
        this.pendingSpace = true;
        i += width;
        continue;
      }
      if (c & INV) {
        i += width;
        continue;
      }
      // A cluster: one base character and the combining marks after it, normalised together.
      let j = i + width;
      let marks = false;
      while (j < n) {
        const next = data.codePointAt(j) as number;
        if (next < 0x300 || !(classOf(next) & MRK)) break;
        marks = true;
        j += next > 0xffff ? 2 : 1;
      }
      this.space(ni);
      if (!marks && !(c & NFC)) {
        this.emit(unit, ni, i, j);
        if (width === 2) this.emit(data.charCodeAt(i + 1), ni, i, j);
      } else {
        const norm = data.slice(i, j).normalize('NFC');
        for (let k = 0; k < norm.length; k++) this.emit(norm.charCodeAt(k), ni, i, j);
      }
      i = j;
    }
  }

  /** Emits the folded space owed before the next character, if any. */
  private space(ni: number): void {
    if (!this.pendingSpace) return;
    this.pendingSpace = false;
    if (this.length === 0) return;
    this.emit(0x20, -1, 0, 0);
    // The first real character of a node may follow a folded space: the node starts after it.
    if (this.nodeStart[ni] === this.length - 1) this.nodeStart[ni] = this.length;
  }

  finish(): TextIndex {
    const text = new TextDecoder('utf-16le').decode(this.units.subarray(0, this.length));
    const nodeStart = new Int32Array(this.nodes.length + 1);
    nodeStart.set(this.nodeStart);
    nodeStart[this.nodes.length] = text.length;
    const nodeIndex = new Map<Text, number>();
    for (const [i, n] of this.nodes.entries()) nodeIndex.set(n, i);
    return {
      text,
      nodes: this.nodes,
      nodeStart,
      charNode: this.node.slice(0, this.length),
      charStart: this.start.slice(0, this.length),
      charEnd: this.end.slice(0, this.length),
      nodeIndex,
    };
  }
}

/** Builds the text view of `root` (by default the document's body) in one pass. */
export function buildTextIndex(root: Node): TextIndex {
  const b = new Builder();
  let n: Node | null = root.firstChild;
  while (n) {
    let descend = false;
    if (n.nodeType === 3) {
      b.addText(n as Text);
    } else if (n.nodeType === 1) {
      const el = n as Element;
      if (!skipElement(el)) {
        if (isBlock(el)) b.boundary();
        // Open shadow roots hold text a reader sees too; their hosts rarely have light children.
        descend = n.firstChild !== null;
      }
    }
    if (descend) {
      n = n.firstChild;
      continue;
    }
    if (n.nodeType === 1 && isBlock(n)) b.boundary();
    while (n && n !== root && !n.nextSibling) {
      n = n.parentNode;
      if (n && n !== root && isBlock(n)) b.boundary();
    }
    if (!n || n === root) break;
    n = n.nextSibling;
  }
  return b.finish();
}

/**
 * The offset in `index.text` of a DOM boundary point. `side` says which way to look when the point
 * is not inside indexed text: a start moves forward to the next indexed character, an end backward.
 */
export function offsetOf(index: TextIndex, container: Node, offset: number, side: 'start' | 'end'): number {
  const ni = container.nodeType === 3 ? index.nodeIndex.get(container as Text) : undefined;
  if (ni !== undefined) {
    const from = index.nodeStart[ni] as number;
    const to = index.nodeStart[ni + 1] as number;
    // Node texts are short; a scan is simpler than a search that must step over folded spaces.
    if (side === 'start') {
      for (let k = from; k < to; k++) {
        if (index.charNode[k] === ni && (index.charStart[k] as number) >= offset) return k;
      }
      return to;
    }
    let end = from;
    for (let k = from; k < to; k++) {
      if (index.charNode[k] === ni && (index.charEnd[k] as number) <= offset) end = k + 1;
    }
    return end;
  }
  // A point between nodes: find the first indexed text node after it (binary search by document
  // order), and take its start; for an end, the end of the node before that one.
  const doc = container.ownerDocument ?? (container as Document);
  const probe = doc.createRange();
  probe.setStart(container, offset);
  let lo = 0;
  let hi = index.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (probe.comparePoint(index.nodes[mid] as Text, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  // Either way the answer is where that node starts: for an end it is where the previous one ended.
  return index.nodeStart[lo] as number;
}

/** Clamps [start, end) to the text and narrows it so it neither starts nor ends on a folded space. */
export function trimSpan(index: TextIndex, start: number, end: number): [number, number] {
  const n = index.text.length;
  let s = Math.max(0, Math.min(start, n));
  let e = Math.max(s, Math.min(end, n));
  while (s < e && index.text.charCodeAt(s) === 0x20) s++;
  while (e > s && index.text.charCodeAt(e - 1) === 0x20) e--;
  return [s, e];
}

/** The DOM Range that covers [start, end) of the text view. The span must be non-empty. */
export function rangeOf(index: TextIndex, start: number, end: number): Range {
  const [s, e] = trimSpan(index, start, end);
  if (s >= e) throw new RangeError('empty span');
  const first = firstReal(index, s, e);
  const last = lastReal(index, s, e);
  const startNode = index.nodes[index.charNode[first] as number] as Text;
  const endNode = index.nodes[index.charNode[last] as number] as Text;
  const range = startNode.ownerDocument.createRange();
  range.setStart(startNode, index.charStart[first] as number);
  range.setEnd(endNode, index.charEnd[last] as number);
  return range;
}

function firstReal(index: TextIndex, s: number, e: number): number {
  let k = s;
  while (k < e && index.charNode[k] === -1) k++;
  return k;
}

function lastReal(index: TextIndex, s: number, e: number): number {
  let k = e - 1;
  while (k > s && index.charNode[k] === -1) k--;
  return k;
}
