/**
 * The WICG text-fragment search, as text-fragments-polyfill performs it step by step (prefix, start
 * term, end term, suffix; word boundaries by Intl.Segmenter; white space and block edges skipped
 * between context and terms), run on the page's text as the algorithm reads it
 * (lib/page/fragment-view.ts) instead of on the DOM. Pure.
 */
import { type FragmentView, STOP, type ViewSpan } from './fragment-view';

/** A text directive's terms, in the view's normalized text. */
export interface Directive {
  prefix?: string;
  textStart: string;
  textEnd?: string;
  suffix?: string;
}

/** Word segments with their places, per block, computed once per view. */
/** A combining mark (what is left of one after the comparison form dropped U+0300–U+036F). */
const MARK = /\p{M}/u;

export class Words {
  private readonly segmenter: Intl.Segmenter;
  private readonly cache = new Map<number, Intl.Segments>();
  constructor(
    readonly view: FragmentView,
    lang: string,
  ) {
    let segmenter: Intl.Segmenter;
    try {
      segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    } catch {
      segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    this.segmenter = segmenter;
  }

  /** The block holding `at` (an offset in view.text). */
  block(at: number): number {
    const { starts } = this.view;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  blockEnd(block: number): number {
    const next = this.view.starts[block + 1];
    return next === undefined ? this.view.text.length : next - 1;
  }

  private segments(block: number): Intl.Segments {
    let s = this.cache.get(block);
    if (!s) {
      s = this.segmenter.segment(this.view.text.slice(this.view.starts[block], this.blockEnd(block)));
      this.cache.set(block, s);
    }
    return s;
  }

  /** The segments of the text from `from` to its block's end, as the polyfill segments a search. */
  private tail: { from: number; segments: Intl.Segments } | null = null;

  /**
   * Whether text[at, at+length) starts and ends on word boundaries, as the polyfill checks with
   * Intl.Segmenter over the text it searches: from the search's start when the match is in the block
   * the search starts in, else from the block's start (dictionary segmentation of CJK text depends
   * on where the text begins, so the same place can be a boundary in one reading and not another).
   * A match right at the search's start counts as starting on one.
   */
  bounded(at: number, length: number, searchFrom: number): boolean {
    const block = this.block(at);
    let base = this.view.starts[block] as number;
    let segments: Intl.Segments;
    if (searchFrom > base && this.block(searchFrom) === block) {
      if (this.tail?.from !== searchFrom)
        this.tail = {
          from: searchFrom,
          segments: this.segmenter.segment(this.view.text.slice(searchFrom, this.blockEnd(block))),
        };
      segments = this.tail.segments;
      base = searchFrom;
    } else segments = this.segments(block);
    if (at !== searchFrom) {
      const first = segments.containing(at - base);
      if (!first) return false;
      if (first.isWordLike && first.index !== at - base) return false;
    }
    const endSegment = segments.containing(at + length - base);
    if (endSegment?.isWordLike && endSegment.index !== at + length - base) return false;
    return true;
  }

  /** Word-like segments' [start, end) in view.text between `from` and `to`, in order. */
  wordsIn(from: number, to: number): [number, number][] {
    const out: [number, number][] = [];
    for (let block = this.block(from); block < this.view.starts.length; block++) {
      const base = this.view.starts[block] as number;
      if (base >= to) break;
      for (const s of this.segments(block)) {
        const a = base + s.index;
        const b = a + s.segment.length;
        if (b <= from) continue;
        if (a >= to) break;
        if (!s.isWordLike) continue;
        // A word never ends before a combining mark: that place is inside one character of the page
        // ("で" compares as "て" + U+3099), where a term cannot end.
        let end = b;
        while (end < to && MARK.test(this.view.text[end] as string)) end++;
        out.push([Math.max(a, from), Math.min(end, to)]);
      }
    }
    return out;
  }
}

/** The first place the algorithm finds a directive, as text-fragments-polyfill searches. */
export function firstMatch(words: Words, d: Directive): ViewSpan | null {
  const text = words.view.text;
  const find = (query: string, from: number): number => {
    // A term never spans a block edge or a spacing mark (STOP, see fragment-view.ts).
    if (!query || query.includes('\n') || query.includes(STOP)) return -1;
    for (let i = text.indexOf(query, from); i !== -1; i = text.indexOf(query, i + 1)) {
      // A match that starts or ends inside one character of the page (before a combining mark its
      // comparison form split off) cannot be mapped back to the page: the polyfill skips it.
      if (MARK.test(text[i] as string) || MARK.test(text[i + query.length] ?? '')) continue;
      if (words.bounded(i, query.length, from)) return i;
    }
    return -1;
  };
  // Past white space and block boundaries, as the polyfill advances a range to non-white space.
  const skipSpace = (at: number): number => {
    let i = at;
    while (i < text.length && (text[i] === ' ' || text[i] === '\n')) i++;
    return i;
  };
  let search = 0;
  for (let guard = 0; search < text.length && guard < 100_000; guard++) {
    let start: number;
    if (d.prefix) {
      const p = find(d.prefix, search);
      if (p < 0) return null;
      search = p + 1;
      const m = skipSpace(p + d.prefix.length);
      if (m >= text.length) return null;
      const t = find(d.textStart, m);
      if (t < 0) return null;
      if (t !== m) continue;
      start = t;
    } else {
      start = find(d.textStart, search);
      if (start < 0) return null;
      search = start + 1;
    }
    const startEnd = start + d.textStart.length;
    if (d.textEnd) {
      let from = startEnd;
      for (;;) {
        const e = find(d.textEnd, from);
        if (e < 0) return null;
        from = e + 1;
        const end = e + d.textEnd.length;
        if (!d.suffix) return [start, end];
        const at = skipSpace(end);
        const f = find(d.suffix, at);
        if (f < 0) return null;
        if (f === at) return [start, end];
      }
    }
    if (!d.suffix) return [start, startEnd];
    const at = skipSpace(startEnd);
    const f = find(d.suffix, at);
    if (f < 0) return null;
    if (f === at) return [start, startEnd];
  }
  return null;
}
