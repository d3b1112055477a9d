/**
 * A Hypothesis-style quote matcher for the benchmark, written after the approach of
 * hypothesis/client's `src/annotator/anchoring/match-quote.ts`: an exact-match fast path, else
 * approximate search with approx-string-match (up to quote.length / 2 errors, at most 256), every
 * candidate scored on the quote, the prefix, the suffix and the distance from the position hint.
 * Works on the page's `textContent`, as Hypothesis does.
 */
import search from 'approx-string-match';

export interface Match {
  start: number;
  end: number;
  score: number;
}

function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = search(text, str, str.length);
  return 1 - (matches[0]?.errors ?? str.length) / str.length;
}

/** The best match of `quote` in `text`, or null. */
export function matchQuote(
  text: string,
  quote: string,
  context: { prefix?: string; suffix?: string; hint?: number } = {},
): Match | null {
  if (!quote) return null;
  let matches: { start: number; end: number; errors: number }[] = [];
  // Fast path: exact occurrences.
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    matches.push({ start: at, end: at + quote.length, errors: 0 });
  }
  if (matches.length === 0) {
    const maxErrors = Math.min(256, Math.floor(quote.length / 2));
    matches = search(text, quote, maxErrors);
  }
  if (matches.length === 0) return null;
  const score = (m: { start: number; end: number; errors: number }) => {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScore(context.prefix, text.slice(Math.max(0, m.start - context.prefix.length), m.start))
      : 1;
    const suffixScore = context.suffix
      ? textMatchScore(context.suffix, text.slice(m.end, m.end + context.suffix.length))
      : 1;
    const posScore = context.hint === undefined ? 1 : 1 - Math.abs(m.start - context.hint) / text.length;
    return (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
  };
  let best: Match | null = null;
  for (const m of matches) {
    const s = score(m);
    if (!best || s > best.score) best = { start: m.start, end: m.end, score: s };
  }
  return best;
}
