/**
 * From offsets in a page's text view (./text-index.ts) to the DOM and back: the text node and raw
 * offsets a character came from, the DOM Range of a span of the view, and the view's offset of a DOM
 * boundary point.
 */
import { locate } from './node-map';
import type { TextIndex } from './text-index';

/**
 * The raw offset in its node of the character at `k` of the view (`side` 0), or just after it
 * (`side` 1), or -1 for a folded space; `ni` is its node. A node whose characters are a plain copy
 * of its raw text (most nodes of most pages) is answered from the view alone: its characters are the
 * raw ones from `shift` on, and a space in its span is either one of its own single spaces or the
 * one owed after it, neither of which a range starts or ends on. No node text is read and nothing
 * allocated there: a paint asks this for both ends of every range it makes.
 */
function rawAt(index: TextIndex, ni: number, k: number, side: 0 | 1): number {
  const j = k - (index.nodeStart[ni] as number);
  const shift = index.shift[ni] as number;
  if (shift >= 0) return index.text.charCodeAt(k) === 0x20 ? -1 : shift + j + side;
  const found = locate((index.nodes[ni] as Text).data, j);
  return found ? found[side] : -1;
}

/** The node whose span of the text holds offset `k` (the last one starting at or before it). */
export function nodeAt(index: TextIndex, k: number): number {
  const starts = index.nodeStart;
  let lo = 0;
  let hi = index.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The offset in `index.text` of a DOM boundary point. `side` says which way to look when the point
 * is not inside indexed text: a start moves forward to the next indexed character, an end backward.
 */
export function offsetOf(index: TextIndex, container: Node, offset: number, side: 'start' | 'end'): number {
  const ni = container.nodeType === 3 ? index.nodeIndex().get(container as Text) : undefined;
  if (ni !== undefined) {
    const from = index.nodeStart[ni] as number;
    const to = index.nodeStart[ni + 1] as number;
    const m = index.map(ni);
    const count = Math.min(m.start.length, to - from);
    // Node texts are short; a scan is simpler than a search that must step over folded spaces.
    if (side === 'start') {
      for (let j = 0; j < count; j++) if ((m.start[j] as number) >= offset) return from + j;
      return to;
    }
    let end = from;
    for (let j = 0; j < count; j++) {
      const e = m.end[j] as number;
      if (e >= 0 && e <= offset) end = from + j + 1;
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
  // The first character from the start that is not a folded space, and the last from the end.
  let sn = nodeAt(index, s);
  let so = rawAt(index, sn, s, 0);
  for (let k = s + 1; so < 0 && k < e; k++) {
    sn = nodeAt(index, k);
    so = rawAt(index, sn, k, 0);
  }
  let en = nodeAt(index, e - 1);
  let eo = rawAt(index, en, e - 1, 1);
  for (let k = e - 2; eo < 0 && k >= s; k--) {
    en = nodeAt(index, k);
    eo = rawAt(index, en, k, 1);
  }
  if (so < 0 || eo < 0) throw new RangeError('span holds no text');
  const startNode = index.nodes[sn] as Text;
  const range = startNode.ownerDocument.createRange();
  range.setStart(startNode, so);
  range.setEnd(index.nodes[en] as Text, eo);
  return range;
}
