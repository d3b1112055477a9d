/**
 * Runs inside a real page (bundled by the benchmark and added with a script tag): builds the text
 * index, describes random highlights, then re-anchors and paints them all as a reload would.
 */
import { anchorSelectors, type Selectors } from '@/lib/anchoring/anchor';
import { describeSpan } from '@/lib/anchoring/describe';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { rangeOf } from '@/lib/anchoring/text-ranges';
import { Painter } from '@/lib/highlighting/painter';
import { randomSpans } from '../support/spans';
import { type Bounds, textNodes } from './paint-floor';
import { bareWalk, elementWalk } from './walk-floors';

/** One measurement: milliseconds, and how many highlights landed exactly where they were made. */
export interface InPageResult {
  indexMs: number;
  /**
   * The floor of the index: one TreeWalker over the page's text nodes, each node's text read and
   * joined, nothing normalised or skipped (the index also visits elements, folds and maps).
   */
  bareWalkMs: number;
  /** The bare walk seeing elements too (their names read): what finding block boundaries adds. */
  elementWalkMs: number;
  anchorMs: number;
  paintMs: number;
  /** Of the paint: finding the 200 spans' DOM boundaries and making their live Ranges. */
  rangesMs: number;
  /**
   * The floor of that part: 200 live Ranges made from boundaries already known (createRange,
   * setStart, setEnd and nothing else), the same nodes and offsets, in the same page.
   */
  bareRangesMs: number;
  /** The same paint again, its code warm (the first paint on a page runs it cold). */
  warmPaintMs: number;
  /**
   * Each painted Range's boundaries, as the index of its text node among the body's text nodes (a
   * TreeWalker's order) and the offset in it: what `paintFloor` (tests/bench/paint-floor.ts) makes
   * again on a fresh page.
   */
  bounds: Bounds[];
  clearMs: number;
  layoutMs: number;
  exact: number;
  wrong: number;
  none: number;
}

function run(count: number, seed: number): InPageResult {
  const made = buildTextIndex(document.body);
  const spans = randomSpans(made, count, seed);
  const selectors = spans.map(([s, e]) => describeSpan(made, s, e) as Selectors);
  // A reload: one fresh index, every highlight anchored against it.
  const t0 = performance.now();
  const index = buildTextIndex(document.body);
  const t1 = performance.now();
  const results = selectors.map((s) => anchorSelectors(index, s));
  const t2 = performance.now();
  let exact = 0;
  let wrong = 0;
  let none = 0;
  results.forEach((r, i) => {
    const [s, e] = spans[i] as [number, number];
    if (r.status === 'orphan') none++;
    else if (r.start === s && r.end === e) exact++;
    else wrong++;
  });
  const painter = new Painter(document);
  const t3 = performance.now();
  const items = results.flatMap((r, i) =>
    r.status === 'anchored'
      ? [{ id: `h${i}`, ranges: r.parts.map(([a, b]) => rangeOf(index, a, b)), slot: i % 7 }]
      : [],
  );
  const tRanges = performance.now();
  painter.addAll(items);
  const t4 = performance.now();
  painter.clear();
  const t5 = performance.now();
  void document.body.offsetHeight;
  const t6 = performance.now();
  // The same boundaries, known: only the Ranges made.
  const bounds = items.flatMap((item) =>
    item.ranges.map((r) => [r.startContainer, r.startOffset, r.endContainer, r.endOffset] as const),
  );
  const tb = performance.now();
  for (const [sn, so, en, eo] of bounds) {
    const range = document.createRange();
    range.setStart(sn, so);
    range.setEnd(en, eo);
  }
  const bareRangesMs = performance.now() - tb;
  const w0 = performance.now();
  painter.addAll(
    results.flatMap((r, i) =>
      r.status === 'anchored'
        ? [{ id: `h${i}`, ranges: r.parts.map(([a, b]) => rangeOf(index, a, b)), slot: i % 7 }]
        : [],
    ),
  );
  const warmPaintMs = performance.now() - w0;
  painter.clear();
  // The index's floors (./walk-floors.ts), once each, after the paints: made between anchoring and
  // painting, their 1 MB of strings and arrays brought the page's garbage collections into the
  // paint, where a reload has nothing between the two.
  const tw = performance.now();
  bareWalk();
  const bareWalkMs = performance.now() - tw;
  const te = performance.now();
  elementWalk();
  const elementWalkMs = performance.now() - te;
  const order = new Map(textNodes().map((n, i) => [n, i]));
  const at = (n: Node) => order.get(n as Text) ?? -1;
  return {
    indexMs: t1 - t0,
    bareWalkMs,
    elementWalkMs,
    anchorMs: t2 - t0,
    paintMs: t4 - t3,
    rangesMs: tRanges - t3,
    bareRangesMs,
    warmPaintMs,
    clearMs: t5 - t4,
    layoutMs: t6 - t5,
    exact,
    wrong,
    none,
    bounds: bounds.map(([sn, so, en, eo]): Bounds => [at(sn), so, at(en), eo]),
  };
}

Object.assign(globalThis, { __marginaliaBench: run });
