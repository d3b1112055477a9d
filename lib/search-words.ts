/**
 * Where words start in the library search's folded text (lib/search.ts), listed by their first three
 * code units, so a query word of three or more is checked only where a word starts with the same
 * three; and which code units are letters or digits, which decides where a word starts.
 */

/** A letter or digit. */
export const WORD_CHAR = /[\p{L}\p{N}]/u;
/** A script written without spaces between words: a query word matches anywhere in it. */
export const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * For every UTF-16 code unit once met: 1 when it is a letter or digit of a script written with
 * spaces, so a match right after it does not start a word (`startsWord` for a query word starting
 * with such a letter); 2 when not; 0 not met yet. Filled as units are met (a library's text uses a
 * few hundred): made up front for all 65,536 with two Unicode patterns, it was nearly all of the
 * 66 ms that listing the first rows' word starts took in a CPU profile of the library's first render.
 */
const UNITS = new Uint8Array(65536);

/**
 * The class of `unit` in {@link UNITS}, worked out the first time it is met: ASCII (nearly all of a
 * folded Vietnamese or English library) without the Unicode patterns, whose first use compiles them.
 */
function classify(unit: number): number {
  let known: number;
  if (unit < 0x80)
    known = (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x30 && unit <= 0x39) ? 1 : 2;
  else {
    const ch = String.fromCharCode(unit);
    known = WORD_CHAR.test(ch) && !UNSPACED.test(ch) ? 1 : 2;
  }
  UNITS[unit] = known;
  return known;
}

/** True when a match right after `unit` does not start a word. */
export function blocks(unit: number): boolean {
  return (UNITS[unit] || classify(unit)) === 1;
}

/** Buckets of word starts, by a hash of their first three code units. */
const BUCKET_BITS = 16;

/** The bucket of the three code units at `at` of `text`. */
export function bucketOf(text: string, at: number): number {
  const h =
    Math.imul(text.charCodeAt(at), 0x9e3779b1) ^
    Math.imul(text.charCodeAt(at + 1), 0x85ebca77) ^
    Math.imul(text.charCodeAt(at + 2), 0xc2b2ae3d);
  return h >>> (32 - BUCKET_BITS);
}

/**
 * Where words start in `text`, by their first three code units: `positions` from `first[b]` to
 * `first[b + 1]` are the starts in bucket b, in text order. Only words starting with a letter or
 * digit of a script written with spaces are listed: the only query words looked up here.
 */
export interface WordStarts {
  first: Int32Array;
  positions: Int32Array;
}

/** Code units handled between two looks at the clock while word starts are listed. */
const LIST_CHECK = 1 << 16;

/** Lists the word starts of `text` (two passes: count each bucket, then fill), yielding when told. */
export function* listWordStarts(text: string, yieldNow: () => boolean): Generator<void, WordStarts, void> {
  const first = new Int32Array((1 << BUCKET_BITS) + 1);
  const end = text.length - 2;
  // Pass 1: how many starts each bucket has (the text's first unit starts a word).
  let before = false;
  for (let at = 0; at < end; at++) {
    const code = text.charCodeAt(at);
    const blocking = (UNITS[code] || classify(code)) === 1;
    if (blocking && !before) (first[bucketOf(text, at) + 1] as number)++;
    before = blocking;
    if ((at & (LIST_CHECK - 1)) === LIST_CHECK - 1 && yieldNow()) yield;
  }
  for (let b = 1; b < first.length; b++) first[b] = (first[b] as number) + (first[b - 1] as number);
  // Pass 2: the starts, each at its bucket's next free place.
  const next = first.slice(0, -1);
  const positions = new Int32Array(first[first.length - 1] as number);
  before = false;
  for (let at = 0; at < end; at++) {
    const code = text.charCodeAt(at);
    const blocking = (UNITS[code] || classify(code)) === 1;
    if (blocking && !before) {
      const b = bucketOf(text, at);
      positions[next[b] as number] = at;
      next[b] = (next[b] as number) + 1;
    }
    before = blocking;
    if ((at & (LIST_CHECK - 1)) === LIST_CHECK - 1 && yieldNow()) yield;
  }
  return { first, positions };
}
