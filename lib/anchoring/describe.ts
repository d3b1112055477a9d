/**
 * Turning a place in the text view (a span of it, or a user's selection) into W3C selectors: the
 * exact quote with as much context on each side as makes it unique, and its position. Anchoring
 * them back is ./anchor.ts.
 */
import type { Selectors } from './anchor';
import type { TextIndex } from './text-index';
import { offsetOf, trimSpan } from './text-ranges';

/** Characters of context kept on each side of the quote, at least. */
export const CONTEXT = 32;
/** Context grows up to this while the quote and its context still occur twice. */
export const MAX_CONTEXT = 256;

/** Selectors for [start, end) of the text view; null when the span holds no text. */
export function describeSpan(index: TextIndex, start: number, end: number): Selectors | null {
  const [s, e] = trimSpan(index, start, end);
  if (s >= e) return null;
  const t = index.text;
  const exact = t.slice(s, e);
  // Grow the context until quote and context together occur once (or the limit is reached).
  let n = CONTEXT;
  while (n < MAX_CONTEXT && occursElsewhere(t, exact, s, n)) n *= 2;
  return [
    { type: 'TextQuoteSelector', exact, prefix: t.slice(Math.max(0, s - n), s), suffix: t.slice(e, e + n) },
    { type: 'TextPositionSelector', start: s, end: e },
  ];
}

/** True when `exact` occurs somewhere other than at `at` with the same `n` characters around it. */
function occursElsewhere(t: string, exact: string, at: number, n: number): boolean {
  const before = t.slice(Math.max(0, at - n), at);
  const after = t.slice(at + exact.length, at + exact.length + n);
  for (let i = t.indexOf(exact); i !== -1; i = t.indexOf(exact, i + 1)) {
    if (i !== at && t.slice(Math.max(0, i - n), i) === before && t.startsWith(after, i + exact.length)) return true;
  }
  return false;
}

/** Selectors for a DOM range (a user's selection); null when it covers no indexed text. */
export function describeRange(index: TextIndex, range: Range): Selectors | null {
  const start = offsetOf(index, range.startContainer, range.startOffset, 'start');
  const end = offsetOf(index, range.endContainer, range.endOffset, 'end');
  return describeSpan(index, start, end);
}
