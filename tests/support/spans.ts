/** Seeded random spans of a text view, for anchoring tests. */
import { describeSpan } from '@/lib/anchoring/describe';
import type { TextIndex } from '@/lib/anchoring/text-index';
import { seededRandom } from './random';

/** `count` spans of 10–300 characters that start and end on text, seeded (same seed, same spans). */
export function randomSpans(index: TextIndex, count: number, seed: number): [number, number][] {
  const rand = seededRandom(seed);
  const spans: [number, number][] = [];
  const n = index.text.length;
  if (n < 10) return spans;
  while (spans.length < count) {
    const len = Math.min(n, 10 + Math.floor(rand() * 291));
    const start = Math.floor(rand() * Math.max(1, n - len));
    const s = describeSpan(index, start, start + len);
    if (s) spans.push([s[1].start, s[1].end]);
  }
  return spans;
}
