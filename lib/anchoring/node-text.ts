/**
 * One text node's part of the text view: its characters normalised (NFC, white space folded,
 * invisible characters left out), either as a string for the view or, when a selector must be
 * turned into a DOM range, as a map from each character back to raw offsets in the node.
 *
 * Both come from the same rules. Building the view takes fast paths for the common cases (a node of
 * plain ASCII, or of characters that need no change); the map always runs the one reference loop,
 * and a test checks on random text that the two agree.
 */

import { classOf, INV, MRK, NFC, WS } from './characters';

/** Where the view stands between nodes: whether a space is owed, and whether any text came yet. */
export interface FoldState {
  pending: boolean;
  empty: boolean;
}

const SLOW = WS | INV | MRK | NFC;

/**
 * The text view being written, as UTF-16 code units, one node after another. The common characters
 * (ASCII, and any other the rules leave as it is) are copied in one scan; a node holding a character
 * the rules change is written again by the reference loop.
 */
export class ViewWriter implements FoldState {
  private units = new Uint16Array(1 << 16);
  length = 0;
  pending = false;
  empty = true;
  /**
   * After `append`: when the node's own characters are a plain copy of its raw text (every space
   * in them was one U+0020), the raw offset of the first; otherwise -1. Such nodes, most of most
   * pages, map view offsets to raw ones by adding this.
   */
  shift = -1;

  /** Appends the view of one text node; returns where the node's own characters start. */
  append(data: string): number {
    const n = data.length;
    this.shift = -1;
    // Indentation between tags is most nodes of most pages; `trim` removes exactly what the rules
    // fold (`\s`).
    if (n === 0) return this.length;
    if (data.charCodeAt(0) <= 0x20 && data.trim().length === 0) {
      this.pending = true;
      return this.length;
    }
    this.reserve(n + 1);
    const units = this.units;
    const from = this.length;
    let k = from;
    let own = -1;
    let shift = -1;
    let plain = true;
    let run = 0;
    let pending = this.pending;
    let empty = this.empty;
    for (let i = 0; i < n; i++) {
      const unit = data.charCodeAt(i);
      if (unit <= 0x20 || unit >= 0x7f) {
        if (unit === 0x20 || unit === 0x0a || unit === 0x09 || unit === 0x0d || unit === 0x0c) {
          pending = true;
          run += unit === 0x20 ? 1 : 2;
          continue;
        }
        if (unit < 0x20 || (unit >= 0xd800 && unit <= 0xdfff) || classOf(unit) & SLOW) return this.slow(data, from);
      }
      if (pending) {
        pending = false;
        if (!empty) units[k++] = 0x20;
        if (own >= 0 && run !== 1) plain = false;
      }
      run = 0;
      if (own < 0) {
        own = k;
        shift = i;
      }
      empty = false;
      units[k++] = unit;
    }
    this.length = k;
    this.pending = pending;
    this.empty = empty;
    if (plain) this.shift = shift;
    return own < 0 ? k : own;
  }

  /** Writes the node again from `from` by the reference loop. */
  private slow(data: string, from: number): number {
    this.length = from;
    let own = -1;
    foldNode(data, this, (unit, start) => {
      if (start >= 0 && own < 0) own = this.length;
      this.units[this.length++] = unit;
    });
    return own < 0 ? this.length : own;
  }

  private reserve(extra: number): void {
    // NFC may lengthen a cluster, never by more than 3x; plus a folded space.
    const need = this.length + extra * 3 + 1;
    if (need <= this.units.length) return;
    let size = this.units.length;
    while (size < need) size *= 2;
    const next = new Uint16Array(size);
    next.set(this.units.subarray(0, this.length));
    this.units = next;
  }

  text(): string {
    return new TextDecoder('utf-16le').decode(this.units.subarray(0, this.length));
  }
}

/**
 * The reference rules, one character at a time: calls `emit` for each character of the view this
 * node adds, with the raw offsets it came from, or -1 for a folded space.
 */
export function foldNode(
  data: string,
  state: FoldState,
  emit: (unit: number, start: number, end: number) => void,
): void {
  const n = data.length;
  const space = () => {
    if (!state.pending) return;
    state.pending = false;
    if (!state.empty) emit(0x20, -1, -1);
  };
  let i = 0;
  while (i < n) {
    const unit = data.charCodeAt(i);
    if (unit < 0x7f) {
      if (unit <= 0x20) {
        if (unit === 0x20 || unit === 0x0a || unit === 0x09 || unit === 0x0d || unit === 0x0c) state.pending = true;
        i++;
        continue;
      }
      const next = i + 1 < n ? data.charCodeAt(i + 1) : 0;
      if (next < 0x300 || !(classOf(next) & MRK)) {
        space();
        state.empty = false;
        emit(unit, i, i + 1);
        i++;
        continue;
      }
    }
    const cp = data.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const c = classOf(cp);
    if (c & WS) {
      state.pending = true;
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
    space();
    state.empty = false;
    if (!marks && !(c & NFC)) {
      emit(unit, i, j);
      if (width === 2) emit(data.charCodeAt(i + 1), i, j);
    } else {
      const norm = data.slice(i, j).normalize('NFC');
      for (let k = 0; k < norm.length; k++) emit(norm.charCodeAt(k), i, j);
    }
    i = j;
  }
}

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
