/**
 * From a text node's characters in the text view back to raw offsets in the node (./node-text.ts
 * writes them): what a DOM range of a span of the view needs at its two ends.
 */

import { classOf, MRK } from './characters';
import { foldNode, SLOW } from './node-text';

/** A node's characters in the view: raw start and end offsets of each (-1 for a folded space). */
export interface NodeMap {
  start: Int32Array;
  end: Int32Array;
}

/**
 * The map of a node whose characters start in the view right after any folded space owed before it
 * (the view puts that space before the node's start, so it is not part of the map). Made by the
 * reference loop: only a selection the user made asks for it, two nodes at a time.
 */
export function nodeMap(data: string): NodeMap {
  const start: number[] = [];
  const end: number[] = [];
  foldNode(data, { pending: false, empty: true }, (_unit, s, e) => {
    start.push(s);
    end.push(e);
  });
  return { start: Int32Array.from(start), end: Int32Array.from(end) };
}

/**
 * The raw start and end offsets of the `j`-th character a node adds to the view (counted as in
 * `nodeMap`), or null when that character is a folded space or past the node's end. Painting asks
 * this for the two ends of each range; one scan, nothing allocated for the common characters.
 */
export function locate(data: string, j: number): [number, number] | null {
  const n = data.length;
  let k = 0;
  let pending = false;
  let empty = true;
  for (let i = 0; i < n; i++) {
    const unit = data.charCodeAt(i);
    if (unit <= 0x20 || unit >= 0x7f) {
      if (unit === 0x20 || unit === 0x0a || unit === 0x09 || unit === 0x0d || unit === 0x0c) {
        pending = true;
        continue;
      }
      if (unit < 0x20 || (unit >= 0xd800 && unit <= 0xdfff) || classOf(unit) & SLOW) {
        return locateSlow(data, j);
      }
    }
    if (pending) {
      pending = false;
      if (!empty && k++ === j) return null;
    }
    empty = false;
    if (k++ === j) {
      // A combining mark after it makes one cluster with it: the reference loop has the offsets.
      const next = i + 1 < n ? data.charCodeAt(i + 1) : 0;
      if (next >= 0x300 && classOf(next) & MRK) return locateSlow(data, j);
      return [i, i + 1];
    }
  }
  return null;
}

function locateSlow(data: string, j: number): [number, number] | null {
  const m = nodeMap(data);
  const s = j < m.start.length ? (m.start[j] as number) : -1;
  return s < 0 ? null : [s, m.end[j] as number];
}
