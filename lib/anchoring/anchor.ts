/**
 * Turning a selection into W3C selectors and selectors back into a place in the text view.
 *
 * Anchoring goes in tiers and never guesses: the stored position when the quote is still there;
 * else the one exact occurrence of the quote whose context agrees best, when it is clearly the best;
 * else nothing (an orphan the user is shown). A quote found twice with equally good context is
 * ambiguous, and position only decides between places that are otherwise equal.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../schema';
import { offsetOf, rangeOf, type TextIndex, trimSpan } from './text-index';

/** Characters of context kept on each side of the quote. */
export const CONTEXT = 32;

/** The two selectors of a highlight, in the order W3C targets list them. */
export type Selectors = [TextQuoteSelector, TextPositionSelector];

/** Where a highlight landed, or why it did not. */
export type AnchorResult =
  | { status: 'anchored'; start: number; end: number; method: 'position' | 'quote' }
  | { status: 'orphan'; reason: 'not-found' | 'ambiguous' };

/** Selectors for [start, end) of the text view; null when the span holds no text. */
export function describeSpan(index: TextIndex, start: number, end: number): Selectors | null {
  const [s, e] = trimSpan(index, start, end);
  if (s >= e) return null;
  const t = index.text;
  return [
    {
      type: 'TextQuoteSelector',
      exact: t.slice(s, e),
      prefix: t.slice(Math.max(0, s - CONTEXT), s),
      suffix: t.slice(e, e + CONTEXT),
    },
    { type: 'TextPositionSelector', start: s, end: e },
  ];
}

/** Selectors for a DOM range (a user's selection); null when it covers no indexed text. */
export function describeRange(index: TextIndex, range: Range): Selectors | null {
  const start = offsetOf(index, range.startContainer, range.startOffset, 'start');
  const end = offsetOf(index, range.endContainer, range.endOffset, 'end');
  return describeSpan(index, start, end);
}

/** How many characters of `a`'s end equal `b`'s end. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** How many characters of `a`'s start equal `b`'s start. */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Finds the selectors' place in the text view (see the module doc for the tiers). */
export function anchorSelectors(index: TextIndex, [quote, position]: Selectors): AnchorResult {
  const t = index.text;
  const exact = quote.exact.normalize('NFC');
  const { start, end } = position;
  if (end - start === exact.length && t.startsWith(exact, start)) {
    return { status: 'anchored', start, end, method: 'position' };
  }
  const prefix = quote.prefix.normalize('NFC');
  const suffix = quote.suffix.normalize('NFC');
  let best = -1;
  let bestScore = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (let at = t.indexOf(exact); at !== -1; at = t.indexOf(exact, at + 1)) {
    const before = t.slice(Math.max(0, at - prefix.length), at);
    const after = t.slice(at + exact.length, at + exact.length + suffix.length);
    const score = commonSuffix(before, prefix) + commonPrefix(after, suffix);
    const distance = Math.abs(at - start);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      tied = score === bestScore && best !== -1 && distance === bestDistance;
      best = at;
      bestScore = score;
      bestDistance = distance;
    } else if (score === bestScore && distance === bestDistance) {
      tied = true;
    }
  }
  if (best === -1) return { status: 'orphan', reason: 'not-found' };
  // Two places whose context agrees equally well and that are equally far from where the
  // highlight was: nothing tells them apart, so neither is chosen.
  if (tied) return { status: 'orphan', reason: 'ambiguous' };
  return { status: 'anchored', start: best, end: best + exact.length, method: 'quote' };
}

/** Anchors selectors and returns the DOM Range, or the orphan result. */
export function anchorToRange(index: TextIndex, selectors: Selectors): Range | AnchorResult {
  const result = anchorSelectors(index, selectors);
  return result.status === 'anchored' ? rangeOf(index, result.start, result.end) : result;
}
