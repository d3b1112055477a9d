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

/** Elements whose text a reader never sees. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'SELECT',
  'TEXTAREA',
  'MARGINALIA-TOOLBAR',
]);

/** Elements that start a new line when rendered: their edges read as white space. */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'IMG',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'VIDEO',
  'AUDIO',
  'INPUT',
  'BUTTON',
  'OPTION',
  'LEGEND',
  'MENU',
  'PICTURE',
  'SVG',
]);

/** Characters that render as nothing and that pages insert inconsistently. */
const INVISIBLE = new Set([0x00ad, 0x200b, 0x2060, 0xfeff]);

const MARK = /\p{M}/u;
const SPACE = /\s/u;

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

function skipElement(el: Element): boolean {
  if (SKIP.has(el.tagName.toUpperCase())) return true;
  if (el.hasAttribute('hidden')) return true;
  const style = (el as HTMLElement).style;
  return style !== undefined && style.display === 'none';
}

function isBlock(node: Node): boolean {
  return node.nodeType === 1 && BLOCK.has((node as Element).tagName.toUpperCase());
}

class Builder {
  private out: string[] = [];
  private node: number[] = [];
  private start: number[] = [];
  private end: number[] = [];
  private pendingSpace = false;
  readonly nodes: Text[] = [];
  readonly nodeStart: number[] = [];

  boundary(): void {
    this.pendingSpace = true;
  }

  private emit(ch: string, node: number, s: number, e: number): void {
    this.out.push(ch);
    this.node.push(node);
    this.start.push(s);
    this.end.push(e);
  }

  addText(t: Text): void {
    const ni = this.nodes.length;
    this.nodes.push(t);
    this.nodeStart.push(this.out.length);
    const data = t.data;
    let i = 0;
    while (i < data.length) {
      const cp = data.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      if (
        cp === 0x20 ||
        cp === 0x0a ||
        cp === 0x09 ||
        cp === 0x0d ||
        cp === 0x0c ||
        (cp > 0x7f && SPACE.test(String.fromCodePoint(cp)))
      ) {
        this.pendingSpace = true;
        i += width;
        continue;
      }
      if (INVISIBLE.has(cp)) {
        i += width;
        continue;
      }
      // A cluster: one base character and the combining marks after it, normalised together.
      let j = i + width;
      while (j < data.length) {
        const next = data.codePointAt(j) as number;
        if (next < 0x300 || !MARK.test(String.fromCodePoint(next))) break;
        j += next > 0xffff ? 2 : 1;
      }
      if (this.pendingSpace) {
        if (this.out.length > 0) this.emit(' ', -1, 0, 0);
        this.pendingSpace = false;
        // The first real character of a node may follow a folded space: the node starts here.
        if (this.nodeStart[ni] === this.out.length - 1) this.nodeStart[ni] = this.out.length;
      }
      if (j - i === 1 && cp < 0x300) {
        this.emit(data[i] as string, ni, i, j);
      } else {
        const norm = data.slice(i, j).normalize('NFC');
        for (let k = 0; k < norm.length; k++) this.emit(norm[k] as string, ni, i, j);
      }
      i = j;
    }
  }

  finish(): TextIndex {
    const text = this.out.join('');
    const nodeStart = new Int32Array(this.nodes.length + 1);
    nodeStart.set(this.nodeStart);
    nodeStart[this.nodes.length] = text.length;
    const nodeIndex = new Map<Text, number>();
    for (const [i, n] of this.nodes.entries()) nodeIndex.set(n, i);
    return {
      text,
      nodes: this.nodes,
      nodeStart,
      charNode: Int32Array.from(this.node),
      charStart: Int32Array.from(this.start),
      charEnd: Int32Array.from(this.end),
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

/** Narrows [start, end) so it neither starts nor ends on a folded space. */
export function trimSpan(index: TextIndex, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
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
