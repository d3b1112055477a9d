/**
 * Test support for anchoring on changed pages: where each character of an old text went in the new
 * text (a diff that re-synchronises on 16-character runs), and how a re-anchored highlight compares
 * with where its words really are now.
 */
import type { AnchorResult } from '@/lib/anchoring/anchor';

/** For each index of `a`: its index in `b`, or -1 when that character was changed or deleted. */
export function align(a: string, b: string): Int32Array {
  // A longest common subsequence of words, then characters of matched words map one to one.
  // Words; in scripts written without spaces (Han, kana), each character is a word.
  const words =
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
  const wa = [...a.matchAll(words)];
  const wb = [...b.matchAll(words)];
  const n = wa.length;
  const m = wb.length;
  const width = m + 1;
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        wa[i]?.[0] === wb[j]?.[0]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  const map = new Int32Array(a.length).fill(-1);
  let i = 0;
  let j = 0;
  let previous: [number, number] | null = null;
  while (i < n && j < m) {
    const x = wa[i] as RegExpMatchArray;
    const y = wb[j] as RegExpMatchArray;
    if (x[0] === y[0]) {
      const xs = x.index as number;
      const ys = y.index as number;
      for (let k = 0; k < x[0].length; k++) map[xs + k] = ys + k;
      // What lies between two words that follow each other on both sides maps too.
      if (previous && previous[0] === i - 1 && previous[1] === j - 1) {
        const pa = (wa[i - 1]?.index as number) + (wa[i - 1]?.[0].length as number);
        const pb = (wb[j - 1]?.index as number) + (wb[j - 1]?.[0].length as number);
        if (xs - pa === ys - pb) for (let k = 0; k < xs - pa; k++) map[pa + k] = pb + k;
      }
      previous = [i, j];
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
    else j++;
  }
  return map;
}

/** What happened to a highlight [s, e) of the old text, judged against the new text. */
export type Outcome = 'exact' | 'edited-landed' | 'orphan' | 'misplaced';

/** The quote and its context as described on the old text. */
export interface Described {
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * Classifies one anchoring result. `edited` highlights may land on their edited words or be
 * orphans. A place that holds the quote with exactly the described context is the passage too (a
 * duplicated paragraph gives two such places; the diff picks one of them arbitrarily).
 */
export function classify(
  map: Int32Array,
  s: number,
  e: number,
  result: AnchorResult,
  after: string,
  described: Described,
): { outcome: Outcome; edited: boolean } {
  const mapped = Array.from(map.subarray(s, e));
  const edited = mapped.some((m) => m === -1);
  if (result.status === 'orphan') return { outcome: 'orphan', edited };
  const first = mapped.find((m) => m !== -1);
  const last = [...mapped].reverse().find((m) => m !== -1);
  if (first === undefined || last === undefined) return { outcome: 'misplaced', edited };
  const startOk = Math.abs(result.start - first) <= 2;
  const endOk = Math.abs(result.end - (last + 1)) <= 2;
  const perfectCopy =
    result.parts.length === 1 &&
    after.slice(result.start, result.end) === described.exact &&
    after.slice(result.start - described.prefix.length, result.start) === described.prefix &&
    after.startsWith(described.suffix, result.end);
  if (!edited) {
    if (perfectCopy) return { outcome: 'exact', edited };
    // The quote, unchanged, at another copy of its passage (a duplicated paragraph) whose context
    // matches the described context at least as well as the copy the diff picked.
    if (result.parts.length === 1 && after.slice(result.start, result.end) === described.exact) {
      const contextDistance = (at: number, end: number) =>
        distance(after.slice(Math.max(0, at - described.prefix.length), at), described.prefix) +
        distance(after.slice(end, end + described.suffix.length), described.suffix);
      if (contextDistance(result.start, result.end) <= contextDistance(first, last + 1))
        return { outcome: 'exact', edited };
    }
    // Every word is still there, perhaps split by an insertion: the result must cover both ends,
    // and its parts must not take in more than the quote plus what was inserted.
    return { outcome: startOk && endOk ? 'exact' : 'misplaced', edited };
  }
  const overlaps = result.start < last + 1 && first < result.end;
  return { outcome: overlaps && (startOk || endOk) ? 'edited-landed' : 'misplaced', edited };
}

/** Levenshtein distance between two short strings. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] as number;
}

/** Tally of outcomes. */
export function tally(outcomes: Outcome[]): Record<Outcome, number> {
  const t: Record<Outcome, number> = { exact: 0, 'edited-landed': 0, orphan: 0, misplaced: 0 };
  for (const o of outcomes) t[o]++;
  return t;
}
