/**
 * Selectors back into a place in the text view (./describe.ts turns a place into selectors).
 *
 * Anchoring goes in tiers and never guesses:
 * 1. the quote where the position says, or the one exact occurrence whose context clearly agrees
 *    best (a stale position only breaks ties when one place is exactly where it was);
 * 2. the quote split in two by something inserted into it since (an ad block): both parts, and
 *    only the quote's own words;
 * 3. an approximate match (bounded edit distance, Myers' algorithm) scored on the quote, its
 *    context and its position; below the confidence threshold it is *not* used, but offered.
 * Several equally good places make a quote ambiguous: it becomes an orphan, never a guess.
 */
import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from '../schema';
import { CONTEXT } from './describe';
import type { TextIndex } from './text-index';

/** Fuzzy matches scoring below this are offered for review instead of painted. */
export const FUZZY_THRESHOLD = 0.8;

/** The two selectors of a highlight, in the order W3C targets list them. */
export type Selectors = [TextQuoteSelector, TextPositionSelector];

/** A place in the text view: its extent and the parts that hold the quote's own words. */
export interface Span {
  start: number;
  end: number;
  /** Usually one part; two when a block inserted since splits the quote. */
  parts: [number, number][];
}

/** Where a highlight landed, or why it did not (with the best candidate, when there was one). */
export type AnchorResult =
  | ({ status: 'anchored'; method: 'position' | 'quote' | 'split' | 'fuzzy'; score: number } & Span)
  | { status: 'orphan'; reason: 'not-found' | 'ambiguous' | 'low-confidence'; candidate?: Span & { score: number } };

/** Edit-distance similarity of two short strings, 0..1 (1: equal). Inputs are capped at 64. */
export function similarity(a: string, b: string): number {
  const x = a.slice(0, 64);
  const y = b.slice(0, 64);
  if (x === y) return 1;
  if (!x.length || !y.length) return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = row;
  }
  return 1 - (prev[y.length] as number) / Math.max(x.length, y.length);
}

/** How well the text around [start, end) agrees with the stored context, 0..1. */
function contextScore(t: string, start: number, end: number, prefix: string, suffix: string): number {
  // Compare the context nearest the quote: that is what a small edit elsewhere leaves alone.
  const p = prefix.slice(-CONTEXT);
  const s = suffix.slice(0, CONTEXT);
  const scores: number[] = [];
  if (p && t.slice(Math.max(0, start - p.length), start) === p && t.startsWith(s, end)) return 1;
  if (p)
    scores.push(
      similarity([...t.slice(Math.max(0, start - p.length), start)].reverse().join(''), [...p].reverse().join('')),
    );
  if (s) scores.push(similarity(t.slice(end, end + s.length), s));
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 1;
}

const single = (start: number, end: number): Span => ({ start, end, parts: [[start, end]] });

/** Candidates within this much context score of the best are indistinguishable by context. */
const TIE = 0.1;

function pickExact(t: string, exact: string, prefix: string, suffix: string, position: number): AnchorResult | null {
  const found: { at: number; ctx: number }[] = [];
  for (let at = t.indexOf(exact); at !== -1 && found.length < 1000; at = t.indexOf(exact, at + 1)) {
    found.push({ at, ctx: contextScore(t, at, at + exact.length, prefix, suffix) });
  }
  if (found.length === 0) return null;
  const anchored = (at: number, score: number): AnchorResult => ({
    status: 'anchored',
    method: at === position ? 'position' : 'quote',
    score,
    ...single(at, at + exact.length),
  });
  const only = found[0];
  if (found.length === 1 && only) return anchored(only.at, only.ctx);
  const best = Math.max(...found.map((f) => f.ctx));
  const contenders = found.filter((f) => f.ctx >= best - TIE);
  const first = contenders[0];
  if (contenders.length === 1 && first) return anchored(first.at, first.ctx);
  const inPlace = contenders.find((f) => f.at === position);
  if (inPlace) return anchored(inPlace.at, inPlace.ctx);
  return { status: 'orphan', reason: 'ambiguous' };
}

/** Largest gap (inserted text) a split quote may have. */
const MAX_INSERT = 5000;

/**
 * The quote with one block inserted inside it since (an ad): found from either end. From each
 * place its first characters occur, the quote runs on until the insertion; the rest of it must then
 * follow within MAX_INSERT characters. Likewise backwards from its last characters.
 */
function pickSplit(t: string, exact: string, prefix: string, suffix: string): AnchorResult | null {
  if (exact.length < 20) return null;
  const h = Math.min(24, Math.floor(exact.length / 3));
  const found = new Map<string, Span & { ctx: number }>();
  const add = (hs: number, headEnd: number, rs: number, re: number) => {
    const key = `${hs}:${re}`;
    if (found.has(key) || found.size >= 50) return;
    found.set(key, {
      start: hs,
      end: re,
      parts: [
        [hs, headEnd],
        [rs, re],
      ],
      ctx: contextScore(t, hs, re, prefix, suffix),
    });
  };
  for (let hs = t.indexOf(exact.slice(0, h)); hs !== -1 && found.size < 50; hs = t.indexOf(exact.slice(0, h), hs + 1)) {
    let l = h;
    while (l < exact.length && t[hs + l] === exact[l]) l++;
    const rest = exact.slice(l).trimStart();
    if (!rest) continue;
    const rs = t.indexOf(rest, hs + l + 1);
    if (rs !== -1 && rs - (hs + l) <= MAX_INSERT) add(hs, trimmedEnd(t, hs, hs + l), rs, rs + rest.length);
  }
  const tail = exact.slice(-h);
  for (let ts = t.indexOf(tail); ts !== -1 && found.size < 50; ts = t.indexOf(tail, ts + 1)) {
    const te = ts + h;
    let r = h;
    while (r < exact.length && t[te - 1 - r] === exact[exact.length - 1 - r]) r++;
    const head = exact.slice(0, exact.length - r).trimEnd();
    if (!head) continue;
    const from = te - r;
    const hs = t.lastIndexOf(head, from - head.length - 1);
    let rs = from;
    while (rs < te && t.charCodeAt(rs) === 0x20) rs++;
    if (hs !== -1 && from - (hs + head.length) <= MAX_INSERT) add(hs, hs + head.length, rs, te);
  }
  if (found.size === 0) return null;
  const list = [...found.values()];
  const best = Math.max(...list.map((f) => f.ctx));
  const contenders = list.filter((f) => f.ctx >= best - TIE);
  const [winner] = contenders;
  if (contenders.length !== 1 || !winner) return { status: 'orphan', reason: 'ambiguous' };
  return {
    status: 'anchored',
    method: 'split',
    score: winner.ctx,
    start: winner.start,
    end: winner.end,
    parts: winner.parts,
  };
}

/** Moves an end back over trailing spaces, so a part never ends on the space before the insert. */
function trimmedEnd(t: string, start: number, end: number): number {
  let e = end;
  while (e > start && t.charCodeAt(e - 1) === 0x20) e--;
  return e;
}

function pickFuzzy(t: string, exact: string, prefix: string, suffix: string, position: number): AnchorResult {
  const maxErrors = Math.min(256, Math.max(1, Math.floor(exact.length * 0.25)));
  const matches = search(t, exact, maxErrors);
  if (matches.length === 0) return { status: 'orphan', reason: 'not-found' };
  const scored = matches.slice(0, 500).map((m) => {
    const quote = 1 - m.errors / exact.length;
    const ctx = contextScore(t, m.start, m.end, prefix, suffix);
    const pos = 1 - Math.min(1, Math.abs(m.start - position) / Math.max(1, t.length));
    // The quote itself matters most; context tells look-alikes apart; position breaks near-ties.
    return { ...single(m.start, m.end), quote, ctx, score: 0.55 * quote + 0.4 * ctx + 0.05 * pos };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best] = scored;
  if (!best) return { status: 'orphan', reason: 'not-found' };
  const candidate = { start: best.start, end: best.end, parts: best.parts, score: best.score };
  // The same place matched with other ends is no rival; another place nearly as good is.
  const rival = scored.find((m) => !overlaps(m, best));
  const distinct = !rival || rival.score < best.score - 0.05;
  // A weak quote match, weak context, or a rival nearly as good: shown to the user, not painted.
  if (!distinct) return { status: 'orphan', reason: 'ambiguous', candidate };
  if (best.score < FUZZY_THRESHOLD || best.quote < 0.75 || best.ctx < 0.5) {
    return { status: 'orphan', reason: 'low-confidence', candidate };
  }
  return {
    status: 'anchored',
    method: 'fuzzy',
    score: best.score,
    start: best.start,
    end: best.end,
    parts: best.parts,
  };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Finds the selectors' place in the text view (see the module doc for the tiers). */
export function anchorSelectors(index: TextIndex, [quote, position]: Selectors): AnchorResult {
  return anchor(index, quote, position.start);
}

/**
 * Anchors a bare quote (its text and context, no position): a quote taken from another text of the
 * same article (the reader view ↔ the page), whose offsets mean nothing here.
 */
export function anchorQuote(index: TextIndex, quote: TextQuoteSelector): AnchorResult {
  return anchor(index, quote, -1);
}

/**
 * Whether the stored quote stands at `at` in `t` as stored, with the context nearest it intact: the
 * evidence anchoring's first tier takes (and a stored hint must give, lib/anchoring/hint.ts).
 */
export function quoteStandsAt(t: string, quote: TextQuoteSelector, at: number): boolean {
  const raw = quote.exact;
  return (
    at >= 0 &&
    raw.length > 0 &&
    raw.charCodeAt(0) !== 0x20 &&
    raw.charCodeAt(raw.length - 1) !== 0x20 &&
    t.startsWith(raw, at) &&
    contextScore(t, at, at + raw.length, quote.prefix, quote.suffix) === 1
  );
}

/** Anchors a quote, starting at `at` when it is a position in this text (-1: none). */
function anchor(index: TextIndex, quote: TextQuoteSelector, at: number): AnchorResult {
  const t = index.text;
  // The common case, a page unchanged around the highlight: the quote where the position says,
  // with its context intact. Context was made unique when described, so no scan is needed. Stored
  // selectors are already in the view's form, so this needs no normalising: text in another form
  // (NFD, line breaks) simply fails it and is normalised below.
  if (quoteStandsAt(t, quote, at)) {
    return { status: 'anchored', method: 'position', score: 1, ...single(at, at + quote.exact.length) };
  }
  const exact = quote.exact.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!exact) return { status: 'orphan', reason: 'not-found' };
  const prefix = quote.prefix.normalize('NFC').replace(/\s+/g, ' ');
  const suffix = quote.suffix.normalize('NFC').replace(/\s+/g, ' ');
  if (at >= 0 && t.startsWith(exact, at) && contextScore(t, at, at + exact.length, prefix, suffix) === 1) {
    return { status: 'anchored', method: 'position', score: 1, ...single(at, at + exact.length) };
  }
  return (
    pickExact(t, exact, prefix, suffix, at) ??
    pickSplit(t, exact, prefix, suffix) ??
    pickFuzzy(t, exact, prefix, suffix, at)
  );
}

/**
 * How an anchored highlight's text differs from its stored quote: split by inserted content, edited
 * (an approximate match whose text is not the quote's, once both are normalised), or not at all. The
 * page side marks every highlight this names: none lands on changed text silently.
 */
export function changeOf(found: AnchorResult, text: string, stored: string): 'edited' | 'split' | undefined {
  if (found.status !== 'anchored') return undefined;
  if (found.method === 'split') return 'split';
  if (found.method !== 'fuzzy') return undefined;
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return norm(text.slice(found.start, found.end)) === norm(stored) ? undefined : 'edited';
}
