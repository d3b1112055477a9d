/**
 * From offsets in a page's text view (./text-index.ts) to the DOM and back: the text node and raw
 * offsets a character came from, the DOM Range of a span of the view, and the view's offset of a DOM
 * boundary point.
 */
import { locate } from './node-map';
import type { TextIndex } from './text-index';

/** Where the character at `k` came from: its node and raw offsets, or null for a folded space. */
function charAt(index: TextIndex, k: number): { ni: number; start: number; end: number } | null {
  const ni = nodeAt(index, k);
  const data = (index.nodes[ni] as Text).data;
  const j = k - (index.nodeStart[ni] as number);
  const shift = index.shift[ni] as number;
  if (shift >= 0) {
    const raw = shift + j;
    const unit = raw < data.length ? data.charCodeAt(raw) : 0x20;
    return unit <= 0x20 ? null : { ni, start: raw, end: raw + 1 };
  }
  const found = locate(data, j);
  return found && { ni, start: found[0], end: found[1] };
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
  let first = charAt(index, s);
  for (let k = s + 1; !first && k < e; k++) first = charAt(index, k);
  let last = charAt(index, e - 1);
  for (let k = e - 2; !last && k >= s; k--) last = charAt(index, k);
  if (!first || !last) throw new RangeError('span holds no text');
  const startNode = index.nodes[first.ni] as Text;
  const range = startNode.ownerDocument.createRange();
  range.setStart(startNode, first.start);
  range.setEnd(index.nodes[last.ni] as Text, last.end);
  return range;
}
