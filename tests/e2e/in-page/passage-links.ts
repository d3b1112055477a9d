/**
 * Runs inside a real page (bundled by tests/e2e/passage-links.e2e.ts): makes random highlights as
 * the page side does (selectors, the paragraph kept as `block`), writes each one's passage link as
 * the Markdown export does, and follows it with text-fragments-polyfill (the WICG algorithm):
 * the link must find exactly its own passage.
 */
import {
  getFragmentDirectives,
  parseFragmentDirectives,
  processTextFragmentDirective,
} from 'text-fragments-polyfill/text-fragment-utils';
import { describeRange, describeSpan } from '@/lib/anchoring/anchor';
import { buildTextIndex, rangeOf } from '@/lib/anchoring/text-index';
import { passageLink } from '@/lib/export/text-fragment';
import { blockText } from '@/lib/page/block-text';
import { seededRandom } from '../../support/random';

export interface LinkResult {
  made: number;
  found: number;
  /** Links that matched nothing, or matched first somewhere else: the link and what was wanted. */
  failures: { link: string; exact: string; got: string | null; blocks: number }[];
}

const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, td, th, dd, dt, div, section, article';
/** How many blocks the range touches (1: within one paragraph). */
function blocksOf(range: Range): number {
  const a = (range.startContainer.parentElement as Element | null)?.closest(BLOCKS);
  const b = (range.endContainer.parentElement as Element | null)?.closest(BLOCKS);
  return a === b ? 1 : 2;
}

/** Word-aligned random spans of 2–25 words, as a reader selects (a drag or double click snaps to words). */
function wordSpans(text: string, count: number, seed: number): [number, number][] {
  const rand = seededRandom(seed);
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] !== ' ' && (i === 0 || text[i - 1] === ' ')) starts.push(i);
  const spans: [number, number][] = [];
  for (let tries = 0; spans.length < count && tries < count * 20 && starts.length > 30; tries++) {
    const w = Math.floor(rand() * (starts.length - 26));
    const n = 2 + Math.floor(rand() * 24);
    const s = starts[w] as number;
    const next = starts[w + n] as number;
    const e = next - 1;
    if (e > s) spans.push([s, e]);
  }
  return spans;
}

function run(url: string, count: number, seed: number): LinkResult {
  const index = buildTextIndex(document.body);
  const result: LinkResult = { made: 0, found: 0, failures: [] };
  for (const [s, e] of wordSpans(index.text, count, seed)) {
    const selectors = describeSpan(index, s, e);
    if (!selectors) continue;
    const range = rangeOf(index, s, e);
    const block = blockText(range, selectors[0].exact);
    const link = passageLink(url, selectors[0], (globalThis as { __noBlock?: boolean }).__noBlock ? null : block);
    const parsed = parseFragmentDirectives(getFragmentDirectives(new URL(link).hash)) as { text: unknown[] };
    const matches = processTextFragmentDirective(parsed.text[0], document) as Range[];
    result.made++;
    const first = matches[0];
    const where = first ? describeRange(index, first) : null;
    if (where && where[1].start === selectors[1].start && where[1].end === selectors[1].end) result.found++;
    else
      result.failures.push({
        link: link.slice(url.length),
        exact: selectors[0].exact,
        got: first ? first.toString() : null,
        blocks: blocksOf(range),
      });
  }
  return result;
}

(globalThis as unknown as { __passageLinks: typeof run }).__passageLinks = run;
