/**
 * One text node's part of the text view: its characters normalised (NFC, white space folded,
 * invisible characters left out), written as a string for the view. The way back from each of those
 * characters to raw offsets in the node, for a DOM range, is in ./node-map.ts.
 *
 * Both come from the same rules. Building the view takes fast paths for the common cases (a node
 * whose only change is its white space, folded by the engine's string code; a node of characters
 * that need no change, copied in one loop); the map always runs the one reference loop here
 * (`foldNode`), and a test checks on random text that the two agree.
 */

import { classOf, INV, MAYBE_ODD, MRK, NFC, ODD, WS } from './characters';

/** Where the view stands between nodes: whether a space is owed, and whether any text came yet. */
export interface FoldState {
  pending: boolean;
  empty: boolean;
}

/** Classes of characters the rules treat one by one (the view's and the map's fast paths leave them to the reference loop). */
export const SLOW = WS | INV | MRK | NFC;

/** White space other than one U+0020 between two characters: the node is not a plain copy. */
const NOT_PLAIN = /[^\S ]| {2}/;
const SPACES = /\s+/g;

/**
 * The text view being written, one node after another. Most nodes of most pages hold no character
 * the rules treat one by one: their view is the raw text with its white space folded, made by the
 * engine's own string and regular expression code (a script loop over every character is most of
 * the index's cost on a page the page side has just met: its code runs cold). Other nodes go
 * through a loop that copies the common characters, and a node holding a character the rules
 * change is written again by the reference loop.
 */
export class ViewWriter implements FoldState {
  private parts: string[] = [];
  /** One node's code units, for the loops. */
  private units = new Uint16Array(1024);
  length = 0;
  pending = false;
  empty = true;
  /**
   * After `append`: when the node's own characters are a plain copy of its raw text (every space
   * in them was one U+0020), the raw offset of the first; otherwise -1. Such nodes, most of most
   * pages, map view offsets to raw ones by adding this.
   */
  shift = -1;

  /** Starts a view anew (its buffer kept: one writer for many short views). */
  reset(): this {
    this.parts = [];
    this.length = 0;
    this.pending = false;
    this.empty = true;
    this.shift = -1;
    return this;
  }

  /** Appends the view of one text node; returns where the node's own characters start. */
  append(data: string): number {
    const n = data.length;
    this.shift = -1;
    // Indentation between tags is most nodes of most pages; `trim` removes exactly what the rules
    // fold (`\s`).
    if (n === 0) return this.length;
    let body: string | undefined;
    if (data.charCodeAt(0) <= 0x20) {
      body = data.trim();
      if (body.length === 0) {
        this.pending = true;
        return this.length;
      }
    }
    if (!MAYBE_ODD.test(data) || (!ODD.test(data) && data.normalize('NFC') === data)) {
      return this.native(data, body ?? data.trim());
    }
    this.reserve(n + 1);
    const units = this.units;
    let k = 0;
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
        if (unit < 0x20 || (unit >= 0xd800 && unit <= 0xdfff) || classOf(unit) & SLOW) return this.slow(data);
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
    const from = this.length;
    this.flush(k);
    this.pending = pending;
    this.empty = empty;
    if (plain) this.shift = shift;
    return own < 0 ? this.length : from + own;
  }

  /** A node with no character the rules treat one by one (`body`: it trimmed): its white space folded, natively. */
  private native(data: string, body: string): number {
    if (body.length === 0) {
      // Only white space (a non-breaking space, say): owed as one space before what follows.
      this.pending = true;
      return this.length;
    }
    // Where the trimmed text first occurs is where it starts (no string made, as trimming one end would).
    const lead = body.length === data.length ? 0 : data.indexOf(body);
    if (lead > 0) this.pending = true;
    const plain = !NOT_PLAIN.test(body);
    if (this.pending && !this.empty) this.push(' ');
    const own = this.length;
    this.push(plain ? body : body.replace(SPACES, ' '));
    this.pending = lead + body.length < data.length;
    this.empty = false;
    if (plain) this.shift = lead;
    return own;
  }

  /** Writes the node by the reference loop. */
  private slow(data: string): number {
    const from = this.length;
    let own = -1;
    let k = 0;
    foldNode(data, this, (unit, start) => {
      if (start >= 0 && own < 0) own = k;
      this.units[k++] = unit;
    });
    this.flush(k);
    return own < 0 ? this.length : from + own;
  }

  private push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  /** Adds the first `k` code units the loops wrote for a node. */
  private flush(k: number): void {
    const units = this.units;
    // Lone surrogate halves are kept as they are here and made well-formed once, in `text()`.
    for (let at = 0; at < k; at += 8192) {
      this.push(String.fromCharCode.apply(null, units.subarray(at, Math.min(k, at + 8192)) as unknown as number[]));
    }
  }

  private reserve(extra: number): void {
    // NFC may lengthen a cluster, never by more than 3x; plus a folded space.
    const need = extra * 3 + 1;
    if (need <= this.units.length) return;
    let size = this.units.length;
    while (size < need) size *= 2;
    this.units = new Uint16Array(size);
  }

  /** The view: an unpaired surrogate half reads as U+FFFD, one unit for one, as UTF-16 decoding does. */
  text(): string {
    const text = this.parts.join('');
    return text.isWellFormed() ? text : text.toWellFormed();
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
